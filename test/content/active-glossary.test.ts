import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../src/core/entry';
import { loadActiveGlossary } from '../../src/content/active-glossary';
import { compileGlossary, packGlossary } from '../../src/core/compile';
import type { PackedGlossary } from '../../src/core/matcher';
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
const SOURCE = '0.1.0|3||';
/** What the page computes from the list's revision (stored as 3 in these tests). */
const sourceOf = (revision: number) => `0.1.0|${revision}||`;

/** The background's compiled glossary of `list`, through JSON as storage.local keeps it. */
const packed = (list: readonly Entry[], source = SOURCE): PackedGlossary =>
  JSON.parse(JSON.stringify(packGlossary(compileGlossary(list), source))) as PackedGlossary;
const store = (p: PackedGlossary) => fake.storage.local.data.set('subtext:compiled', p);

/** Answers `glossary:compiled` as the background would, after `answer` ran; removed after the test. */
function background(answer: () => unknown) {
  const listener = (message: unknown) =>
    (message as { type?: string }).type === 'glossary:compiled'
      ? new Promise((resolve) => setTimeout(() => resolve(answer()), 20))
      : undefined;
  fake.runtime.onMessage.addListener(listener);
  return listener;
}

const found = (r: Awaited<ReturnType<typeof loadActiveGlossary>>, text: string) =>
  r.glossary!.match(text).map((m) => m.entryId);

let listeners: ((m: unknown) => unknown)[] = [];
beforeEach(() => fake.storage.local.data.set('subtext:revision', 3));
afterEach(() => {
  fake.storage.local.data.delete('subtext:compiled');
  fake.storage.local.data.delete('subtext:revision');
  for (const l of listeners) fake.runtime.onMessage.removeListener(l);
  listeners = [];
  vi.restoreAllMocks();
});

describe('restoring the glossary the background compiled', () => {
  it('restores the stored one made from this source, with its entries, and finds phrases', async () => {
    store(packed(entries));
    const result = await loadActiveGlossary(sourceOf);
    expect(result).toMatchObject({ completed: true, restored: true, entries: 60 });
    expect(found(result, 'They said phrase number 42 here today.')).toEqual(['e-42']);
    expect(result.glossary!.entry('e-7')).toMatchObject({ id: 'e-7', intensity: 3 });
  });

  it('gives the page a turn between slices instead of restoring in one task', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) => entry(`m-${i}`, [`word${i} and more${i} words`])); // prettier-ignore
    store(packed(many));
    const now = vi.spyOn(performance, 'now');
    let t = 0;
    // Every clock read advances 3 ms, so a slice holds one step.
    now.mockImplementation(() => (t += 3));
    let pageTurns = 0;
    const timer = setInterval(() => pageTurns++, 0);
    try {
      const result = await loadActiveGlossary(sourceOf);
      expect(result.completed).toBe(true);
      expect(found(result, 'so word2999 and more2999 words')).toEqual(['m-2999']);
      expect(pageTurns).toBeGreaterThan(1);
    } finally {
      clearInterval(timer);
    }
  });

  it('abandons the restore when it is no longer wanted', async () => {
    store(packed(entries));
    let asked = 0;
    const result = await loadActiveGlossary(sourceOf, () => ++asked < 2);
    expect(result).toMatchObject({ glossary: null, completed: false });
  });

  it('waits for the background when nothing is stored yet (the browser just started)', async () => {
    listeners.push(background(() => (store(packed(entries)), { ready: true })));
    const result = await loadActiveGlossary(sourceOf);
    expect(result).toMatchObject({ completed: true, restored: true });
    expect(found(result, 'so phrase number 21 here')).toEqual(['e-21']);
  });

  it('asks again when the stored one is of another list (a change not yet stored)', async () => {
    // Made at revision 2; the list is at revision 3.
    store(packed(entries.slice(0, 30), '0.1.0|2||'));
    listeners.push(background(() => (store(packed(entries)), { ready: true })));
    const result = await loadActiveGlossary(sourceOf);
    expect(found(result, 'so phrase number 55 here')).toEqual(['e-55']);
  });

  it('uses the one the background hands over when it could not store it (storage full)', async () => {
    listeners.push(background(() => ({ ready: false, packed: packed(entries) })));
    const result = await loadActiveGlossary(sourceOf);
    expect(result).toMatchObject({ completed: true, restored: true });
    expect(found(result, 'so phrase number 8 here')).toEqual(['e-8']);
    expect(fake.storage.local.data.has('subtext:compiled')).toBe(false);
  });

  it('leaves the page undecorated, with a warning, when there is no glossary to be had', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // No background listening (the extension is reloading): the message fails.
    expect(await loadActiveGlossary(sourceOf)).toMatchObject({ glossary: null, completed: true });
    expect(warn).toHaveBeenCalledTimes(1);
    // A stored copy that is damaged.
    store({ ...packed(entries), trie: { ...packed(entries).trie, data: 'not base64!' } });
    expect(await loadActiveGlossary(sourceOf)).toMatchObject({ glossary: null, completed: true });
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('the page language', () => {
  const mixed = [
    entry('en-regret', ['deeply regrets']),
    { ...entry('fr-regret', ['regrette vivement']), lang: 'fr' } as Entry,
    { ...entry('any', ['plain words']), lang: undefined } as unknown as Entry,
  ];

  it('a page that declares French is decoded with French entries only', async () => {
    store(packed(mixed));
    const result = await loadActiveGlossary(sourceOf, () => true, 'fr-CA');
    expect(found(result, 'Le ministre regrette vivement la décision.')).toEqual(['fr-regret']);
    expect(found(result, 'The ministry deeply regrets it.')).toEqual([]);
  });

  it('a page that declares nothing gets every entry', async () => {
    store(packed(mixed));
    const result = await loadActiveGlossary(sourceOf, () => true, '');
    expect(found(result, 'It deeply regrets; il regrette vivement.')).toEqual(['en-regret', 'fr-regret']); // prettier-ignore
  });
});
