/** Small glossary entries for the popup and options tests. */
import type { Category, Entry, Intensity } from '../../src/core/entry';

export function entry(
  id: string,
  patterns: string[],
  meaning: string,
  extra: { category?: Category; intensity?: Intensity; explanation?: string } = {},
): Entry {
  return {
    id,
    patterns,
    meaning,
    explanation: extra.explanation ?? '',
    category: extra.category ?? 'diplomatic',
    intensity: extra.intensity ?? 3,
    lang: 'en',
    sources: [{ title: 'test' }],
    examples: [],
    counterExamples: [],
  };
}

export const FRANK = entry('frank-exchange', ['[free and] frank exchange of views'], 'a row', {
  intensity: 3,
  explanation: 'Both sides disagreed openly.',
});
export const GRAVE = entry('grave-concern', ['grave concern'], 'we are about to act', {
  intensity: 5,
  category: 'un',
});
export const CORDIAL = entry('cordial', ['(cordial|friendly) talks'], 'cool and polite', {
  intensity: 1,
});
