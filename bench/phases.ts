/**
 * The run's phases, each in its own Chromium context: the plain context (floor, heap baseline,
 * mark.js) and one context per Subtext build (initial scans, heap, the appended paragraph).
 */
import type { BenchContext } from './chromium';
import {
  NavigatedAway,
  measureAppend,
  measureFloor,
  measureMarkJs,
  measureScan,
  type AppendResult,
  type ScanResult,
} from './measure';
import type { BenchOptions } from './options';
import type { PageRecord } from './results';
import { medianOf } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prints progress every `every` pages so a long CI log shows the run is alive. */
function progress(label: string, total: number, every = 25): (i: number) => void {
  const t0 = Date.now();
  return (i) => {
    if ((i + 1) % every === 0 || i + 1 === total)
      console.log(
        `  ${label}: ${i + 1}/${total} pages, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
  };
}

function fail(record: PageRecord, what: string, err: unknown): void {
  if (err instanceof NavigatedAway) record.skipped ??= err.message;
  record.errors.push(`${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
}

/** Floor walks and the heap baseline, in the plain context. */
export async function runFloor(
  ctx: BenchContext,
  records: PageRecord[],
  urls: string[],
  o: BenchOptions,
): Promise<boolean> {
  let isolated = true;
  const tick = progress('floor + heap (plain)', records.length);
  for (const [i, record] of records.entries()) {
    const runs: number[] = [];
    for (let r = 0; r < o.reps && !record.skipped; r++) {
      try {
        const floor = await measureFloor(ctx, urls[i]!);
        runs.push(floor.ms);
        record.floor = floor;
        isolated &&= floor.isolated;
      } catch (err) {
        fail(record, 'floor', err);
      }
    }
    record.floorMs = medianOf(runs);
    try {
      await sleep(300); // the same settling time Subtext's pages get before their heap is read
      if (ctx.page.url() !== urls[i]) throw new NavigatedAway(ctx.page.url());
      record.heap.plain = await ctx.heapUsed();
    } catch (err) {
      fail(record, 'heap (plain)', err);
    }
    tick(i);
  }
  return isolated;
}

/** mark.js over `phrases` on the pages of `sample` (indexes into records). */
export async function runMarkJs(
  ctx: BenchContext,
  records: PageRecord[],
  urls: string[],
  sample: readonly number[],
  glossary: string,
  markSource: string,
  phrases: readonly string[],
  o: BenchOptions,
): Promise<void> {
  const tick = progress(`mark.js ${glossary} (${phrases.length} phrases)`, sample.length, 8);
  for (const [k, i] of sample.entries()) {
    const record = records[i]!;
    if (record.skipped) continue;
    try {
      record.markjs[glossary] = await measureMarkJs(
        ctx,
        urls[i]!,
        markSource,
        phrases,
        o.markCapMs,
      );
    } catch (err) {
      record.markjs[glossary] = null;
      fail(record, `mark.js ${glossary}`, err);
    }
    tick(k);
  }
}

/** Initial scans in a context with one Subtext build. */
export async function runScans(
  ctx: BenchContext,
  records: PageRecord[],
  urls: string[],
  glossary: string,
  reps: number,
  o: BenchOptions,
): Promise<void> {
  const tick = progress(`Subtext ${glossary}`, records.length);
  for (const [i, record] of records.entries()) {
    const runs: ScanResult[] = [];
    let maxTask: number | null = null;
    for (let r = 0; r < reps && !record.skipped; r++) {
      try {
        const scan = await measureScan(ctx, urls[i]!, o.scanTimeoutMs);
        if (!scan) throw new Error(`no subtext:scan measure within ${o.scanTimeoutMs / 1000} s`);
        runs.push(scan);
        if (scan.maxTaskMs !== null) maxTask = Math.max(maxTask ?? 0, scan.maxTaskMs);
      } catch (err) {
        fail(record, `Subtext ${glossary}`, err);
      }
    }
    // The repetition with the median scan time stands for the page (its other figures with it).
    const sorted = runs.sort((a, b) => a.scanMs - b.scanMs);
    const mid = sorted[Math.floor((sorted.length - 1) / 2)];
    record.scan[glossary] = mid ? { ...mid, scanMs: medianOf(sorted.map((s) => s.scanMs))! } : null;
    record.maxTaskMs[glossary] = maxTask;
    tick(i);
  }
}

/**
 * The page's heap with Subtext, on a load of its own once Subtext is quiet. Apart from the scans:
 * the two full collections it forces also throw away the compiled code the next page would reuse,
 * which made the scans measured right after one slower than any reader's.
 */
export async function runHeap(
  ctx: BenchContext,
  records: PageRecord[],
  urls: string[],
  glossary: string,
  o: BenchOptions,
): Promise<void> {
  const tick = progress('heap (Subtext)', records.length);
  for (const [i, record] of records.entries()) {
    if (!record.skipped && record.scan[glossary])
      try {
        if (!(await measureScan(ctx, urls[i]!, o.scanTimeoutMs))) throw new Error('no scan');
        record.heap.subtext = await ctx.heapUsed();
      } catch (err) {
        fail(record, 'heap (Subtext)', err);
      }
    tick(i);
  }
}

/** Appends `o.appends` paragraphs, one at a time, to the page at `url` once Subtext is quiet. */
export async function runAppends(
  ctx: BenchContext,
  url: string,
  text: string,
  o: BenchOptions,
): Promise<(AppendResult | null)[]> {
  const scan = await measureScan(ctx, url, o.scanTimeoutMs);
  if (!scan) throw new Error('no initial scan on the largest page');
  const out: (AppendResult | null)[] = [];
  for (let i = 0; i < o.appends; i++) out.push(await measureAppend(ctx, text, 10_000));
  return out;
}
