/**
 * The measuring part of one run, in order: the plain context (floor walks, heap baseline, mark.js
 * at each list size), then one context per Subtext build (initial scans; with the built-in
 * glossary also the heap and the appended paragraphs). Same browser binary, same pages, one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, type Server } from '../scripts/serve';
import type { CorpusPage } from './corpus';
import { samplePages } from './corpus';
import type { BenchOptions } from './options';
import { launchContext } from './chromium';
import { runAppends, runHeap, runFloor, runMarkJs, runScans } from './phases';
import type { GlossaryInfo, PageRecord, Results } from './results';
import type { Variant } from './variants';

export interface Measured {
  records: PageRecord[];
  chromium: string;
  isolated: boolean;
  append: Results['append'];
}

/** Inputs of one run: pages, builds and the phrase lists mark.js gets for them. */
export interface Plan {
  pages: readonly CorpusPage[];
  variants: readonly Variant[];
  glossaries: readonly GlossaryInfo[];
  phrases: readonly (readonly string[])[];
  /** The paragraph appended to the largest page: it holds a phrase Subtext decodes. */
  appendText: string;
}

function emptyRecord(p: CorpusPage): PageRecord {
  return {
    rel: p.rel,
    bytes: p.bytes,
    skipped: null,
    floorMs: null,
    floor: null,
    scan: {},
    maxTaskMs: {},
    markjs: {},
    heap: { plain: null, subtext: null },
    errors: [],
  };
}

async function plainPhase(
  server: Server,
  plan: Plan,
  records: PageRecord[],
  urls: string[],
  o: BenchOptions,
) {
  const ctx = await launchContext(null, server.origin);
  try {
    const isolated = await runFloor(ctx, records, urls, o);
    const markSource = fs.readFileSync(
      path.join(repoRoot, 'node_modules', 'mark.js', 'dist', 'mark.min.js'),
      'utf8',
    );
    const candidates = records.flatMap((r, i) => (r.skipped ? [] : [{ rel: r.rel, i }]));
    for (const [g, glossary] of plan.glossaries.entries()) {
      const sample = samplePages(candidates, o.markPages[g] ?? 0, `markjs-${glossary.name}`).map(
        (s) => s.i,
      );
      await runMarkJs(ctx, records, urls, sample, glossary.name, markSource, plan.phrases[g]!, o);
    }
    return { chromium: ctx.version, isolated };
  } finally {
    await ctx.close();
  }
}

/** Runs every measurement of the plan against pages served by `server`. */
export async function measureAll(server: Server, plan: Plan, o: BenchOptions): Promise<Measured> {
  const records = plan.pages.map(emptyRecord);
  const urls = plan.pages.map((p) =>
    server.url(`/corpus/${p.rel.split('/').map(encodeURIComponent).join('/')}`),
  );
  console.log('plain context (no extension): floor, heap baseline, mark.js');
  const { chromium, isolated } = await plainPhase(server, plan, records, urls, o);
  let append: Results['append'] = null;
  for (const [g, glossary] of plan.glossaries.entries()) {
    const variant = plan.variants.find((v) => v.name === glossary.name)!;
    console.log(`Subtext context: ${glossary.name} glossary (${glossary.entries} entries)`);
    const ctx = await launchContext(variant.dir, server.origin);
    try {
      await runScans(ctx, records, urls, glossary.name, g === 0 ? o.reps : o.scaleReps, o);
      if (g === 0) {
        const kept = records.filter((r) => !r.skipped);
        const largest = kept.reduce((a, b) =>
          (b.floor?.chars ?? 0) > (a.floor?.chars ?? 0) ? b : a,
        );
        console.log(`  appending ${o.appends} paragraphs to the largest page, ${largest.rel}`);
        try {
          const runs = await runAppends(ctx, urls[records.indexOf(largest)]!, plan.appendText, o);
          append = { page: largest.rel, runs };
        } catch (err) {
          // Subtext not scanning the page is a result to report, not a broken benchmark.
          append = { page: largest.rel, runs: [], error: String(err) };
        }
        await runHeap(ctx, records, urls, glossary.name, o);
      }
    } finally {
      await ctx.close();
    }
  }
  return { records, chromium, isolated, append };
}
