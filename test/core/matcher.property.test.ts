import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContextRule, Entry } from '../../src/core/entry';
import { compileGlossary } from '../../src/core/compile';
import { findMatches } from '../../src/core/matcher';
import { normalize } from '../../src/core/normalize';
import { checkPattern } from '../../src/core/pattern';
import { tokenize } from '../../src/core/tokenize';
import { entry } from './helpers';
import { referenceMatches } from './reference-matcher';

// A small vocabulary makes matches frequent; it mixes inflected and irregular forms, function
// words (including the "and"/"or" a comma may replace) and diacritics.
const BASE_WORDS = ['frank', 'talks', 'talk', 'hold', 'view', 'candid', 'and', 'or', 'the', 'café'];
const TEXT_WORDS = [
  ...BASE_WORDS,
  'held',
  'talked',
  'views',
  'Frank',
  'CANDID',
  'cafe\u0301',
  'fr\u00ADank',
  'frankly',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ' - ', '\u200B ', '\n', '; ', "'s "];

const patternArb: fc.Arbitrary<string> = fc
  .letrec<{ seq: string; item: string }>((tie) => ({
    seq: fc.array(tie('item'), { minLength: 1, maxLength: 3 }).map((items) => items.join(' ')),
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...BASE_WORDS),
      fc.constantFrom(...BASE_WORDS).map((w) => '=' + w),
      fc.integer({ min: 1, max: 3 }).map((n) => `*${n}`),
      fc.array(tie('seq'), { minLength: 2, maxLength: 3 }).map((opts) => `(${opts.join('|')})`),
      tie('seq').map((s) => `[${s}]`),
    ),
  }))
  .seq.filter((p) => checkPattern(p) === null);

const ruleArb: fc.Arbitrary<ContextRule> = fc.record(
  {
    anyOf: fc.array(patternArb, { minLength: 1, maxLength: 2 }),
    window: fc.integer({ min: 1, max: 4 }),
    side: fc.constantFrom('before' as const, 'after' as const, 'either' as const),
    crossSentence: fc.boolean(),
  },
  { requiredKeys: ['anyOf', 'window'] },
);

const entryArb = (index: number): fc.Arbitrary<Entry> =>
  fc
    .record({
      patterns: fc.array(patternArb, { minLength: 1, maxLength: 2 }),
      requires: fc.option(fc.array(ruleArb, { maxLength: 1 }), { freq: 3 }),
      excludes: fc.option(fc.array(ruleArb, { maxLength: 1 }), { freq: 3 }),
    })
    .map(({ patterns, requires, excludes }) =>
      entry(`e${index}`, patterns, {
        ...(requires || excludes
          ? { context: { requires: requires ?? [], excludes: excludes ?? [] } }
          : {}),
      }),
    );

const glossaryArb = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entryArb(i))));

const textArb = fc
  .array(fc.tuple(fc.constantFrom(...TEXT_WORDS), fc.constantFrom(...SEPARATORS)), {
    maxLength: 16,
  })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('matcher against the reference matcher', () => {
  it('finds exactly the matches the naive reference finds', () => {
    fc.assert(
      fc.property(glossaryArb, textArb, (entries, text) => {
        const g = compileGlossary(entries);
        expect(findMatches(g, text)).toEqual(referenceMatches(entries, text));
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('returns sorted, non-overlapping matches inside the text', () => {
    fc.assert(
      fc.property(glossaryArb, textArb, (entries, text) => {
        const matches = findMatches(compileGlossary(entries), text);
        let last = 0;
        for (const m of matches) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(text.length);
          last = m.end;
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe('normalize and tokenize on any string', () => {
  it('maps normalized characters to ordered offsets inside the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const n = normalize(s);
        for (let i = 0; i < n.text.length; i++) {
          expect(n.ends[i]).toBeGreaterThan(n.starts[i]!);
          expect(n.ends[i]).toBeLessThanOrEqual(s.length);
          if (i > 0) expect(n.starts[i]).toBeGreaterThanOrEqual(n.starts[i - 1]!);
        }
      }),
    );
  });

  it('gives tokens whose original text normalizes back to their surface', () => {
    const words = fc.constantFrom(...TEXT_WORDS, 'Ünïcødé', "don't", 'x\u00ADy', 'ﬁne', 'İstanbul');
    const texts = fc.array(fc.tuple(words, fc.constantFrom(...SEPARATORS)), { maxLength: 10 });
    fc.assert(
      fc.property(texts, (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        for (const t of tokenize(text))
          expect(normalize(text.slice(t.start, t.end)).text).toBe(t.surface);
      }),
    );
  });
});
