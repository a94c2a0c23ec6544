import { describe, expect, it } from 'vitest';
import { compileGlossary, findMatches, type Entry } from '../../src/core/index';
import { generateGlossary } from '../generate-glossary';
import { literalPhrases, phraseList } from '../phrases';

const entry = (id: string, patterns: string[]): Entry => ({
  id,
  patterns,
  meaning: 'm',
  explanation: 'e',
  category: 'diplomatic',
  intensity: 3,
  lang: 'en',
  sources: [{ title: 's' }],
  examples: [],
  counterExamples: [],
});

describe('mark.js phrase lists', () => {
  it('gives one phrase per pattern: first alternatives, no optional words, gaps closed', () => {
    expect(literalPhrases('[free and] (frank|candid) exchange *2 views', 'canonical')).toEqual([
      'frank exchange views',
    ]);
  });

  it('multiplies every alternative and optional part out in "all" mode', () => {
    expect(literalPhrases('[free and] (frank|candid) talks', 'all').sort()).toEqual(
      ['candid talks', 'frank talks', 'free and candid talks', 'free and frank talks'].sort(),
    );
  });

  it('gives no phrase for an invalid pattern rather than throwing', () => {
    expect(literalPhrases('(unclosed talks')).toEqual([]);
  });

  it('lists each phrase once, ignoring case as mark.js does', () => {
    const list = phraseList([
      entry('a', ['Grave concern']),
      entry('b', ['grave concern', 'deep regret']),
    ]);
    expect(list).toEqual(['Grave concern', 'deep regret']);
  });
});

describe('generated glossaries', () => {
  const builtin = [entry('frank-exchange', ['frank exchange of views'])];

  it('keeps the built-in entries first and fills up to the requested size', () => {
    const g = generateGlossary(builtin, 500);
    expect(g).toHaveLength(500);
    expect(g[0]).toBe(builtin[0]);
    expect(new Set(g.map((e) => e.id)).size).toBe(500);
  });

  it('is the same list on every run', () => {
    expect(generateGlossary(builtin, 300)).toEqual(generateGlossary(builtin, 300));
  });

  it('holds only patterns the engine compiles and finds', () => {
    const g = generateGlossary([], 200);
    const compiled = compileGlossary(g);
    for (const e of g.slice(0, 40)) {
      const phrase = literalPhrases(e.patterns[0]!, 'canonical')[0]!;
      expect(findMatches(compiled, `Officials said ${phrase} today.`).length).toBeGreaterThan(0);
    }
  });
});
