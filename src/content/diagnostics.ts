/**
 * Optional timings: when `storage.local["subtext:diagnostics"] === true`, each scan pass records
 * `performance.measure('subtext:scan', { start, detail: { textChars, matches, blocks } })` in the
 * page, where a test harness (or the reader's devtools) can read it. `detail` also says whether
 * the pass was `initial` or `incremental`, its `longestTaskMs` (the longest stretch run without
 * yielding), `busyMs` (the sum of its stretches: its cost to the main thread, yields excluded) and
 * `indexMs` (from its start until matching began). Compiling the glossary is measured as
 * `subtext:compile` (from start to end, `detail.longestSliceMs` its longest slice, `detail.busyMs`
 * the sum of its slices, `detail.restored` whether the background's compiled glossary was
 * restored instead). Every task of ours, each stretch of scanning or compiling between two
 * yields to the page, is also recorded as a `subtext:task` measure. Off by default, so pages
 * cannot detect Subtext from their performance timeline.
 */
import browser from '../shared/browser';
import { fromStorage, type StoreEvents } from '../shared/store-events';
import type { CompileResult } from './active-glossary';
import type { ScanPass } from './scan-session';
import { setTaskRecorder } from './scheduler';

export const DIAGNOSTICS_KEY = 'subtext:diagnostics';

export interface Diagnostics {
  readonly isOn: boolean;
  record(pass: ScanPass): void;
  /**
   * Records `subtext:compile` from `start` to now (the whole sliced compile), with the number of
   * entries, the longest slice and the sum of the slices in ms.
   */
  recordCompile(start: number, entries: number, result: CompileResult): void;
  /** Stops following the flag. */
  stop(): void;
}

/** Firefox hands page-visible objects from a content script through `cloneInto`. */
declare const cloneInto: ((obj: unknown, target: unknown) => unknown) | undefined;

function pageObject<T>(value: T): T {
  return typeof cloneInto === 'function' ? (cloneInto(value, window) as T) : value;
}

/**
 * Follows the diagnostics flag in storage.local, read again whenever `events` reports it changed
 * (the content script passes `fromBackground`); `ready` resolves once it has been read.
 */
export function watchDiagnostics(
  events: StoreEvents = fromStorage,
): Diagnostics & { ready: Promise<void> } {
  let on = false;
  const recordTask = (start: number, end: number): void => {
    try {
      performance.measure('subtext:task', pageObject({ start, end }));
    } catch {
      // A page that replaced performance.measure gets no task measures; scans still work.
    }
  };
  const turn = (value: boolean): void => {
    on = value;
    setTaskRecorder(on ? recordTask : null);
  };
  // Reads are async: only the newest one decides.
  let latest = 0;
  const read = (): Promise<void> => {
    const mine = ++latest;
    return browser.storage.local
      .get(DIAGNOSTICS_KEY)
      .then((got) => {
        if (mine === latest) turn(got[DIAGNOSTICS_KEY] === true);
      })
      .catch(() => undefined);
  };
  const unsubscribe = events((keys, area) => {
    if (area === 'local' && keys.has(DIAGNOSTICS_KEY)) void read();
  });
  const ready = read();
  return {
    ready,
    get isOn() {
      return on;
    },
    record(pass) {
      if (!on) return;
      try {
        const { textChars, matches, blocks, kind, longestTaskMs, busyMs, indexMs } = pass;
        const detail = { textChars, matches, blocks, kind, longestTaskMs, busyMs, indexMs };
        performance.measure('subtext:scan', pageObject({ start: pass.start, detail }));
      } catch (err) {
        console.warn('Subtext: could not record a scan measure', err);
      }
    },
    recordCompile(start, entries, { longestSliceMs, busyMs, restored }) {
      if (!on) return;
      try {
        const detail = { entries, longestSliceMs, busyMs, restored };
        performance.measure('subtext:compile', pageObject({ start, detail }));
      } catch (err) {
        console.warn('Subtext: could not record a compile measure', err);
      }
    },
    stop: () => {
      unsubscribe();
      latest += 1;
      setTaskRecorder(null);
    },
  };
}
