/**
 * Turns the per-page records into the figures (median, p95, max) and judges the targets on them.
 * Ratios are medians of per-page ratios, so every page is compared with itself.
 */
import type { GlossaryInfo, PageRecord, Target } from './results';
import { medianRatio, summarize, type Summary } from './stats';

export type Figure = Summary & { unit: string; note?: string };
const KB = 1000;
const MB = 1_000_000;

function known(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** Every figure of the run, keyed by a short name. */
export function computeFigures(
  pages: readonly PageRecord[],
  glossaries: readonly GlossaryInfo[],
  appendMs: readonly number[],
): Record<string, Figure> {
  const f: Record<string, Figure> = {};
  const base = glossaries[0]?.name ?? 'builtin';
  f.floor = { ...summarize(known(pages.map((p) => p.floorMs))), unit: 'ms' };
  for (const g of glossaries) {
    const scan = (p: PageRecord) => p.scan[g.name]?.scanMs ?? null;
    f[`scan ${g.name}`] = { ...summarize(known(pages.map(scan))), unit: 'ms' };
    f[`scan wall ${g.name}`] = {
      ...summarize(known(pages.map((p) => p.scan[g.name]?.wallMs))),
      unit: 'ms',
    };
    const runs = pages.map((p) => p.markjs[g.name]).filter((r) => r != null);
    const capped = runs.filter((r) => !r.complete).length;
    f[`mark.js ${g.name}`] = {
      ...summarize(runs.map((r) => r.ms)),
      unit: 'ms',
      ...(capped
        ? { note: `${capped} of ${runs.length} pages stopped at the cap (a lower bound)` }
        : {}),
    };
    f[`mark.js/Subtext ${g.name}`] = {
      ...medianRatio(pages.map((p) => [p.markjs[g.name]?.ms ?? null, scan(p)] as const)),
      unit: '×',
      ...(capped
        ? { note: 'pages stopped at the cap count with their time so far: a lower bound' }
        : {}),
    };
    const compiled = pages.map((p) => p.scan[g.name]).filter((s) => s?.restored != null);
    const restored = compiled.filter((s) => s!.restored).length;
    f[`compile ${g.name}`] = {
      ...summarize(known(pages.map((p) => p.scan[g.name]?.compileMs))),
      unit: 'ms',
      note: `restored from the background's compiled glossary on ${restored} of ${compiled.length} pages, compiled in the page on the others`,
    };
    f[`longest task ${g.name}`] = {
      ...summarize(known(pages.map((p) => p.maxTaskMs[g.name]))),
      unit: 'ms',
    };
    if (g.name !== base)
      f[`scan ${g.name}/${base}`] = {
        ...medianRatio(pages.map((p) => [scan(p), p.scan[base]?.scanMs ?? null] as const)),
        unit: '×',
      };
  }
  f['Subtext/floor'] = {
    ...medianRatio(pages.map((p) => [p.scan[base]?.scanMs ?? null, p.floorMs] as const)),
    unit: '×',
  };
  f['appended paragraph'] = { ...summarize(appendMs), unit: 'ms' };
  f['added heap'] = {
    ...summarize(
      known(
        pages.map((p) =>
          p.heap.subtext !== null && p.heap.plain !== null
            ? (p.heap.subtext - p.heap.plain) / MB
            : null,
        ),
      ),
    ),
    unit: 'MB',
  };
  return f;
}

function target(
  name: string,
  value: number | null,
  limit: number,
  unit: string,
  atMost: boolean,
  note?: string,
): Target {
  const pass =
    value === null || Number.isNaN(value) ? null : atMost ? value <= limit : value >= limit;
  return {
    name,
    value: value === null || Number.isNaN(value) ? null : value,
    limit,
    unit,
    pass,
    ...(note ? { note } : {}),
  };
}

/** The targets, judged on this run's figures. */
export function judgeTargets(
  f: Record<string, Figure>,
  pages: readonly PageRecord[],
  glossaries: readonly GlossaryInfo[],
  contentBytesEmpty: number | null,
): Target[] {
  const base = glossaries[0]?.name ?? 'builtin';
  const largest = glossaries[glossaries.length - 1]?.name ?? base;
  const t: Target[] = [
    target('median initial scan ≤ 3× the floor', f['Subtext/floor']?.median ?? null, 3, '×', true),
  ];
  for (const g of glossaries) {
    const ratio = f[`mark.js/Subtext ${g.name}`];
    t.push(
      target(
        `≥ 300× faster than mark.js (${g.entries} entries, ${g.phrases} phrases)`,
        ratio?.median ?? null,
        300,
        '×',
        false,
        ratio ? `${ratio.n} pages${ratio.note ? '; ' + ratio.note : ''}` : undefined,
      ),
    );
  }
  t.push(
    target(
      `scan at ${largest} entries ≤ 1.5× at ${base}`,
      f[`scan ${largest}/${base}`]?.median ?? null,
      1.5,
      '×',
      true,
    ),
  );
  t.push(
    target(
      'appended paragraph ≤ 1 ms (median)',
      f['appended paragraph']?.median ?? null,
      1,
      'ms',
      true,
    ),
  );
  const tasks = known(pages.map((p) => p.maxTaskMs[base]));
  if (tasks.length > 0) {
    t.push(
      target(
        'no task of ours over 50 ms on any corpus page',
        Math.max(...tasks),
        50,
        'ms',
        true,
        `longest task of ours over ${tasks.length} pages, from ${[...new Set(pages.map((p) => p.scan[base]?.taskSource).filter(Boolean))].join(' and ')}`,
      ),
    );
  } else {
    const scans = known(pages.map((p) => p.scan[base]?.maxScanMs));
    const longest = scans.length ? Math.max(...scans) : null;
    const fits = longest !== null && longest <= 50;
    t.push({
      ...target('no task of ours over 50 ms on any corpus page', longest, 50, 'ms', true),
      pass: fits ? true : null,
      note:
        'no subtext:task measures recorded: judged from the longest subtext:scan measure, which covers every slice of a pass and the yields between them' +
        (fits ? '' : ' (over 50 ms, so unproven either way)'),
    });
  }
  t.push(
    target(
      'content script ≤ 30 KB minified without glossary data',
      contentBytesEmpty === null ? null : contentBytesEmpty / KB,
      30,
      'KB',
      true,
    ),
  );
  t.push(
    target(
      '≤ 3 MB added heap with the built-in glossary (median)',
      f['added heap']?.median ?? null,
      3,
      'MB',
      true,
    ),
  );
  return t;
}
