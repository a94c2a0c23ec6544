import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/core/tokenize';

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
