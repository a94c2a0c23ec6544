import path from 'node:path';
import { corpusDir } from '../scripts/serve';

/**
 * Command-line options of `npm run bench` and what each mode does. `--ci` keeps every page but
 * fewer repetitions and mark.js samples, to fit about 15 minutes on a 2-core machine.
 */

export interface BenchOptions {
  ci: boolean;
  /** The folder of HTML pages to measure (every `.htm`/`.html` file under it, at any depth). */
  corpus: string;
  /** Limit to this many pages (a deterministic sample), or null for the whole corpus. */
  pages: number | null;
  /** Glossary sizes after the built-in one. */
  sizes: readonly number[];
  /** Page loads per page for the floor and for Subtext with the built-in glossary. */
  reps: number;
  /** Page loads per page for Subtext with the generated glossaries. */
  scaleReps: number;
  /** Pages mark.js runs on, per glossary (built-in first); Infinity = every page. */
  markPages: readonly number[];
  /** mark.js stops after this long on one page; the page then counts as "≥ cap". */
  markCapMs: number;
  /** Paragraphs appended to the largest page. */
  appends: number;
  /** Longest wait for Subtext's initial scan on one page. */
  scanTimeoutMs: number;
}

/** A mistake in how the benchmark was called: printed without a stack trace. */
export class UsageError extends Error {}

export const USAGE = `usage: npm run bench [-- --ci] [-- --pages N] [-- --corpus DIR]
  --ci          every page, fewer repetitions and mark.js samples (about 15 minutes on 2 cores)
  --pages N     only N pages (a fixed sample), for quick local runs
  --corpus DIR  measure the HTML pages under DIR instead of ../shared/corpus/pages`;

/** Parses argv; throws with the usage text on anything it does not know. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let ci = false;
  let pages: number | null = null;
  let corpus = corpusDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--ci') ci = true;
    else if (arg === '--pages') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`--pages needs a whole number ≥ 1\n${USAGE}`);
      pages = n;
    } else if (arg === '--corpus') {
      const dir = argv[++i];
      if (!dir || dir.startsWith('--')) throw new UsageError(`--corpus needs a folder\n${USAGE}`);
      corpus = path.resolve(dir);
    } else throw new UsageError(`unknown option ${String(arg)}\n${USAGE}`);
  }
  const sizes = [3_000, 30_000];
  return ci
    ? {
        ci,
        pages,
        corpus,
        sizes,
        reps: 1,
        scaleReps: 1,
        markPages: [24, 6, 3],
        markCapMs: 20_000,
        appends: 9,
        scanTimeoutMs: 30_000,
      }
    : {
        ci,
        pages,
        corpus,
        sizes,
        reps: 3,
        scaleReps: 2,
        markPages: [Infinity, 24, 8],
        markCapMs: 60_000,
        appends: 21,
        scanTimeoutMs: 60_000,
      };
}
