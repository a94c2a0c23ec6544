/**
 * End-to-end test harness: the browser launchers of scripts/browsers.ts (shared with `npm start`
 * and the benchmark) plus `forEachBrowser`, which declares one suite per browser.
 * SUBTEXT_BROWSERS=chromium (or firefox) limits a run to one browser.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { launch, selectedBrowsers, type BrowserHarness } from '../../scripts/browsers';
import { serve, type Server } from '../../scripts/serve';

export * from '../../scripts/browsers';
export { serve, fixturesDir, corpusDir, repoRoot, type Server } from '../../scripts/serve';

/**
 * Declares the same suite once per browser, each with its own browser and fixture server.
 * `get()` returns the harness inside tests and hooks.
 */
export function forEachBrowser(name: string, body: (get: () => BrowserHarness) => void): void {
  for (const browserName of selectedBrowsers()) {
    describe(`${name} [${browserName}]`, () => {
      let harness: BrowserHarness | undefined;
      let server: Server | undefined;
      beforeAll(async () => {
        server = await serve();
        harness = await launch(browserName, server);
      });
      afterAll(async () => {
        await harness?.close();
        await server?.close();
      });
      body(() => {
        if (!harness) throw new Error(`${browserName} did not start`);
        return harness;
      });
    });
  }
}

/** The texts of every range in Subtext's highlights on the page, in document order. */
export async function highlightedTexts(
  page: import('../../scripts/browsers').TestPage,
): Promise<string[]> {
  return page.evaluate(() => {
    const ranges: AbstractRange[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('subtext')) highlight.forEach((r) => void ranges.push(r));
    });
    const toRange = (r: AbstractRange): Range => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    };
    return ranges
      .map(toRange)
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
      .map((r) => r.toString().replace(/\s+/g, ' ').trim());
  });
}

/** True when some highlighted text and `phrase` overlap as words (both ways round). */
export function covers(highlights: string[], phrase: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim();
  const p = norm(phrase);
  return highlights.some((h) => p.includes(norm(h)) || norm(h).includes(p));
}
