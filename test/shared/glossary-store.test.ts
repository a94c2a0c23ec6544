import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEffectiveEntries } from '../../src/shared/effective-glossary';
import { onGlossaryChange } from '../../src/shared/glossary-source';
import { loadGlossary } from '../../src/shared/glossary-store';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { KEYS, type ReaderDoc } from '../../src/shared/store-layout';
import { BUILTIN_PACKS } from '../../src/glossary/index';
import type { Entry } from '../../src/core/entry';
import { makeEntry, makePack } from './entries';
import { fake } from './fake';

beforeEach(() => {
  fake.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const builtinCount = BUILTIN_PACKS.reduce((n, p) => n + p.entries.length, 0);
const doc = (d: Partial<ReaderDoc>): ReaderDoc => ({ entries: [], overrides: [], ...d });

describe('loadGlossary', () => {
  it('gives the built-in glossary and revision 0 on a fresh install', async () => {
    const g = await loadGlossary(DEFAULT_SETTINGS);
    expect(g.revision).toBe(0);
    expect(g.entries).toHaveLength(builtinCount);
  });

  it("adds the reader's own entries and leaves out deleted ones", async () => {
    fake.storage.local.data.set(KEYS.reader, {
      entries: [
        { id: 'grave-worry', updatedAt: 5, entry: makeEntry('grave-worry') },
        { id: 'gone', updatedAt: 6 },
      ],
      overrides: [],
    });
    fake.storage.local.data.set(KEYS.revision, 7);
    const g = await loadGlossary(DEFAULT_SETTINGS);
    expect(g.revision).toBe(7);
    expect(g.entries.map((e) => e.id)).toContain('grave-worry');
    expect(g.entries.map((e) => e.id)).not.toContain('gone');
  });

  it('keeps the valid entries of a half-corrupt list and says so in the console', async () => {
    fake.storage.local.data.set(KEYS.reader, {
      entries: [
        { id: 'kept', updatedAt: 1, entry: makeEntry('kept') },
        { id: 'broken', updatedAt: 1, entry: { id: 'broken', patterns: 'not a list' } },
        'junk',
      ],
      overrides: 'junk',
    });
    const g = await loadGlossary(DEFAULT_SETTINGS);
    expect(g.entries.map((e) => e.id)).toContain('kept');
    expect(g.entries).toHaveLength(builtinCount + 1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/3 corrupt/));
  });

  it('gives the built-ins when storage cannot be read, without throwing', async () => {
    vi.spyOn(fake.storage.local, 'get').mockRejectedValue(new Error('IO error'));
    const g = await loadGlossary(DEFAULT_SETTINGS);
    expect(g.entries).toHaveLength(builtinCount);
  });

  it("leaves out the reader's entries in a switched-off category", async () => {
    fake.storage.local.data.set(KEYS.reader, {
      entries: [{ id: 'mine', updatedAt: 1, entry: makeEntry('mine') }],
    });
    const g = await loadGlossary({ ...DEFAULT_SETTINGS, disabledCategories: ['custom'] });
    expect(g.entries.map((e) => e.id)).not.toContain('mine');
  });
});

describe('buildEffectiveEntries', () => {
  const packs = [
    makePack('a', [makeEntry('one', { category: 'diplomatic' }), makeEntry('two')]),
    makePack('b', [makeEntry('three', { category: 'military' })]),
  ];
  const ids = (d: ReaderDoc, s = DEFAULT_SETTINGS) =>
    buildEffectiveEntries(packs, d, s).map((e) => e.id);

  it('drops switched-off packs and categories', () => {
    expect(ids(doc({}), { ...DEFAULT_SETTINGS, disabledPacks: ['a'] })).toEqual(['three']);
    expect(ids(doc({}), { ...DEFAULT_SETTINGS, disabledCategories: ['military'] })).toEqual([
      'one',
      'two',
    ]);
  });

  it('hides and re-words built-in entries as the reader asked', () => {
    const d = doc({
      overrides: [
        { id: 'one', updatedAt: 1, override: { hidden: true } },
        { id: 'two', updatedAt: 1, override: { meaning: 'my words' } },
        { id: 'three', updatedAt: 1 },
      ],
    });
    const out = buildEffectiveEntries(packs, d, DEFAULT_SETTINGS);
    expect(out.map((e) => e.id)).toEqual(['two', 'three']);
    expect(out[0]!.meaning).toBe('my words');
    expect(out[0]!.explanation).toBe('why two means that');
    expect(packs[0]!.entries[1]!.meaning).toBe('meaning of two');
  });

  it("lets the reader's entry win over a built-in entry with the same id", () => {
    const d = doc({
      entries: [{ id: 'two', updatedAt: 1, entry: makeEntry('two', { meaning: 'mine' }) }],
    });
    const out = buildEffectiveEntries(packs, d, DEFAULT_SETTINGS);
    expect(out.filter((e) => e.id === 'two').map((e) => e.meaning)).toEqual(['mine']);
  });
});

describe('ladders in the effective list', () => {
  it("links each rung, the reader's own included, to the next milder and stronger one", () => {
    const own = (e: Entry) => ({ id: e.id, updatedAt: 1, entry: e });
    const entries = [
      makeEntry('condemns', { ladder: { scale: 'un', step: 3 } }),
      makeEntry('concerned', { ladder: { scale: 'un', step: 1 } }),
      makeEntry('deplores', { ladder: { scale: 'un', step: 2 } }),
      makeEntry('alone', { ladder: { scale: 'other', step: 1 } }),
      makeEntry('plain'),
    ];
    const out = buildEffectiveEntries([], doc({ entries: entries.map(own) }), DEFAULT_SETTINGS);
    expect(out.map((e) => e.ladder)).toEqual([
      { scale: 'un', step: 3, below: 'deplores' },
      { scale: 'un', step: 1, above: 'deplores' },
      { scale: 'un', step: 2, below: 'concerned', above: 'condemns' },
      { scale: 'other', step: 1 },
      undefined,
    ]);
  });
});

describe('onGlossaryChange', () => {
  it('fires when the revision changes and not for other keys', async () => {
    const cb = vi.fn();
    const off = onGlossaryChange(cb);
    await fake.storage.local.set({ [KEYS.diagnostics]: true });
    expect(cb).not.toHaveBeenCalled();
    await fake.storage.local.set({ [KEYS.revision]: 1 });
    expect(cb).toHaveBeenCalledTimes(1);
    off();
    await fake.storage.local.set({ [KEYS.revision]: 2 });
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
