/**
 * The two Chromium contexts of one run, from the same browser binary: one with a build of Subtext
 * and its diagnostics on, one plain (no extension) for the floor, mark.js and the heap baseline.
 * Each load opens a fresh tab and closes the previous one. Only 127.0.0.1 is reachable; the corpus
 * pages are made cross-origin isolated (COOP + COEP) so `performance.now()` has 5 µs rather
 * than 100 µs resolution in both contexts, which the sub-millisecond figures need.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../scripts/browsers';

/**
 * The browser itself keeps every request on this machine: non-loopback requests go to a proxy
 * that refuses connections (Chromium never proxies loopback) and host names resolve to nothing.
 * No Playwright route sees subresources, so a page with 300 blocked requests still loads fast.
 */
const OFFLINE_ARGS = [
  '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/**
 * Adds the isolation headers to the corpus documents through the DevTools Fetch domain, which
 * pauses only those documents: a Playwright route would pause every request of the page.
 */
async function isolateDocuments(cdp: CDPSession, origin: string): Promise<void> {
  // Overriding headers with Fetch.continueResponse does not make a document isolated in
  // Chromium 156; fulfilling the request with the same body and the extra headers does.
  cdp.on('Fetch.requestPaused', (e) => {
    const kept = (e.responseHeaders ?? []).filter((h) => !(h.name.toLowerCase() in ISOLATION));
    const responseHeaders = [
      ...kept,
      ...Object.entries(ISOLATION).map(([name, value]) => ({ name, value })),
    ];
    cdp
      .send('Fetch.getResponseBody', { requestId: e.requestId })
      .then(({ body, base64Encoded }) =>
        cdp.send('Fetch.fulfillRequest', {
          requestId: e.requestId,
          responseCode: e.responseStatusCode ?? 200,
          responseHeaders,
          body: base64Encoded ? body : Buffer.from(body).toString('base64'),
        }),
      )
      .catch(() =>
        cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined),
      );
  });
  await cdp.send('Fetch.enable', {
    patterns: [
      { urlPattern: `${origin}/corpus/*`, resourceType: 'Document', requestStage: 'Response' },
    ],
  });
}

export interface BenchContext {
  /** The tab of the latest load. */
  readonly page: Page;
  readonly cdp: CDPSession;
  /** Chromium's version string, for the report. */
  version: string;
  /** Loads `url` in the tab and waits for its load event. */
  load(url: string): Promise<void>;
  /** Runs a source string in the page and returns its (awaited) value. */
  run<T>(source: string): Promise<T>;
  /**
   * JS heap in use after two full garbage collections, plus the bytes of array buffers (Subtext's
   * trie is typed arrays, which live outside the heap proper), in bytes.
   */
  heapUsed(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Launches a persistent context (the only kind that loads extensions) with `extDir` loaded, or
 * none; with an extension it waits for the service worker and turns Subtext's diagnostics on
 * before any page opens (Chromium injects only into pages opened after the extension loaded).
 */
export async function launchContext(extDir: string | null, origin: string): Promise<BenchContext> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'subtext-bench-'));
  const extArgs = extDir
    ? [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`]
    : [];
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    // mark.js is injected as an inline script: pages with a strict CSP must not refuse it.
    bypassCSP: extDir === null,
    args: [
      ...extArgs,
      ...OFFLINE_ARGS,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    if (extDir) await enableDiagnostics(context);
    let page = context.pages()[0] ?? (await context.newPage());
    let cdp = await context.newCDPSession(page);
    const version = context.browser()?.version() ?? (await cdp.send('Browser.getVersion')).product;
    // The first tab stays open on about:blank; each load gets a tab of its own (see load()).
    let first = true;
    return {
      get page() {
        return page;
      },
      get cdp() {
        return cdp;
      },
      version,
      async load(url) {
        // A fresh tab per load: a navigation left running by a timed-out or busy page (mark.js
        // holds the main thread for seconds) cannot then interrupt the next page's navigation,
        // and each page's heap is its own.
        const previous = first ? null : page;
        first = false;
        page = await context.newPage();
        cdp = await context.newCDPSession(page);
        await isolateDocuments(cdp, origin);
        await previous?.close({ runBeforeUnload: false }).catch(() => undefined);
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      },
      run: (source) => page.evaluate(source),
      async heapUsed() {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = (await cdp.send('Runtime.getHeapUsage')) as {
          usedSize: number;
          backingStorageSize?: number;
        };
        return usage.usedSize + (usage.backingStorageSize ?? 0);
      },
      async close() {
        await context.close();
        fs.rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}

async function enableDiagnostics(context: BrowserContext): Promise<void> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const ok = await sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.local;
    await api.set({ 'subtext:diagnostics': true });
    return (await api.get('subtext:diagnostics'))['subtext:diagnostics'] === true;
  });
  if (!ok) throw new Error('could not turn Subtext diagnostics on in storage.local');
}

interface ChromeStorage {
  storage: {
    local: {
      set(v: Record<string, unknown>): Promise<void>;
      get(k: string): Promise<Record<string, unknown>>;
    };
  };
}
