import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReaderDoc } from '../../src/shared/store-layout';
import {
  SYNC_META_KEY,
  SYNC_PREFIX,
  decodeSyncItems,
  encodeSyncItems,
} from '../../src/shared/sync-codec';
import { makeEntry } from '../shared/entries';
import { startBackground, type Background } from './start';

let bg: Background;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  bg = await startBackground();
});
afterEach(() => vi.restoreAllMocks());

const own = async () => (await bg.send('glossary:get', {})).entries.map((e) => e.id).sort();
const syncItems = () => Object.fromEntries(bg.fake.storage.sync.data);
const syncedDoc = () => decodeSyncItems(syncItems()) as ReaderDoc | null;
const draft = (phrase: string, explanation = 'Because.') => ({
  patterns: [phrase],
  meaning: 'Trouble.',
  explanation,
  category: 'custom' as const,
  intensity: 2 as const,
});
/** What another browser signed in to the same account would write. */
async function otherBrowserWrites(doc: ReaderDoc): Promise<void> {
  await bg.fake.storage.sync.set(encodeSyncItems(doc, 7680));
  await bg.settle();
}

describe('sync of the reader’s list', () => {
  it('copies each change to storage.sync and says so', async () => {
    await bg.send('entries:save', { entry: draft('candid talks') });
    await bg.settle();
    expect(syncedDoc()?.entries.map((r) => r.id)).toEqual(['candid-talks']);
    expect(await bg.send('sync:status', {})).toMatchObject({ mode: 'sync', bytesQuota: 102_400 });
  });

  it('splits a long list over several items under the 8 KB limit', async () => {
    const long = 'A long explanation. '.repeat(90);
    for (let i = 0; i < 12; i++)
      await bg.send('entries:save', { entry: draft(`phrase ${'x'.repeat(i + 1)}`, long) });
    await bg.settle();
    const chunks = Object.keys(syncItems()).filter(
      (k) => k.startsWith(SYNC_PREFIX) && k !== SYNC_META_KEY,
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(syncedDoc()?.entries).toHaveLength(12);
  });

  it('falls back to this device with a message when the list outgrows sync, losing nothing', async () => {
    bg.fake.storage.sync.quotaBytes = bg.fake.storage.sync.QUOTA_BYTES = 6000;
    const long = 'A long explanation. '.repeat(90);
    for (let i = 0; i < 5; i++)
      await bg.send('entries:save', { entry: draft(`phrase ${'x'.repeat(i + 1)}`, long) });
    await bg.settle();
    expect(await own()).toHaveLength(5);
    expect(await bg.send('sync:status', {})).toEqual({
      mode: 'local',
      message: 'syncFellBackToLocal',
    });
    expect(Object.keys(syncItems()).some((k) => k.startsWith(SYNC_PREFIX))).toBe(false);
    // Room again (the reader deleted some): back in sync.
    for (let i = 1; i < 5; i++)
      await bg.send('entries:delete', { id: `phrase-${'x'.repeat(i + 1)}` });
    await bg.settle();
    expect((await bg.send('sync:status', {})).mode).toBe('sync');
    expect(
      syncedDoc()
        ?.entries.filter((r) => r.entry)
        .map((r) => r.id),
    ).toEqual(['phrase-x']);
  });

  it('keeps every entry when a sync write fails half-way, and heals on the next change', async () => {
    await bg.send('entries:save', { entry: draft('first phrase') });
    await bg.settle();
    const realSet = bg.fake.storage.sync.set.bind(bg.fake.storage.sync);
    bg.fake.storage.sync.set = async (items) => {
      const [first] = Object.entries(items).filter(([k]) => k !== SYNC_META_KEY);
      await realSet(Object.fromEntries([first!])); // one chunk lands, then the write dies
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await bg.send('entries:save', { entry: draft('second phrase', 'x'.repeat(300)) });
    await bg.settle();
    expect(await own()).toEqual(['first-phrase', 'second-phrase']);
    expect((await bg.send('sync:status', {})).mode).toBe('local');
    const torn = syncedDoc();
    expect(torn === null || torn.entries.length === 1).toBe(true);
    bg.fake.storage.sync.set = realSet;
    await bg.send('entries:save', { entry: draft('third phrase') });
    await bg.settle();
    expect(syncedDoc()?.entries.map((r) => r.id)).toEqual([
      'first-phrase',
      'second-phrase',
      'third-phrase',
    ]);
    expect((await bg.send('sync:status', {})).mode).toBe('sync');
  });

  it('merges what another browser wrote: its new entries appear here and tabs re-read', async () => {
    await bg.send('entries:save', { entry: draft('mine here') });
    await bg.settle();
    const revision = (await bg.send('glossary:get', {})).revision;
    const theirs = syncedDoc()!;
    await otherBrowserWrites({
      ...theirs,
      entries: [
        ...theirs.entries,
        { id: 'from-laptop', updatedAt: Date.now(), entry: makeEntry('from-laptop') },
      ],
    });
    expect(await own()).toEqual(['from-laptop', 'mine-here']);
    expect((await bg.send('glossary:get', {})).revision).toBeGreaterThan(revision);
  });

  it('lets the later of two edits win and carries deletions across', async () => {
    await bg.send('entries:save', { entry: { ...draft('a b'), id: 'shared' } });
    await bg.send('entries:save', { entry: { ...draft('c d'), id: 'doomed' } });
    await bg.settle();
    const later = Date.now() + 60_000;
    await otherBrowserWrites({
      entries: [
        {
          id: 'shared',
          updatedAt: later,
          entry: makeEntry('shared', { meaning: 'edited on the laptop' }),
        },
        { id: 'doomed', updatedAt: later },
      ],
      overrides: [],
    });
    const entries = (await bg.send('glossary:get', {})).entries;
    expect(entries.map((e) => [e.id, e.meaning])).toEqual([['shared', 'edited on the laptop']]);
    // An older edit from a third browser loses.
    await otherBrowserWrites({
      entries: [{ id: 'shared', updatedAt: 1, entry: makeEntry('shared', { meaning: 'stale' }) }],
      overrides: [],
    });
    expect((await bg.send('glossary:get', {})).entries[0]!.meaning).toBe('edited on the laptop');
    expect(syncedDoc()?.entries.find((r) => r.id === 'shared')?.entry?.meaning).toBe(
      'edited on the laptop',
    );
  });

  it('never writes the empty list of a fresh install to sync', async () => {
    expect(Object.keys(syncItems())).toEqual([]);
    expect((await bg.send('sync:status', {})).mode).toBe('sync');
  });

  it('pulls the list from sync when a new browser starts with an empty store', async () => {
    const remote = {
      entries: [{ id: 'travelled', updatedAt: 5, entry: makeEntry('travelled') }],
      overrides: [],
    };
    bg = await startBackground((fake) => {
      for (const [k, v] of Object.entries(encodeSyncItems(remote, 7680)))
        fake.storage.sync.data.set(k, v);
    });
    expect(await own()).toEqual(['travelled']);
  });

  it('retries sync when the worker restarts after a refused write', async () => {
    bg.fake.storage.sync.failWrites = new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded');
    await bg.send('entries:save', { entry: draft('x y') });
    await bg.settle();
    expect(syncedDoc()).toBeNull();
    expect((await bg.send('sync:status', {})).mode).toBe('local');
    bg = await startBackground(() => undefined, true); // storage kept; the rate limit has passed
    expect(await own()).toEqual(['x-y']);
    expect(syncedDoc()?.entries.map((r) => r.id)).toEqual(['x-y']);
    expect((await bg.send('sync:status', {})).mode).toBe('sync');
  });
});
