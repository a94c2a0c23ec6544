/**
 * The compiled glossary, kept in `storage.local` for the content scripts, with the entries'
 * matching fields (src/core/matcher.ts, PACKED_FIELDS). Compiling the built-in glossary would cost
 * every page 100–250 ms of main-thread time (its code runs cold there) and the compiler's code in
 * the content script; restoring the stored trie costs a few milliseconds. The background compiles
 * once, whenever what the effective glossary depends on changes (the reader's list, the
 * settings), and at each start.
 *
 * It is derived data, never allowed to cost the reader anything: it is dropped before every write
 * of the reader's list (store-writer.ts), and when it does not fit (storage full) it is not kept;
 * a page that finds it missing or stale asks for it (`glossary:compiled`) and is then handed it in
 * the answer.
 */
import browser from '../shared/browser';
import { compileGlossary, glossaryStamp, packGlossary } from '../core/compile';
import { glossarySource } from '../shared/glossary-source';
import { loadGlossary } from '../shared/glossary-store';
import { loadSettings } from '../shared/settings';
import type { PackedGlossary } from '../core/matcher';
import { KEYS } from '../shared/store-layout';

/**
 * Above this many characters of JSON the cache is not kept (pages are handed it in the answer to
 * `glossary:compiled`). A glossary of 30,000 entries like the benchmark's packs into about 7
 * million; Chrome's quota for `storage.local` is 10 MB, and the reader's own document always
 * comes first (see above): when both do not fit, the write fails and pages are handed it.
 */
export const MAX_CACHE_CHARS = 9_500_000;

let running: Promise<void> | null = null;
/** The last compiled glossary that could not be stored (too large, storage full): pages get it. */
let unstored: PackedGlossary | null = null;
let again = false;

/** Brings the cache up to date; calls made while one runs coalesce into one more run. */
export function refreshCompiledCache(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await refreshOnce().catch((err) =>
        console.warn('Subtext: could not store the compiled glossary; pages ask for it', err),
      );
    } while (again);
  })().finally(() => (running = null));
  return running;
}

/**
 * What a page that found no compiled glossary (or a stale one) is told: `ready` once the stored
 * one is that of the current list and settings; a write of the reader's list may land between a
 * refresh and the check (it drops the cache first), hence a few rounds. When it cannot be stored
 * (storage full, too large), the answer carries it instead, or null when the list does not compile.
 */
export async function compiledForPage(): Promise<
  { ready: true } | { ready: false; packed: PackedGlossary | null }
> {
  for (let round = 0; round < 3; round++) {
    await refreshCompiledCache();
    const { source } = await current();
    const stored = (await browser.storage.local.get(KEYS.compiled))[KEYS.compiled] as
      { source?: unknown } | undefined;
    if (stored?.source === source) return { ready: true };
    if (unstored?.source === source) return { ready: false, packed: unstored };
  }
  const { entries, source } = await current();
  try {
    return { ready: false, packed: packGlossary(compileGlossary(entries), source) };
  } catch (err) {
    console.warn('Subtext: your list does not compile; nothing is underlined', err);
    return { ready: false, packed: null };
  }
}

/** The effective list, and what it is made from (see glossarySource). */
async function current() {
  const settings = await loadSettings();
  const { entries, revision } = await loadGlossary(settings);
  return { entries, source: glossarySource(settings, revision) };
}

async function refreshOnce(): Promise<void> {
  const { entries, source } = await current();
  const stamp = glossaryStamp(entries);
  const stored = (await browser.storage.local.get(KEYS.compiled))[KEYS.compiled] as
    { stamp?: unknown; source?: unknown } | undefined;
  if (stored?.stamp === stamp && stored.source === source) return;
  let packed;
  try {
    packed = packGlossary(compileGlossary(entries), source);
  } catch {
    // A glossary that does not compile: nothing to cache (compiledForPage says why).
    await browser.storage.local.remove(KEYS.compiled);
    return;
  }
  unstored = packed; // until it is stored
  if (JSON.stringify(packed).length > MAX_CACHE_CHARS) {
    await browser.storage.local.remove(KEYS.compiled);
    return;
  }
  await browser.storage.local.set({ [KEYS.compiled]: packed });
  unstored = null;
}
