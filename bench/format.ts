/**
 * The printed report: a header, the figures as an aligned table, and one PASS/MISS line per target.
 */
import type { Figure } from './report';
import type { Results, Target } from './results';

const fmt = (v: number, unit: string): string =>
  Number.isNaN(v)
    ? '—'
    : unit === '×'
      ? `${v >= 100 ? v.toFixed(0) : v.toFixed(2)}×`
      : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3)} ${unit}`;

/** The figures as an aligned text table. */
export function formatTable(figures: Record<string, Figure>): string {
  const rows = [['figure', 'pages', 'median', 'p95', 'max']];
  const notes: string[] = [];
  for (const [name, s] of Object.entries(figures)) {
    rows.push([name, String(s.n), fmt(s.median, s.unit), fmt(s.p95, s.unit), fmt(s.max, s.unit)]);
    if (s.note) notes.push(`  ${name}: ${s.note}`);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [
    line(rows[0]!),
    ...rows.slice(1).map(line),
    ...(notes.length ? ['notes:', ...notes] : []),
  ].join('\n');
}

/** One PASS/MISS line per target. */
export function formatTargets(targets: readonly Target[]): string {
  return targets
    .map((t) => {
      const verdict = t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'MISS';
      const value = t.value === null ? 'not measured' : fmt(t.value, t.unit);
      return `${verdict}  ${t.name}: ${value}${t.note ? ` (${t.note})` : ''}`;
    })
    .join('\n');
}

/** The short header of the printed report. */
export function formatMeta(r: Results): string {
  const m = r.meta;
  return [
    `Subtext benchmark (${m.mode}) · ${m.chromium} · ${m.pages} pages · ${m.durationS.toFixed(0)} s`,
    `glossaries: ${r.glossaries.map((g) => `${g.name} = ${g.entries} entries, ${g.phrases} mark.js phrases (${g.allPhrases} with every variant)`).join('; ')}`,
    ...m.notes.map((n) => `note: ${n}`),
  ].join('\n');
}
