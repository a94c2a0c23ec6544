/**
 * The compiled glossary, kept in `storage.local` for the content scripts. Compiling the built-in
 * glossary costs every page 100–250 ms of main-thread time (its code runs cold there); restoring
 * the stored trie costs a few milliseconds. The background compiles once, whenever what the
 * effective glossary depends on changes (the reader's list, the settings), and at each start.
 *
 * It is only a cache: a content script that finds it missing, damaged or stale (its stamp is not
 * that of the entries the page computed) compiles in the page as before. It is never allowed to
 * cost the reader anything: it is dropped before every write of the reader's list (store-writer.ts)
 * and skipped when it would be large.
 */
import browser from '../shared/browser';
import { compileGlossary, glossaryStamp, packGlossary } from '../core/matcher';
import { glossarySource, loadGlossary } from '../shared/glossary-store';
import { loadSettings } from '../shared/settings';
import { KEYS } from '../shared/store-layout';

/**
 * Above this many characters of JSON the cache is not kept (pages compile for themselves). A
 * glossary of 30,000 entries like the benchmark's packs into 4.6 million; Chrome's quota for
 * `storage.local` is 10 MB, and the reader's own document always comes first (see above).
 */
export const MAX_CACHE_CHARS = 5_000_000;

let running: Promise<void> | null = null;
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
        console.warn('Subtext: could not store the compiled glossary; pages compile it', err),
      );
    } while (again);
  })().finally(() => (running = null));
  return running;
}

/**
 * Resolves once the stored compiled glossary is that of the current list and settings (true), or
 * false when it cannot be (too large, does not compile). A write of the reader's list may land
 * between a refresh and the check (it drops the cache first), hence a few rounds.
 */
export async function compiledCacheReady(): Promise<boolean> {
  for (let round = 0; round < 3; round++) {
    await refreshCompiledCache();
    const settings = await loadSettings();
    const { revision } = await loadGlossary(settings);
    const stored = (await browser.storage.local.get(KEYS.compiled))[KEYS.compiled] as
      { source?: unknown } | undefined;
    if (stored?.source === glossarySource(settings, revision)) return true;
  }
  return false;
}

async function refreshOnce(): Promise<void> {
  const settings = await loadSettings();
  const { entries, revision } = await loadGlossary(settings);
  const stamp = glossaryStamp(entries);
  const source = glossarySource(settings, revision);
  const stored = (await browser.storage.local.get(KEYS.compiled))[KEYS.compiled] as
    { stamp?: unknown; source?: unknown } | undefined;
  if (stored?.stamp === stamp && stored.source === source) return;
  let packed;
  try {
    packed = packGlossary(compileGlossary(entries), source);
  } catch {
    // A glossary that does not compile: pages log why when they try; nothing to cache.
    await browser.storage.local.remove(KEYS.compiled);
    return;
  }
  if (JSON.stringify(packed).length > MAX_CACHE_CHARS) {
    await browser.storage.local.remove(KEYS.compiled);
    return;
  }
  await browser.storage.local.set({ [KEYS.compiled]: packed });
}
