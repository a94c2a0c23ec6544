/**
 * Puts one run together: the notes that qualify its numbers, the figures and the targets, in the
 * shape of bench/results.json. Skipped pages (they navigate away by themselves) are left out of
 * every figure and listed in a note.
 */
import type { BenchOptions } from './options';
import { computeFigures, judgeTargets } from './report';
import type { GlossaryInfo, Results } from './results';
import type { Measured } from './session';
import type { Variant } from './variants';

function taskNote(m: Measured): string | null {
  const sources = new Set(
    m.records.flatMap((r) => Object.values(r.scan).map((s) => s?.taskSource)),
  );
  if (sources.has('subtext:task')) return null;
  return sources.has('measure detail')
    ? 'this build records no subtext:task measures: the longest task is read from the longestTaskMs of its subtext:scan measures and the longestSliceMs of its subtext:compile measures'
    : 'this build records no subtext:task measures and no longestTaskMs: the longest task is judged from subtext:scan measures';
}

/** The whole result of a run. */
export function assemble(
  m: Measured,
  glossaries: GlossaryInfo[],
  variants: readonly Variant[],
  o: BenchOptions,
  notes: string[],
  startedMs: number,
): Results {
  const kept = m.records.filter((r) => !r.skipped);
  const skipped = m.records.filter((r) => r.skipped);
  if (skipped.length)
    notes.push(
      `${skipped.length} pages left out: ${skipped.map((r) => `${r.rel} (${r.skipped})`).join('; ')}`,
    );
  if (!m.isolated)
    notes.push('pages were not cross-origin isolated: performance.now() had 100 µs resolution');
  const tasks = taskNote(m);
  if (tasks) notes.push(tasks);
  const failed = kept.filter((r) => r.errors.length > 0);
  if (failed.length)
    notes.push(
      `${failed.length} pages had errors (listed per page in bench/results.json), e.g. ${failed[0]!.rel}: ${failed[0]!.errors[0]}`,
    );
  if (m.append?.error) notes.push(`appended paragraph not measured: ${m.append.error}`);
  const appendMs = (m.append?.runs ?? []).flatMap((r) => (r ? [r.ms] : []));
  const figures = computeFigures(kept, glossaries, appendMs);
  const bundle = Object.fromEntries(variants.map((v) => [v.name, v.bytes]));
  const emptyContent = variants.find((v) => v.name === 'empty')?.bytes.content ?? null;
  return {
    meta: {
      date: new Date().toISOString(),
      chromium: m.chromium,
      mode: o.ci ? 'ci' : 'full',
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.replace(/ -- $/, '').trim(),
      pages: kept.length,
      reps: o.reps,
      scaleReps: o.scaleReps,
      markCapMs: o.markCapMs,
      crossOriginIsolated: m.isolated,
      durationS: (Date.now() - startedMs) / 1000,
      notes,
    },
    glossaries,
    bundle,
    figures,
    targets: judgeTargets(figures, kept, glossaries, emptyContent),
    append: m.append,
    pages: m.records,
  };
}
