/** Small builders shared by the core tests. */
import type { Entry } from '../../src/core/entry';
import { compileGlossary } from '../../src/core/compile';
import { findMatches } from '../../src/core/matcher';

/** A valid entry with the given patterns; other fields get plain defaults. */
export function entry(id: string, patterns: string[], extra: Partial<Entry> = {}): Entry {
  return {
    id,
    patterns,
    meaning: `meaning of ${id}`,
    explanation: `Why ${id} means what it means.`,
    category: 'diplomatic',
    intensity: 3,
    lang: 'en',
    sources: [{ title: 'Test source', url: 'https://example.org/' }],
    examples: [],
    counterExamples: [],
    ...extra,
  };
}

/** Compile `entries` and list what they find in `text` as `matched text|entry id`. */
export function decode(entries: Entry[], text: string): string[] {
  const g = compileGlossary(entries);
  return findMatches(g, text).map((m) => `${text.slice(m.start, m.end)}|${m.entryId}`);
}

/** What a single pattern finds in `text`, as the matched substrings. */
export function find(pattern: string, text: string): string[] {
  return decode([entry('e', [pattern])], text).map((s) => s.slice(0, s.lastIndexOf('|')));
}
