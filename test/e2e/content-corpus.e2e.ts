/**
 * Smoke test over real news pages from ../shared/corpus/pages (not in this repository): with
 * diagnostics on, the content script finishes its first scan of each page and leaves the page's
 * HTML as it was. How long its tasks take is measured, with the rest of its speed, by
 * `npm run bench` (a timed assertion here would only measure how busy the machine is); this test
 * prints the longest task it saw. Pages that navigate away by themselves (a few corpus pages go to
 * an https: address, which cannot load here) are named in the output, not judged. A few pages by
 * default; SUBTEXT_CORPUS=all runs every page (a few minutes per browser). Skips, with a visible
 * note, when the corpus folder is absent.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { corpusDir, forEachBrowser, type TestPage } from './harness';

const FEW = [
  // Pages that load in both harnesses (Firefox's BiDi navigation rejects some corpus pages, e.g.
  // readability-bbc-1 and -yahoo-2, with "Address rejected" before any script runs).
  'articles-en/readability-article-author-tag.html',
  'articles-en/readability-blogger.html',
  'articles-en/readability-herald-sun-1.html',
];

function pages(): string[] {
  if (process.env.SUBTEXT_CORPUS !== 'all') return FEW.filter((p) => fs.existsSync(path.join(corpusDir, p))); // prettier-ignore
  return fs
    .readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.html'))
    .sort();
}

/** The page's address now, or 'unknown' while it is between documents. */
const whereIs = (page: TestPage): Promise<string> =>
  page.evaluate(() => location.href).catch(() => 'unknown');

declare const chrome: { storage: { local: { set(o: object): Promise<void>; remove(k: string): Promise<void> } } }; // prettier-ignore

interface ScanDetail {
  kind: string;
  textChars: number;
  matches: number;
  blocks: number;
  longestTaskMs: number;
}

if (!fs.existsSync(corpusDir)) {
  describe('The content script on the shared corpus', () => {
    it.skip(`skipped: ${corpusDir} does not exist (the corpus lives outside this repository)`, () => undefined); // prettier-ignore
  });
} else {
  forEachBrowser('The content script on the shared corpus', (get) => {
    beforeAll(() => get().inExtension(() => chrome.storage.local.set({ 'subtext:diagnostics': true }))); // prettier-ignore
    afterAll(() => get().inExtension(() => chrome.storage.local.remove('subtext:diagnostics')));

    for (const file of pages()) {
      it(`scans ${file} to the end without changing its HTML`, async () => {
        const h = get();
        const url = h.server.url(`/corpus/${file.split(path.sep).join('/')}`);
        // The document, not its load event (blocked subresources keep some pages from firing it),
        // and leniently: Firefox's BiDi reports "Address rejected" for pages whose frames point to
        // blocked hosts, though the page loads. Where the page really went is checked below.
        const page = await h.open(url, { until: 'domcontentloaded', lenient: true });
        let initial: ScanDetail;
        try {
          initial = (await page.waitFor(
            () => {
              const list = performance.getEntriesByName('subtext:scan') as PerformanceMeasure[];
              const m = list.find((e) => (e.detail as { kind?: string }).kind === 'initial');
              return m ? (m.detail as ScanDetail) : null;
            },
            undefined,
            30_000,
          )) as ScanDetail;
        } catch (err) {
          // Some corpus pages send themselves to https:, which cannot load here: not ours to judge.
          const now = await whereIs(page);
          if (now === url) throw err;
          console.log(`${h.name} ${file}: the page navigated away by itself (to ${now}); not measured`); // prettier-ignore
          return void (await page.close());
        }
        // The page's own loading is not ours to judge: compare from its load event on, where it
        // comes (pages opened at DOMContentLoaded may still be building themselves).
        await page.waitFor(() => document.readyState === 'complete', undefined, 15_000).catch(() => undefined); // prettier-ignore
        const html = await page.evaluate(() => document.body.innerHTML).catch(() => null);
        await new Promise((r) => setTimeout(r, 300));
        // Every task of ours (scan slices, the glossary restore or compile), as the diagnostics record them.
        const tasks = await page
          .evaluate(() => performance.getEntriesByName('subtext:task').map((e) => e.duration))
          .catch(() => [] as number[]);
        console.log(`${h.name} ${file}: ${JSON.stringify(initial)}, longest task ${Math.max(...tasks)} ms`); // prettier-ignore
        expect(initial.blocks).toBeGreaterThan(0);
        expect(initial.textChars).toBeGreaterThan(0);
        const after = await page.evaluate(() => document.body.innerHTML).catch(() => null);
        const now = await whereIs(page);
        if (now !== url) {
          console.log(`${h.name} ${file}: the page navigated away by itself after the scan (to ${now}); HTML not compared`); // prettier-ignore
          return void (await page.close());
        }
        expect(html, 'the page could not be read after the scan').not.toBeNull();
        expect(after).toBe(html);
        await page.close();
      });
    }
  });
}
