/**
 * Brings a raw `storage.local` snapshot to the current layout: migrate, then check every key and
 * repair what does not fit. Pure: the background (store-writer.ts) writes the result. Nothing the
 * reader saved is deleted outright: records that cannot be read go to `subtext:quarantine`, where
 * an export of the raw store can still find them.
 */
import { migrate, SCHEMA_VERSION, type StoreSnapshot } from './migrations';
import { diffFromDefaults, repairSettings, SETTINGS_KEY } from './settings-model';
import { KEYS, repairReaderDoc, repairRevision } from './store-layout';

/** A value a repair could not keep, with why and when. */
export interface QuarantineItem {
  at: number;
  key: string;
  reason: string;
  value: unknown;
}

/** Quarantine keeps only the latest items, so a store broken again and again cannot fill the disk. */
export const MAX_QUARANTINE = 50;

export interface PreparedStore {
  /** Keys to write with their new values. */
  set: StoreSnapshot;
  /** Keys to remove (their stored value was unusable and the default applies). */
  remove: string[];
  /** True when anything the reader saved had to be dropped or reset: tell the reader. */
  repaired: boolean;
  migratedFrom: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Migrates and repairs `raw` (the whole of storage.local); `now` stamps quarantined values. */
export function prepareStore(raw: StoreSnapshot, now: number): PreparedStore {
  const quarantined: QuarantineItem[] = [];
  const hold = (key: string, reason: string, value: unknown) =>
    quarantined.push({ at: now, key, reason, value });

  const migrated = migrate(raw);
  if (!migrated.ok) {
    for (const key of Object.values(KEYS))
      if (raw[key] !== undefined)
        hold(key, `migration ${migrated.failedAt + 1} failed: ${migrated.error}`, raw[key]);
  }
  const local: StoreSnapshot = {
    ...migrated.local,
    [KEYS.schema]: Math.max(SCHEMA_VERSION, migrated.from),
  };
  const next: StoreSnapshot = { [KEYS.schema]: local[KEYS.schema] };
  const remove: string[] = [];

  const reader = repairReaderDoc(local[KEYS.reader]);
  for (const value of reader.dropped) hold(KEYS.reader, 'unreadable record', value);
  let revision = repairRevision(local[KEYS.revision]);
  if (local[KEYS.revision] !== undefined && revision !== local[KEYS.revision])
    hold(KEYS.revision, 'not a revision number', local[KEYS.revision]);
  if (local[KEYS.reader] !== undefined) {
    if (reader.dropped.length || !same(reader.doc, local[KEYS.reader])) {
      next[KEYS.reader] = reader.doc;
      revision += 1; // every open tab re-reads the repaired list
    } else next[KEYS.reader] = local[KEYS.reader];
  }
  if (local[KEYS.revision] !== undefined || revision > 0) next[KEYS.revision] = revision;

  const diagnostics = local[KEYS.diagnostics];
  if (typeof diagnostics === 'boolean') next[KEYS.diagnostics] = diagnostics;
  else if (diagnostics !== undefined) {
    hold(KEYS.diagnostics, 'not a boolean', diagnostics);
    remove.push(KEYS.diagnostics);
  }

  const settings = local[SETTINGS_KEY];
  if (settings !== undefined) {
    const fixed = repairSettings(settings);
    if (fixed.problems.length) hold(SETTINGS_KEY, `invalid ${fixed.problems.join(', ')}`, settings);
    next[SETTINGS_KEY] = fixed.problems.length ? diffFromDefaults(fixed.settings) : settings;
  }

  const previous = Array.isArray(local[KEYS.quarantine])
    ? (local[KEYS.quarantine] as unknown[])
    : [];
  if (local[KEYS.quarantine] !== undefined && !Array.isArray(local[KEYS.quarantine]))
    quarantined.unshift({
      at: now,
      key: KEYS.quarantine,
      reason: 'not a list',
      value: local[KEYS.quarantine],
    });
  if (previous.length || quarantined.length)
    next[KEYS.quarantine] = [...previous, ...quarantined].slice(-MAX_QUARANTINE);

  const set: StoreSnapshot = {};
  for (const [key, value] of Object.entries(next)) if (!same(raw[key], value)) set[key] = value;
  return { set, remove, repaired: quarantined.length > 0, migratedFrom: migrated.from };
}
