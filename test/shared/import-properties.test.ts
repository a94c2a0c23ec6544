// Property tests: generated lists survive export → import unchanged, and generated malformed files
// always end in a clear error or a valid list, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Entry } from '../../src/core/entry';
import { validateEntry } from '../../src/core/validate';
import { checkDraft } from '../../src/shared/entry-draft';
import {
  exportEntries,
  parseImport,
  planImport,
  type ImportContext,
} from '../../src/shared/import-export';

const ctx: ImportContext = { builtinIds: new Set(['grave-concern']), defaultSource: 'My notes' };
const day = new Date('2026-11-27T00:00:00Z');

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const kebab = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join('-'));
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const pattern = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const source = fc.record(
  { title: text.filter((t) => !/<[^<>\s]+>\s*$/.test(t.trim())), url: fc.webUrl() },
  { requiredKeys: ['title'] },
);
const rule = fc.record(
  {
    anyOf: fc.array(pattern, { minLength: 1, maxLength: 2 }),
    window: fc.integer({ min: 1, max: 30 }),
    side: fc.constantFrom('before', 'after', 'either'),
  },
  { requiredKeys: ['anyOf', 'window'] },
);
const draft = fc.record(
  {
    id: kebab,
    patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }),
    meaning: text,
    explanation: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
    category: fc.constantFrom(...CATEGORIES),
    intensity: fc.constantFrom(1, 2, 3, 4, 5),
    lang: fc.constantFrom('en', 'fr', 'en-GB'),
    sources: fc.array(source, { minLength: 1, maxLength: 2 }),
    examples: fc.array(text, { maxLength: 2 }),
    counterExamples: fc.array(text, { maxLength: 2 }),
    ladder: fc.record({ scale: kebab, step: fc.integer({ min: 1, max: 20 }) }),
    context: fc.record({ requires: fc.array(rule, { maxLength: 2 }) }, { requiredKeys: [] }),
  },
  {
    requiredKeys: [
      'id', 'patterns', 'meaning', 'explanation', 'category', 'intensity', 'lang', 'sources',
      'examples', 'counterExamples',
    ], // prettier-ignore
  },
);

/** Lists of entries as the store holds them: drafts that pass the same checks as a save. */
const storedList = fc.uniqueArray(draft, { selector: (d) => d.id, maxLength: 6 }).map((drafts) =>
  drafts.flatMap((d) => {
    const r = checkDraft(d, (b) => b, 'My notes');
    return r.ok && !ctx.builtinIds.has(r.entry.id) ? [r.entry] : [];
  }),
);

describe('export then import', () => {
  it.each(['json', 'csv'] as const)(
    'gives back exactly the same list in %s',
    (format) => {
      let total = 0;
      fc.assert(
        fc.property(storedList, (list) => {
          total += list.length;
          const file = exportEntries(list, format, day);
          const back = parseImport(format, file.text, ctx);
          expect(back.errors).toEqual([]);
          expect(back.entries).toEqual(list);
          const plan = planImport(list, back, 'replace');
          expect([plan.added, plan.changed, plan.removed]).toEqual([[], [], []]);
        }),
        { numRuns: 200 },
      );
      expect(total, 'the generator should give real lists').toBeGreaterThan(200);
    },
    60_000,
  );
});

/** A valid file damaged at random: characters cut, inserted or swapped. */
const damaged = (format: 'json' | 'csv') =>
  fc
    .tuple(
      storedList.filter((l) => l.length > 0),
      fc.array(
        fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), put: fc.string({ maxLength: 4 }) }),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([list, edits]) => {
      let t = exportEntries(list, format, day).text;
      for (const e of edits) {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + e.put + t.slice(at + e.cut);
      }
      return t;
    });

function assertClearOrValid(format: 'json' | 'csv', file: string): void {
  const existing: Entry[] = [];
  const before = JSON.stringify(existing);
  const parsed = parseImport(format, file, ctx);
  const lineCount = file.split(format === 'csv' ? /\r\n|\r|\n/ : '\n').length;
  for (const e of parsed.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lineCount);
    expect(typeof e.field).toBe('string');
    expect(e.message.length).toBeGreaterThan(3);
  }
  if (parsed.errors.length === 0)
    for (const entry of parsed.entries) expect(validateEntry(entry)).toMatchObject({ ok: true });
  planImport(existing, parsed, 'replace');
  expect(JSON.stringify(existing)).toBe(before);
}

describe('malformed imports', () => {
  it.each(['json', 'csv'] as const)(
    'a damaged %s file ends in line errors or a valid list',
    (format) => {
      fc.assert(
        fc.property(damaged(format), (file) => assertClearOrValid(format, file)),
        { numRuns: 1000 },
      );
    },
    60_000,
  );

  it('arbitrary JSON values end in a clear error or a valid list', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => assertClearOrValid('json', JSON.stringify(v, null, 1))),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('arbitrary text ends in a clear error or a valid list, as JSON and as CSV', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => {
        assertClearOrValid('json', t);
        assertClearOrValid('csv', t);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
