// Test data: valid entries in the shape of src/core/entry.ts.
import type { Entry, Pack } from '../../src/core/entry';

export function makeEntry(id: string, fields: Partial<Entry> = {}): Entry {
  return {
    id,
    patterns: [id.replace(/-/g, ' ')],
    meaning: `meaning of ${id}`,
    explanation: `why ${id} means that`,
    category: 'custom',
    intensity: 2,
    lang: 'en',
    sources: [{ title: 'My notes' }],
    examples: [],
    counterExamples: [],
    ...fields,
  };
}

export function makePack(id: string, entries: Entry[]): Pack {
  return { id, version: 1, title: id, description: '', entries };
}

/** A reader's entry as the options form sends it (`entries:save`): the store fills in the rest. */
export const makeDraft = (phrase: string) => ({
  patterns: [phrase],
  meaning: `${phrase} means trouble`,
  explanation: 'Because.',
  category: 'custom' as const,
  intensity: 3 as const,
});
