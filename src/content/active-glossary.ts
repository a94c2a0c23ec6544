/**
 * The glossary the content script matches with: the effective entry list compiled into the
 * engine's trie (src/core/matcher.ts). Compiling a few hundred entries takes 150–230 ms in one
 * go, so it is driven one entry per step in slices of a few milliseconds, each in its own task
 * (idle callbacks with a deadline, else a yield to the page), and no task of ours exceeds the
 * 50 ms long-task line. Compilation cannot fail the page: a glossary that does not compile
 * leaves the page undecorated with a logged reason.
 */
import type { Entry } from '../core/entry';
import { compileGlossaryInSteps, findMatches } from '../core/matcher';
import type { ActiveGlossary } from './scan-session';
import { SLICE_MS, yieldToPage } from './scheduler';

/** How the compile went: the glossary (null when refused) and its longest slice in ms. */
export interface CompileResult {
  glossary: ActiveGlossary | null;
  longestSliceMs: number;
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

/**
 * Compiles `entries` in time slices. `isCurrent` is asked between slices; once it returns false
 * (settings changed, the page switched Subtext off) the compile stops and `completed` is false.
 * A glossary the engine refuses gives `glossary: null` and a console warning.
 */
export async function compileActiveGlossary(
  entries: readonly Entry[],
  isCurrent: () => boolean = () => true,
): Promise<CompileResult> {
  const steps = compileGlossaryInSteps(entries);
  let longestSliceMs = 0;
  try {
    for (;;) {
      const budget = await nextSlice();
      if (!isCurrent()) return { glossary: null, longestSliceMs, completed: false };
      const sliceStart = performance.now();
      const deadline = sliceStart + budget;
      let r = steps.next();
      while (!r.done && performance.now() < deadline) r = steps.next();
      longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
      if (r.done) {
        const compiled = r.value;
        const glossary: ActiveGlossary = {
          match: (text) => findMatches(compiled, text),
          entry: (id) => compiled.byId.get(id),
        };
        return { glossary, longestSliceMs, completed: true };
      }
    }
  } catch (err) {
    console.warn('Subtext: the glossary could not be compiled; nothing is underlined', err);
    return { glossary: null, longestSliceMs, completed: true };
  }
}
