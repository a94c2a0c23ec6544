import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { glossaryStamp } from '../../src/core/compile';
import { findMatches, restoreGlossary, type PackedGlossary } from '../../src/core/matcher';
import { loadGlossary } from '../../src/shared/glossary-store';
import { makeDraft } from '../shared/entries';
import { startBackground, type Background } from './start';

let bg: Background;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  bg = await startBackground();
});
afterEach(() => vi.restoreAllMocks());

/** Waits until the stored compiled glossary is the one for the current effective list. */
async function cacheFor(): Promise<PackedGlossary> {
  for (let i = 0; i < 200; i++) {
    const { entries } = await loadGlossary();
    const packed = bg.fake.storage.local.data.get('subtext:compiled') as PackedGlossary | undefined;
    if (packed?.stamp === glossaryStamp(entries)) return packed;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the compiled glossary was never stored for the current list');
}

describe('the compiled glossary the background keeps for the content scripts', () => {
  it('is stored at start, and decodes what the built-in glossary decodes', async () => {
    const restored = restoreGlossary(await cacheFor());
    expect(restored).not.toBeNull();
    const text = 'They had a free and frank exchange of views.';
    expect(findMatches(restored!, text).map((m) => text.slice(m.start, m.end))).toEqual([
      'free and frank exchange of views',
    ]);
  });

  it('is rebuilt when the reader adds a phrase, and then decodes it', async () => {
    const before = (await cacheFor()).stamp;
    await bg.send('entries:save', { entry: makeDraft('velvet stonewall') });
    const after = await cacheFor();
    expect(after.stamp).not.toBe(before);
    const found = findMatches(restoreGlossary(after)!, 'A velvet stonewall again.');
    expect(found.map((m) => m.entryId)).toEqual(['velvet-stonewall']);
  });

  it('is rebuilt when a pack is switched off', async () => {
    const before = (await cacheFor()).stamp;
    await bg.send('settings:update', { patch: { disabledPacks: ['military'] } });
    expect((await cacheFor()).stamp).not.toBe(before);
  });

  it('never costs the reader a save: with storage nearly full, the phrase is kept and the cache is not', async () => {
    await cacheFor();
    const local = bg.fake.storage.local;
    const withoutCache = [...local.data].reduce(
      (n, [k, v]) => (k === 'subtext:compiled' ? n : n + k.length + JSON.stringify(v).length),
      0,
    );
    // Room for the reader's list and the new phrase, not for the compiled glossary as well.
    const quota = local.quotaBytes;
    local.quotaBytes = withoutCache + 2_000;
    onTestFinished(() => void (local.quotaBytes = quota));
    const saved = await bg.send('entries:save', { entry: makeDraft('quiet quota') });
    expect(saved).toEqual({ ok: true, id: 'quiet-quota' });
    await bg.settle();
    await new Promise((r) => setTimeout(r, 300));
    expect((await bg.send('glossary:get', {})).entries.map((e) => e.id)).toContain('quiet-quota');
    expect(local.data.has('subtext:compiled')).toBe(false);
    // A page that then asks for it is handed it in the answer, the new phrase included.
    const fromPage = { id: 'subtext-test', url: 'https://news.example/a', tab: { id: 3 }, frameId: 0 }; // prettier-ignore
    const answer = await bg.send('glossary:compiled', {}, fromPage);
    expect(answer.ready).toBe(false);
    const handed = restoreGlossary(answer.ready ? null : answer.packed);
    expect(findMatches(handed!, 'A quiet quota.').map((m) => m.entryId)).toEqual(['quiet-quota']);
  });
});

describe('glossary:compiled (a page that found no compiled glossary waits for it)', () => {
  it('answers once the compiled glossary of the current list is stored', async () => {
    await bg.send('entries:save', { entry: makeDraft('patient waiting') });
    // From a content script: the message changes nothing the reader owns.
    const fromPage = { id: 'subtext-test', url: 'https://news.example/a', tab: { id: 3 }, frameId: 0 }; // prettier-ignore
    expect(await bg.send('glossary:compiled', {}, fromPage)).toEqual({ ready: true });
    const { entries } = await loadGlossary();
    const packed = bg.fake.storage.local.data.get('subtext:compiled') as PackedGlossary;
    expect(packed.stamp).toBe(glossaryStamp(entries));
  });
});

describe('entry:details (what a card says of a built-in entry)', () => {
  it('answers a content script with the meaning, explanation and sources, as the reader re-worded them', async () => {
    const { entries } = await loadGlossary();
    const builtin = entries.find((e) => e.sources.length > 0)!;
    const fromPage = { id: 'subtext-test', url: 'https://news.example/a', tab: { id: 3 }, frameId: 0 }; // prettier-ignore
    expect(await bg.send('entry:details', { id: builtin.id }, fromPage)).toEqual({
      meaning: builtin.meaning,
      explanation: builtin.explanation,
      sources: builtin.sources,
    });
    await bg.send('builtin:override', { id: builtin.id, override: { meaning: 'my own words' } });
    expect((await bg.send('entry:details', { id: builtin.id }, fromPage))?.meaning).toBe('my own words'); // prettier-ignore
  });

  it('answers null for an id it does not know', async () => {
    expect(await bg.send('entry:details', { id: 'no-such-entry' })).toBeNull();
  });
});
