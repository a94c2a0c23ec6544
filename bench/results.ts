/**
 * What one run collects, page by page, and the shape of bench/results.json.
 */
import type { MarkRun } from './in-page';
import type { AppendResult, FloorResult, ScanResult } from './measure';
import type { Summary } from './stats';

export interface GlossaryInfo {
  /** `builtin`, `3000`, `30000`. */
  name: string;
  entries: number;
  /** Literal phrases mark.js gets (one per pattern, see bench/phrases.ts). */
  phrases: number;
  /** Literal phrases with every alternative multiplied out, for comparison. */
  allPhrases: number;
}

export interface PageRecord {
  rel: string;
  /** Why the page is left out of every figure (it navigated away by itself), or null. */
  skipped: string | null;
  bytes: number;
  /** Median over repetitions; null when every repetition failed. */
  floorMs: number | null;
  floor: FloorResult | null;
  /** Median initial scan (ScanResult of the median repetition) per glossary name. */
  scan: Record<string, ScanResult | null>;
  /** Longest task of ours over every repetition, per glossary name (null: none recorded). */
  maxTaskMs: Record<string, number | null>;
  /** mark.js per glossary name, where the page was in that glossary's sample. */
  markjs: Record<string, MarkRun | null>;
  heap: { plain: number | null; subtext: number | null };
  errors: string[];
}

export interface Target {
  name: string;
  /** The measured value, in `unit`. */
  value: number | null;
  limit: number;
  unit: string;
  pass: boolean | null;
  note?: string;
}

export interface Results {
  meta: {
    date: string;
    chromium: string;
    mode: 'ci' | 'full';
    command: string;
    pages: number;
    reps: number;
    scaleReps: number;
    markCapMs: number;
    crossOriginIsolated: boolean;
    durationS: number;
    notes: string[];
  };
  glossaries: GlossaryInfo[];
  bundle: Record<string, Record<string, number>>;
  figures: Record<string, Summary & { unit: string; note?: string }>;
  targets: Target[];
  append: { page: string; runs: (AppendResult | null)[]; error?: string } | null;
  pages: PageRecord[];
}
