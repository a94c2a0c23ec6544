import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACKS } from '../../src/glossary/index';
import { onGlossaryChange } from '../../src/shared/glossary-source';
import { loadGlossary } from '../../src/shared/glossary-store';
import { makeDraft, makeEntry } from '../shared/entries';
import { startBackground, type Background } from './start';

let bg: Background;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  bg = await startBackground();
});
afterEach(() => vi.restoreAllMocks());

const builtin = BUILTIN_PACKS.flatMap((p) => p.entries)[0];
const own = async () => (await bg.send('glossary:get', {})).entries;

describe('entries:save', () => {
  it('adds an entry with an id made from its phrase and the defaults filled in', async () => {
    expect(await bg.send('entries:save', { entry: makeDraft('Deep  Regret') })).toEqual({
      ok: true,
      id: 'deep-regret',
    });
    expect(await own()).toEqual([
      expect.objectContaining({ id: 'deep-regret', patterns: ['Deep Regret'], lang: 'en' }),
    ]);
  });

  it('bumps the revision so every open tab re-reads the list', async () => {
    const fired = vi.fn();
    onGlossaryChange(fired);
    await bg.send('entries:save', { entry: makeDraft('grave worry') });
    expect(fired).toHaveBeenCalledTimes(1);
    expect((await bg.send('glossary:get', {})).revision).toBe(1);
  });

  it('shows field errors from validation and saves nothing', async () => {
    const r = await bg.send('entries:save', {
      entry: { ...makeDraft('x'), patterns: ['(unclosed'], meaning: '' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field).sort()).toEqual(['meaning', 'patterns[0]']);
    expect(await own()).toEqual([]);
  });

  it('refuses an id that is already taken, by the reader or a built-in entry', async () => {
    await bg.send('entries:save', { entry: { ...makeDraft('a b'), id: 'mine' } });
    const again = await bg.send('entries:save', { entry: { ...makeDraft('c d'), id: 'mine' } });
    expect(again).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
    if (builtin) {
      const clash = await bg.send('entries:save', {
        entry: { ...makeDraft('e f'), id: builtin.id },
      });
      expect(clash).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
    }
  });

  it('edits in place and renames when the id changes', async () => {
    await bg.send('entries:save', { entry: { ...makeDraft('a b'), id: 'first' } });
    await bg.send('entries:save', {
      entry: { ...makeDraft('a b'), meaning: 'edited' },
      replaceId: 'first',
    });
    expect((await own()).map((e) => [e.id, e.meaning])).toEqual([['first', 'edited']]);
    await bg.send('entries:save', {
      entry: { ...makeDraft('a b'), id: 'renamed' },
      replaceId: 'first',
    });
    expect((await own()).map((e) => e.id)).toEqual(['renamed']);
  });

  it('keeps both of two saves that arrive at the same moment', async () => {
    await Promise.all([
      bg.send('entries:save', { entry: makeDraft('one phrase') }),
      bg.send('entries:save', { entry: makeDraft('two phrase') }),
    ]);
    expect((await own()).map((e) => e.id).sort()).toEqual(['one-phrase', 'two-phrase']);
  });

  it('stores a meaning holding markup exactly as typed, as text', async () => {
    const meaning = '<img src=x onerror=alert(1)>';
    await bg.send('entries:save', { entry: { ...makeDraft('x y'), meaning } });
    expect((await own())[0]!.meaning).toBe(meaning);
  });
});

describe('entries:delete', () => {
  it("removes the entry from every tab's list", async () => {
    await bg.send('entries:save', { entry: makeDraft('gone soon') });
    expect(await bg.send('entries:delete', { id: 'gone-soon' })).toEqual({ ok: true });
    expect(await own()).toEqual([]);
    const g = await loadGlossary();
    expect(g.entries.map((e) => e.id)).not.toContain('gone-soon');
    expect(await bg.send('entries:delete', { id: 'gone-soon' })).toEqual({ ok: false });
  });
});

describe.skipIf(!builtin)('builtin:override', () => {
  const id = builtin?.id ?? '';

  it('hides, re-words and restores a built-in entry', async () => {
    await bg.send('builtin:override', { id, override: { hidden: true } });
    expect((await loadGlossary()).entries.map((e) => e.id)).not.toContain(id);
    await bg.send('builtin:override', { id, override: { meaning: 'my words' } });
    const reworded = (await loadGlossary()).entries.find((e) => e.id === id);
    expect(reworded?.meaning).toBe('my words');
    await bg.send('builtin:override', { id, override: null });
    expect((await loadGlossary()).entries.find((e) => e.id === id)?.meaning).toBe(builtin!.meaning);
    expect((await bg.send('glossary:get', {})).overrides).toEqual({});
  });

  it('refuses an unknown id or an empty meaning', async () => {
    expect(
      await bg.send('builtin:override', { id: 'no-such', override: { hidden: true } }),
    ).toMatchObject({ ok: false });
    expect(await bg.send('builtin:override', { id, override: { meaning: ' ' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'meaning' }],
    });
  });
});

describe('import and export', () => {
  const file = JSON.stringify([makeEntry('candid-talks'), makeEntry('frank-exchange')]);

  it('previews without changing anything, then applies', async () => {
    const preview = await bg.send('import:preview', { format: 'json', text: file, mode: 'merge' });
    expect(preview).toMatchObject({ added: ['candid-talks', 'frank-exchange'], errors: [] });
    expect(await own()).toEqual([]);
    const applied = await bg.send('import:apply', { format: 'json', text: file, mode: 'merge' });
    expect(applied.applied).toBe(true);
    expect((await own()).map((e) => e.id)).toEqual(['candid-talks', 'frank-exchange']);
  });

  it('applies nothing when the file has any error', async () => {
    await bg.send('entries:save', { entry: makeDraft('kept phrase') });
    const bad = JSON.stringify([makeEntry('fine'), { ...makeEntry('broken'), intensity: 7 }]);
    const r = await bg.send('import:apply', { format: 'json', text: bad, mode: 'replace' });
    expect(r).toMatchObject({ applied: false, errors: [{ field: 'intensity' }] });
    expect((await own()).map((e) => e.id)).toEqual(['kept-phrase']);
  });

  it('exports, clears and imports back the same list', async () => {
    await bg.send('import:apply', { format: 'json', text: file, mode: 'merge' });
    await bg.send('entries:save', { entry: makeDraft('third one') });
    for (const format of ['json', 'csv'] as const) {
      const before = await own();
      const { text, filename } = await bg.send('export', { format });
      expect(filename).toMatch(new RegExp(`^subtext-phrases-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      await bg.send('import:apply', {
        format,
        text: format === 'csv' ? 'phrase,meaning\n' : '[]',
        mode: 'replace',
      });
      expect(await own()).toEqual([]);
      await bg.send('import:apply', { format, text, mode: 'replace' });
      expect(await own()).toEqual(before);
    }
  });

  it('leaves the saved list intact whatever malformed file is imported', async () => {
    await bg.send('import:apply', { format: 'json', text: file, mode: 'merge' });
    const before = await own();
    const junk = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .array(
          fc.dictionary(fc.constantFrom('id', 'patterns', 'meaning', 'intensity'), fc.jsonValue()),
        )
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(junk, fc.constantFrom('json', 'csv'), async (text, format) => {
        const r = await bg.send('import:apply', { format, text, mode: 'replace' });
        if (r.applied) {
          await bg.send('import:apply', { format: 'json', text: file, mode: 'replace' });
          return;
        }
        expect(r.errors.length).toBeGreaterThan(0);
        expect(await own()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
