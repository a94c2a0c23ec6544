/**
 * Keeps Subtext's work in small tasks so the page stays responsive: long scans run in slices of a
 * few milliseconds with a yield to the page between them (no task of ours over ~50 ms), and work
 * triggered by the page (mutations) waits for an animation frame or an idle moment, backing off
 * exponentially (up to 1 s) while the page keeps changing.
 */

/**
 * Milliseconds of work per slice before yielding to the page: 5, as React's scheduler uses. A
 * slice ends after the item that crosses it, and a garbage collection or a cold function can
 * land inside one, so the budget is kept well under the 50 ms long-task line: with 8 ms, tasks of
 * ours ran 8–31 ms on corpus pages in Chromium here, and a collection on top now and then passed 50.
 */
export const SLICE_MS = 5;

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
 * Receives each task of ours (a stretch of work between two yields to the page) as it ends; set
 * by the diagnostics (src/content/diagnostics.ts) to record `subtext:task` measures, null when
 * they are off.
 */
let taskRecorder: ((start: number, end: number) => void) | null = null;

export function setTaskRecorder(record: ((start: number, end: number) => void) | null): void {
  taskRecorder = record;
}

/**
 * Where the time of one pass of ours goes: the stretches it runs without yielding to the page.
 * `busyMs` is their sum (what the pass cost the page's main thread, yields and waits excluded),
 * `longestMs` the longest one (the "long task" figure). Each stretch is also handed to the task
 * recorder.
 */
export class TaskClock {
  busyMs = 0;
  longestMs = 0;
  private since: number;
  private running = true;

  /** `start`: when the first stretch began (the caller may have been working since). */
  constructor(start = performance.now()) {
    this.since = start;
  }

  /** The running stretch ends now (we are about to yield, or done). */
  pause(): void {
    if (!this.running) return;
    this.running = false;
    const now = performance.now();
    const ms = now - this.since;
    this.busyMs += ms;
    if (ms > this.longestMs) this.longestMs = ms;
    taskRecorder?.(this.since, now);
  }

  /** A new stretch begins now. */
  resume(): void {
    this.running = true;
    this.since = performance.now();
  }

  /** Ends the running stretch, lets the page run, and begins the next one. */
  async yield(): Promise<void> {
    this.pause();
    await yieldToPage();
    this.resume();
  }
}

/**
 * Runs `fn` over `items` in slices of `budgetMs`, yielding between slices through `clock` (a new
 * one when none is given; the caller's synchronous work before the call belongs to its running
 * stretch). Stops early (`done` false) once `signal` is aborted, so a torn-down session does no
 * more work. The stretch running at the end is left running for the caller to `pause`.
 */
export async function forEachSliced<T>(
  items: readonly T[],
  fn: (item: T) => void,
  signal: AbortSignal,
  options: { budgetMs?: number; afterSlice?: () => void; clock?: TaskClock } = {},
): Promise<{ done: boolean; clock: TaskClock }> {
  const budget = options.budgetMs ?? SLICE_MS;
  const clock = options.clock ?? new TaskClock();
  let i = 0;
  while (i < items.length) {
    if (signal.aborted) return { done: false, clock };
    const deadline = performance.now() + budget;
    do fn(items[i++]!);
    while (i < items.length && performance.now() < deadline);
    options.afterSlice?.();
    if (i < items.length) await clock.yield();
  }
  return { done: !signal.aborted, clock };
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
