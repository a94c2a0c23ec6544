/**
 * One measurement on one page in one context: Subtext's initial scan (read from its diagnostics),
 * the floor walk, a mark.js run, and the incremental pass after appending a paragraph.
 */
import type { BenchContext } from './chromium';
import {
  appendParagraph,
  FLOOR_WALK,
  markJsRun,
  READ_TIMELINE,
  type MarkRun,
  type PageMeasure,
  type Timeline,
} from './in-page';

/** How long the timeline must stay quiet before Subtext's work on a page counts as finished. */
const QUIET_MS = 250;

export interface ScanResult {
  /**
   * Subtext's own time for the initial scan: the sum of the `busyMs` of the `subtext:scan`
   * measures of kind `initial` (the tasks it ran, yields to the page excluded), or of their
   * durations for a build that records no `busyMs`.
   */
  scanMs: number;
  /** From the first initial measure's start to the last one's end. */
  wallMs: number;
  passes: number;
  matches: number;
  textChars: number;
  /** `subtext:task` measures recorded on the page (0 when the build records none). */
  tasks: number;
  /**
   * Longest task of ours: the longest `subtext:task` measure, else the longest `longestTaskMs`
   * a scan measure reports; null when the build records neither.
   */
  maxTaskMs: number | null;
  /** Where maxTaskMs comes from. */
  taskSource: 'subtext:task' | 'measure detail' | null;
  /** Longest single `subtext:scan` measure of any kind. */
  maxScanMs: number;
  /** Own time of the glossary compile: the `busyMs` of `subtext:compile` (else its duration); null when none. */
  compileMs: number | null;
  /** Whether the page restored the background's compiled glossary (null: no compile measure). */
  restored: boolean | null;
}

/** The page left its URL by itself (a script redirect, e.g. to https:, which cannot load here). */
export class NavigatedAway extends Error {
  constructor(readonly to: string) {
    super(`the page navigated away to ${to}`);
  }
}

const end = (m: PageMeasure): number => m.start + m.duration;
/** A measure's own time: its tasks' sum where the build records it, else its whole duration. */
const busy = (m: PageMeasure): number => m.detail?.busyMs ?? m.duration;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the page until `ready(timeline)` holds and nothing new was measured for QUIET_MS. */
async function waitQuiet(
  ctx: BenchContext,
  ready: (t: Timeline) => boolean,
  timeoutMs: number,
): Promise<Timeline | null> {
  const deadline = Date.now() + timeoutMs;
  const url = ctx.page.url();
  for (;;) {
    if (ctx.page.url() !== url) throw new NavigatedAway(ctx.page.url());
    const t = await ctx.run<Timeline>(READ_TIMELINE);
    const last = Math.max(0, ...t.scans.map(end), ...t.tasks.map(end), ...t.compiles.map(end));
    if (ready(t) && t.now - last >= QUIET_MS) return t;
    if (Date.now() > deadline) return null;
    await sleep(50);
  }
}

function initialScans(scans: readonly PageMeasure[]): PageMeasure[] {
  const hasKind = scans.some((s) => s.detail?.kind !== undefined);
  return hasKind ? scans.filter((s) => s.detail?.kind === 'initial') : [...scans];
}

function longestTask(t: Timeline): Pick<ScanResult, 'maxTaskMs' | 'taskSource'> {
  if (t.tasks.length > 0)
    return { maxTaskMs: Math.max(...t.tasks.map((m) => m.duration)), taskSource: 'subtext:task' };
  // Without task measures: the longest unyielding stretch of any scan pass or compile slice.
  const fromDetail = [...t.scans, ...t.compiles].flatMap((m) => {
    const v = m.detail?.longestTaskMs ?? m.detail?.longestSliceMs;
    return typeof v === 'number' ? [v] : [];
  });
  return fromDetail.length > 0
    ? { maxTaskMs: Math.max(...fromDetail), taskSource: 'measure detail' }
    : { maxTaskMs: null, taskSource: null };
}

/** Reads the initial-scan figures from a quiet timeline. */
export function scanFigures(t: Timeline): ScanResult {
  const initial = initialScans(t.scans);
  const sum = (f: (m: PageMeasure) => number) => initial.reduce((a, m) => a + f(m), 0);
  return {
    scanMs: sum(busy),
    wallMs: Math.max(...initial.map(end)) - Math.min(...initial.map((m) => m.start)),
    passes: initial.length,
    matches: sum((m) => m.detail?.matches ?? 0),
    textChars: sum((m) => m.detail?.textChars ?? 0),
    tasks: t.tasks.length,
    ...longestTask(t),
    maxScanMs: Math.max(...t.scans.map((m) => m.duration)),
    compileMs: t.compiles.length ? t.compiles.reduce((a, m) => a + busy(m), 0) : null,
    restored: t.compiles.length ? t.compiles.every((m) => m.detail?.restored === true) : null,
  };
}

/** Loads `url` in the Subtext context and waits for its initial scan; null if none came. */
export async function measureScan(
  ctx: BenchContext,
  url: string,
  timeoutMs: number,
): Promise<ScanResult | null> {
  await ctx.load(url);
  const t = await waitQuiet(ctx, (x) => initialScans(x.scans).length > 0, timeoutMs);
  return t ? scanFigures(t) : null;
}

export interface FloorResult {
  ms: number;
  chars: number;
  nodes: number;
  isolated: boolean;
}

/** Loads `url` in the plain context and times one cold walk over its text nodes. */
export async function measureFloor(ctx: BenchContext, url: string): Promise<FloorResult> {
  await ctx.load(url);
  const floor = await ctx.run<FloorResult>(FLOOR_WALK);
  if (ctx.page.url() !== url) throw new NavigatedAway(ctx.page.url());
  return floor;
}

/** Loads `url` fresh in the plain context, injects mark.js and times it over `phrases`. */
export async function measureMarkJs(
  ctx: BenchContext,
  url: string,
  markSource: string,
  phrases: readonly string[],
  capMs: number,
): Promise<MarkRun> {
  await ctx.load(url);
  await ctx.page.addScriptTag({ content: markSource });
  return ctx.run<MarkRun>(markJsRun(phrases, capMs, 200));
}

export interface AppendResult {
  /** Own time of the incremental `subtext:scan` measures the append caused (see `busy`). */
  ms: number;
  matches: number;
}

/**
 * In a page Subtext has finished scanning, appends a paragraph with `text` and reads the
 * incremental pass it causes; null when no new measure came within `timeoutMs`.
 */
export async function measureAppend(
  ctx: BenchContext,
  text: string,
  timeoutMs: number,
): Promise<AppendResult | null> {
  const before = await ctx.run<number>(appendParagraph(text));
  const t = await waitQuiet(ctx, (x) => x.scans.length > before, timeoutMs);
  if (!t) return null;
  const added = t.scans.slice(before);
  return {
    ms: added.reduce((a, m) => a + busy(m), 0),
    matches: added.reduce((a, m) => a + (m.detail?.matches ?? 0), 0),
  };
}
