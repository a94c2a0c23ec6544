/**
 * `npm run bench`: Subtext against mark.js and the floor, side by side in one run of real headless
 * Chromium over the shared corpus (docs/benchmark.md says what each figure means).
 *   npm run bench                 every page, 3 loads each, mark.js on every page at 300 entries
 *   npm run bench -- --ci         every page, fewer loads and mark.js samples (~15 min on 2 cores)
 *   npm run bench -- --pages 10   a fixed sample of 10 pages, for a quick look
 * Prints a table and PASS/MISS per target, writes bench/results.json. Exits 0 unless the
 * benchmark itself broke: a missed target is a result, not a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { corpusDir, repoRoot, serve } from '../scripts/serve';
import { hasCorpus, listPages, samplePages } from './corpus';
import { parseOptions } from './options';
import { launchContext, runAppends, runFloor, runMarkJs, runScans } from './phases';
import { phraseList } from './phrases';
import { computeFigures, formatMeta, formatTable, formatTargets, judgeTargets } from './report';
import type { GlossaryInfo, PageRecord, Results } from './results';
import { builtinEntries, buildVariants } from './variants';

const RESULTS = path.join(repoRoot, 'bench', 'results.json');

/** A sentence the built-in glossary certainly decodes: the first example of an entry without context rules. */
function knownSentence(): string {
  const entry = builtinEntries().find((e) => !e.context && e.examples.length > 0);
  return entry?.examples[0] ?? 'The two sides had a frank exchange of views on the matter.';
}

async function main(): Promise<void> {
  const started = Date.now();
  const o = parseOptions(process.argv.slice(2));
  if (!hasCorpus()) {
    console.log('../shared/corpus not found: page benchmark skipped');
    return;
  }
  const notes: string[] = [];
  const all = listPages();
  const pages = o.pages === null ? all : samplePages(all, o.pages, 'pages');
  if (o.ci)
    notes.push(
      `--ci: ${o.reps} load per page at every size, mark.js on ${o.markPages.join(' / ')} pages with a ${o.markCapMs / 1000} s cap, ${o.appends} appends (the full run: 3 loads, 2 at the large sizes, mark.js on every page at the built-in size)`,
    );
  if (pages.length < all.length)
    notes.push(`--pages ${pages.length}: ${pages.length} of ${all.length} corpus pages`);
  notes.push(
    'timings were taken on a shared 2-core machine: other work running at the same time adds noise',
  );

  console.log(
    `building the extension variants into .tmp/bench (built-in glossary, ${o.sizes.join(', ')} entries, empty packs)`,
  );
  const variants = await buildVariants([0, ...o.sizes]);
  const measured = variants.filter((v) => v.name !== 'empty');
  const phrases = measured.map((v) => phraseList(v.entries).sort((a, b) => b.length - a.length));
  const glossaries: GlossaryInfo[] = measured.map((v, i) => ({
    name: v.name,
    entries: v.entries.length,
    phrases: phrases[i]!.length,
    allPhrases: phraseList(v.entries, 'all').length,
  }));
  if ((glossaries[0]?.entries ?? 0) < 100)
    notes.push(`the built-in glossary has only ${glossaries[0]?.entries ?? 0} entries`);

  const server = await serve({ '/corpus/': corpusDir });
  const urls = pages.map((p) =>
    server.url(`/corpus/${p.rel.split('/').map(encodeURIComponent).join('/')}`),
  );
  const records: PageRecord[] = pages.map((p) => ({
    rel: p.rel,
    bytes: p.bytes,
    floorMs: null,
    floor: null,
    scan: {},
    maxTaskMs: {},
    markjs: {},
    heap: { plain: null, subtext: null },
    errors: [],
  }));
  let chromiumVersion = '';
  let isolated = false;
  let append: Results['append'] = null;
  try {
    console.log('plain context (no extension): floor, heap baseline, mark.js');
    const plain = await launchContext(null, server.origin);
    chromiumVersion = plain.version;
    try {
      isolated = await runFloor(plain, records, urls, o);
      const markSource = fs.readFileSync(
        path.join(repoRoot, 'node_modules', 'mark.js', 'dist', 'mark.min.js'),
        'utf8',
      );
      for (const [g, glossary] of glossaries.entries()) {
        const count = o.markPages[g] ?? 0;
        const sample = samplePages(
          records.map((r, i) => ({ rel: r.rel, i })),
          count,
          `markjs-${glossary.name}`,
        ).map((s) => s.i);
        await runMarkJs(plain, records, urls, sample, glossary.name, markSource, phrases[g]!, o);
      }
    } finally {
      await plain.close();
    }
    for (const [g, variant] of measured.entries()) {
      console.log(`Subtext context: ${variant.name} glossary (${variant.entries.length} entries)`);
      const ctx = await launchContext(variant.dir, server.origin);
      try {
        await runScans(
          ctx,
          records,
          urls,
          variant.name,
          g === 0 ? o.reps : o.scaleReps,
          g === 0,
          o,
        );
        if (g === 0) {
          const largest = records.reduce((a, b) =>
            (b.floor?.chars ?? 0) > (a.floor?.chars ?? 0) ? b : a,
          );
          console.log(`  appending ${o.appends} paragraphs to the largest page, ${largest.rel}`);
          append = {
            page: largest.rel,
            runs: await runAppends(ctx, urls[records.indexOf(largest)]!, knownSentence(), o),
          };
        }
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await server.close();
  }

  if (!isolated)
    notes.push('pages were not cross-origin isolated: performance.now() had 100 µs resolution');
  const sources = new Set(records.flatMap((r) => Object.values(r.scan).map((s) => s?.taskSource)));
  if (!sources.has('subtext:task'))
    notes.push(
      sources.has('scan detail')
        ? 'this build records no subtext:task measures: the longest task is read from the longestTaskMs of its subtext:scan measures'
        : 'this build records no subtext:task measures and no longestTaskMs: the longest task is judged from subtext:scan measures',
    );
  const failed = records.filter((r) => r.errors.length > 0);
  if (failed.length)
    notes.push(
      `${failed.length} pages had errors (listed per page in bench/results.json), e.g. ${failed[0]!.rel}: ${failed[0]!.errors[0]}`,
    );

  const appendMs = (append?.runs ?? []).flatMap((r) => (r ? [r.ms] : []));
  const figures = computeFigures(records, glossaries, appendMs);
  const bundle = Object.fromEntries(variants.map((v) => [v.name, v.bytes]));
  const targets = judgeTargets(
    figures,
    records,
    glossaries,
    variants.find((v) => v.name === 'empty')?.bytes.content ?? null,
  );
  const results: Results = {
    meta: {
      date: new Date().toISOString(),
      chromium: chromiumVersion,
      mode: o.ci ? 'ci' : 'full',
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      pages: pages.length,
      reps: o.reps,
      scaleReps: o.scaleReps,
      markCapMs: o.markCapMs,
      crossOriginIsolated: isolated,
      durationS: (Date.now() - started) / 1000,
      notes,
    },
    glossaries,
    bundle,
    figures,
    targets,
    append,
    pages: records,
  };
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log('\n' + formatMeta(results) + '\n');
  console.log(formatTable(figures));
  console.log(
    `\ncontent script: ${(bundle.empty?.content ?? NaN) / 1000} KB without glossary data, ${(bundle.builtin?.content ?? NaN) / 1000} KB with the built-in glossary (minified)`,
  );
  console.log('\ntargets:\n' + formatTargets(targets));
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((err: unknown) => {
  console.error('benchmark failed:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
