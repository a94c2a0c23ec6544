/**
 * The hostile-page suite (issue 6, item 3): every page in test/fixtures/hostile/ that has an
 * `.expected.json` beside it, opened with the built extension in Chromium and in Firefox.
 *
 * Each page loads test/fixtures/hostile/probe.js first, which measures from inside the page: a
 * heartbeat (longest timer and frame gap after the page settled), errors thrown into the page,
 * CSP violations, the page's markup and element boxes (snapshotted by the page when it last
 * changed itself, before any content script runs), and Subtext's highlights and `subtext:scan`
 * passes (diagnostics are switched on for the run). Per page this file asserts that:
 *  - the page stays responsive: the heartbeat keeps ticking and a page.evaluate round trip answers;
 *  - markup (or a hash of it, for huge pages) and layout boxes are exactly as the page left them;
 *  - nothing is thrown into the page (the probe's counters and the driver's pageerror events);
 *  - Subtext settles: no scan pass while the page is idle, and a bounded number overall;
 *  - the expected phrases are underlined, and nothing where the page does not let us (editors,
 *    hidden text), with no underline left on removed nodes and a handful of highlight names;
 *  - per page extras: typing into an editor, the card on a hostile page, the underline drawn.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { covers, fixturesDir, forEachBrowser, type BrowserHarness, type TestPage } from './harness';

interface Spec {
  mustDecode: string[];
  mustNotDecode: string[];
  /** At least this many underlined ranges (huge pages: proves the whole page was scanned). */
  minHighlights?: number;
  /** Most scan passes in the top document over the whole visit (pages that change themselves). */
  maxScans?: number;
  settleTimeoutMs?: number;
  /** Every document (frames included) records at least one scan. */
  scanInEveryDocument?: boolean;
  /** Selector of an element whose underline must be drawn (screenshots with and without it). */
  renderCheck?: string;
  /** A phrase whose card the test opens by hovering, then closes with Escape. */
  hover?: string;
  /** Text the test types, like a reader, into an editor. */
  type?: { selector: string; text: string };
}

/** What probe.js reports (see its comments). */
interface Report {
  errors: string[];
  violations: string[];
  maxTimerGap: number;
  maxFrameGap: number;
  longGaps: string[];
  counters: Record<string, number>;
  compare: Comparison;
  frames: { url: string; errors: string[]; compare: Comparison }[];
  problems: string[];
}
interface Comparison {
  sameMarkup: boolean;
  sameBoxes: boolean;
  lengthBefore: number;
  lengthAfter: number;
  boxesBefore: string;
  boxesAfter: string;
  firstDifference: string;
}
interface Highlights {
  texts: string[];
  names: string[];
  detached: number;
  collapsed: number;
  perDocument: number[];
}
interface Probe {
  state(): string;
  scans(): string;
  restore(): void;
  report(): Report;
  highlights(): Highlights;
  rectOf(phrase: string): { x: number; y: number; width: number; height: number } | null;
}
declare global {
  interface Window {
    /** Installed by test/fixtures/hostile/probe.js. */
    __probe: Probe;
  }
}

const hostileDir = path.join(fixturesDir, 'hostile');
const pages = fs
  .readdirSync(hostileDir)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.expected.json'.length))
  .sort();

// Bounds. Subtext's own target is no task over 50 ms, but the heartbeat measures wall time: on
// these two cores shared with other engineers' test runs (load average above 20) pages with no
// extension at all showed 300 ms gaps. A second catches what readers feel: a scan that does not
// yield (an early content script froze the 10 MB page for 23 s in one task).
const MAX_TIMER_GAP_MS = 1000;
const MAX_FRAME_GAP_MS = 1000;
const MAX_ROUND_TRIP_MS = 2000;
/** How long the scan count must hold still to call Subtext settled, and the idle window after. */
const QUIET_MS = 700;
const IDLE_MS = 1000;
/** Scan passes on a page that does not change itself after load: the initial scan and a few. */
const DEFAULT_MAX_SCANS = 20;
/** "A handful of named highlights, never one per phrase" (browser-testing.md). */
const MAX_HIGHLIGHT_NAMES = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const total = (scans: string) => scans.split(',').map(Number);

interface Settled {
  timedOut: boolean;
  state: string;
  maxRoundTrip: number;
}

/** Polls the probe until the page is done changing itself and Subtext's passes stop coming. */
async function waitSettled(page: TestPage, timeoutMs: number): Promise<Settled> {
  const start = Date.now();
  let last = '';
  let since = Date.now();
  let maxRoundTrip = 0;
  for (;;) {
    const t0 = Date.now();
    const state = await page.evaluate(() => window.__probe.state());
    maxRoundTrip = Math.max(maxRoundTrip, Date.now() - t0);
    if (state !== last) [last, since] = [state, Date.now()];
    const [busy = '', scans = ''] = state.split('|');
    if (busy === 'settled' && (total(scans)[0] ?? 0) > 0 && Date.now() - since >= QUIET_MS)
      return { timedOut: false, state, maxRoundTrip };
    if (Date.now() - start > timeoutMs) return { timedOut: true, state, maxRoundTrip };
    await sleep(100);
  }
}

interface Watched {
  page: TestPage;
  /** Uncaught errors, deliberate "[hostile]" ones left out. */
  pageErrors: string[];
  /** Console lines that mention Subtext (its warnings), for the log. */
  consoleLines: string[];
}

type Listener = (...args: never[]) => void;
interface RawPage {
  on(event: string, fn: Listener): void;
  goto(url: string, o: { waitUntil: 'load' }): Promise<unknown>;
  context?(): { newCDPSession(page: unknown): Promise<CdpSession> };
}
interface CdpSession {
  send(method: string): Promise<unknown>;
  on(event: string, fn: (e: CdpException) => void): void;
}
interface CdpException {
  exceptionDetails: { text: string; exception?: { description?: string } };
}

/**
 * Opens `url` with error listeners attached before it loads. In Chromium a DevTools session also
 * reports exceptions from the content script's isolated world, which `pageerror` never sees.
 */
async function openWatched(h: BrowserHarness, url: string): Promise<Watched> {
  const page = await h.open('about:blank');
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];
  const note = (message: string) => {
    if (!message.includes('[hostile]') && !pageErrors.includes(message)) pageErrors.push(message);
  };
  const raw = page.raw as unknown as RawPage;
  raw.on('pageerror', ((e: Error) => note(String(e?.message ?? e))) as Listener);
  raw.on('console', ((m: { text(): string }) => {
    if (/subtext/i.test(m.text())) consoleLines.push(m.text());
  }) as Listener);
  if (h.name === 'chromium' && raw.context) {
    const cdp = await raw.context().newCDPSession(raw);
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) =>
      note((d.exception?.description ?? d.text).split('\n')[0] ?? ''),
    );
    await cdp.send('Runtime.enable');
  }
  await raw.goto(url, { waitUntil: 'load' });
  return { page, pageErrors, consoleLines };
}

/** Sets or clears `subtext:diagnostics` through the extension's own storage API. */
function setDiagnostics(h: BrowserHarness, on: boolean): Promise<void> {
  return h.inExtension(async (value) => {
    type Api = {
      storage: {
        local: { set(v: Record<string, unknown>): Promise<void>; remove(k: string): Promise<void> };
      };
    };
    const g = globalThis as unknown as { chrome?: Api; browser?: Api };
    const api = (g.chrome ?? g.browser)!;
    if (value) await api.storage.local.set({ 'subtext:diagnostics': true });
    else await api.storage.local.remove('subtext:diagnostics');
  }, on);
}

/** Hovers the underlined `phrase`; returns whether a card host appeared and went on Escape. */
async function openAndCloseCard(page: TestPage, phrase: string) {
  const count = () => page.evaluate(() => document.getElementsByTagName('*').length);
  const before = await count();
  const rect = await page.evaluate((p) => window.__probe.rectOf(p), phrase);
  if (!rect) return { opened: false, closed: false, why: `"${phrase}" is not underlined` };
  const [x, y] = [rect.x + rect.width / 2, rect.y + rect.height / 2];
  await page.mouseMove(x - 40, y + 60);
  await page.mouseMove(x, y);
  const appeared = async (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if ((await count()) > before) return true;
      await sleep(100);
    }
    return false;
  };
  let opened = await appeared(2500);
  if (!opened) {
    await page.click(x, y); // the card also opens on click or tap
    opened = await appeared(2000);
  }
  await page.press('Escape');
  const end = Date.now() + 3000;
  while (Date.now() < end && (await count()) !== before) await sleep(100);
  return { opened, closed: (await count()) === before, why: '' };
}

/** Screenshots `selector` with Subtext's highlights and without them (taken out, then put back). */
async function drawsUnderline(page: TestPage, selector: string): Promise<boolean> {
  const clip = await page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height + 4 };
  }, selector);
  const raw = page.raw as unknown as { screenshot(o: { clip: typeof clip }): Promise<Uint8Array> };
  const frames = () =>
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const withUnderline = Buffer.from(await raw.screenshot({ clip }));
  await page.evaluate(() => {
    const taken: [string, Highlight][] = [];
    CSS.highlights.forEach(
      (hl, name) => void (name.startsWith('subtext') && taken.push([name, hl])),
    );
    for (const [name] of taken) CSS.highlights.delete(name);
    (window as unknown as { __taken: typeof taken }).__taken = taken;
  });
  await frames();
  const without = Buffer.from(await raw.screenshot({ clip }));
  await page.evaluate(() => {
    for (const [name, hl] of (window as unknown as { __taken: [string, Highlight][] }).__taken)
      CSS.highlights.set(name, hl);
  });
  return !withUnderline.equals(without);
}

async function exercise(h: BrowserHarness, name: string): Promise<void> {
  const spec = JSON.parse(
    fs.readFileSync(path.join(hostileDir, `${name}.expected.json`), 'utf8'),
  ) as Spec;
  const { page, pageErrors, consoleLines } = await openWatched(
    h,
    h.server.url(`/hostile/${name}.html`),
  );
  try {
    const settled = await waitSettled(page, spec.settleTimeoutMs ?? 20_000);
    expect.soft(settled.timedOut, `settled (last state ${settled.state})`).toBe(false);
    const scansAtRest = await page.evaluate(() => window.__probe.scans());
    await sleep(IDLE_MS);
    const scansLater = await page.evaluate(() => window.__probe.scans());
    expect.soft(scansLater, 'no scan pass while the page is idle').toBe(scansAtRest);
    let maxRoundTrip = settled.maxRoundTrip;

    if (spec.type) {
      await page.type(spec.type.selector, spec.type.text);
      const again = await waitSettled(page, 10_000);
      maxRoundTrip = Math.max(maxRoundTrip, again.maxRoundTrip);
      const rest = await page.evaluate(() => window.__probe.scans());
      await sleep(IDLE_MS);
      expect
        .soft(await page.evaluate(() => window.__probe.scans()), 'idle after typing')
        .toBe(rest);
    }

    await page.evaluate(() => window.__probe.restore());
    const report = await page.evaluate(() => window.__probe.report());
    const hl = await page.evaluate(() => window.__probe.highlights());
    const scans = total(scansLater);
    const topScans = scans[0] ?? 0;

    expect.soft(topScans, 'Subtext scanned the page (diagnostics on)').toBeGreaterThan(0);
    if (spec.scanInEveryDocument)
      expect.soft(scans, 'a scan in every frame').toEqual(scans.map((n) => Math.max(n, 1)));
    expect
      .soft(topScans, 'scan passes stay bounded')
      .toBeLessThanOrEqual(spec.maxScans ?? DEFAULT_MAX_SCANS);

    expect
      .soft(report.maxTimerGap, 'longest timer gap (ms) while Subtext works')
      .toBeLessThanOrEqual(MAX_TIMER_GAP_MS);
    expect
      .soft(report.maxFrameGap, 'longest frame gap (ms) while Subtext works')
      .toBeLessThanOrEqual(MAX_FRAME_GAP_MS);
    expect
      .soft(maxRoundTrip, 'page.evaluate round trip (ms)')
      .toBeLessThanOrEqual(MAX_ROUND_TRIP_MS);

    expect.soft(report.errors, 'errors thrown into the page').toEqual([]);
    expect.soft(pageErrors, 'pageerror events').toEqual([]);
    expect.soft(report.violations, 'CSP violations').toEqual([]);
    expect
      .soft(
        consoleLines.filter((l) => /fail|error|exception/i.test(l)),
        "Subtext's own failures",
      )
      .toEqual([]);
    expect.soft(report.problems, "the page's own checks").toEqual([]);
    for (const c of [report.compare, ...report.frames.map((f) => f.compare)]) {
      expect.soft(c.sameMarkup, `markup unchanged ${c.firstDifference}`).toBe(true);
      expect.soft(c.boxesAfter, 'layout unchanged').toBe(c.boxesBefore);
    }
    for (const f of report.frames) expect.soft(f.errors, `errors in ${f.url}`).toEqual([]);

    const shown = hl.texts.slice(0, 40).join(' | ');
    for (const phrase of spec.mustDecode)
      expect.soft(covers(hl.texts, phrase), `"${phrase}" underlined; got: ${shown}`).toBe(true);
    for (const phrase of spec.mustNotDecode)
      expect
        .soft(covers(hl.texts, phrase), `"${phrase}" not underlined; got: ${shown}`)
        .toBe(false);
    expect.soft(hl.detached, 'underlines left on removed nodes').toBe(0);
    expect.soft(hl.collapsed, 'empty underline ranges').toBe(0);
    expect.soft(new Set(hl.names).size, 'highlight names').toBeLessThanOrEqual(MAX_HIGHLIGHT_NAMES);
    if (spec.minHighlights)
      expect.soft(hl.texts.length, 'underlined ranges').toBeGreaterThanOrEqual(spec.minHighlights);

    if (spec.hover) {
      const card = await openAndCloseCard(page, spec.hover);
      expect
        .soft(card, `card for "${spec.hover}" opens and closes`)
        .toEqual({ opened: true, closed: true, why: '' });
      const after = await page.evaluate(() => window.__probe.report());
      expect
        .soft(after.compare.sameMarkup, `markup after the card ${after.compare.firstDifference}`)
        .toBe(true);
      expect.soft(after.errors, 'errors after the card').toEqual([]);
    }
    if (spec.renderCheck)
      expect
        .soft(await drawsUnderline(page, spec.renderCheck), 'the underline is drawn')
        .toBe(true);
    expect.soft(pageErrors, 'pageerror events at the end').toEqual([]);

    console.log(
      `[${h.name}] ${name}: scans ${scansLater}, ${hl.texts.length} ranges, timer gap ${report.maxTimerGap} ms, ` +
        `frame gap ${report.maxFrameGap} ms, round trip ${maxRoundTrip} ms, long gaps ` +
        `${report.longGaps.join(' ')}; console ${consoleLines.join(' / ')}`,
    );
  } finally {
    await page.close();
  }
}

forEachBrowser('Hostile pages', (get) => {
  // With diagnostics on, every scan pass leaves a `subtext:scan` measure in the page.
  beforeAll(() => setDiagnostics(get(), true));
  afterAll(() => setDiagnostics(get(), false));

  for (const name of pages)
    it(`keeps ${name}.html responsive, unchanged, error-free and decoded`, async () => {
      await exercise(get(), name);
    }, 120_000);
});
