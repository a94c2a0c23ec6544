/**
 * RFC 4180 CSV, both ways: fields separated by commas, records by CRLF (LF alone is accepted on
 * read), fields holding a comma, a quote or a line break quoted with `"` and inner quotes doubled.
 * Reading is strict about quotes, because a stray quote silently shifts every later column: the
 * error names the line and the column instead.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export type CsvResult =
  { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/** Parses `text` into records. A leading byte-order mark is ignored; blank lines are skipped. */
export function parseCsv(text: string): CsvResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the current field was quoted, so even "" makes the line a record
  let line = 1;
  let start = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !quoted;
    endField();
    if (!blank) records.push({ line: start, fields });
    fields = [];
    quoted = false;
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"' && field === '' && !quoted) {
      const opened = line;
      quoted = true;
      for (i++; ;) {
        if (i >= src.length)
          return { ok: false, line: opened, message: 'a quoted field is never closed (missing ")' };
        const c = src[i]!;
        if (c === '"' && src[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        return {
          ok: false,
          line,
          message: `text after a closing quote in column ${fields.length + 1}`,
        };
    } else if (ch === '"') {
      return {
        ok: false,
        line,
        message: `a quote inside an unquoted field in column ${fields.length + 1}: quote the field and double the quote ("")`,
      };
    } else if (ch === ',') {
      endField();
      quoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length || quoted) endRecord();
  return { ok: true, records };
}

/** Quotes a field when it needs it (comma, quote, line break, or space at either end). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats records as CSV with CRLF line ends, as RFC 4180 says. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
