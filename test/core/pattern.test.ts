import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandPattern, expandPlainPattern } from '../../src/core/expand';
import { lemmaKey } from '../../src/core/inflect';
import { checkPattern, parsePattern, PatternError } from '../../src/core/pattern';

/** Plain words as the keys a pattern compiles them to (`*N` and `=word` kept as written). */
const keys = (words: string) =>
  words
    .split(' ')
    .map((w) => (/^[*=]/.test(w) ? w : lemmaKey(w)))
    .join(' ');

/** The expansions of a pattern as readable strings (keys, gaps as *N). */
function expansions(pattern: string): string[] {
  return expandPattern(parsePattern(pattern)).map((steps) =>
    steps.map((s) => (s.kind === 'word' ? s.key : `*${s.max}`)).join(' '),
  );
}

function errorOf(pattern: string): PatternError {
  try {
    expandPattern(parsePattern(pattern));
  } catch (e) {
    if (e instanceof PatternError) return e;
    throw e;
  }
  throw new Error(`"${pattern}" was accepted`);
}

describe('parsePattern and expandPattern', () => {
  it('reads plain words as lemma keys', () => {
    expect(expansions('Exchange of Views')).toEqual([keys('exchang of view')]);
  });

  it('reads =word as the exact form', () => {
    expect(expansions('=frank talks')).toEqual([keys('=frank talk')]);
  });

  it('expands alternatives, including multi-word ones', () => {
    expect(expansions('(frank|full and frank) talks')).toEqual([
      keys('frank talk'),
      keys('full and frank talk'),
    ]);
  });

  it('expands nested alternatives', () => {
    expect(expansions('((very|extremely) frank|candid) talks')).toEqual([
      keys('very frank talk'),
      keys('extremely frank talk'),
      keys('candid talk'),
    ]);
  });

  it('expands optional words, with or without alternatives inside', () => {
    expect(expansions('[free and] frank')).toEqual([keys('frank'), keys('free and frank')]);
    expect(expansions('[(free|full) and] frank')).toEqual([
      keys('frank'),
      keys('free and frank'),
      keys('full and frank'),
    ]);
  });

  it('accepts top-level alternatives', () => {
    expect(expansions('frank talks|candid talks')).toEqual([
      keys('frank talk'),
      keys('candid talk'),
    ]);
  });

  it('reads *N as a gap and merges adjacent gaps', () => {
    expect(expansions('talks *3 constructive')).toEqual([keys('talk *3 constructive')]);
    expect(expansions('talks *2 [very] *3 useful')).toEqual([
      keys('talk *5 useful'),
      keys('talk *2 very *3 useful'),
    ]);
  });

  it('splits hyphenated words and possessives like the text tokenizer', () => {
    expect(expansions('zero-sum game')).toEqual([keys('zero sum game')]);
    expect(expansions('president’s position')).toEqual([keys("president 's position")]);
    expect(expansions("president 's")).toEqual([keys("president 's")]);
  });

  it('ignores commas and allows abbreviations with periods', () => {
    expect(expansions('frank, candid')).toEqual([keys('frank candid')]);
    expect(expansions('U.S. officials')).toEqual([keys('u s official')]);
  });

  it('folds diacritics and dashes in patterns too', () => {
    expect(expansions('communiqué')).toEqual([keys('communique')]);
  });
});

describe("expandPlainPattern (the compiler's shortcut for plain words)", () => {
  it('gives exactly the steps the parser and expander give, columns included', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, fc.constantFrom('Exchanges', 'talks', 'is', 'US')), {
          minLength: 1,
          maxLength: 8,
        }),
        (words) => {
          const pattern = words.join(' ');
          expect(expandPlainPattern(pattern)).toEqual(expandPattern(parsePattern(pattern)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves every other pattern to the parser', () => {
    for (const p of [
      '(a|b) c',
      '[full and] frank',
      'a *2 b',
      '=frank talk',
      'a  b',
      'zero-sum',
      "Putin's",
      'x'.repeat(301),
    ])
      expect(expandPlainPattern(p)).toBeNull();
  });
});

describe('pattern errors', () => {
  it.each([
    ['free and (frank exchange', 25, 'unclosed "(" opened at column 10'],
    ['[full and frank', 16, 'unclosed "[" opened at column 1'],
    ['(frank] talks', 7, '"]" cannot close "(" opened at column 1; expected ")"'],
    ['frank) talks', 6, '")" closes nothing'],
    ['(frank|) talks', 8, 'empty alternative in "(" opened at column 1'],
    ['(|frank) talks', 2, 'empty alternative in "(" opened at column 1'],
    ['() talks', 2, 'empty alternative in "(" opened at column 1'],
    ['talks * views', 7, '"*" needs a number of words, e.g. "*3"'],
    ['talks *9 views', 7, 'gap "*9" must be between 1 and 8 words'],
    ['talks *0 views', 7, 'gap "*0" must be between 1 and 8 words'],
    ['*2 talks', 1, 'a pattern cannot start with a gap "*N"'],
    ['talks *2', 7, 'a pattern cannot end with a gap "*N"'],
    ['[x] *2 talks', 5, 'a pattern cannot start with a gap "*N"'],
    ['[frank] [talks]', 1, 'pattern can match no words: everything in it is optional'],
    ['= frank', 1, '"=" must be followed by a word, not " "'],
    ['frank =', 7, '"=" must be followed by a word, not the end'],
    ['frank & candid', 7, 'unexpected character "&"'],
    ['frank "talks"', 7, 'unexpected character """'],
    ['talks. frank', 1, '"talks." contains a sentence end'],
    ['frank ; talks', 7, 'unexpected character ";"'],
    ['  ', 1, 'empty pattern'],
    ['frank -', 7, '"-" holds no letters or digits'],
  ])('refuses %j at column %i: %s', (pattern, column, reason) => {
    const e = errorOf(pattern);
    expect(e.reason).toBe(reason);
    expect(e.column).toBe(column);
  });

  it('refuses a pattern that would expand into too many sequences', () => {
    const e = errorOf('(a|b|c) (d|e|f) (g|h|i) (j|k|l) (m|n|o) (p|q|r)');
    expect(e.reason).toMatch(/expands to more than 256 word sequences/);
  });

  it('refuses an overlong pattern', () => {
    expect(errorOf('talks '.repeat(60)).reason).toMatch(/longer than 300 characters/);
  });

  it('names the entry, the pattern (from 1) and the column once located', () => {
    const e = errorOf('free and (frank exchange').locate('frank-exchange', 0);
    expect(e.message).toBe(
      'entry "frank-exchange": pattern 1, column 25: unclosed "(" opened at column 10',
    );
  });
});

describe('checkPattern', () => {
  it('returns null for a valid pattern', () => {
    expect(checkPattern('[(free|full) and] frank exchange of views')).toBeNull();
  });

  it('returns the reason with its column for an invalid one', () => {
    expect(checkPattern('a (free exchange')).toBe('column 17: unclosed "(" opened at column 3');
  });

  it('never throws, whatever it is given', () => {
    for (const p of ['(((((', ')', '*', '=', '[|]', '\u0000', '\uD800', 'a'.repeat(10_000)])
      expect(typeof checkPattern(p)).toBe('string');
  });
});
