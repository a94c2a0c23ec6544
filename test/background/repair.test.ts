import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION } from '../../src/shared/migrations';
import { makeEntry } from '../shared/entries';
import { startBackground } from './start';

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('start-up repair', () => {
  it('repairs a damaged store, keeps what it can read and tells the reader', async () => {
    const bg = await startBackground((fake) => {
      fake.storage.local.data.set('subtext:reader', {
        entries: [
          { id: 'kept', updatedAt: 1, entry: makeEntry('kept') },
          { id: 'bad', entry: 42 },
        ],
      });
      fake.storage.local.data.set('subtext:revision', 'NaN');
    });
    const g = await bg.send('glossary:get', {});
    expect(g.entries.map((e) => e.id)).toEqual(['kept']);
    expect(g.notice).toBe('storeRepaired');
    const quarantine = bg.fake.storage.local.data.get('subtext:quarantine') as { value: unknown }[];
    expect(quarantine.map((q) => q.value)).toContainEqual({ id: 'bad', entry: 42 });
    expect(bg.fake.storage.local.data.get('subtext:schema')).toBe(SCHEMA_VERSION);
  });

  it('starts cleanly on a fresh install, with no notice and nothing but the version (and the compiled-glossary cache) stored', async () => {
    const bg = await startBackground();
    expect((await bg.send('glossary:get', {})).notice).toBeUndefined();
    const keys = [...bg.fake.storage.local.data.keys()].filter((k) => k !== 'subtext:compiled');
    expect(keys).toEqual(['subtext:schema']);
  });

  it('answers messages only after the store is migrated', async () => {
    const bg = await startBackground((fake) => {
      fake.storage.local.data.set('subtext:reader', 'garbage');
    });
    // The first answer already reflects the repaired store.
    expect((await bg.send('glossary:get', {})).entries).toEqual([]);
    expect(bg.fake.storage.local.data.get('subtext:reader')).toEqual({
      entries: [],
      overrides: [],
    });
  });

  it('runs the migrations again when the extension is updated', async () => {
    const bg = await startBackground();
    bg.fake.storage.local.data.delete('subtext:schema');
    bg.fake.runtime.onInstalled.emit({ reason: 'update', previousVersion: '0.0.1' });
    await bg.settle();
    expect(bg.fake.storage.local.data.get('subtext:schema')).toBe(SCHEMA_VERSION);
  });
});
