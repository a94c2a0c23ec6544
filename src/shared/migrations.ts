/**
 * Ordered migrations of the `storage.local` layout (store-layout.ts). Migration i turns a store at
 * version i into version i + 1; `SCHEMA_VERSION` is the number of migrations, so adding one is the
 * only way to change the layout. Every version has a golden fixture in test/fixtures/storage/ that
 * must migrate to the expected current value (test/shared/migrations.test.ts).
 *
 * Migrations are pure functions of the whole local snapshot, run by the background (the only
 * writer) when it starts and from `runtime.onInstalled`. They never drop a value they do not
 * understand: keys outside Subtext's prefix are left alone.
 */
import { KEYS } from './store-layout';

/** The contents of `storage.local`, key by key. */
export type StoreSnapshot = Record<string, unknown>;
export type Migration = (local: StoreSnapshot) => StoreSnapshot;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the first layout. An unversioned store is a fresh install (or one whose version key was
  // deleted); every other key is read as the v1 layout and repaired if it does not fit.
  (local) => ({ ...local }),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The version a snapshot claims; 0 when missing or not a non-negative integer. */
export function storedVersion(local: StoreSnapshot): number {
  const v = local[KEYS.schema];
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : 0;
}

export type MigrationResult =
  | { ok: true; local: StoreSnapshot; from: number }
  | { ok: false; local: StoreSnapshot; from: number; failedAt: number; error: string };

/**
 * Runs the migrations from the snapshot's version up to the current one, in order. A store from a
 * newer build (a downgrade) is left as it is and read as the current layout: whatever does not fit
 * is repaired, and the repair quarantines rather than deletes. On a failing migration the result
 * holds the snapshot as it was before that migration.
 */
export function migrate(
  input: StoreSnapshot,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  const from = storedVersion(input);
  let local = { ...input };
  for (let v = from; v < migrations.length; v++) {
    try {
      local = { ...migrations[v]!(local), [KEYS.schema]: v + 1 };
    } catch (err) {
      return { ok: false, local, from, failedAt: v, error: String(err) };
    }
  }
  return { ok: true, local: { ...local, [KEYS.schema]: Math.max(from, migrations.length) }, from };
}
