import { describe, expect, it } from 'vitest';
import { pieces } from '../../src/content/pieces';

describe('cutting a long block into pieces', () => {
  it('leaves a short block whole', () => {
    expect(pieces('They voiced grave concern.', 100)).toEqual([0, 26]);
  });

  it('cuts a long block just after sentence ends, covering all of it', () => {
    const text = 'We voiced grave concern. '.repeat(400);
    const cuts = pieces(text, 1000);
    expect(cuts[0]).toBe(0);
    expect(cuts.at(-1)).toBe(text.length);
    expect(cuts.length).toBeGreaterThan(5);
    for (const cut of cuts.slice(1, -1)) expect(text[cut - 1]).toBe('.');
    for (let i = 1; i < cuts.length; i++) expect(cuts[i]! - cuts[i - 1]!).toBeGreaterThan(0);
  });

  it('cuts a stretch with no sentence end at spaces, into pieces of bounded length', () => {
    const text = 'grave concern and, '.repeat(2_000);
    const cuts = pieces(text, 500);
    expect(cuts[0]).toBe(0);
    expect(cuts.at(-1)).toBe(text.length);
    for (const cut of cuts.slice(1, -1)) expect(text[cut - 1]).toBe(' ');
    for (let i = 1; i < cuts.length; i++)
      expect(cuts[i]! - cuts[i - 1]!).toBeLessThanOrEqual(1_000);
  });

  it('cuts Chinese text after 。！？, which need no space after them', () => {
    const text = '双方进行了坦率的交换意见。'.repeat(200);
    const cuts = pieces(text, 500);
    expect(cuts.length).toBeGreaterThan(3);
    for (const cut of cuts.slice(1, -1)) expect(text[cut - 1]).toBe('。');
  });

  it('cuts Chinese text without 。 after a comma, never inside a run of letters', () => {
    const text = '双方进行了坦率的交换意见，'.repeat(400);
    const cuts = pieces(text, 500);
    expect(cuts.length).toBeGreaterThan(3);
    for (const cut of cuts.slice(1, -1)) expect(text[cut - 1]).toBe('，');
  });

  it('cuts text with no space at all at the target length', () => {
    const text = 'x'.repeat(5_000);
    const cuts = pieces(text, 1_000);
    expect(cuts.slice(0, 3)).toEqual([0, 1_000, 2_000]);
    expect(cuts.at(-1)).toBe(5_000);
  });
});
