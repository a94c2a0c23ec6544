import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  migrate,
  MIGRATIONS,
  SCHEMA_VERSION,
  type StoreSnapshot,
} from '../../src/shared/migrations';
import { prepareStore } from '../../src/shared/store-repair';
import { KEYS, repairReaderDoc } from '../../src/shared/store-layout';

const dir = path.resolve(import.meta.dirname, '../fixtures/storage');
const NOW = 1764500000000;
const fixtures = fs
  .readdirSync(dir)
  .filter((f) => /^v\d+-[\w-]+\.json$/.test(f) && !f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.json$/, ''));
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
const input = (name: string) => (read(`${name}.json`) as { local: StoreSnapshot }).local;

/** What storage.local holds after the background writes a prepared store. */
function applyPrepared(local: StoreSnapshot, now = NOW): StoreSnapshot {
  const p = prepareStore(local, now);
  const out = { ...local, ...p.set };
  for (const k of p.remove) delete out[k];
  return out;
}

describe('golden storage fixtures', () => {
  it('has a fixture for every schema version', () => {
    const versions = new Set(fixtures.map((f) => Number(/^v(\d+)/.exec(f)![1])));
    for (let v = 0; v <= SCHEMA_VERSION; v++) expect(versions, `no fixture for v${v}`).toContain(v);
  });

  it.each(fixtures)('%s migrates to the expected current value', (name) => {
    expect(applyPrepared(input(name))).toEqual(read(`${name}.expected.json`));
  });

  it.each(fixtures)('%s is stable once prepared: a second start writes nothing', (name) => {
    const once = applyPrepared(input(name));
    expect(prepareStore(once, NOW + 1)).toMatchObject({ set: {}, remove: [], repaired: false });
  });
});

describe('migrate', () => {
  const tagging = (tag: string) => (s: StoreSnapshot) => ({
    ...s,
    log: [...((s.log as string[]) ?? []), tag],
  });

  it('runs the migrations after the stored version, in order, and stamps the version', () => {
    const steps = [tagging('a'), tagging('b'), tagging('c')];
    const out = migrate({ [KEYS.schema]: 1 }, steps);
    expect(out).toMatchObject({ ok: true, from: 1 });
    expect(out.local).toEqual({ [KEYS.schema]: 3, log: ['b', 'c'] });
  });

  it('gives back the store as it was before a migration that throws', () => {
    const steps = [
      tagging('a'),
      () => {
        throw new Error('boom');
      },
    ];
    const out = migrate({}, steps);
    expect(out).toMatchObject({ ok: false, failedAt: 1, error: 'Error: boom' });
    expect(out.local).toEqual({ [KEYS.schema]: 1, log: ['a'] });
  });

  it('never downgrades a store written by a newer version', () => {
    const out = migrate({ [KEYS.schema]: SCHEMA_VERSION + 3, x: 1 });
    expect(out.local).toEqual({ [KEYS.schema]: SCHEMA_VERSION + 3, x: 1 });
  });

  it('has SCHEMA_VERSION equal to the number of migrations', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describe('healing', () => {
  const full = input('v1-full');

  it.each(Object.keys(full))('heals to the default when %s is deleted', (key) => {
    const rest = { ...full };
    delete rest[key];
    const healed = applyPrepared(rest);
    for (const other of Object.keys(full))
      if (other !== key && other !== KEYS.revision) expect(healed[other]).toEqual(full[other]);
    expect(prepareStore(healed, NOW).repaired).toBe(false);
  });

  /** Every path to a value inside the full fixture, e.g. ['subtext:reader', 'entries', 0, 'entry']. */
  function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (v === null || typeof v !== 'object') return [];
    return Object.entries(v).flatMap(([k, child]) => {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      return [p, ...paths(child, p)];
    });
  }

  function without(v: StoreSnapshot, p: (string | number)[]): StoreSnapshot {
    const copy = structuredClone(v);
    let node: Record<string | number, unknown> = copy;
    for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
    const last = p[p.length - 1]!;
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
    return copy;
  }

  it('never crashes and keeps every untouched record whatever nested key is deleted', () => {
    const records = (local: StoreSnapshot) =>
      repairReaderDoc(local[KEYS.reader]).doc.entries.map((r) => r.id);
    const ids = records(full);
    const all = paths(full);
    expect(all.length).toBeGreaterThan(50);
    for (const p of all) {
      const healed = applyPrepared(without(full, p));
      const where = `after deleting ${p.join('.')}`;
      expect(prepareStore(healed, NOW).repaired, where).toBe(false);
      // Deleting the list itself (or the document) loses it; inside one record only that one may go.
      if (p[0] !== KEYS.reader || p.length < 3) continue;
      const hit = p[1] === 'entries' ? ids[p[2] as number] : undefined;
      expect(records(healed), where).toEqual(
        expect.arrayContaining(ids.filter((id) => id !== hit)),
      );
    }
  });
});
