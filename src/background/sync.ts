/**
 * Keeps the reader's document in storage.sync while it fits, and merges what other browsers put
 * there (rule in src/shared/sync-codec.ts). storage.local stays the source of truth: sync is a
 * replica, so a full quota, a refused write or a copy cut half-way never costs an entry.
 *
 * One `reconcile` does everything: read sync, merge it into local (writing local if the merge
 * brought something new), then write the merged document back to sync if it differs. It runs at
 * start-up, after every local change, and when sync changes (another browser wrote). Runs never
 * overlap; requests during a run are coalesced into one more run.
 */
import browser from '../shared/browser';
import type { SyncStatus } from '../shared/messages';
import { repairReaderDoc, type ReaderDoc } from '../shared/store-layout';
import {
  SYNC_PREFIX,
  decodeSyncItems,
  encodeSyncItems,
  itemBytes,
  mergeDocs,
} from '../shared/sync-codec';
import { sameDoc, update } from './store-writer';

/** storage.session key of the last sync outcome, read by `sync:status`. */
export const SYNC_STATUS_KEY = 'subtext:sync-status';

/** Head-room under the quotas: the browser's own accounting may differ slightly from ours. */
const MARGIN_BYTES = 512;

/** storage.sync's limits as the browser states them (Chrome and Firefox: 100 KB, 8 KB per item). */
function quotas(): { total: number; perItem: number } {
  const sync = browser.storage.sync as { QUOTA_BYTES?: number; QUOTA_BYTES_PER_ITEM?: number };
  return { total: sync.QUOTA_BYTES ?? 102_400, perItem: sync.QUOTA_BYTES_PER_ITEM ?? 8_192 };
}

async function setStatus(status: SyncStatus): Promise<void> {
  await browser.storage.session.set({ [SYNC_STATUS_KEY]: status });
}

/** The last sync outcome; 'sync' before the first one. */
export async function getSyncStatus(): Promise<SyncStatus> {
  const got = await browser.storage.session.get(SYNC_STATUS_KEY);
  return (got[SYNC_STATUS_KEY] as SyncStatus | undefined) ?? { mode: 'sync' };
}

const fallBack = (detail: string): SyncStatus => {
  console.warn(`Subtext: keeping the phrase list on this device only (${detail})`);
  return { mode: 'local', message: browser.i18n.getMessage('syncFellBackToLocal') };
};

/** Writes `doc` to sync if it fits beside the other sync items; else clears our copy there. */
async function push(doc: ReaderDoc, current: Record<string, unknown>): Promise<SyncStatus> {
  const { total, perItem } = quotas();
  const items = encodeSyncItems(doc, perItem - MARGIN_BYTES);
  const ours = Object.keys(current).filter((k) => k.startsWith(SYNC_PREFIX));
  const otherBytes = Object.entries(current)
    .filter(([k]) => !k.startsWith(SYNC_PREFIX))
    .reduce((n, [k, v]) => n + itemBytes(k, v), 0);
  const bytes = Object.entries(items).reduce((n, [k, v]) => n + itemBytes(k, v), 0);
  if (otherBytes + bytes > total - MARGIN_BYTES) {
    // A stale copy would keep feeding other browsers an old list: take it away. Local keeps all.
    await browser.storage.sync.remove(ours).catch(() => undefined);
    return fallBack(`${bytes} bytes needed, ${total - otherBytes} free`);
  }
  try {
    await browser.storage.sync.set(items);
    const stale = ours.filter((k) => !(k in items));
    if (stale.length) await browser.storage.sync.remove(stale);
    return { mode: 'sync', bytesUsed: bytes, bytesQuota: total };
  } catch (err) {
    return fallBack(String(err));
  }
}

type Trigger = 'local' | 'remote' | 'start';

/** One pass: merge sync into local, then local into sync. */
async function run(trigger: Trigger): Promise<void> {
  const current = await browser.storage.sync.get(null);
  const raw = decodeSyncItems(current);
  const remote = raw === null ? null : repairReaderDoc(raw).doc;
  // Another browser's copy may still be arriving chunk by chunk; its next change event will
  // complete it. Only our own changes are worth writing over it meanwhile.
  const hasCopy = Object.keys(current).some((k) => k.startsWith(SYNC_PREFIX));
  if (remote === null && hasCopy && trigger === 'remote') return;
  const merged = await update((doc) => {
    const next = remote ? mergeDocs(doc, remote) : doc;
    return { doc: next, result: next };
  });
  // Nothing to add: a fresh install must never write its empty list over a copy from another
  // browser that has not arrived yet.
  const empty = merged.entries.length === 0 && merged.overrides.length === 0;
  if ((remote && sameDoc(remote, merged)) || (!remote && empty)) {
    await setStatus({ mode: 'sync', bytesUsed: bytesOf(current), bytesQuota: quotas().total });
    return;
  }
  await setStatus(await push(merged, current));
}

const bytesOf = (items: Record<string, unknown>) =>
  Object.entries(items)
    .filter(([k]) => k.startsWith(SYNC_PREFIX))
    .reduce((n, [k, v]) => n + itemBytes(k, v), 0);

let running: Promise<void> | null = null;
let again: Trigger | null = null;

/** Reconciles local and sync now, or once more after the run in progress. */
export function reconcile(trigger: Trigger): Promise<void> {
  if (running) {
    again = again === 'local' || trigger === 'local' ? 'local' : trigger;
    return running;
  }
  running = (async () => {
    try {
      await run(trigger);
      while (again) {
        const next: Trigger = again;
        again = null;
        await run(next);
      }
    } catch (err) {
      console.warn('Subtext: sync failed; the list stays on this device', err);
      await setStatus(fallBack(String(err))).catch(() => undefined);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Reconciles when another browser changes our copy in storage.sync. Returns a stop function. */
export function watchSync(): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && Object.keys(changes).some((k) => k.startsWith(SYNC_PREFIX)))
      void reconcile('remote');
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
