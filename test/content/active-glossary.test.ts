import { describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../src/core/entry';
import { compileActiveGlossary } from '../../src/content/active-glossary';

function entry(id: string, patterns: string[]): Entry {
  return {
    id,
    patterns,
    meaning: 'm',
    explanation: 'e',
    category: 'conflict',
    intensity: 3,
    lang: 'en',
    sources: [{ title: 's', url: 'https://example.org' }],
    examples: [],
    counterExamples: [],
  } as unknown as Entry;
}

const entries = Array.from({ length: 60 }, (_, i) => entry(`e-${i}`, [`phrase number ${i} here`]));

describe('compiling the glossary in slices', () => {
  it('finds phrases once the sliced compile completes', async () => {
    const result = await compileActiveGlossary(entries);
    expect(result.completed).toBe(true);
    const found = result.glossary!.match('They said phrase number 42 here today.');
    expect(found.map((m) => m.entryId)).toEqual(['e-42']);
    expect(result.glossary!.entry('e-7')?.id).toBe('e-7');
  });

  it('gives the page a turn between slices instead of compiling in one task', async () => {
    const now = vi.spyOn(performance, 'now');
    let t = 0;
    // Every clock read advances 3 ms, so a slice holds only a few entries.
    now.mockImplementation(() => (t += 3));
    let pageTurns = 0;
    const timer = setInterval(() => pageTurns++, 0);
    try {
      const result = await compileActiveGlossary(entries);
      expect(result.completed).toBe(true);
      expect(pageTurns).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
      now.mockRestore();
    }
  });

  it('abandons the compile when it is no longer wanted', async () => {
    let asked = 0;
    const result = await compileActiveGlossary(entries, () => ++asked < 1);
    expect(result).toMatchObject({ glossary: null, completed: false });
  });

  it('leaves the page undecorated, with a warning, when the engine refuses the glossary', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await compileActiveGlossary([entry('bad', ['(unclosed'])]);
    expect(result.glossary).toBeNull();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
