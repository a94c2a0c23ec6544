/**
 * The glossary the content script matches with: the effective entry list, compiled by the
 * background (src/background/compiled-cache.ts) and kept in `storage.local` with each entry's
 * matching fields. The page restores it (15–30 ms, driven in steps: a chunk of the stored block,
 * a few thousand edges) in slices of a few milliseconds, each in its own task (idle callbacks with
 * a deadline, else a yield to the page), so no task of ours exceeds the 50 ms long-task line.
 * When it is missing or stale (its source is not the one this page computes: the browser just
 * started, the list just changed), the page asks the background and waits for it. The page never
 * compiles: the compiler is not in the content script, which is parsed on every page a reader
 * opens. The page's declared language gates the entries (src/core/language.ts). Nothing here can
 * fail the page: without a glossary the page stays undecorated, with a logged reason.
 */
import type { Entry } from '../core/entry';
import { primaryLanguage } from '../core/language';
import {
  findMatches,
  restoreGlossaryInSteps,
  restrictGlossaryInSteps,
  type CompiledGlossary,
  type PackedGlossary,
} from '../core/matcher';
import browser from '../shared/browser';
import { send } from '../shared/messages';
import { KEYS, repairRevision } from '../shared/store-layout';
import type { ActiveGlossary } from './scan-session';
import { SLICE_MS, TaskClock, yieldToPage } from './scheduler';

/** How the load went: the glossary (null when none), its longest slice and its total time. */
export interface CompileResult {
  glossary: ActiveGlossary | null;
  /** Entries in the glossary (0 when none). */
  entries: number;
  longestSliceMs: number;
  /** Sum of the slices (ms): what restoring cost the main thread, waits excluded. */
  busyMs: number;
  /** True when a glossary was restored (the background's compiled one, the only source). */
  restored: boolean;
  /** False when `isCurrent` turned false before the end: the result was abandoned. */
  completed: boolean;
}

type IdleDeadline = { timeRemaining(): number };
type IdleView = {
  requestIdleCallback?: (cb: (d: IdleDeadline) => void, o: { timeout: number }) => number;
};

/** Waits for the next slice's turn; resolves with how long that slice may run. */
function nextSlice(): Promise<number> {
  const view = globalThis as IdleView;
  // A hidden tab gets no idle periods (Firefox then waits for each timeout): yield there instead.
  if (
    typeof view.requestIdleCallback === 'function' &&
    globalThis.document?.visibilityState !== 'hidden'
  ) {
    const ric = view.requestIdleCallback;
    // The timeout keeps a busy page from starving us; a deadline of 0 still gets one step done.
    return new Promise((resolve) =>
      ric((d) => resolve(Math.min(SLICE_MS, Math.max(1, d.timeRemaining()))), { timeout: 500 }),
    );
  }
  return yieldToPage().then(() => SLICE_MS);
}

/**
 * The background's compiled glossary (null when there is none or it cannot be read) and the
 * revision of the reader's list, in one read of `storage.local`.
 */
async function readStored(): Promise<{ packed: PackedGlossary | null; revision: number }> {
  try {
    const got = await browser.storage.local.get([KEYS.compiled, KEYS.revision]);
    const packed = (got[KEYS.compiled] as PackedGlossary | undefined) ?? null;
    return { packed, revision: repairRevision(got[KEYS.revision]) };
  } catch {
    return { packed: null, revision: 0 };
  }
}

/**
 * How long a page waits for the background's answer before giving up with a warning. Compiling
 * the built-in glossary takes it 0.1–0.3 s, a 10,000-entry list of the reader's a few seconds;
 * a background that has not answered in this time is not going to.
 */
const WAIT_FOR_BACKGROUND_MS = 30_000;

/**
 * Asks the background for the compiled glossary of the current list: right after the browser
 * starts, or after a change to the list or settings, pages load before it is stored. Null when
 * the background does not answer; else the stored one once it is ready, or the one it hands
 * over when it could not store it.
 */
async function fromBackground(): Promise<PackedGlossary | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), WAIT_FOR_BACKGROUND_MS))); // prettier-ignore
  try {
    const answer = await Promise.race([send('glossary:compiled', {}), late]);
    if (answer === null)
      console.warn('Subtext: the extension did not answer; nothing is underlined'); // prettier-ignore
    else if (answer.ready) return (await readStored()).packed;
    else return answer.packed;
  } catch (err) {
    console.warn('Subtext: could not reach the extension; nothing is underlined', err);
  } finally {
    clearTimeout(timer);
  }
  return null;
}

/** What the page matches with: `g` searched by findMatches, its entries by id. */
function active(g: CompiledGlossary): ActiveGlossary {
  return {
    match: (text) => findMatches(g, text),
    entry: (id) => g.byId.get(id),
  };
}

/**
 * The compiled glossary made from `sourceOf(revision)` (see glossarySource: the extension's
 * version, the list's revision, the settings that choose entries), restored in time slices. A
 * stored one of another source is not used: the background is asked, and what it then gives is
 * used as it is (it read the list and settings after this page did). `isCurrent` is asked between slices; once
 * it returns false (settings changed, the page switched Subtext off) the restore stops and
 * `completed` is false.
 */
export async function loadActiveGlossary(
  sourceOf: (revision: number) => string,
  isCurrent: () => boolean = () => true,
  lang: string | null | undefined = globalThis.document?.documentElement?.lang,
): Promise<CompileResult> {
  const clock = new TaskClock();
  clock.pause(); // each slice is a task of its own, begun when its turn comes
  const result = (glossary: CompiledGlossary | null, completed: boolean): CompileResult => ({
    glossary: glossary && active(glossary),
    entries: glossary?.entries.length ?? 0,
    longestSliceMs: clock.longestMs,
    busyMs: clock.busyMs,
    completed,
    restored: glossary !== null,
  });
  const stored = await readStored();
  let packed = stored.packed;
  if (!isCurrent()) return result(null, false);
  if (packed?.source !== sourceOf(stored.revision)) {
    packed = await fromBackground();
    if (!isCurrent()) return result(null, false);
    if (packed === null) return result(null, true);
  }
  const restored = await inSlices(restoreGlossaryInSteps(packed), clock, isCurrent);
  if (restored === ABANDONED) return result(null, false);
  if (restored === null) {
    console.warn('Subtext: the stored glossary is damaged; nothing is underlined');
    return result(null, true);
  }
  // On a page that declares its language, only the entries of that language can match (a mask
  // over the shared trie, see restrictGlossary).
  const page = primaryLanguage(lang);
  if (page === null) return result(restored, true);
  const keep = (e: Entry) => (primaryLanguage(e.lang) ?? page) === page;
  const gated = await inSlices(restrictGlossaryInSteps(restored, keep), clock, isCurrent);
  return gated === ABANDONED ? result(null, false) : result(gated, true);
}

const ABANDONED = Symbol('abandoned');

/**
 * Drives `steps` in slices of at most SLICE_MS, each in a task of its own (see nextSlice), timed
 * by `clock`; ABANDONED once `isCurrent` turns false between slices.
 */
async function inSlices<T>(
  steps: Generator<unknown, T, void>,
  clock: TaskClock,
  isCurrent: () => boolean,
): Promise<T | typeof ABANDONED> {
  for (;;) {
    const budget = await nextSlice();
    if (!isCurrent()) return ABANDONED;
    clock.resume();
    try {
      const deadline = performance.now() + budget;
      let r = steps.next();
      while (!r.done && performance.now() < deadline) r = steps.next();
      if (r.done) return r.value;
    } finally {
      clock.pause();
    }
  }
}
