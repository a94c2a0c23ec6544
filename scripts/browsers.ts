/**
 * Drives the built extension in real headless browsers: Chromium through Playwright (a persistent
 * context, the only kind that loads extensions) and Firefox ESR through Puppeteer over WebDriver
 * BiDi. Both are wrapped in one small `BrowserHarness` so a test file runs unchanged in each
 * (`forEachBrowser`). Recipes and pitfalls: ../shared/docs/browser-testing.md.
 *
 * SUBTEXT_BROWSERS=chromium (or firefox) limits a run to one browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { repoRoot, type Server } from './serve';

export type BrowserName = 'chromium' | 'firefox';
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'subtext@subtext-extension.org';
const FIREFOX_UUID = '6f1d7c52-8f0e-4d1a-9a57-5b1e2d3c4a10';

/** What both browsers' pages can do; `raw` gives the driver's own page for anything else. */
export interface TestPage {
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Polls `fn` in the page until it returns a truthy value; returns it. */
  waitFor<R, A = undefined>(
    fn: (arg: A) => R | Promise<R>,
    arg?: A,
    timeoutMs?: number,
  ): Promise<NonNullable<R>>;
  mouseMove(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  press(key: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  screenshot(file?: string): Promise<Buffer>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  raw: PwPage | PpPage;
}

export interface OpenOptions {
  until?: 'load' | 'domcontentloaded';
  lenient?: boolean;
}

export interface BrowserHarness {
  name: BrowserName;
  server: Server;
  /**
   * Opens a web page and waits for its load event, or with `until: 'domcontentloaded'` only for
   * its document. With `lenient`, a navigation the driver reports as failed still gives the page
   * (Firefox's BiDi fails it with "Address rejected" when frames of the page point to blocked
   * hosts, though the page itself loads): the caller checks where the page is.
   */
  open(url: string, o?: OpenOptions): Promise<TestPage>;
  /** Opens one of the extension's own pages, e.g. 'popup.html'. */
  openExtensionPage(file: string): Promise<TestPage>;
  extensionUrl(file: string): string;
  /** Runs `fn` with the extension's API (`chrome`/`browser`) in an extension context. */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The toolbar badge text of the active tab. */
  badgeText(): Promise<string>;
  /**
   * URLs of every request seen so far, in order: in Chromium every request of the context (pages,
   * frames, workers, the extension's service worker); in Firefox those of pages opened through
   * this harness (extension pages included, not the background page). See network.e2e.ts.
   */
  requests(): string[];
  close(): Promise<void>;
}

async function poll<R>(
  read: () => Promise<R>,
  timeoutMs: number,
  what: string,
): Promise<NonNullable<R>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

function wrapPw(page: PwPage): TestPage {
  const t: TestPage = {
    raw: page,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 10_000) =>
      poll(() => t.evaluate(fn, arg), timeoutMs, fn.toString().slice(0, 80)),
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    type: (selector, text) => page.locator(selector).pressSequentially(text),
    screenshot: (file) => page.screenshot(file ? { path: file } : {}),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
  return t;
}

function wrapPp(page: PpPage): TestPage {
  const t: TestPage = {
    raw: page,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 10_000) =>
      poll(() => t.evaluate(fn, arg), timeoutMs, fn.toString().slice(0, 80)),
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as never),
    type: (selector, text) => page.type(selector, text),
    screenshot: async (file) =>
      Buffer.from(await page.screenshot(file ? { path: file as `${string}.png` } : {})),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
  return t;
}

const isLocal = (url: string): boolean =>
  /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|chrome-extension:|moz-extension:|data:|blob:|about:)/.test(
    url,
  );

export interface LaunchOptions {
  /** Default true; `npm start` opens a window when a display exists. */
  headless?: boolean;
  /** The unpacked extension to load; default the build in dist/. */
  ext?: string;
}

export async function launchChromium(
  server: Server,
  { headless = true, ext = path.join(repoRoot, 'dist', 'chrome') }: LaunchOptions = {},
): Promise<BrowserHarness> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'subtext-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: { width: 1280, height: 900 },
    // Playwright turns the back/forward cache off; readers have it, and a test goes back to a
    // cached page (content.e2e.ts).
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const requests: string[] = [];
  context.on('request', (request) => void requests.push(request.url()));
  // Only 127.0.0.1 and the extension itself are reachable: real pages' trackers and fonts are cut.
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort(),
  );
  const sw: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  const h: BrowserHarness = {
    name: 'chromium',
    server,
    async open(url, o) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: o?.until ?? 'load' }).catch((err: unknown) => {
        if (!o?.lenient) throw err;
      });
      return wrapPw(page);
    },
    extensionUrl: (file) => `chrome-extension://${extensionId}/${file}`,
    async openExtensionPage(file) {
      return h.open(h.extensionUrl(file));
    },
    inExtension: (fn, arg) => sw.evaluate(fn as never, arg) as never,
    badgeText: () =>
      sw.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return chrome.action.getBadgeText(tab?.id === undefined ? {} : { tabId: tab.id });
      }),
    requests: () => [...requests],
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export async function launchFirefox(
  server: Server,
  { headless = true, ext = path.join(repoRoot, 'dist', 'firefox') }: LaunchOptions = {},
): Promise<BrowserHarness> {
  const browser: PpBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless,
    args: ['--remote-allow-system-access', '--width=1280', '--height=900'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Every address but the loopback goes to a port that refuses connections, so a page's
      // blocked requests fail at once (as Chromium's are made to, see bench/chromium.ts) instead of
      // waiting on name lookups that cannot succeed here.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '127.0.0.1, localhost',
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
  await browser.installExtension(ext);
  const base = `moz-extension://${FIREFOX_UUID}/`;
  let helper: PpPage | null = null;
  const requests: string[] = [];
  const h: BrowserHarness = {
    name: 'firefox',
    server,
    async open(url, o) {
      const page = await browser.newPage();
      page.on('request', (request) => void requests.push(request.url()));
      await page.setViewport({ width: 1280, height: 900 });
      if (url.startsWith('moz-extension:')) {
        // goto() on moz-extension:// loads the page but never resolves (browser-testing.md).
        void page.goto(url).catch(() => undefined);
        await poll(
          () =>
            page.evaluate(
              () => location.href !== 'about:blank' && document.readyState === 'complete',
            ),
          15_000,
          `${url} to load`,
        );
      } else {
        await page.goto(url, { waitUntil: o?.until ?? 'load' }).catch((err: unknown) => {
          if (!o?.lenient) throw err;
        });
      }
      return wrapPp(page);
    },
    extensionUrl: (file) => base + file,
    openExtensionPage: (file) => h.open(base + file),
    async inExtension(fn, arg) {
      // Firefox's event page has no handle: run in a hidden extension page, which has the same API.
      helper ??= (await h.openExtensionPage('options.html')).raw as PpPage;
      return helper.evaluate(fn as never, arg) as never;
    },
    badgeText: () =>
      h.inExtension(async () => {
        const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
        const tabs = await api.tabs.query({});
        const web = tabs.filter((t) => !t.url?.startsWith('moz-extension:')).pop();
        return api.action.getBadgeText(web?.id === undefined ? {} : { tabId: web.id });
      }),
    requests: () => [...requests],
    close: () => browser.close(),
  };
  return h;
}

export function selectedBrowsers(): BrowserName[] {
  const only = process.env.SUBTEXT_BROWSERS?.split(',').map((s) => s.trim());
  return (['chromium', 'firefox'] as const).filter((b) => !only || only.includes(b));
}

export function launch(
  name: BrowserName,
  server: Server,
  options: LaunchOptions = {},
): Promise<BrowserHarness> {
  return name === 'chromium' ? launchChromium(server, options) : launchFirefox(server, options);
}

/** The little of the extension API the harness itself calls (no @types/chrome needed). */
interface ExtensionApi {
  tabs: { query(q: Record<string, unknown>): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId?: number }): Promise<string> };
}
