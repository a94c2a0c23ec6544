import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/normalize';

/** The original substring a normalized range [from, to) came from. */
function originalOf(original: string, from: number, to: number): string {
  const n = normalize(original);
  return original.slice(n.starts[from], n.ends[to - 1]);
}

describe('normalize', () => {
  it('folds case', () => {
    expect(normalize('Free AND Frank').text).toBe('free and frank');
  });

  it('strips diacritics, precomposed or decomposed', () => {
    expect(normalize('Communiqué').text).toBe('communique');
    expect(normalize('Communique\u0301').text).toBe('communique');
    expect(normalize('Zürich Ångström façade').text).toBe('zurich angstrom facade');
  });

  it('makes curly and straight quotes the same', () => {
    expect(normalize('president\u2019s \u201Ctalks\u201D \u2018x\u2019').text).toBe(
      `president's "talks" 'x'`,
    );
  });

  it('makes every dash a hyphen', () => {
    expect(normalize('a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h').text).toBe(
      'a-b-c-d-e-f-g-h',
    );
  });

  it('collapses runs of spaces, tabs, line breaks and no-break spaces to one space', () => {
    expect(normalize('frank \t\u00A0 and\r\nconstructive').text).toBe('frank and constructive');
  });

  it('turns a blank line (paragraph break) into a newline, which ends a sentence', () => {
    expect(normalize('frank\n\n  talks').text).toBe('frank\ntalks');
    expect(normalize('frank\u2029talks').text).toBe('frank\ntalks');
  });

  it('removes soft hyphens and zero-width characters', () => {
    expect(normalize('ex\u00ADchange\u200B of\u200C vi\u200Dews\u2060\uFEFF').text).toBe(
      'exchange of views',
    );
  });

  it('maps every normalized character back to its original offset', () => {
    const original = 'A  Fr\u00ADank\u200B ex';
    const n = normalize(original);
    expect(n.text).toBe('a frank ex');
    expect(Array.from(n.starts)).toEqual([0, 1, 3, 4, 6, 7, 8, 10, 11, 12]);
    expect(n.starts.length).toBe(n.text.length);
    expect(n.ends.length).toBe(n.text.length);
  });

  it('lets a range end cover combining marks that were dropped', () => {
    const original = 'Communique\u0301 issued';
    expect(originalOf(original, 0, 10)).toBe('Communique\u0301');
  });

  it('keeps astral characters and maps them to both UTF-16 units', () => {
    const original = 'a \u{1F600} b';
    const n = normalize(original);
    expect(n.text).toBe('a \u{1F600} b');
    expect(n.starts[2]).toBe(2);
    expect(n.ends[3]).toBe(4);
  });

  it('handles the empty string and whitespace only', () => {
    expect(normalize('').text).toBe('');
    expect(normalize(' \n ').text).toBe(' ');
  });

  it('normalizes a 1 MB text and keeps the map exact at its end (speed: bench/engine.ts)', () => {
    const line = 'The talks were “frank” and con\u00ADstructive — officials said.\n';
    const big = line.repeat(16_000);
    const n = normalize(big);
    expect(n.text).toBe(
      'the talks were "frank" and constructive - officials said. '.repeat(16_000),
    );
    expect(n.ends[n.text.length - 1]).toBe(big.length);
  });
});
