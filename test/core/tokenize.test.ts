import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/normalize';
import { PLAIN_CLASS, tokenize, tokenizeFolded } from '../../src/core/tokenize';

const surfaces = (text: string) => tokenize(text).map((t) => t.surface);
const sentences = (text: string) => tokenize(text).map((t) => `${t.surface}@${t.sentence}`);

describe('tokenize', () => {
  it('splits words on spaces and punctuation, folding case', () => {
    expect(surfaces('Free and Frank (exchange) of "views"')).toEqual([
      'free',
      'and',
      'frank',
      'exchange',
      'of',
      'views',
    ]);
  });

  it('splits words at hyphens and dashes', () => {
    expect(surfaces('zero-sum game—so‑called')).toEqual(['zero', 'sum', 'game', 'so', 'called']);
  });

  it("keeps an internal apostrophe but makes a final 's its own token", () => {
    expect(surfaces("don't o'clock regime's president’s")).toEqual([
      "don't",
      "o'clock",
      'regime',
      "'s",
      'president',
      "'s",
    ]);
  });

  it('drops quotes around words', () => {
    expect(surfaces("'frank' talks")).toEqual(['frank', 'talks']);
  });

  it('reports offsets into the original text', () => {
    const text = 'Le communique\u0301 ex\u00ADchange\u200B views';
    const spans = tokenize(text).map((t) => text.slice(t.start, t.end));
    expect(spans).toEqual(['Le', 'communique\u0301', 'ex\u00ADchange', 'views']);
  });

  it('gives each token its lemma key', () => {
    expect(tokenize('exchanges exchanged').map((t) => t.key)).toEqual(['exchang', 'exchang']);
  });

  it('starts a new sentence after . ! ? ; : and a blank line', () => {
    expect(sentences('one. Two! three? four; five: six\n\nseven eight')).toEqual([
      'one@0',
      'two@1',
      'three@2',
      'four@3',
      'five@4',
      'six@5',
      'seven@6',
      'eight@6',
    ]);
  });

  it('does not end a sentence at initials, abbreviations, decimals or times', () => {
    expect(sentences('U.S. officials met Sept. 29 at 10:30 with 3.5 per cent')).toEqual(
      'u s officials met sept 29 at 10 30 with 3 5 per cent'.split(' ').map((w) => `${w}@0`),
    );
  });

  it('does not end a sentence at a period followed by a lower-case word', () => {
    expect(sentences('talks etc. and approx. three')).toEqual(
      ['talks', 'etc', 'and', 'approx', 'three'].map((w) => `${w}@0`),
    );
  });

  it('notes a comma on the token after it, but not a thousands separator', () => {
    const flags = tokenize('frank, candid and 1,000 talks').map((t) => t.commaBefore);
    expect(flags).toEqual([false, true, false, false, false, false]);
  });

  it('treats a single line break as a space', () => {
    expect(sentences('frank\nexchange')).toEqual(['frank@0', 'exchange@0']);
  });
});

/** Every character of the fast path's class, one string each. */
function plainCharacters(): string[] {
  const re = new RegExp(`[${PLAIN_CLASS}]`);
  const out: string[] = [];
  for (let c = 0; c <= 0xffff; c++) if (re.test(String.fromCharCode(c))) out.push(String.fromCharCode(c)); // prettier-ignore
  return out;
}

describe('tokenize on plain text (the fast path)', () => {
  const plain = plainCharacters();

  it('knows only characters the fold maps to exactly one character', () => {
    expect(plain.length).toBeGreaterThan(200);
    for (const ch of plain) expect(normalize(`a${ch}b`).text, `U+${ch.charCodeAt(0).toString(16)}`).toHaveLength(3); // prettier-ignore
  });

  it('gives the same tokens as the full fold for every plain character between words', () => {
    for (const ch of plain)
      for (const text of [`a${ch}b`, `Mr${ch} b`, `x${ch}s`, `1${ch}2`, `no${ch}\n\nway`])
        expect(tokenize(text), JSON.stringify(text)).toEqual(tokenizeFolded(text));
  });

  it('gives the same tokens as the full fold on any mix of words, apostrophes, periods and breaks', () => {
    const pieces = [
      'talks', 'Frank', 'CAFÉ', 'Ÿes', 'ß', 's', 'S', 'a', 'Mr', 'etc', 'e', 'g', '3', '10', 'don',
      ' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\t', '\u00a0', '.', '. ', ',', ':', ';', '!', '?',
      "'", '’', '‘', '´', '`', '′', '"', '“', '—', '-', '…', '€', '×', '(', ')',
    ]; // prettier-ignore
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...pieces) },
      { weight: 1, arbitrary: fc.constantFrom(...plain) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(tokenize(text)).toEqual(tokenizeFolded(text));
      }),
      { numRuns: 5000 },
    );
  });
});
