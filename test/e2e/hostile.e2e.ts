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
import type { Highlights, Report } from '../fixtures/hostile/probe';
import { covers, fixturesDir, forEachBrowser, type BrowserHarness, type TestPage } from './harness';

interface Spec {
  mustDecode: string[];
  mustNotDecode: string[];
  /** At least this many underlined ranges (huge pages: proves the whole page was scanned). */
  minHighlights?: number;
  /** Most scan passes in the top document over the whole visit (pages that change themselves). */
  maxScans?: number;
  settleTimeoutMs?: number;
  /** A larger bound on heartbeat gaps, where the page's own first layout and paint is slow. */
  maxGapMs?: number;
  /** Every document (frames included) records at least one scan. */
  scanInEveryDocument?: boolean;
  /** Selector of an element whose underline must be drawn (screenshots with and without it). */
  renderCheck?: string;
  /** A phrase whose card the test opens by hovering, then closes with Escape. */
  hover?: string;
  /** Text the test types, like a reader, into an editor. */
  type?: { selector: string; text: string };
}

const hostileDir = path.join(fixturesDir, 'hostile');
const pages = fs
  .readdirSync(hostileDir)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.expected.json'.length))
  .sort();

// Bounds. Subtext's own target is no task over 50 ms, but the heartbeat measures wall time from
// DOMContentLoaded, the page's first paint included, on two cores shared with other engineers'
// test runs (load average near 20): with no extension at all the fixtures showed gaps of 20-220 ms
// (700 ms for the first paint of the 10 MB and 100,000-element pages, which get their own bound).
// A second catches what readers feel: a scan that does not yield, a glossary compiled in one task.
const MAX_GAP_MS = 1000;
const MAX_ROUND_TRIP_MS = 2000;
/**
 * How long the scan count must hold still to call Subtext settled (longer than its mutation
 * back-off, at most 1 s plus a frame: src/content/scheduler.ts), and the idle window after.
 */
const QUIET_MS = 1300;
const IDLE_MS = 800;
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
    if (message.includes('[hostile]') || pageErrors.includes(message)) return;
    // Firefox reports the CSP refusal of its own favicon request as a page error: not ours.
    if (/favicon\.ico/.test(message) && /Content-Security-Policy/.test(message)) return;
    pageErrors.push(message);
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
  if (!rect) return { opened: false, onTop: false, closed: false, why: `"${phrase}" is not underlined` }; // prettier-ignore
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
  // The card is drawn on top where it opens, just below the phrase (or above it, near the
  // bottom): what the page shows there is our host, not a dialog, popover or the page itself.
  const onTop =
    !opened ||
    (await page.evaluate(
      ([px, below, above]) =>
        [below, above].some((py) => document.elementFromPoint(px, py)?.getAttribute('data-subtext') === 'card'), // prettier-ignore
      [x, rect.y + rect.height + 24, rect.y - 24] as const,
    ));
  await page.press('Escape');
  const end = Date.now() + 3000;
  while (Date.now() < end && (await count()) !== before) await sleep(100);
  return { opened, onTop, closed: (await count()) === before, why: '' };
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

/** Everything one visit to a fixture measured, for the assertions below. */
interface Visit {
  spec: Spec;
  settled: Settled;
  /** Scan counts per document when Subtext settled, and after the idle window. */
  atRest: string;
  later: string;
  /** The same after the reader typed (pages with `type`). */
  typed?: { atRest: string; later: string };
  maxRoundTrip: number;
  report: Report;
  hl: Highlights;
  card?: Awaited<ReturnType<typeof openAndCloseCard>> & { after: Report };
  drawn?: boolean;
  pageErrors: string[];
  consoleLines: string[];
}

/** Waits for Subtext to settle, then watches an idle window: returns both scan counts. */
async function settleAndIdle(page: TestPage, timeoutMs: number) {
  const settled = await waitSettled(page, timeoutMs);
  const atRest = await page.evaluate(() => window.__probe.scans());
  await sleep(IDLE_MS);
  return { settled, atRest, later: await page.evaluate(() => window.__probe.scans()) };
}

/** Opens fixture `name`, lets Subtext work, does what the spec asks, and reads the probe. */
async function visit(h: BrowserHarness, name: string): Promise<Visit> {
  const spec = JSON.parse(
    fs.readFileSync(path.join(hostileDir, `${name}.expected.json`), 'utf8'),
  ) as Spec;
  const url = h.server.url(`/hostile/${name}.html`);
  const { page, pageErrors, consoleLines } = await openWatched(h, url);
  try {
    const first = await settleAndIdle(page, spec.settleTimeoutMs ?? 20_000);
    let maxRoundTrip = first.settled.maxRoundTrip;
    let typed: Visit['typed'];
    if (spec.type) {
      await page.type(spec.type.selector, spec.type.text);
      const again = await settleAndIdle(page, 10_000);
      maxRoundTrip = Math.max(maxRoundTrip, again.settled.maxRoundTrip);
      typed = { atRest: again.atRest, later: again.later };
    }
    // The page's overwritten builtins stay in place until here: the probe reads with the originals.
    await page.evaluate(() => window.__probe.restore());
    const report = await page.evaluate(() => window.__probe.report());
    const hl = await page.evaluate(() => window.__probe.highlights());
    let card: Visit['card'];
    if (spec.hover) {
      const result = await openAndCloseCard(page, spec.hover);
      card = { ...result, after: await page.evaluate(() => window.__probe.report()) };
    }
    const drawn = spec.renderCheck ? await drawsUnderline(page, spec.renderCheck) : undefined;
    const { settled, atRest, later } = first;
    console.log(
      `[${h.name}] ${name}: scans ${later}, ${hl.texts.length} ranges, timer gap ` +
        `${report.maxTimerGap} ms, frame gap ${report.maxFrameGap} ms, round trip ${maxRoundTrip} ms,` +
        ` long gaps ${report.longGaps.join(' ')}; first scans ${report.firstScans.join(' ')}` +
        `; console ${consoleLines.join(' / ')}`,
    );
    return {
      spec,
      settled,
      atRest,
      later,
      typed,
      maxRoundTrip,
      report,
      hl,
      card,
      drawn,
      pageErrors,
      consoleLines,
    };
  } finally {
    await page.close();
  }
}

/** Subtext scanned, settles, and does a bounded number of passes. */
function expectSettles(v: Visit): void {
  expect.soft(v.settled.timedOut, `settled (last state ${v.settled.state})`).toBe(false);
  expect.soft(v.later, 'no scan pass while the page is idle').toBe(v.atRest);
  if (v.typed)
    expect.soft(v.typed.later, 'no scan pass while idle after typing').toBe(v.typed.atRest);
  const scans = total(v.later);
  const top = scans[0] ?? 0;
  expect.soft(top, 'Subtext scanned the page (diagnostics on)').toBeGreaterThan(0);
  if (v.spec.scanInEveryDocument)
    expect.soft(scans, 'a scan in every frame').toEqual(scans.map((n) => Math.max(n, 1)));
  expect
    .soft(top, 'scan passes stay bounded')
    .toBeLessThanOrEqual(v.spec.maxScans ?? DEFAULT_MAX_SCANS);
}

/** The page kept ticking and answering while Subtext worked. */
function expectResponsive(v: Visit): void {
  const { report } = v;
  const bound = v.spec.maxGapMs ?? MAX_GAP_MS;
  const gaps = `long gaps ${report.longGaps.join(' ')}, first scans ${report.firstScans.join(' ')}`;
  expect.soft(report.maxTimerGap, `longest timer gap (ms); ${gaps}`).toBeLessThanOrEqual(bound);
  expect.soft(report.maxFrameGap, 'longest frame gap (ms)').toBeLessThanOrEqual(bound);
  expect
    .soft(v.maxRoundTrip, 'page.evaluate round trip (ms)')
    .toBeLessThanOrEqual(MAX_ROUND_TRIP_MS);
}

/** Nothing thrown into the page, no CSP violation, markup and boxes as the page left them. */
function expectUnharmed(v: Visit): void {
  const { report } = v;
  expect.soft(report.errors, 'errors thrown into the page').toEqual([]);
  expect.soft(v.pageErrors, 'uncaught errors (pageerror, DevTools exceptions)').toEqual([]);
  expect.soft(report.violations, 'CSP violations').toEqual([]);
  const failures = v.consoleLines.filter((l) => /fail|error|exception/i.test(l));
  expect.soft(failures, "Subtext's own logged failures").toEqual([]);
  expect.soft(report.problems, "the page's own checks").toEqual([]);
  for (const c of [report.compare, ...report.frames.map((f) => f.compare)]) {
    expect.soft(c.sameMarkup, `markup unchanged ${c.firstDifference}`).toBe(true);
    expect.soft(c.boxesAfter, 'layout unchanged').toBe(c.boxesBefore);
  }
  for (const f of report.frames) expect.soft(f.errors, `errors in ${f.url}`).toEqual([]);
  if (v.card) {
    const { after, ...card } = v.card;
    expect
      .soft(card, `card for "${v.spec.hover}"`)
      .toEqual({ opened: true, onTop: true, closed: true, why: '' });
    expect
      .soft(after.compare.sameMarkup, `markup after the card ${after.compare.firstDifference}`)
      .toBe(true);
    expect.soft(after.errors, 'errors after the card').toEqual([]);
  }
}

/** The expected phrases underlined, nothing where the page does not let us, nothing stale. */
function expectDecoded(v: Visit): void {
  const { hl, spec } = v;
  const shown = hl.texts.slice(0, 40).join(' | ');
  for (const phrase of spec.mustDecode)
    expect.soft(covers(hl.texts, phrase), `"${phrase}" underlined; got: ${shown}`).toBe(true);
  for (const phrase of spec.mustNotDecode)
    expect.soft(covers(hl.texts, phrase), `"${phrase}" not underlined; got: ${shown}`).toBe(false);
  expect.soft(hl.detached, 'underlines left on removed nodes').toBe(0);
  expect.soft(hl.collapsed, 'empty underline ranges').toBe(0);
  expect.soft(new Set(hl.names).size, 'highlight names').toBeLessThanOrEqual(MAX_HIGHLIGHT_NAMES);
  if (spec.minHighlights)
    expect.soft(hl.texts.length, 'underlined ranges').toBeGreaterThanOrEqual(spec.minHighlights);
  if (v.drawn !== undefined) expect.soft(v.drawn, 'the underline is drawn').toBe(true);
}

forEachBrowser('Hostile pages', (get) => {
  // With diagnostics on, every scan pass leaves a `subtext:scan` measure in the page.
  beforeAll(() => setDiagnostics(get(), true));
  afterAll(() => setDiagnostics(get(), false));

  for (const name of pages)
    it(`keeps ${name}.html responsive, unchanged, error-free and decoded`, async () => {
      const v = await visit(get(), name);
      expectSettles(v);
      expectResponsive(v);
      expectUnharmed(v);
      expectDecoded(v);
    }, 120_000);
});
