/**
 * No request leaves the browser while Subtext works (issue 6, item 5; docs/security.md).
 *
 * The harness records requests (`h.requests()`): in Chromium every request of the browser context,
 * the extension's service worker included (Playwright follows service workers); in Firefox the
 * requests of every page the harness opened, extension pages included. Firefox gives no handle on
 * the extension's background page, so its requests are not seen there: the Chromium run, with the
 * same background code, is the proof for it. Each run first makes a request on purpose to show the
 * recorder would see a leak, then decodes the demo article and two hostile fixtures, opens a card,
 * and opens the popup and the options page, and asserts that every request went to the fixture
 * server on 127.0.0.1 or to the extension's own files.
 */
import { expect, it } from 'vitest';
import { forEachBrowser, type BrowserHarness, type TestPage } from './harness';

/** A host that cannot resolve (RFC 2606 `.invalid`): seen by the recorder, never reaches anyone. */
const LEAK_HOST = 'subtext-network-check.invalid';
const LEAK_URL = `http://${LEAK_HOST}/leak`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Requests to anything but the fixture server and the extension's own origin. `data:`, `blob:` and
 * `about:` URLs are read inside the browser (Firefox reports a `data:` font as a request): they
 * never reach the network.
 */
function leaving(h: BrowserHarness, urls: string[]): string[] {
  const own = [`${h.server.origin}/`, h.extensionUrl(''), 'data:', 'blob:', 'about:'];
  return urls.filter((u) => !own.some((prefix) => u.startsWith(prefix)));
}

/** Waits until the page has at least `n` underlined ranges; returns the first one's centre. */
async function underlined(page: TestPage, n: number): Promise<{ x: number; y: number }> {
  const centre = await page.waitFor(
    (min) => {
      const ranges: AbstractRange[] = [];
      CSS.highlights.forEach((hl, name) => {
        if (name.startsWith('subtext')) hl.forEach((r) => void ranges.push(r));
      });
      const first = ranges[0];
      if (ranges.length < min || !first) return null;
      const range = document.createRange();
      range.setStart(first.startContainer, first.startOffset);
      range.setEnd(first.endContainer, first.endOffset);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    },
    n,
    20_000,
  );
  return centre!; // waitFor returns only a truthy value
}

/** Waits until an extension page has rendered its main content. */
async function rendered(page: TestPage): Promise<void> {
  await page.waitFor(() => (document.querySelector('main')?.textContent?.trim().length ?? 0) > 20);
}

forEachBrowser('Network', (get) => {
  it('sees a request made on purpose, so a leak would not go unnoticed', async () => {
    const h = get();
    const page = await h.open(h.server.url('/demo/putin-kerry.html'));
    const before = h.requests().length;
    await page.evaluate(
      (url) =>
        fetch(url).then(
          () => 'answered',
          () => 'refused',
        ),
      LEAK_URL,
    );
    // From the extension's own context too: the service worker in Chromium, a page in Firefox.
    await h.inExtension(
      (url) =>
        fetch(url).then(
          () => 'answered',
          () => 'refused',
        ),
      LEAK_URL,
    );
    await sleep(300);
    const leaks = leaving(h, h.requests().slice(before));
    // By host: Firefox upgrades an extension page's http:// request to https://.
    expect(leaks.filter((u) => new URL(u).hostname === LEAK_HOST)).toHaveLength(2);
    await page.close();
  });

  it('sends nothing beyond 127.0.0.1 and its own files while decoding pages and showing its UI', async () => {
    const h = get();
    const before = h.requests().length;

    const demo = await h.open(h.server.url('/demo/putin-kerry.html'));
    const phrase = await underlined(demo, 5);
    await demo.mouseMove(phrase.x, phrase.y); // opens the explanation card
    await sleep(1200);
    await demo.press('Escape');

    const frames = await h.open(h.server.url('/hostile/nested-frames.html'));
    await underlined(frames, 1);
    const csp = await h.open(h.server.url('/hostile/strict-csp.html'));
    await underlined(csp, 3);

    await demo.bringToFront();
    const popup = await h.openExtensionPage('popup.html');
    await rendered(popup);
    const options = await h.openExtensionPage('options.html');
    await rendered(options);
    await sleep(1500); // anything sent late (timers, idle callbacks) is caught too

    const seen = h.requests().slice(before);
    expect(leaving(h, seen)).toEqual([]);
    // The recorder saw this test's own traffic.
    expect(seen.some((u) => u.startsWith(h.server.url('/demo/')))).toBe(true);
    for (const page of [demo, frames, csp, popup, options]) await page.close();
  });
});
