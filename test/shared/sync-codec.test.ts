import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReaderDoc } from '../../src/shared/store-layout';
import {
  SYNC_META_KEY,
  TOMBSTONE_MAX_AGE_MS,
  chunkKey,
  decodeSyncItems,
  encodeSyncItems,
  itemBytes,
  mergeDocs,
  pruneTombstones,
  splitText,
} from '../../src/shared/sync-codec';
import { makeEntry } from './entries';

const live = (id: string, updatedAt: number, fields = {}) => ({
  id,
  updatedAt,
  entry: makeEntry(id, fields),
});
const doc = (entries: ReaderDoc['entries'], overrides: ReaderDoc['overrides'] = []): ReaderDoc => ({
  entries,
  overrides,
});

describe('chunking', () => {
  it('cuts text into pieces whose JSON fits the limit, without splitting a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 8, max: 60 }),
        (t, max) => {
          const pieces = splitText(t, max);
          expect(pieces.join('')).toBe(t);
          for (const p of pieces)
            expect(new TextEncoder().encode(JSON.stringify(p)).length).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes a large list as several items, each under 8 KB, and reads it back', () => {
    const big = doc(
      Array.from({ length: 120 }, (_, i) =>
        live(`entry-${i}`, i, { explanation: 'é"\\'.repeat(100) }),
      ),
    );
    const items = encodeSyncItems(big, 8192 - 512);
    expect(Object.keys(items).length).toBeGreaterThan(5);
    for (const [k, v] of Object.entries(items))
      expect(itemBytes(k, v)).toBeLessThanOrEqual(8192 - 512);
    expect(decodeSyncItems(items)).toEqual(big);
  });

  it('ignores a copy with a chunk missing or changed (a write cut half-way)', () => {
    const items = encodeSyncItems(doc([live('a', 1), live('b', 2)]), 200);
    const missing = { ...items };
    delete missing[chunkKey(1)];
    expect(decodeSyncItems(missing)).toBeNull();
    const torn = { ...items, [chunkKey(0)]: (items[chunkKey(0)] as string).slice(0, -1) + 'x' };
    expect(decodeSyncItems(torn)).toBeNull();
    expect(decodeSyncItems({ [SYNC_META_KEY]: 'junk' })).toBeNull();
    expect(decodeSyncItems({})).toBeNull();
  });
});

describe('merge rule', () => {
  it('keeps the later change of each entry and every entry either side added', () => {
    const a = doc([live('x', 10, { meaning: 'from A' }), live('only-a', 5)]);
    const b = doc([live('x', 20, { meaning: 'from B' }), live('only-b', 6)]);
    const m = mergeDocs(a, b);
    expect(m.entries.map((r) => [r.id, r.entry?.meaning])).toEqual([
      ['only-a', 'meaning of only-a'],
      ['only-b', 'meaning of only-b'],
      ['x', 'from B'],
    ]);
  });

  it('lets a later deletion win and an earlier one lose', () => {
    const a = doc([
      { id: 'x', updatedAt: 30 },
      { id: 'y', updatedAt: 1 },
    ]);
    const b = doc([live('x', 20), live('y', 2)]);
    expect(mergeDocs(a, b).entries.map((r) => [r.id, r.entry !== undefined])).toEqual([
      ['x', false],
      ['y', true],
    ]);
  });

  it('keeps the entry when a deletion and an edit carry the same time', () => {
    expect(
      mergeDocs(doc([{ id: 'x', updatedAt: 5 }]), doc([live('x', 5)])).entries[0]!.entry,
    ).toBeDefined();
  });

  it('settles on the same list whichever browser merges first', () => {
    const rec = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      updatedAt: fc.integer({ min: 0, max: 5 }),
      meaning: fc.option(fc.constantFrom('m1', 'm2'), { nil: undefined }),
    });
    const toDoc = (rs: { id: string; updatedAt: number; meaning?: string }[]) =>
      doc(
        rs.map((r) =>
          r.meaning
            ? live(r.id, r.updatedAt, { meaning: r.meaning })
            : { id: r.id, updatedAt: r.updatedAt },
        ),
      );
    fc.assert(
      fc.property(fc.array(rec), fc.array(rec), fc.array(rec), (x, y, z) => {
        const [a, b, c] = [toDoc(x), toDoc(y), toDoc(z)];
        expect(mergeDocs(a, b)).toEqual(mergeDocs(b, a));
        expect(mergeDocs(mergeDocs(a, b), c)).toEqual(mergeDocs(a, mergeDocs(b, c)));
        expect(mergeDocs(mergeDocs(a, b), b)).toEqual(mergeDocs(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('drops deletions older than 90 days and keeps every live entry however old', () => {
    const now = 200 * 24 * 3600 * 1000;
    const d = doc([
      { id: 'old', updatedAt: now - TOMBSTONE_MAX_AGE_MS - 1 },
      { id: 'new', updatedAt: now - 1 },
      live('ancient', 0),
    ]);
    expect(pruneTombstones(d, now).entries.map((r) => r.id)).toEqual(['new', 'ancient']);
  });
});
