/**
 * The one writer of Subtext's storage. Every change to the reader's document goes through `update`,
 * which runs changes one at a time (two messages arriving together must not read the same old list
 * and overwrite each other), writes the document and the bumped revision in one `set` (so a tab
 * never sees one without the other) and then hands the document to sync.
 */
import browser from '../shared/browser';
import { prepareStore } from '../shared/store-repair';
import { readReaderDoc } from '../shared/glossary-store';
import { KEYS, type ReaderDoc } from '../shared/store-layout';
import { mergeDocs, pruneTombstones } from '../shared/sync-codec';

/** storage.session key of the repair notice: shown until the browser restarts. */
export const NOTICE_KEY = 'subtext:notice';

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every change queued before it; a failing task does not block the next. */
export function serialize<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Migrates and repairs storage.local (at every start of the background and on install/update).
 * Returns true when something had to be repaired; the reader is told through the notice.
 */
export function initStore(now = Date.now()): Promise<boolean> {
  return serialize(async () => {
    const prepared = prepareStore(await browser.storage.local.get(null), now);
    if (Object.keys(prepared.set).length) await browser.storage.local.set(prepared.set);
    if (prepared.remove.length) await browser.storage.local.remove(prepared.remove);
    if (prepared.repaired) {
      console.warn(
        'Subtext: repaired damaged storage; unreadable values are in subtext:quarantine',
      );
      await browser.storage.session.set({ [NOTICE_KEY]: browser.i18n.getMessage('storeRepaired') });
    }
    return prepared.repaired;
  });
}

/** Puts a document in canonical form (records sorted by id, one per id), so equal lists compare equal. */
export function canonical(doc: ReaderDoc): ReaderDoc {
  return mergeDocs(doc, { entries: [], overrides: [] });
}

export const sameDoc = (a: ReaderDoc, b: ReaderDoc) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

type Listener = (doc: ReaderDoc) => void;
const written = new Set<Listener>();

/** Calls `cb` after each write of the reader's document (sync pushes from here). */
export function onDocWritten(cb: Listener): () => void {
  written.add(cb);
  return () => written.delete(cb);
}

/**
 * Applies `change` to the current document and writes the result with a new revision, unless the
 * change returns null (nothing to do) or the result equals the current document. Resolves with
 * whatever `change` decided (the result object), after the write.
 */
export function update<R>(
  change: (doc: ReaderDoc, now: number) => { doc: ReaderDoc | null; result: R },
): Promise<R> {
  return serialize(async () => {
    const { doc, revision } = await readReaderDoc();
    const now = Date.now();
    const out = change(doc, now);
    if (out.doc && !sameDoc(out.doc, doc)) {
      const next = canonical(pruneTombstones(out.doc, now));
      // The compiled cache is rebuilt after every change (compiled-cache.ts); dropping it first
      // means it can never be what fills the quota the reader's own list needs.
      await browser.storage.local.remove(KEYS.compiled);
      await browser.storage.local.set({ [KEYS.reader]: next, [KEYS.revision]: revision + 1 });
      for (const cb of written) cb(next);
    }
    return out.result;
  });
}

/** A timestamp for a change to record `id`: now, but always after its previous change. */
export function stampAfter(doc: ReaderDoc, id: string, now: number): number {
  const prev = [...doc.entries, ...doc.overrides].filter((r) => r.id === id);
  return Math.max(now, ...prev.map((r) => r.updatedAt + 1));
}
