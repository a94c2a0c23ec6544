/**
 * `npm run eval`: how well the built-in glossary decodes real text.
 *
 * 1. The labelled development set (../shared/glossary-reference/dev-sentences.tsv): precision and
 *    recall, with every false positive and every miss listed beside its sentence. A positive is
 *    found when any match overlaps its labelled span `phrase_present`; any match in a negative
 *    sentence is a false positive. Precision = correct matches / all matches (a match in a positive
 *    sentence that misses the labelled span counts as wrong); sentence-level counts are printed too.
 * 2. The real-pages corpus (../shared/corpus/pages/**): every match on every page, for false-positive
 *    review, and the rate in matches per 10 pages. Page text comes from the content script's own
 *    text index (src/content/text-index.ts) under jsdom, through the CLI's scanner, so a page that
 *    declares another language is matched only with entries of that language, as in the browser.
 *
 * Flags: `--json` prints one JSON object instead of the report; `--no-corpus` skips part 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileGlossary } from '../src/core/compile';
import { findMatches, type CompiledGlossary } from '../src/core/matcher';
import { normalize } from '../src/core/normalize';
import { validateEntry } from '../src/core/validate';
import type { Entry } from '../src/core/entry';
import { createScanner } from '../src/cli/scan';
import { BUILTIN_PACKS } from '../src/glossary/index';

const SHARED = path.resolve('..', 'shared');
const DEV_SET = path.join(SHARED, 'glossary-reference', 'dev-sentences.tsv');
const PAGES = path.join(SHARED, 'corpus', 'pages');

interface Labelled {
  sentence: string;
  phrase: string;
  canonical: string;
}

interface Found {
  entryId: string;
  text: string;
}

/** Rows of the TSV by header name. The file has no quoting: fields never hold tabs. */
function readDevSet(file: string): Labelled[] {
  const [header = '', ...lines] = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const cols = header.split('\t');
  const at = (row: string[], name: string) => row[cols.indexOf(name)] ?? '';
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'))
    .map((row) => ({
      sentence: at(row, 'sentence'),
      phrase: at(row, 'phrase_present').trim(),
      canonical: at(row, 'canonical_phrase'),
    }));
}

/** The labelled span in the sentence, compared case-, quote- and diacritic-insensitively. */
function locate(sentence: string, phrase: string): [number, number] | null {
  const s = normalize(sentence);
  const p = normalize(phrase).text;
  const at = s.text.indexOf(p);
  if (p === '' || at < 0) return null;
  return [s.starts[at]!, s.ends[at + p.length - 1]!];
}

function loadGlossary(): { glossary: CompiledGlossary; invalid: string[] } {
  const valid: Entry[] = [];
  const invalid: string[] = [];
  for (const entry of BUILTIN_PACKS.flatMap((p) => p.entries)) {
    const r = validateEntry(entry);
    if (r.ok) valid.push(r.entry);
    else invalid.push(`${entry.id}: ${r.errors[0]?.field} ${r.errors[0]?.message}`);
  }
  return { glossary: compileGlossary(valid), invalid };
}

function evaluateDevSet(g: CompiledGlossary, rows: Labelled[]) {
  const falsePositives: { sentence: string; found: Found[]; label: string }[] = [];
  const misses: { sentence: string; phrase: string; canonical: string; note?: string }[] = [];
  let matches = 0;
  let correct = 0;
  const sentences = { positives: 0, found: 0, negatives: 0, negativesWithMatch: 0, withMatch: 0 };
  for (const row of rows) {
    const found = findMatches(g, row.sentence);
    matches += found.length;
    if (found.length > 0) sentences.withMatch++;
    const asFound = (ms: typeof found): Found[] =>
      ms.map((m) => ({ entryId: m.entryId, text: row.sentence.slice(m.start, m.end) }));
    if (row.phrase === '') {
      sentences.negatives++;
      if (found.length > 0) {
        sentences.negativesWithMatch++;
        falsePositives.push({ sentence: row.sentence, found: asFound(found), label: '' });
      }
      continue;
    }
    sentences.positives++;
    const span = locate(row.sentence, row.phrase);
    const hits = span ? found.filter((m) => m.start < span[1] && m.end > span[0]) : [];
    correct += hits.length;
    if (hits.length > 0) sentences.found++;
    else misses.push({ ...row, ...(span ? {} : { note: 'label not found in sentence' }) });
    const wrong = found.filter((m) => !hits.includes(m));
    if (wrong.length > 0)
      falsePositives.push({ sentence: row.sentence, found: asFound(wrong), label: row.phrase });
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    precision: ratio(correct, matches),
    recall: ratio(sentences.found, sentences.positives),
    sentencePrecision: ratio(sentences.found, sentences.found + sentences.negativesWithMatch),
    matches: { correct, total: matches },
    sentences,
    falsePositives,
    misses,
  };
}

/** Every match on every corpus page, scanned exactly as `npx subtext scan` does (src/cli/scan.ts). */
function scanCorpus(g: CompiledGlossary) {
  const scanner = createScanner(g.entries);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const d of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (/\.html?$/i.test(d.name)) files.push(full);
    }
  };
  walk(PAGES);
  const pages = files.map((file) => ({
    page: path.relative(PAGES, file),
    matches: scanner
      .scanHtml(fs.readFileSync(file, 'utf8'))
      .map(({ entryId, text, context }): Found & { context: string } => ({
        entryId,
        text,
        context,
      })),
  }));
  const total = pages.reduce((n, p) => n + p.matches.length, 0);
  return {
    pages: pages.length,
    total,
    perTenPages: pages.length ? (total * 10) / pages.length : 0,
    byPage: pages,
  };
}

function printReport(
  dev: ReturnType<typeof evaluateDevSet>,
  corpus: ReturnType<typeof scanCorpus> | null,
  invalid: string[],
): void {
  const pct = (x: number) => x.toFixed(3);
  const { sentences: s } = dev;
  if (invalid.length)
    console.log(`Skipped ${invalid.length} invalid entries:\n  ${invalid.join('\n  ')}\n`);
  console.log('False positives:');
  for (const fp of dev.falsePositives)
    for (const f of fp.found)
      console.log(
        `  [${f.entryId}] "${f.text}"${fp.label ? ` (label: "${fp.label}")` : ''}\n      ${fp.sentence}`,
      );
  console.log('\nMisses:');
  for (const m of dev.misses)
    console.log(
      `  "${m.phrase}" (${m.canonical})${m.note ? ` [${m.note}]` : ''}\n      ${m.sentence}`,
    );
  if (corpus) {
    console.log('\nCorpus matches (for false-positive review):');
    for (const p of corpus.byPage.filter((x) => x.matches.length > 0)) {
      console.log(`  ${p.page}: ${p.matches.length}`);
      for (const m of p.matches) console.log(`    [${m.entryId}] "${m.text}"  …${m.context}…`);
    }
  }
  console.log('\nDevelopment set');
  console.log(
    `  precision ${pct(dev.precision)}  (${dev.matches.correct} correct of ${dev.matches.total} matches; target ≥ 0.95)`,
  );
  console.log(
    `  recall    ${pct(dev.recall)}  (${s.found} of ${s.positives} labelled phrases found; target ≥ 0.90)`,
  );
  console.log(
    `  sentences: ${s.positives} positive (${s.found} found, ${s.positives - s.found} missed), ${s.negatives} negative (${s.negativesWithMatch} with a match); sentence precision ${pct(dev.sentencePrecision)}`,
  );
  if (corpus)
    console.log(
      `Corpus: ${corpus.total} matches on ${corpus.pages} pages = ${corpus.perTenPages.toFixed(2)} matches per 10 pages`,
    );
  else console.log('Corpus: skipped');
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  if (!fs.existsSync(DEV_SET)) {
    console.log(
      json ? JSON.stringify({ skipped: 'shared/ not found' }) : 'shared/ not found: eval skipped',
    );
    return;
  }
  const { glossary, invalid } = loadGlossary();
  const dev = evaluateDevSet(glossary, readDevSet(DEV_SET));
  const corpus =
    argv.includes('--no-corpus') || !fs.existsSync(PAGES) ? null : scanCorpus(glossary);
  if (json)
    console.log(
      JSON.stringify({ entries: glossary.entries.length, invalid, dev, corpus }, null, 2),
    );
  else printReport(dev, corpus, invalid);
}

main(process.argv.slice(2));
