import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/shared/csv';

const rows = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(`line ${r.line}: ${r.message}`);
  return r.records.map((x) => x.fields);
};

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(rows('a,"b, c","say ""no""","two\nlines"\r\nx,y,z,w\r\n')).toEqual([
      ['a', 'b, c', 'say "no"', 'two\nlines'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  it('gives each record the line it starts on, skipping blank lines', () => {
    const r = parseCsv('h1,h2\n\n"multi\nline",b\nc,d');
    expect(r.ok && r.records.map((x) => x.line)).toEqual([1, 3, 5]);
  });

  it('keeps empty fields, a quoted empty line and ignores a byte-order mark', () => {
    expect(rows('\uFEFFa,,\n""\n')).toEqual([['a', '', ''], ['']]);
  });

  it('names the line of a quote that is never closed', () => {
    expect(parseCsv('a,b\nc,"open\nmore\n')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringMatching(/never closed/),
    });
  });

  it('refuses a stray quote inside an unquoted field, naming line and column', () => {
    const r = parseCsv('a,b\nc,d"e\n');
    expect(r).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/column 2/) });
  });

  it('refuses text after a closing quote', () => {
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, line: 1 });
  });
});

describe('formatCsv', () => {
  it('quotes only the fields that need it and ends lines with CRLF', () => {
    expect(formatCsv([['a', 'b,c', 'd"e', ' f']])).toBe('a,"b,c","d""e"," f"\r\n');
  });

  it('gives back exactly the same fields when read again', () => {
    const field = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { maxLength: 8 }),
        (rs) => {
          expect(rows(formatCsv(rs))).toEqual(rs);
        },
      ),
      { numRuns: 500 },
    );
  });
});
