/**
 * The glossary the content script matches with: the effective entry list compiled into the
 * engine's trie (src/core/matcher.ts). The background keeps it compiled in `storage.local`
 * (src/background/compiled-cache.ts); restoring that costs the page 15–30 ms, against 100–250 ms
 * of cold code to compile the built-in glossary. When it is missing or stale (its source is not
 * the one this page computes), the page asks the background to bring it up to date and waits;
 * only when none comes does the page compile for itself. Both are driven in steps (a chunk of
 * the stored block, or one entry) in slices of a few milliseconds, each in its own task (idle
 * callbacks with a deadline, else a yield to the page), so no task of ours exceeds the 50 ms
 * long-task line. Either way the page's declared
 * language gates the entries (src/core/language.ts). Compilation cannot fail the page: a glossary
 * that does not compile leaves the page undecorated with a logged reason.
 */
import type { Entry } from '../core/entry';
import { primaryLanguage } from '../core/language';
import {
  compileGlossaryInSteps,
  findMatches,
  restoreGlossaryInSteps,
  restrictGlossary,
  type CompiledGlossary,
  type PackedGlossary,
} from '../core/matcher';
import browser from '../shared/browser';
import { send } from '../shared/messages';
import { KEYS } from '../shared/store-layout';
import type { ActiveGlossary } from './scan-session';
import { SLICE_MS, TaskClock, yieldToPage } from './scheduler';

/** How the compile went: the glossary (null when refused), its longest slice and its total time. */
export interface CompileResult {
  glossary: ActiveGlossary | null;
  longestSliceMs: number;
  /** Sum of the slices (ms): what compiling cost the main thread, waits excluded. */
  busyMs: number;
  /** True when the background's compiled glossary was restored instead of compiling. */
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
    // The timeout keeps a busy page from starving us; a deadline of 0 still gets one entry done.
    return new Promise((resolve) =>
      ric((d) => resolve(Math.min(SLICE_MS, Math.max(1, d.timeRemaining()))), { timeout: 500 }),
    );
  }
  return yieldToPage().then(() => SLICE_MS);
}

/** The background's compiled glossary, or null when there is none or it cannot be read. */
async function readStored(): Promise<PackedGlossary | null> {
  try {
    const got = await browser.storage.local.get(KEYS.compiled);
    return (got[KEYS.compiled] as PackedGlossary | undefined) ?? null;
  } catch {
    return null;
  }
}

/** How long a page waits for the background to finish compiling before compiling for itself. */
const WAIT_FOR_BACKGROUND_MS = 3_000;

/**
 * Asks the background to bring its compiled glossary up to date. Right after the browser starts,
 * or after a change to the list or settings, the first pages load before it is stored; each would
 * otherwise compile for itself, in cold page code (the first page after a start ran one task of
 * 78–105 ms doing so). False when the background does not answer in time or could not store it.
 */
async function backgroundCompiled(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), WAIT_FOR_BACKGROUND_MS))); // prettier-ignore
  try {
    const answer = await Promise.race([send('glossary:compiled', {}), late]);
    return answer?.ready === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The glossary as the page uses it: on a page that declares its language, only the entries of
 * that language can match (the trie is shared, see restrictGlossary).
 */
function activeFor(compiled: CompiledGlossary, lang: string | null | undefined): ActiveGlossary {
  const page = primaryLanguage(lang);
  const g =
    page === null
      ? compiled
      : restrictGlossary(compiled, (e) => (primaryLanguage(e.lang) ?? page) === page);
  return {
    match: (text) => findMatches(g, text),
    entry: (id) => g.byId.get(id),
  };
}

/**
 * Restores the background's compiled glossary for `entries` (made from `source`, see
 * glossarySource; without one the entries' stamp is checked instead), or else compiles them in
 * time slices. `isCurrent` is asked between slices; once it returns false
 * (settings changed, the page switched Subtext off) the compile stops and `completed` is false.
 * A glossary the engine refuses gives `glossary: null` and a console warning.
 */
export async function compileActiveGlossary(
  entries: readonly Entry[],
  isCurrent: () => boolean = () => true,
  lang: string | null | undefined = globalThis.document?.documentElement?.lang,
  source?: string,
): Promise<CompileResult> {
  const clock = new TaskClock();
  clock.pause(); // each slice is a task of its own, begun when its turn comes
  const result = (
    glossary: ActiveGlossary | null,
    completed: boolean,
    restored = false,
  ): CompileResult => ({
    glossary,
    longestSliceMs: clock.longestMs,
    busyMs: clock.busyMs,
    completed,
    restored,
  });
  let stored = await readStored();
  if (!isCurrent()) return result(null, false);
  const fits = (p: PackedGlossary | null) => p !== null && (source === undefined || p.source === source); // prettier-ignore
  if (!fits(stored) && (await backgroundCompiled())) {
    stored = await readStored();
    if (!isCurrent()) return result(null, false);
  }
  try {
    if (stored) {
      const restored = await inSlices(restoreGlossaryInSteps(entries, stored, source), clock, isCurrent); // prettier-ignore
      if (restored === ABANDONED) return result(null, false);
      if (restored) return result(activeFor(restored, lang), true, true);
    }
    const compiled = await inSlices(compileGlossaryInSteps(entries), clock, isCurrent);
    if (compiled === ABANDONED) return result(null, false);
    return result(activeFor(compiled, lang), true);
  } catch (err) {
    clock.pause();
    console.warn('Subtext: the glossary could not be compiled; nothing is underlined', err);
    return result(null, true);
  }
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
