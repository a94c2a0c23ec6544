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

  it('never cuts a stretch that has no sentence end, so no phrase is split', () => {
    const text = 'grave concern and '.repeat(200);
    expect(pieces(text, 500)).toEqual([0, text.length]);
  });
});
