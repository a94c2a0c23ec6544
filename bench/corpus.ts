/**
 * The pages the benchmark measures: every HTML file under ../shared/corpus/pages (or the folder
 * given with `--corpus`), in a stable
 * order, and deterministic samples of them (for mark.js at large list sizes and `--pages N`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { corpusDir } from '../scripts/serve';
import { hashString } from './random';

export interface CorpusPage {
  /** Path under the corpus, with forward slashes, e.g. `news-en/0a1b….html`. */
  rel: string;
  /** Size of the HTML file in bytes. */
  bytes: number;
}

/** True when `dir` (the shared corpus by default) is a folder there to be measured. */
export function hasCorpus(dir = corpusDir): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory();
}

/** Every `.html` page of the corpus, sorted by path. */
export function listPages(dir = corpusDir): CorpusPage[] {
  const out: CorpusPage[] = [];
  const walk = (at: string): void => {
    for (const d of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, d.name);
      if (d.isDirectory()) walk(full);
      else if (/\.html?$/i.test(d.name))
        out.push({
          rel: path.relative(dir, full).split(path.sep).join('/'),
          bytes: fs.statSync(full).size,
        });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/**
 * `count` pages chosen by a seeded hash of their paths (the same pages every run, spread over the
 * corpus's folders), returned in corpus order. All pages when `count` is at least their number.
 */
export function samplePages<T extends { rel: string }>(
  pages: readonly T[],
  count: number,
  seed: string,
): T[] {
  if (count >= pages.length) return [...pages];
  const chosen = new Set(
    [...pages]
      .sort((a, b) => hashString(seed + a.rel) - hashString(seed + b.rel))
      .slice(0, Math.max(0, count))
      .map((p) => p.rel),
  );
  return pages.filter((p) => chosen.has(p.rel));
}
