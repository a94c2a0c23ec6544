/**
 * Import and export of the reader's list, pure: text in, a plan out; the background applies it.
 *
 * JSON is the entry format (src/core/entry.ts): an array of entries, or `{ "entries": [...] }`.
 * CSV has a header row naming its columns, in any order: `phrase` and `meaning` are required;
 * `explanation`, `category`, `intensity`, `source`, then `id`, `lang`, `examples`,
 * `counter_examples`, `ladder`, `context` are optional (see csv-entries.ts). An export holds every
 * column, so export → import gives back exactly the same list in either format.
 *
 * Nothing is applied when any error is found: errors name the line of the file and the field.
 */
import type { Entry } from '../core/entry';
import type { ImportError, ImportRequest, ImportSummary } from './messages';
import { checkDraft, uniqueId, type LineDraft } from './entry-draft';
import { entriesToCsv, csvToDrafts } from './csv-entries';
import { entryLines, jsonErrorLine } from './json-lines';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** The most entries a reader's list may hold (matching stays fast far beyond; storage does not). */
export const MAX_ENTRIES = 10_000;
/** An import with more problems stops listing them here: the first ones are enough to act on. */
export const MAX_ERRORS = 100;

export interface ImportContext {
  /** Ids of the built-in entries: a reader's entry may not take one. */
  builtinIds: ReadonlySet<string>;
  /** Source title given to entries without one ("My notes" in the reader's language). */
  defaultSource: string;
}

export interface ParsedImport {
  entries: Entry[];
  errors: ImportError[];
}

function jsonDrafts(text: string): { drafts: LineDraft[]; errors: ImportError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      drafts: [],
      errors: [
        {
          line: jsonErrorLine(text, message),
          field: 'file',
          message: `not valid JSON (${message})`,
        },
      ],
    };
  }
  const list = Array.isArray(data)
    ? data
    : data !== null &&
        typeof data === 'object' &&
        Array.isArray((data as { entries?: unknown }).entries)
      ? (data as { entries: unknown[] }).entries
      : null;
  if (!list)
    return {
      drafts: [],
      errors: [
        {
          line: 1,
          field: 'entries',
          message: 'expected a list of entries, or an object with an "entries" list',
        },
      ],
    };
  const lines = entryLines(text);
  return { drafts: list.map((draft, i) => ({ line: lines[i] ?? 1, draft })), errors: [] };
}

/** Reads an import file into valid entries and line/field errors; never throws. */
export function parseImport(
  format: ImportRequest['format'],
  text: string,
  ctx: ImportContext,
): ParsedImport {
  if (typeof text !== 'string')
    return { entries: [], errors: [{ line: 1, field: 'file', message: 'no text to import' }] };
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES)
    return {
      entries: [],
      errors: [
        {
          line: 1,
          field: 'file',
          message: `the file is ${(bytes / 1048576).toFixed(1)} MB; the limit is 5 MB`,
        },
      ],
    };
  const read = format === 'csv' ? csvToDrafts(text) : format === 'json' ? jsonDrafts(text) : null;
  if (!read)
    return {
      entries: [],
      errors: [{ line: 1, field: 'format', message: 'format must be "json" or "csv"' }],
    };
  if (read.drafts.length > MAX_ENTRIES)
    return {
      entries: [],
      errors: [
        {
          line: 1,
          field: 'entries',
          message: `${read.drafts.length} entries; the limit is ${MAX_ENTRIES}`,
        },
      ],
    };
  const errors = [...read.errors];

  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  const taken = (id: string) => ctx.builtinIds.has(id) || seen.has(id);
  for (const { line, draft } of read.drafts) {
    const checked = checkDraft(draft, (base) => uniqueId(base, taken), ctx.defaultSource);
    if (!checked.ok) {
      errors.push(...checked.errors.map((e) => ({ line, ...e })));
      continue;
    }
    const { id } = checked.entry;
    if (ctx.builtinIds.has(id))
      errors.push({
        line,
        field: 'id',
        message: `"${id}" is the id of a built-in entry; choose another id`,
      });
    else if (seen.has(id))
      errors.push({
        line,
        field: 'id',
        message: `"${id}" is also the id of the entry on line ${seen.get(id)}`,
      });
    else {
      seen.set(id, line);
      entries.push(checked.entry);
    }
  }
  return { entries, errors: capErrors(errors.sort((a, b) => a.line - b.line)) };
}

function capErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const last = errors[MAX_ERRORS - 1]!;
  return [
    ...errors.slice(0, MAX_ERRORS - 1),
    {
      line: last.line,
      field: 'file',
      message: `${errors.length - MAX_ERRORS + 1} more problems not listed`,
    },
  ];
}

/** JSON with object keys sorted: two equal entries give the same text whatever their key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/**
 * What importing `parsed` into the reader's `current` list would do. merge: add new ids, update
 * changed ones, keep the rest; replace: the file becomes the whole list. `next` is the list after.
 */
export function planImport(
  current: readonly Entry[],
  parsed: ParsedImport,
  mode: ImportRequest['mode'],
): ImportSummary & { next: Entry[] } {
  const summary: ImportSummary = {
    added: [],
    changed: [],
    removed: [],
    unchanged: [],
    errors: [...parsed.errors],
  };
  if (mode !== 'merge' && mode !== 'replace')
    summary.errors.push({ line: 1, field: 'mode', message: 'mode must be "merge" or "replace"' });
  const before = new Map(current.map((e) => [e.id, e]));
  const incoming = new Map(parsed.entries.map((e) => [e.id, e]));
  for (const e of parsed.entries) {
    const old = before.get(e.id);
    (!old
      ? summary.added
      : stableJson(old) === stableJson(e)
        ? summary.unchanged
        : summary.changed
    ).push(e.id);
  }
  if (mode === 'replace')
    summary.removed = current.filter((e) => !incoming.has(e.id)).map((e) => e.id);
  const kept = mode === 'replace' ? [] : current.filter((e) => !incoming.has(e.id));
  const next = [...kept, ...parsed.entries];
  if (next.length > MAX_ENTRIES)
    summary.errors.push({
      line: 1,
      field: 'entries',
      message: `the list would hold ${next.length} entries; the limit is ${MAX_ENTRIES}`,
    });
  return { ...summary, next };
}

/** The reader's list as a file to download. `date` names it (YYYY-MM-DD). */
export function exportEntries(
  entries: readonly Entry[],
  format: ImportRequest['format'],
  date: Date,
): { text: string; filename: string } {
  const day = date.toISOString().slice(0, 10);
  // One entry per line: compact (10,000 typical entries stay under the 5 MB import limit),
  // still readable, and an import error's line number points at one entry.
  const json = `{"entries": [\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
  const text = format === 'csv' ? entriesToCsv(entries) : json;
  return { text, filename: `subtext-phrases-${day}.${format === 'csv' ? 'csv' : 'json'}` };
}
