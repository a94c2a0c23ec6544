/**
 * Engine benchmark (`npx tsx bench/engine.ts [--runs N] [--pages N]`): compile time and scan time of
 * the pure matcher at about 300, 3,000 and 30,000 entries, on the text of the shared corpus pages
 * (extracted once with the content script's text index under jsdom), or on generated text when
 * ../shared is absent. The large glossaries are the built-in one plus entries generated from
 * random word sequences drawn from the text's own vocabulary (Zipf-weighted, seeded), with
 * alternatives, optional words, gaps and context rules in realistic proportions.
 *
 * Runs are interleaved across sizes so machine load affects every size alike (all compiles, then all
 * scans, so that no compile pays for collecting a scan's garbage); medians are printed.
 * Targets (issue 3): scan(30,000) / scan(300) ≤ 1.5, compile(30,000) < 300 ms.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePageForText } from '../src/cli/scan';
import type { Entry } from '../src/core/entry';
import { compileGlossary } from '../src/core/compile';
import { findMatches, type CompiledGlossary } from '../src/core/matcher';
import { tokenize } from '../src/core/tokenize';
import { validateEntry } from '../src/core/validate';
import { FUNCTION_WORDS } from '../src/core/inflect';
import { indexBlocks } from '../src/content/text-index';
import { BUILTIN_PACKS } from '../src/glossary/index';
import { seededRandom } from './random';

const PAGES = path.resolve('..', 'shared', 'corpus', 'pages');
const SIZES = [300, 3_000, 30_000];

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function corpusBlocks(maxPages: number): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (/\.html?$/i.test(d.name)) files.push(full);
    }
  };
  walk(PAGES);
  const blocks: string[] = [];
  for (const file of files.sort().slice(0, maxPages)) {
    const dom = parsePageForText(fs.readFileSync(file, 'utf8'));
    for (const b of indexBlocks(dom.window.document)) blocks.push(b.text);
    dom.window.close();
  }
  return blocks;
}

/** Generated paragraphs when the corpus is absent: glossary examples mixed with filler words. */
function generatedBlocks(builtin: readonly Entry[]): string[] {
  const rand = seededRandom(7);
  const words = builtin.flatMap((e) => e.examples.join(' ').split(/\s+/));
  const filler =
    'the minister said on tuesday that officials would meet again next week in geneva'.split(' ');
  const pool = words.length > 0 ? words.concat(filler) : filler;
  const blocks: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const n = 20 + Math.floor(rand() * 120);
    blocks.push(
      Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]).join(' ') + '.',
    );
  }
  return blocks;
}

/** A sampler over the text's vocabulary, weighted by frequency^0.75. */
export function vocabulary(blocks: readonly string[]): (rand: () => number) => string {
  const counts = new Map<string, number>();
  for (const text of blocks.slice(0, 20_000))
    for (const t of tokenize(text))
      if (/^[a-z]{2,}$/.test(t.surface)) counts.set(t.surface, (counts.get(t.surface) ?? 0) + 1);
  const words = [...counts.keys()];
  const cumulative: number[] = [];
  let total = 0;
  for (const w of words) cumulative.push((total += counts.get(w)! ** 0.75));
  return (rand) => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

/**
 * One generated entry: 2–4 words from the text's vocabulary, the first and last a content word
 * (as in real glossary phrases), with an alternative (20%), an optional word (15%) or a gap (5%),
 * and a context rule on two random words for 10% of entries.
 */
export function generateEntry(
  i: number,
  word: () => string,
  rand: () => number,
  template: Entry,
): Entry {
  const length = 2 + Math.floor(rand() * 3);
  const content = (): string => {
    for (;;) {
      const w = word();
      if (!FUNCTION_WORDS.has(w)) return w;
    }
  };
  const parts = Array.from({ length }, (_, k) =>
    k === 0 || k === length - 1 ? content() : word(),
  );
  const r = rand();
  if (r < 0.2) parts[length - 1] = `(${parts[length - 1]}|${word()})`;
  else if (r < 0.35) parts.splice(1, 0, `[${word()}]`);
  else if (r < 0.4) parts.splice(1, 0, '*2');
  const context = rand() < 0.1 ? { requires: [{ anyOf: [word(), word()], window: 6 }] } : undefined;
  return {
    ...template,
    id: `generated-${i}`,
    patterns: [parts.join(' ')],
    ...(context && { context }),
  };
}

/**
 * The corpus text, extracted in a child process: jsdom leaves a heap of hundreds of megabytes
 * behind, and timing compiles in that heap would time its garbage collection, which a browser
 * page does not have.
 */
function corpusBlocksInChild(maxPages: number): string[] {
  const out = path.join(os.tmpdir(), `subtext-engine-blocks-${process.pid}.json`);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--extract-to', out, '--pages', String(maxPages)],
    { stdio: 'inherit' },
  );
  if (child.status !== 0) throw new Error(`text extraction failed (exit ${child.status})`);
  try {
    return JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
  } finally {
    fs.rmSync(out, { force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function scanAll(g: CompiledGlossary, blocks: readonly string[]): number {
  let n = 0;
  for (const text of blocks) n += findMatches(g, text).length;
  return n;
}

function main(): void {
  const runs = option('--runs', 5);
  const builtin = BUILTIN_PACKS.flatMap((p) => p.entries).filter((e) => validateEntry(e).ok);
  const hasCorpus = fs.existsSync(PAGES);
  const t0 = performance.now();
  const blocks = hasCorpus ? corpusBlocksInChild(option('--pages', 1e9)) : generatedBlocks(builtin);
  const chars = blocks.reduce((n, b) => n + b.length, 0);
  const tokens = blocks.reduce((n, b) => n + tokenize(b).length, 0);
  console.log(
    hasCorpus
      ? `Text: ${blocks.length} blocks of the shared corpus pages, ${(chars / 1e6).toFixed(2)} M characters, ${tokens} tokens (extracted in ${((performance.now() - t0) / 1000).toFixed(1)} s)`
      : `Text: ../shared not found, so GENERATED text: ${blocks.length} blocks, ${(chars / 1e6).toFixed(2)} M characters, ${tokens} tokens`,
  );
  const word = vocabulary(blocks);
  const rand = seededRandom(42);
  const template =
    builtin[0] ??
    ({
      meaning: 'm',
      explanation: 'e',
      category: 'custom',
      intensity: 1,
      lang: 'en',
      sources: [{ title: 't' }],
      examples: [],
      counterExamples: [],
    } as unknown as Entry);
  const generated = Array.from({ length: SIZES.at(-1)! }, (_, i) =>
    generateEntry(i, () => word(rand), rand, template),
  );
  const lists = SIZES.map((n) =>
    builtin.concat(generated.slice(0, Math.max(0, n - builtin.length))),
  );
  // Wall time and CPU time (process.cpuUsage, all threads incl. GC): on a loaded machine the
  // wall clock also counts waiting for a core, CPU time does not.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const times = SIZES.map(() => ({
    compile: [] as number[],
    compileCpu: [] as number[],
    scan: [] as number[],
    scanCpu: [] as number[],
  }));
  const found: number[] = [];
  const glossaries = lists.map((l) => compileGlossary(l));
  glossaries.forEach((g) => scanAll(g, blocks)); // warm-up: JIT and lemma caches
  // Compiles first, then scans, each interleaved across sizes: a compile timed right after a scan
  // of 3 M characters would mostly time the collection of that scan's garbage.
  for (let r = 0; r < runs; r++) {
    lists.forEach((list, k) => {
      const t = times[k]!;
      const wall = performance.now();
      const c = cpu();
      glossaries[k] = compileGlossary(list);
      t.compile.push(performance.now() - wall);
      t.compileCpu.push(cpu() - c);
    });
  }
  for (let r = 0; r < runs; r++) {
    glossaries.forEach((g, k) => {
      const t = times[k]!;
      const wall = performance.now();
      const c = cpu();
      found[k] = scanAll(g, blocks);
      t.scan.push(performance.now() - wall);
      t.scanCpu.push(cpu() - c);
    });
  }
  console.log(
    `\nMedians of ${runs} interleaved runs (Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores):\n`,
  );
  console.log(
    '| entries | sequences | trie nodes | trie MB | compile ms (cpu) | scan ms (cpu) | ns/token | matches |',
  );
  console.log(
    '| ------: | --------: | ---------: | ------: | ---------------: | ------------: | -------: | ------: |',
  );
  lists.forEach((list, k) => {
    const g = glossaries[k]!;
    const t = times[k]!;
    const scan = median(t.scan);
    console.log(
      `| ${list.length} | ${g.stats.sequences} | ${g.stats.nodes} | ${(g.trie.bytes / 1e6).toFixed(1)} | ${median(t.compile).toFixed(0)} (${median(t.compileCpu).toFixed(0)}) | ${scan.toFixed(0)} (${median(t.scanCpu).toFixed(0)}) | ${((scan * 1e6) / tokens).toFixed(0)} | ${found[k]} |`,
    );
  });
  const [small, , large] = times as [(typeof times)[0], unknown, (typeof times)[0]];
  const ratio = median(large.scan) / median(small.scan);
  const ratioCpu = median(large.scanCpu) / median(small.scanCpu);
  const compileLarge = median(large.compile);
  const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');
  console.log(
    `\nscan ${lists[2]!.length} / scan ${lists[0]!.length} entries: ${ratio.toFixed(2)}x wall, ${ratioCpu.toFixed(2)}x cpu (target ≤ 1.5x) ${verdict(ratio <= 1.5)}`,
  );
  console.log(
    `compile ${lists[2]!.length} entries: ${compileLarge.toFixed(0)} ms wall, ${median(large.compileCpu).toFixed(0)} ms cpu (target < 300 ms) ${verdict(compileLarge < 300)}`,
  );
}

// Run when executed (`npx tsx bench/engine.ts`), not when imported for profiling.
if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'engine.ts')
) {
  const extractTo = process.argv.indexOf('--extract-to');
  if (extractTo >= 0)
    fs.writeFileSync(
      process.argv[extractTo + 1]!,
      JSON.stringify(corpusBlocks(option('--pages', 1e9))),
    );
  else main();
}
