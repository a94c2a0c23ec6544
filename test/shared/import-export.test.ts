import { describe, expect, it } from 'vitest';
import {
  MAX_ENTRIES,
  exportEntries,
  parseImport,
  planImport,
  type ImportContext,
} from '../../src/shared/import-export';
import type { Entry } from '../../src/core/entry';
import { makeEntry } from './entries';

const ctx: ImportContext = { builtinIds: new Set(['grave-concern']), defaultSource: 'My notes' };
const day = new Date('2026-11-27T12:00:00Z');

describe('JSON import', () => {
  it('reads an array of entries and an object with an entries list alike', () => {
    const list = [makeEntry('candid-talks'), makeEntry('frank-exchange')];
    const a = parseImport('json', JSON.stringify(list), ctx);
    const b = parseImport('json', JSON.stringify({ entries: list }), ctx);
    expect(a).toEqual({ entries: list, errors: [] });
    expect(b).toEqual(a);
  });

  it('fills in what a hand-written entry may leave out', () => {
    const text = JSON.stringify([
      { patterns: ['cordial  talks'], meaning: 'Cool.', explanation: 'x' },
    ]);
    expect(parseImport('json', text, ctx).entries).toEqual([
      {
        id: 'cordial-talks',
        patterns: ['cordial talks'],
        meaning: 'Cool.',
        explanation: 'x',
        category: 'custom',
        intensity: 2,
        lang: 'en',
        sources: [{ title: 'My notes' }],
        examples: [],
        counterExamples: [],
      },
    ]);
  });

  it('names the line and field of each bad entry', () => {
    const text = `{
  "entries": [
    { "patterns": ["ok phrase"], "meaning": "Fine.", "explanation": "x" },
    { "patterns": ["(unclosed"], "meaning": "Bad.", "explanation": "x" },
    {
      "patterns": ["no meaning"],
      "explanation": "x", "intensity": 9
    }
  ]
}`;
    const { errors } = parseImport('json', text, ctx);
    expect(errors).toContainEqual(expect.objectContaining({ line: 4, field: 'patterns[0]' }));
    expect(errors).toContainEqual(expect.objectContaining({ line: 5, field: 'meaning' }));
    expect(errors).toContainEqual(expect.objectContaining({ line: 5, field: 'intensity' }));
  });

  it('names the line of a JSON syntax error', () => {
    const { errors } = parseImport('json', '[\n  {"a": 1},\n  {"b": }\n]', ctx);
    expect(errors).toEqual([expect.objectContaining({ line: 3, field: 'file' })]);
  });

  it('refuses a built-in id and a duplicate id, naming the first line', () => {
    const text = JSON.stringify(
      [makeEntry('grave-concern'), makeEntry('dup'), makeEntry('dup')],
      null,
      1,
    );
    const { errors } = parseImport('json', text, ctx);
    expect(errors.map((e) => e.field)).toEqual(['id', 'id']);
    expect(errors[1]!.message).toMatch(/entry on line \d+/);
  });

  it('refuses a file over 5 MB and a list over the entry limit', () => {
    expect(parseImport('json', ' '.repeat(5 * 1024 * 1024 + 1), ctx).errors[0]!.message).toMatch(
      /5 MB/,
    );
    const many = JSON.stringify(Array.from({ length: MAX_ENTRIES + 1 }, () => ({})));
    expect(parseImport('json', many, ctx).errors[0]!.message).toMatch(/limit is 10000/);
  });

  it('refuses a file that is not a list of entries', () => {
    expect(parseImport('json', '{"phrases": []}', ctx).errors[0]).toMatchObject({
      field: 'entries',
    });
  });
});

describe('CSV import', () => {
  it('reads the six documented columns in any order with RFC 4180 quoting', () => {
    const text =
      'Meaning,phrase,explanation,category,intensity,source\r\n' +
      '"A row, politely.","frank exchange\n=candid talks",They argued.,diplomatic,3,"BBC <https://bbc.co.uk/>\nMy notes"\r\n';
    const { entries, errors } = parseImport('csv', text, ctx);
    expect(errors).toEqual([]);
    expect(entries[0]).toMatchObject({
      id: 'frank-exchange',
      patterns: ['frank exchange', '=candid talks'],
      meaning: 'A row, politely.',
      category: 'diplomatic',
      intensity: 3,
      sources: [{ title: 'BBC', url: 'https://bbc.co.uk/' }, { title: 'My notes' }],
    });
  });

  it('names line and field: bad intensity, unknown category, short row', () => {
    const text =
      'phrase,meaning,explanation,category,intensity\na b,M,E,diplomatic,high\nc d,M,E,gossip,2\ne f,M\n';
    const { errors } = parseImport('csv', text, ctx);
    expect(errors).toEqual([
      expect.objectContaining({ line: 2, field: 'intensity' }),
      expect.objectContaining({ line: 3, field: 'category' }),
      expect.objectContaining({ line: 4, field: 'row' }),
    ]);
  });

  it('refuses a header without phrase or with an unknown column', () => {
    const { errors } = parseImport('csv', 'meaning,colour\nx,y\n', ctx);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'colour'],
      [1, 'phrase'],
    ]);
  });

  it('gives each row without an id its own id, clear of built-in ids', () => {
    const text = 'phrase,meaning,explanation\ngrave concern,M,E\ngrave concern,N,E\n';
    expect(parseImport('csv', text, ctx).entries.map((e) => e.id)).toEqual([
      'grave-concern-2',
      'grave-concern-3',
    ]);
  });
});

describe('planImport', () => {
  const current = [makeEntry('a'), makeEntry('b'), makeEntry('c')];
  const file = {
    entries: [makeEntry('b'), makeEntry('c', { meaning: 'new' }), makeEntry('d')],
    errors: [],
  };

  it('merging adds and updates by id and keeps the rest', () => {
    const plan = planImport(current, file, 'merge');
    expect(plan).toMatchObject({ added: ['d'], changed: ['c'], unchanged: ['b'], removed: [] });
    expect(plan.next.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('replacing makes the file the whole list and lists what goes', () => {
    const plan = planImport(current, file, 'replace');
    expect(plan.removed).toEqual(['a']);
    expect(plan.next.map((e) => e.id)).toEqual(['b', 'c', 'd']);
  });

  it('treats entries with the same fields in another key order as unchanged', () => {
    const reordered = Object.fromEntries(Object.entries(makeEntry('a')).reverse()) as Entry;
    expect(planImport(current, { entries: [reordered], errors: [] }, 'merge').unchanged).toEqual([
      'a',
    ]);
  });
});

describe('export', () => {
  it('exports a full list of 10,000 entries under the import limit, and it imports back', () => {
    const list = Array.from({ length: MAX_ENTRIES }, (_, i) =>
      makeEntry(`phrase-${i}`, {
        patterns: [`(frank|candid) phrase number ${i}`],
        explanation: 'A couple of sentences on why, and when it does not apply. '.repeat(2),
        sources: [{ title: 'My notes', url: 'https://example.org/notes' }],
      }),
    );
    for (const format of ['json', 'csv'] as const) {
      const { text } = exportEntries(list, format, day);
      expect(new TextEncoder().encode(text).length).toBeLessThan(5 * 1024 * 1024);
      const back = parseImport(format, text, ctx);
      expect(back.errors).toEqual([]);
      expect(back.entries).toHaveLength(MAX_ENTRIES);
    }
  }, 180_000);

  it('names the file by format and day', () => {
    expect(exportEntries([], 'csv', day).filename).toBe('subtext-phrases-2026-11-27.csv');
    expect(exportEntries([], 'json', day).filename).toBe('subtext-phrases-2026-11-27.json');
  });

  it('writes formula-like cells so a spreadsheet shows them as text', () => {
    const { text } = exportEntries([makeEntry('x', { patterns: ['=frank talks'] })], 'csv', day);
    expect(text.split('\r\n')[1]!.startsWith("'=frank talks,")).toBe(true);
  });
});
