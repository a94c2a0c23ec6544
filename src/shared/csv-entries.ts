/**
 * Entries as CSV rows and back. Columns (header names, any order, case-insensitive):
 *
 *   phrase            the patterns, one per line of the cell            (required)
 *   meaning           one line                                          (required)
 *   explanation, category, intensity (1–5)
 *   source            one source per line: `Title` or `Title <https://…>`
 *   id, lang          as in the entry format; an empty id is made from the phrase
 *   examples, counter_examples   one sentence per line
 *   ladder            `scale:step`, e.g. `un-feeling:2`
 *   context           the entry's context rules as JSON
 *
 * A cell that starts with = + - @ is written with a leading apostrophe, so a spreadsheet shows it
 * as text instead of running it as a formula (a pattern such as `=frank talks` would otherwise
 * become one); on import that apostrophe is removed again.
 */
import type { Entry, Source } from '../core/entry';
import type { ImportError } from './messages';
import { formatCsv, parseCsv } from './csv';
import type { LineDraft } from './entry-draft';

export const CSV_COLUMNS = [
  'phrase',
  'meaning',
  'explanation',
  'category',
  'intensity',
  'source',
  'id',
  'lang',
  'examples',
  'counter_examples',
  'ladder',
  'context',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const FORMULA = /^'*[=+\-@\t\r]/;
/** Apostrophes before a formula character are added on export and removed on import, one each. */
const protect = (cell: string) => (FORMULA.test(cell) ? `'${cell}` : cell);
const unprotect = (cell: string) =>
  cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell;

const lines = (cell: string) =>
  cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

function formatSource(s: Source): string {
  return s.url ? `${s.title} <${s.url}>` : s.title;
}

function parseSource(line: string): Source {
  const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(line);
  return m ? { title: m[1]!, url: m[2]! } : { title: line };
}

/** The reader's list as CSV with every column, header first. */
export function entriesToCsv(entries: readonly Entry[]): string {
  const rows = entries.map((e) => {
    const cells: Record<Column, string> = {
      phrase: e.patterns.join('\n'),
      meaning: e.meaning,
      explanation: e.explanation,
      category: e.category,
      intensity: String(e.intensity),
      source: e.sources.map(formatSource).join('\n'),
      id: e.id,
      lang: e.lang,
      examples: e.examples.join('\n'),
      counter_examples: e.counterExamples.join('\n'),
      ladder: e.ladder ? `${e.ladder.scale}:${e.ladder.step}` : '',
      context: e.context ? JSON.stringify(e.context) : '',
    };
    return CSV_COLUMNS.map((c) => protect(cells[c]));
  });
  return formatCsv([[...CSV_COLUMNS], ...rows]);
}

/** Turns one row into an entry draft (validated later), or the errors of its cells. */
function rowToDraft(
  get: (c: Column) => string | undefined,
  line: number,
  errors: ImportError[],
): unknown {
  const draft: Record<string, unknown> = { patterns: lines(get('phrase') ?? '') };
  for (const [col, key] of [
    ['meaning', 'meaning'],
    ['explanation', 'explanation'],
    ['category', 'category'],
    ['id', 'id'],
    ['lang', 'lang'],
  ] as const) {
    const v = get(col)?.trim();
    if (v) draft[key] = v;
  }
  const intensity = get('intensity')?.trim();
  if (intensity) draft.intensity = /^\d+$/.test(intensity) ? Number(intensity) : intensity;
  const sources = lines(get('source') ?? '');
  if (sources.length) draft.sources = sources.map(parseSource);
  for (const [col, key] of [
    ['examples', 'examples'],
    ['counter_examples', 'counterExamples'],
  ] as const) {
    const v = get(col);
    if (v !== undefined) draft[key] = lines(v);
  }
  const ladder = get('ladder')?.trim();
  if (ladder) {
    const m = /^(.+):(-?\d+(?:\.\d+)?)$/.exec(ladder);
    if (m) draft.ladder = { scale: m[1]!.trim(), step: Number(m[2]) };
    else
      errors.push({
        line,
        field: 'ladder',
        message: 'write the ladder as scale:step, e.g. un-feeling:2',
      });
  }
  const context = get('context')?.trim();
  if (context) {
    try {
      draft.context = JSON.parse(context) as unknown;
    } catch {
      errors.push({ line, field: 'context', message: 'the context rules are not valid JSON' });
    }
  }
  return draft;
}

/** Reads CSV text into entry drafts with their lines, or errors naming line and column. */
export function csvToDrafts(text: string): { drafts: LineDraft[]; errors: ImportError[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok)
    return { drafts: [], errors: [{ line: parsed.line, field: 'file', message: parsed.message }] };
  const [header, ...rows] = parsed.records;
  if (!header)
    return { drafts: [], errors: [{ line: 1, field: 'file', message: 'the file is empty' }] };
  const names = header.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const errors: ImportError[] = [];
  names.forEach((n, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(n))
      errors.push({
        line: header.line,
        field: header.fields[i] ?? n,
        message: `unknown column; expected ${CSV_COLUMNS.join(', ')}`,
      });
    else if (names.indexOf(n) !== i)
      errors.push({ line: header.line, field: n, message: 'this column appears twice' });
  });
  for (const required of ['phrase', 'meaning'])
    if (!names.includes(required))
      errors.push({
        line: header.line,
        field: required,
        message: `the header row has no "${required}" column`,
      });
  if (errors.length) return { drafts: [], errors };
  const drafts: LineDraft[] = [];
  for (const row of rows) {
    if (row.fields.length !== names.length) {
      errors.push({
        line: row.line,
        field: 'row',
        message: `${row.fields.length} fields; the header has ${names.length}`,
      });
      continue;
    }
    const get = (c: Column) => {
      const i = names.indexOf(c);
      return i < 0 ? undefined : unprotect(row.fields[i]!);
    };
    drafts.push({ line: row.line, draft: rowToDraft(get, row.line, errors) });
  }
  return { drafts, errors };
}
