/**
 * Keeps Subtext's work in small tasks so the page stays responsive: long scans run in slices of a
 * few milliseconds with a yield to the page between them (no task of ours over ~50 ms), and work
 * triggered by the page (mutations) waits for an animation frame or an idle moment, backing off
 * exponentially (up to 1 s) while the page keeps changing.
 */

/** Milliseconds of work per slice before yielding to the page. */
export const SLICE_MS = 8;

type YieldingScheduler = { yield?: () => Promise<void> };

/** How long we may go on yielding through the fast paths before a turn in the timer queue. */
const TIMER_TURN_MS = 40;
let lastTimerTurn = 0;

/**
 * Lets the page run (input, rendering, its own tasks) before resuming. `scheduler.yield()` and
 * message-channel hops are fast, but browsers run them ahead of the page's timers (Chromium gives
 * yield continuations priority), so a long scan through them alone starves the page's
 * `setTimeout` callbacks for seconds. At least every TIMER_TURN_MS, the hop goes through the timer
 * queue instead, behind whatever the page has scheduled there.
 */
export function yieldToPage(): Promise<void> {
  const now = performance.now();
  // A hidden tab's timers are throttled to about one a second: no timer turns there.
  const hidden = globalThis.document?.visibilityState === 'hidden';
  if (!hidden && now - lastTimerTurn >= TIMER_TURN_MS) {
    lastTimerTurn = now;
    return new Promise((resolve) => setTimeout(resolve, 0));
  }
  const s = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  // A message-channel hop is a new task without setTimeout's 4 ms clamp after nesting.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `fn` over `items` in slices of `budgetMs`, yielding between slices. Stops early (`done`
 * false) once `signal` is aborted, so a torn-down session does no more work. `longestTaskMs` is
 * the longest stretch run without yielding, counted from `taskStart` for the first slice (the
 * caller's synchronous work before it belongs to the same task). `taskStart` is when the task
 * that is still running at the end began, for a caller that carries on in it.
 */
export async function forEachSliced<T>(
  items: readonly T[],
  fn: (item: T) => void,
  signal: AbortSignal,
  options: { budgetMs?: number; afterSlice?: () => void; taskStart?: number } = {},
): Promise<{ done: boolean; longestTaskMs: number; taskStart: number }> {
  const budget = options.budgetMs ?? SLICE_MS;
  let i = 0;
  let taskStart = options.taskStart ?? performance.now();
  let longestTaskMs = 0;
  while (i < items.length) {
    if (signal.aborted) return { done: false, longestTaskMs, taskStart };
    const deadline = performance.now() + budget;
    do fn(items[i++]!);
    while (i < items.length && performance.now() < deadline);
    options.afterSlice?.();
    longestTaskMs = Math.max(longestTaskMs, performance.now() - taskStart);
    if (i < items.length) {
      await yieldToPage();
      taskStart = performance.now();
    }
  }
  longestTaskMs = Math.max(longestTaskMs, performance.now() - taskStart);
  return { done: !signal.aborted, longestTaskMs, taskStart };
}

/** Calls `fn` in the next animation frame, or after `timeoutMs` when frames do not come (hidden tab). */
export function whenIdle(fn: () => void, signal: AbortSignal, timeoutMs = 250): void {
  let done = false;
  const run = () => {
    if (done || signal.aborted) return;
    done = true;
    fn();
  };
  const view = globalThis as {
    requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number;
    requestAnimationFrame?: (cb: () => void) => number;
  };
  if (typeof view.requestAnimationFrame === 'function') view.requestAnimationFrame(run);
  else if (typeof view.requestIdleCallback === 'function')
    view.requestIdleCallback(run, { timeout: timeoutMs });
  setTimeout(run, timeoutMs);
}

/**
 * Exponential back-off for work the page keeps triggering: the first change is handled at once,
 * a page that changes again within `quietMs` of our last pass waits twice as long each time, up
 * to `maxMs`; quiet resets it.
 */
export class Backoff {
  private delay = 0;
  private lastRun = -Infinity;

  constructor(
    private readonly minMs = 50,
    private readonly maxMs = 1000,
    private readonly quietMs = 1000,
  ) {}

  /** How long to wait before the next pass, given that something changed at `now`. */
  next(now: number): number {
    if (now - this.lastRun > this.quietMs + this.delay) this.delay = 0;
    else this.delay = Math.min(this.maxMs, Math.max(this.minMs, this.delay * 2));
    return this.delay;
  }

  /** Records that a pass ran at `now`. */
  ran(now: number): void {
    this.lastRun = now;
  }
}
