import { describe, expect, it } from 'vitest';
import { compileGlossary, compileGlossaryInSteps } from '../../src/core/compile';
import { findMatches } from '../../src/core/matcher';
import { decode, entry, find } from './helpers';

describe('words', () => {
  it('matches "frank" inside "free and frank exchange of views"', () => {
    expect(find('frank', 'a free and frank exchange of views')).toEqual(['frank']);
  });

  it('matches whole words only: never "frank" inside "Frankfurt"', () => {
    expect(find('frank', 'Frankfurt, frankly, Franks')).toEqual(['Franks']);
    expect(find('talk', 'talkative stalk')).toEqual([]);
  });

  it('matches every inflected form of a content word', () => {
    const text = 'exchange of views; exchanges of views; exchanged of views; exchanging of views';
    expect(find('exchange of views', text)).toHaveLength(4);
  });

  it('matches irregular forms: "held talks" for "hold talks"', () => {
    expect(find('hold talks', 'They held talks and will hold talks.')).toEqual([
      'held talks',
      'hold talks',
    ]);
  });

  it('matches only the exact form for =word', () => {
    expect(find('frank =talks', 'frank talks, frank talk, frank talked')).toEqual(['frank talks']);
  });

  it('ignores case, diacritics, quotes, dashes and odd whitespace', () => {
    expect(find('communiqué', 'the COMMUNIQUE said')).toEqual(['COMMUNIQUE']);
    expect(find('president’s position', "the President's position")).toEqual([
      "President's position",
    ]);
    expect(find('zero-sum game', 'a zero\u2013sum\ngame')).toEqual(['zero\u2013sum\ngame']);
  });

  it('matches a phrase before a possessive: "Kiev regime" in "the Kiev regime\'s"', () => {
    expect(find('Kiev regime', "the Kiev regime's sponsors")).toEqual(['Kiev regime']);
  });
});

describe('syntax', () => {
  it('matches each alternative of (a|b c)', () => {
    expect(find('(frank|full and frank) talks', 'frank talks. full and frank talks')).toEqual([
      'frank talks',
      'full and frank talks',
    ]);
  });

  it('matches with and without [optional] words', () => {
    const text = 'a frank exchange, then a free and frank exchange';
    expect(find('[free and] frank exchange', text)).toEqual([
      'frank exchange',
      'free and frank exchange',
    ]);
  });

  it('lets *N skip zero to N words, and no more', () => {
    expect(find('talks *3 constructive', 'talks constructive')).toEqual(['talks constructive']);
    expect(find('talks *3 constructive', 'the talks were useful and constructive')).toEqual([
      'talks were useful and constructive',
    ]);
    expect(find('talks *2 constructive', 'talks were useful and constructive')).toEqual([]);
  });

  it('keeps the path that skipped fewer words when two paths meet after a gap', () => {
    // "b" at 1 then 3 skipped words fails; skipping "b" at 1 and taking "b" at 2 leaves 2: fits.
    expect(find('a *3 b *2 c', 'a b b x x c')).toEqual(['a b b x x c']);
  });

  it('does not count commas as gap words: "frank *2 constructive" in "frank, candid and constructive"', () => {
    expect(find('frank *2 constructive', 'frank, candid and constructive')).toEqual([
      'frank, candid and constructive',
    ]);
  });

  it('tolerates a comma between two pattern words', () => {
    expect(find('frank candid talks', 'frank, candid talks')).toEqual(['frank, candid talks']);
  });

  it('lets a comma stand for "and" between listed words', () => {
    expect(find('frank and constructive talks', 'frank, constructive talks')).toEqual([
      'frank, constructive talks',
    ]);
    expect(find('frank and constructive talks', 'frank constructive talks')).toEqual([]);
  });

  it('matches "\'s" written with either apostrophe', () => {
    expect(find("president's", "the president’s and the president's")).toEqual([
      'president’s',
      "president's",
    ]);
  });
});

describe('boundaries', () => {
  it('never crosses a sentence end', () => {
    for (const end of ['.', '!', '?', ';', ':'])
      expect(find('frank talks', `It was frank${end} Talks followed`)).toEqual([]);
  });

  it('never crosses a paragraph break', () => {
    expect(find('frank talks', 'It was frank\n\ntalks followed')).toEqual([]);
    expect(find('frank talks', 'It was frank\ntalks followed')).toEqual(['frank\ntalks']);
  });

  it('does not let a gap cross a sentence end', () => {
    expect(find('talks *4 constructive', 'talks ended. It was constructive')).toEqual([]);
  });

  it('crosses abbreviations that are not sentence ends', () => {
    expect(find('U.S. politicians', 'some U.S. politicians')).toEqual(['U.S. politicians']);
  });
});

describe('choosing between matches', () => {
  const cordial = entry('cordial', ['cordial']);
  const warm = entry('cordial-and-friendly', ['cordial and friendly']);

  it('prefers the longer match at the same start: "cordial and friendly" over "cordial"', () => {
    expect(decode([cordial, warm], 'cordial and friendly talks')).toEqual([
      'cordial and friendly|cordial-and-friendly',
    ]);
  });

  it('prefers the leftmost match over a longer one that starts later', () => {
    const a = entry('a', ['frank exchange']);
    const b = entry('b', ['exchange of views and opinions']);
    expect(decode([a, b], 'frank exchange of views and opinions')).toEqual(['frank exchange|a']);
  });

  it('never returns overlapping matches and returns them sorted', () => {
    const entries = [entry('a', ['a b']), entry('b', ['b c']), entry('c', ['c d'])];
    expect(decode(entries, 'a b c d')).toEqual(['a b|a', 'c d|c']);
  });

  it('on equal spans takes the first entry in glossary order', () => {
    const x = entry('x', ['frank talks']);
    const y = entry('y', ['frank talks']);
    expect(decode([x, y], 'frank talks')).toEqual(['frank talks|x']);
    expect(decode([y, x], 'frank talks')).toEqual(['frank talks|y']);
  });

  it('reports which pattern matched', () => {
    const g = compileGlossary([entry('e', ['candid talks', 'frank talks'])]);
    expect(findMatches(g, 'frank talks')).toEqual([
      { start: 0, end: 11, entryId: 'e', patternIndex: 1 },
    ]);
  });
});

describe('offsets', () => {
  it('reports offsets into the original text despite soft hyphens and zero-width characters', () => {
    const text = 'A \u200Bfree and frank ex\u00ADchange of views\u200B, they said.';
    const g = compileGlossary([entry('e', ['free and frank exchange of views'])]);
    const [m] = findMatches(g, text);
    expect(text.slice(m!.start, m!.end)).toBe('free and frank ex\u00ADchange of views');
  });

  it('reports offsets into the original text with decomposed diacritics', () => {
    const text = 'Le communique\u0301 final';
    const g = compileGlossary([entry('e', ['communiqué'])]);
    const [m] = findMatches(g, text);
    expect(text.slice(m!.start, m!.end)).toBe('communique\u0301');
  });

  it('reports offsets into the original text after astral characters', () => {
    const text = '\u{1F600}\u{1F600} frank talks';
    const [m] = findMatches(compileGlossary([entry('e', ['frank talks'])]), text);
    expect(m).toMatchObject({ start: 5, end: 16 });
  });
});

describe('compileGlossary', () => {
  it('names the entry, pattern and column of an invalid pattern', () => {
    expect(() => compileGlossary([entry('frank-exchange', ['ok', 'free (frank'])])).toThrow(
      'entry "frank-exchange": pattern 2, column 12: unclosed "(" opened at column 6',
    );
  });

  it('names the context rule of an invalid context pattern', () => {
    const bad = entry('constructive', ['constructive'], {
      context: { requires: [{ anyOf: ['talks', '(meeting'], window: 3 }] },
    });
    expect(() => compileGlossary([bad])).toThrow(
      'entry "constructive": context.requires[0].anyOf[1], column 9: unclosed "(" opened at column 1',
    );
  });

  it('compiles an empty glossary that matches nothing', () => {
    expect(findMatches(compileGlossary([]), 'frank talks')).toEqual([]);
  });

  it('returns nothing for an empty text', () => {
    expect(findMatches(compileGlossary([entry('e', ['frank'])]), '')).toEqual([]);
  });
});

describe('compileGlossaryInSteps', () => {
  it('compiles one entry per step into a glossary that finds what compileGlossary finds', async () => {
    const { BUILTIN_PACKS } = await import('../../src/glossary/index');
    const entries = BUILTIN_PACKS.flatMap((p) => p.entries).slice(0, 40);
    const steps = compileGlossaryInSteps(entries);
    let count = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) count = r.value;
    expect(count).toBe(entries.length);
    const text = entries.flatMap((e) => e.examples).join(' ');
    expect(findMatches(r.value, text)).toEqual(findMatches(compileGlossary(entries), text));
    expect(findMatches(r.value, text).length).toBeGreaterThan(10);
  });
});
