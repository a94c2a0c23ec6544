/**
 * `npm run bench`: Subtext against mark.js and the floor, side by side in one run of real headless
 * Chromium over the shared corpus (docs/benchmark.md says what each figure means).
 *   npm run bench                 every page, 3 loads each, mark.js on every page at 300 entries
 *   npm run bench -- --ci         every page, fewer loads and mark.js samples (~15 min on 2 cores)
 *   npm run bench -- --pages 10   a fixed sample of 10 pages, for a quick look
 *   npm run bench -- --corpus DIR the HTML pages under DIR instead of the shared corpus
 * Prints a table and PASS/MISS per target, writes bench/results.json. Exits 0 unless the
 * benchmark itself broke: a missed target is a result, not a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { corpusDir, repoRoot, serve } from '../scripts/serve';
import { assemble } from './assemble';
import { hasCorpus, listPages, samplePages } from './corpus';
import { parseOptions, UsageError, type BenchOptions } from './options';
import { phraseList } from './phrases';
import { formatMeta, formatTable, formatTargets } from './format';
import type { GlossaryInfo } from './results';
import { measureAll } from './session';
import { builtinEntries, buildVariants } from './variants';

const RESULTS = path.join(repoRoot, 'bench', 'results.json');

/** A sentence the built-in glossary certainly decodes: an example of an entry without context rules. */
function knownSentence(): string {
  const entry = builtinEntries().find((e) => !e.context && e.examples.length > 0);
  return entry?.examples[0] ?? 'The two sides had a frank exchange of views on the matter.';
}

function modeNotes(o: BenchOptions, pages: number, all: number): string[] {
  const notes: string[] = [];
  if (o.ci)
    notes.push(
      `--ci: ${o.reps} load per page at every size, mark.js on ${o.markPages.join(' / ')} pages with a ${o.markCapMs / 1000} s cap, ${o.appends} appends (the full run: 3 loads, 2 at the large sizes, mark.js on every page at the built-in size)`,
    );
  if (o.corpus !== corpusDir) notes.push(`--corpus: the pages under ${o.corpus}`);
  if (pages < all) notes.push(`--pages ${pages}: ${pages} of ${all} corpus pages`);
  notes.push(
    'timings were taken on a shared 2-core machine: other work running at the same time adds noise',
  );
  return notes;
}

async function main(): Promise<void> {
  const started = Date.now();
  const o = parseOptions(process.argv.slice(2));
  if (!hasCorpus(o.corpus)) {
    if (o.corpus !== corpusDir) throw new UsageError(`--corpus ${o.corpus}: no such folder`);
    console.log(
      `${corpusDir} not found (../shared is not beside this checkout): page benchmark skipped`,
    );
    return;
  }
  const all = listPages(o.corpus);
  if (!all.length) throw new UsageError(`no .html pages under ${o.corpus}`);
  const pages = o.pages === null ? all : samplePages(all, o.pages, 'pages');
  const notes = modeNotes(o, pages.length, all.length);

  console.log(
    `building the extension variants into .tmp/bench (built-in glossary, ${o.sizes.join(', ')} entries, empty packs)`,
  );
  const variants = await buildVariants([0, ...o.sizes]);
  const measured = variants.filter((v) => v.name !== 'empty');
  // mark.js goes through its list longest phrase first; sorting here keeps that order across chunks.
  const phrases = measured.map((v) => phraseList(v.entries).sort((a, b) => b.length - a.length));
  const glossaries: GlossaryInfo[] = measured.map((v, i) => ({
    name: v.name,
    entries: v.entries.length,
    phrases: phrases[i]!.length,
    allPhrases: phraseList(v.entries, 'all').length,
  }));
  if ((glossaries[0]?.entries ?? 0) < 100)
    notes.push(`the built-in glossary has only ${glossaries[0]?.entries ?? 0} entries`);

  const server = await serve({ '/corpus/': o.corpus });
  const m = await measureAll(
    server,
    { pages, variants, glossaries, phrases, appendText: knownSentence() },
    o,
  ).finally(() => server.close());
  const results = assemble(m, glossaries, variants, o, notes, started);
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  const kb = (bytes: number | undefined) => `${((bytes ?? NaN) / 1000).toFixed(1)} KB`;
  console.log('\n' + formatMeta(results) + '\n');
  console.log(formatTable(results.figures));
  console.log(
    `\ncontent script (minified): ${kb(results.bundle.empty?.content)} without glossary data, ${kb(results.bundle.builtin?.content)} with the built-in glossary`,
  );
  console.log('\ntargets:\n' + formatTargets(results.targets));
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(err.message);
  else console.error('benchmark failed:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
