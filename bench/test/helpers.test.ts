import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { corpusDir } from '../../scripts/serve';
import { samplePages } from '../corpus';
import { parseOptions } from '../options';
import { seededRandom } from '../random';
import { medianRatio, quantile, summarize } from '../stats';

describe('benchmark statistics', () => {
  it('reports the median, p95 and max of per-page figures', () => {
    const s = summarize([5, 1, 3, 2, 4]);
    expect(s).toEqual({ n: 5, median: 3, p95: 4.8, max: 5 });
  });

  it('says NaN rather than zero when nothing was measured', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(Number.isNaN(s.median)).toBe(true);
  });

  it('interpolates between ranks for an even count', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('takes the median of per-page ratios, skipping pages missing either figure', () => {
    const r = medianRatio([
      [10, 2],
      [null, 1],
      [9, 3],
      [4, 0],
      [8, null],
      [20, 4],
    ]);
    expect(r.n).toBe(3);
    expect(r.median).toBe(5);
  });
});

describe('deterministic samples', () => {
  const pages = Array.from({ length: 40 }, (_, i) => ({ rel: `news-en/page-${i}.html` }));

  it('picks the same pages every run, in corpus order', () => {
    const a = samplePages(pages, 7, 'markjs-builtin');
    expect(a).toEqual(samplePages(pages, 7, 'markjs-builtin'));
    expect(a).toHaveLength(7);
    expect(a.map((p) => pages.indexOf(p))).toEqual(
      [...a.map((p) => pages.indexOf(p))].sort((x, y) => x - y),
    );
  });

  it('picks different pages for a different seed', () => {
    expect(samplePages(pages, 7, 'a')).not.toEqual(samplePages(pages, 7, 'b'));
  });

  it('keeps every page when the sample is as large as the corpus', () => {
    expect(samplePages(pages, Infinity, 'x')).toEqual(pages);
  });

  it('repeats the same random sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = [a(), a(), a()];
    expect(xs).toEqual([b(), b(), b()]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('bench options', () => {
  it('keeps every page in --ci and cuts repetitions and mark.js samples', () => {
    const full = parseOptions([]);
    const ci = parseOptions(['--ci']);
    expect(ci.pages).toBeNull();
    expect(ci.reps).toBeLessThan(full.reps);
    expect(ci.markPages[0]).toBeLessThan(full.markPages[0]!);
  });

  it('limits the pages with --pages N', () => {
    expect(parseOptions(['--pages', '10']).pages).toBe(10);
  });

  it('measures the shared corpus unless --corpus names another folder', () => {
    expect(parseOptions([]).corpus).toBe(corpusDir);
    expect(parseOptions(['--corpus', 'elsewhere/pages', '--ci'])).toMatchObject({
      corpus: path.resolve('elsewhere/pages'),
      ci: true,
    });
  });

  it('refuses an unknown option, a bad page count or a missing folder with the usage', () => {
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option --fast[\s\S]*usage/);
    expect(() => parseOptions(['--pages', 'ten'])).toThrow(/--pages needs a whole number/);
    expect(() => parseOptions(['--corpus'])).toThrow(/--corpus needs a folder[\s\S]*usage/);
    expect(() => parseOptions(['--corpus', '--ci'])).toThrow(/--corpus needs a folder/);
  });
});
