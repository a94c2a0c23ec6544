import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../src/core/entry';
import { compileActiveGlossary } from '../../src/content/active-glossary';
import { compileGlossary, packGlossary } from '../../src/core/matcher';
import fakeBrowser from '../../src/shared/browser';
import type { FakeBrowser } from '../fakes/browser';

const fake = fakeBrowser as unknown as FakeBrowser;

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

describe('restoring the glossary the background compiled', () => {
  afterEach(() => fake.storage.local.data.delete('subtext:compiled'));

  it('restores it, without compiling, when it was compiled from this list', async () => {
    fake.storage.local.data.set('subtext:compiled', JSON.parse(JSON.stringify(packGlossary(compileGlossary(entries))))); // prettier-ignore
    const result = await compileActiveGlossary(entries);
    expect(result).toMatchObject({ completed: true, restored: true });
    expect(result.glossary!.match('so phrase number 13 here').map((m) => m.entryId)).toEqual(['e-13']); // prettier-ignore
  });

  it('waits for the background when nothing is stored yet (the browser just started), and restores', async () => {
    const background = (message: unknown) => {
      if ((message as { type?: string }).type !== 'glossary:compiled') return undefined;
      return new Promise((resolve) =>
        setTimeout(() => {
          fake.storage.local.data.set('subtext:compiled', JSON.parse(JSON.stringify(packGlossary(compileGlossary(entries))))); // prettier-ignore
          resolve({ ready: true });
        }, 20),
      );
    };
    fake.runtime.onMessage.addListener(background);
    try {
      const result = await compileActiveGlossary(entries);
      expect(result).toMatchObject({ completed: true, restored: true });
      expect(result.glossary!.match('so phrase number 21 here').map((m) => m.entryId)).toEqual(['e-21']); // prettier-ignore
    } finally {
      fake.runtime.onMessage.removeListener(background);
    }
  });

  it('compiles for itself when the stored one is of another list (a change not yet cached)', async () => {
    const older = entries.slice(0, 30);
    fake.storage.local.data.set('subtext:compiled', JSON.parse(JSON.stringify(packGlossary(compileGlossary(older))))); // prettier-ignore
    const result = await compileActiveGlossary(entries);
    expect(result).toMatchObject({ completed: true, restored: false });
    expect(result.glossary!.match('so phrase number 55 here').map((m) => m.entryId)).toEqual(['e-55']); // prettier-ignore
  });
});

describe('the page language', () => {
  const mixed = [
    entry('en-regret', ['deeply regrets']),
    { ...entry('fr-regret', ['regrette vivement']), lang: 'fr' } as Entry,
    { ...entry('any', ['plain words']), lang: undefined } as unknown as Entry,
  ];

  it('a page that declares French is decoded with French entries only', async () => {
    const { glossary } = await compileActiveGlossary(mixed, () => true, 'fr-CA');
    const found = (t: string) => glossary!.match(t).map((m) => m.entryId);
    expect(found('Le ministre regrette vivement la décision.')).toEqual(['fr-regret']);
    expect(found('The ministry deeply regrets it.')).toEqual([]);
  });

  it('a page that declares nothing gets every entry', async () => {
    const { glossary } = await compileActiveGlossary(mixed, () => true, '');
    expect(glossary!.match('It deeply regrets; il regrette vivement.').map((m) => m.entryId)).toEqual(['en-regret', 'fr-regret']); // prettier-ignore
  });
});
