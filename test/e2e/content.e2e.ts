/**
 * The content script in real Chromium and Firefox over the fixture pages of
 * test/fixtures/pages (each has its expected results beside it): underlines through
 * `CSS.highlights`, the page's HTML unchanged, forms and editors left alone, shadow roots, frames
 * (data:, blob: and sandboxed ones too), infinite scroll, SPA navigation, a locale switch, a page
 * back from the back/forward cache, a page that rewrites itself, the card on hover and from the
 * keyboard relay, underline pixels in a screenshot, and diagnostics measures only when enabled.
 */
import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import { BUILTIN_PACKS } from '../../src/glossary/index';
import {
  covers,
  fixturesDir,
  forEachBrowser,
  highlightedTexts,
  type BrowserHarness,
  type TestPage,
} from './harness';

interface Expected {
  mustDecode: string[];
  mustNotDecode: string[];
  [key: string]: unknown;
}
const expected = (name: string): Expected =>
  JSON.parse(fs.readFileSync(path.join(fixturesDir, 'pages', `${name}.expected.json`), 'utf8'));

/** Number of ranges in Subtext's highlights. */
const rangeCount = (page: TestPage) =>
  page.evaluate(() => {
    let n = 0;
    CSS.highlights.forEach((h, name) => void (name.startsWith('subtext') && (n += h.size)));
    return n;
  });

async function waitForRanges(page: TestPage, atLeast: number): Promise<string[]> {
  await page.waitFor((n) => {
    let count = 0;
    CSS.highlights.forEach((h, name) => void (name.startsWith('subtext') && (count += h.size)));
    return count >= n;
  }, atLeast);
  return highlightedTexts(page);
}

/** Opens a fixture page and records its body HTML before Subtext could change anything. */
async function openFixture(h: BrowserHarness, file: string, ranges: number) {
  const page = await h.open(h.server.url(`/pages/${file}`));
  const texts = await waitForRanges(page, ranges);
  return { page, texts };
}

type RawFrame = { url(): string; evaluate<R>(fn: () => R): Promise<R> };
const framesOf = (page: TestPage) => (page.raw as unknown as { frames(): RawFrame[] }).frames();

/** What Subtext underlined in the page's child frames (a frame that cannot be read gives none). */
const childHighlights = async (page: TestPage): Promise<string[]> => {
  const [, ...rest] = framesOf(page);
  return (await Promise.all(rest.map((f) => frameHighlights(f).catch(() => [])))).flat();
};

async function frameHighlights(frame: RawFrame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (!name.startsWith('subtext')) return;
      h.forEach((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push(range.toString().replace(/\s+/g, ' ').trim());
      });
    });
    return out;
  });
}

/**
 * Sends a message to the fixture tab's top frame from inside the extension. Tab URLs are hidden
 * without the "tabs" permission, so the tab is found by asking each one for its page report.
 */
function sendToPage(h: BrowserHarness, urlPart: string, message: unknown) {
  return h.inExtension(
    async ({ urlPart, message }) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const api = g.browser ?? g.chrome;
      for (const tab of await api.tabs.query({})) {
        if (tab.id === undefined) continue;
        const report = (await api.tabs
          .sendMessage(tab.id, { type: 'page:report', payload: {} }, { frameId: 0 })
          .catch(() => null)) as { url?: string } | null;
        if (report?.url?.includes(urlPart))
          return api.tabs.sendMessage(tab.id, message, { frameId: 0 });
      }
      throw new Error(`no tab with ${urlPart}`);
    },
    { urlPart, message },
  );
}
declare const chrome: {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(id: number, m: unknown, o: object): Promise<unknown>;
  };
  storage: {
    local: { set(o: object): Promise<void>; remove(k: string): Promise<void> };
    sync: { set(o: object): Promise<void>; remove(k: string): Promise<void> };
  };
};

/**
 * The text of the open card, read through the DevTools protocol, which sees into its closed shadow
 * root (the page cannot). Chromium only; null elsewhere.
 */
async function cardText(h: BrowserHarness, page: TestPage): Promise<string | null> {
  if (h.name !== 'chromium') return null;
  const raw = page.raw as PwPage;
  const cdp = await raw.context().newCDPSession(raw);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: { nodeId: number };
    };
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-subtext="card"]' }); // prettier-ignore
    const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true })) as {
      node: { shadowRoots?: { backendNodeId: number }[] };
    };
    const shadow = node.shadowRoots?.[0];
    if (!shadow) throw new Error('the card has no shadow root');
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { backendNodeId: shadow.backendNodeId }); // prettier-ignore
    return outerHTML.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
  } finally {
    await cdp.detach();
  }
}

const cardIsOpen = (page: TestPage) =>
  page.evaluate(
    () => document.documentElement.lastElementChild?.getAttribute('data-subtext') === 'card',
  );

forEachBrowser('The content script on fixture pages', (get) => {
  it('underlines phrases split across inline tags and <br>, never across two paragraphs, without changing the HTML', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/split-tags.html'));
    const html = await page.evaluate(() => document.body.innerHTML);
    const texts = await waitForRanges(page, 3);
    // Range.toString() gives <br> no text: compare without spaces.
    const squeezed = texts.map((t) => t.replace(/\s+/g, ''));
    for (const phrase of expected('split-tags').mustDecode)
      expect(squeezed, texts.join(' | ')).toContain(phrase.replace(/\s+/g, ''));
    expect(texts.filter((t) => /grave/i.test(t))).toEqual(['expressed grave concern']);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(html);
    await page.close();
  });

  it('leaves text in form fields, contenteditable and role=textbox editors alone', async () => {
    const h = get();
    const { page, texts } = await openFixture(h, 'forms-editors.html', 2);
    await new Promise((r) => setTimeout(r, 300));
    const all = await highlightedTexts(page);
    const exp = expected('forms-editors');
    for (const phrase of exp.mustDecode) expect(covers(all, phrase)).toBe(true);
    for (const phrase of exp.mustNotDecode)
      expect(all.some((t) => t.toLowerCase().includes(phrase)), `${phrase} in ${all.join(' | ')}`).toBe(false); // prettier-ignore
    expect(texts.length).toBe(all.length);
    // Typing in the editor is the reader's business: no underline appears there.
    await page.type('#editor p', ' We deeply regret it.');
    await new Promise((r) => setTimeout(r, 400));
    expect((await highlightedTexts(page)).some((t) => /regret/i.test(t))).toBe(false);
    await page.close();
  });

  it('decodes inside an open shadow root, not a closed one, and styles the underline there', async () => {
    const h = get();
    const { page, texts } = await openFixture(h, 'shadow.html', 1);
    expect(covers(texts, 'free and frank exchange of views')).toBe(true);
    expect(texts.some((t) => /regret/i.test(t))).toBe(false);
    const adopted = await page.evaluate(
      () => document.querySelector('#open-card')!.shadowRoot!.adoptedStyleSheets.length,
    );
    expect(adopted).toBeGreaterThanOrEqual(1);
    // Hovering the phrase inside the shadow root opens its card (the hit test must look into it).
    const rect = await page.evaluate(() => {
      let box: { x: number; y: number } | null = null;
      CSS.highlights.forEach((hl, name) => {
        if (!name.startsWith('subtext')) return;
        hl.forEach((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          const b = range.getClientRects()[0]!; // the first line of it: the phrase may wrap
          box ??= { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        });
      });
      return box as { x: number; y: number } | null;
    });
    expect(rect).not.toBeNull();
    await page.mouseMove(rect!.x - 40, rect!.y + 60);
    await page.mouseMove(rect!.x, rect!.y);
    await page.waitFor(() => document.querySelector('[data-subtext="card"]') !== null);
    await page.close();
  });

  it('decodes inside a child frame, an about:blank frame the page wrote, and one whose text came later', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/iframe.html'));
    // Frames are told apart by content: Firefox reports a document.write frame under its parent's URL.
    const want = Object.values(expected('iframe').frames as Record<string, string[]>).flat();
    const end = Date.now() + 10_000;
    let top: string[] = [];
    let children: string[] = [];
    while (Date.now() < end) {
      const [main, ...rest] = framesOf(page);
      top = await frameHighlights(main!);
      children = (await Promise.all(rest.map((f) => frameHighlights(f).catch(() => [])))).flat();
      if (want.every((p) => covers(children, p))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const p of want) expect(covers(children, p), `${p} in ${children.join(' | ')}`).toBe(true);
    expect(top).toEqual([]);
    await page.close();
  });

  it('decodes inside data:, blob: and sandboxed frames, which follow their page switched off', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/opaque-frames.html'));
    const want = ['declared persona non grata', 'cautiously optimistic', 'expressed grave concern'];
    const end = Date.now() + 10_000;
    let children: string[] = [];
    while (Date.now() < end) {
      children = await childHighlights(page);
      if (want.every((p) => covers(children, p))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const p of want) expect(covers(children, p), `${p} in ${children.join(' | ')}`).toBe(true);
    // Switched off for the site: the frames follow their page, even where they cannot say whose
    // frames they are (Firefox gives a data: or sandboxed frame no way to know).
    await h.inExtension(() => chrome.storage.sync.set({ 'subtext:settings': { disabledSites: ['127.0.0.1'] } })); // prettier-ignore
    try {
      const off = Date.now() + 10_000;
      while (Date.now() < off) {
        children = await childHighlights(page);
        if (!children.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(children).toEqual([]);
      // A frame that loads now, after the switch-off, stays off too.
      const fresh = await page.evaluate(() => {
        const f = document.createElement('iframe');
        f.src = 'data:text/html,<p>Late: the envoy was declared persona non grata.</p>';
        document.body.append(f);
        return true;
      });
      expect(fresh).toBe(true);
      await new Promise((r) => setTimeout(r, 2_000));
      children = await childHighlights(page);
      expect(children).toEqual([]);
    } finally {
      await h.inExtension(() => chrome.storage.sync.remove('subtext:settings'));
    }
    await page.close();
  });

  it('decodes an embedded post far down a live blog once the reader scrolls to it', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/embeds.html'));
    const fixture = expected('embeds');
    const want = { firstPost: fixture.firstPost as string, lastPost: fixture.lastPost as string };
    // Frames are told apart by their text (every srcdoc frame has the same URL); the top page's
    // inline script holds the same words, so it is left out.
    const post = async (marker: string) => {
      for (const f of framesOf(page).slice(1))
        if (await f.evaluate(() => document.body?.textContent ?? '').then((t) => t.includes(marker), () => false)) return f; // prettier-ignore
      throw new Error(`no frame holds "${marker}"`);
    };
    const decoded = async (marker: string, phrase: string, timeoutMs: number) => {
      const end = Date.now() + timeoutMs;
      let got: string[] = [];
      do {
        got = await frameHighlights(await post(marker)).catch(() => []);
        if (covers(got, phrase)) return got;
        await new Promise((r) => setTimeout(r, 100));
      } while (Date.now() < end);
      return got;
    };
    const first = await decoded('Post 1:', want.firstPost, 10_000);
    expect(covers(first, want.firstPost), first.join(' | ')).toBe(true);
    // Off screen, the last post's frame restores nothing: it costs the page nothing. (Without the
    // gate every frame is decoded within a second or two of the first.)
    await new Promise((r) => setTimeout(r, 2000));
    expect(await frameHighlights(await post('The last post'))).toEqual([]);
    await page.evaluate(() => document.getElementById('post-30')!.scrollIntoView());
    const last = await decoded('The last post', want.lastPost, 10_000);
    expect(covers(last, want.lastPost), last.join(' | ')).toBe(true);
    await page.close();
  });

  it('decodes phrases hidden at load once the page shows them (details, read more, dialog, popover, stylesheet, visibility, inline style)', async () => {
    const h = get();
    const { page, texts } = await openFixture(h, 'reveal.html', 1);
    const want = expected('reveal');
    for (const phrase of want.mustDecode as string[]) expect(covers(texts, phrase)).toBe(true);
    // Hidden text is not decoded (nor counted) while hidden.
    await new Promise((r) => setTimeout(r, 500));
    const before = await highlightedTexts(page);
    for (const phrase of want.afterReveal as string[])
      expect(covers(before, phrase), `${phrase} in ${before.join(' | ')}`).toBe(false);
    await page.evaluate(() => (window as unknown as { revealAll(): void }).revealAll());
    const after = await waitForRanges(page, 1 + (want.afterReveal as string[]).length);
    for (const phrase of want.afterReveal as string[])
      expect(covers(after, phrase), `${phrase} in ${after.join(' | ')}`).toBe(true);
    await page.close();
  });

  it('decodes the answers a reader opens in an FAQ of more closed <details> than are watched', async () => {
    const h = get();
    const { page } = await openFixture(h, 'faq.html', 1);
    const want = expected('faq');
    await new Promise((r) => setTimeout(r, 500));
    const ids = want.opened as string[];
    await page.evaluate((list) => {
      for (const id of list) (document.getElementById(id) as HTMLDetailsElement).open = true;
    }, ids);
    const after = await waitForRanges(page, 1 + ids.length);
    const opened = after.filter((t) => t.includes(want.afterOpening as string));
    expect(opened, after.join(' | ')).toHaveLength(ids.length);
    await page.close();
  });

  it('picks up stories appended by infinite scroll', async () => {
    const h = get();
    const { page } = await openFixture(h, 'infinite-scroll.html', 1);
    for (let i = 0; i < 3; i++) await page.evaluate(() => document.getElementById('more')!.click());
    const texts = await waitForRanges(page, 4);
    for (const phrase of expected('infinite-scroll').afterLoadingMore as string[])
      expect(covers(texts, phrase), `${phrase} in ${texts.join(' | ')}`).toBe(true);
    await page.close();
  });

  it('rescans after a history navigation and updates the count', async () => {
    const h = get();
    const { page } = await openFixture(h, 'history.html', 1);
    await page.evaluate(() => document.getElementById('next')!.click());
    await page.waitFor(() => location.search.includes('article=2'));
    const texts = await waitForRanges(page, 1);
    await page.waitFor(() => {
      let n = 0;
      CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
      return n === 1;
    });
    expect(await highlightedTexts(page)).toEqual(['condemns in the strongest terms']);
    expect(texts.length).toBeGreaterThan(0);
    await page.close();
  });

  it('keeps up with a page that rewrites itself hundreds of times a second, in short batched passes', async () => {
    const h = get();
    await h.inExtension(() => chrome.storage.local.set({ 'subtext:diagnostics': true }));
    try {
      const { page } = await openFixture(h, 'rewriting.html', 1);
      await new Promise((r) => setTimeout(r, 2500));
      const { passes, mutations } = await page.evaluate(() => ({
        mutations: (window as unknown as { __mutations: number }).__mutations,
        passes: (performance.getEntriesByName('subtext:scan') as PerformanceMeasure[]).map(
          (m) => m.detail as { kind: string; longestTaskMs: number },
        ),
      }));
      expect(mutations).toBeGreaterThan(400);
      expect(passes.some((p) => p.kind === 'incremental')).toBe(true);
      // Batched and backed off: a handful of passes, not one per mutation.
      expect(passes.length).toBeLessThan(mutations / 20);
      const longest = Math.max(...passes.map((p) => p.longestTaskMs));
      expect(longest).toBeLessThan(expected('rewriting').maxTaskMs as number);
      expect(covers(await highlightedTexts(page), 'expressed grave concern')).toBe(true);
      await page.close();
    } finally {
      await h.inExtension(() => chrome.storage.local.remove('subtext:diagnostics'));
    }
  });

  it('opens the card on hover, closes it on Escape, and leaves the body HTML unchanged', async () => {
    const h = get();
    const { page } = await openFixture(h, 'split-tags.html', 3);
    const html = await page.evaluate(() => document.body.innerHTML);
    const at = await page.evaluate(() => {
      const p = document.getElementById('nested')!;
      const range = document.createRange();
      range.selectNodeContents(p.querySelector('i')!);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouseMove(at.x - 3, at.y);
    await page.mouseMove(at.x, at.y);
    await page.waitFor(() => document.documentElement.lastElementChild?.getAttribute('data-subtext') === 'card'); // prettier-ignore
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(html);
    // The page holds built-in entries without their words: the card got them from the background.
    const text = await cardText(h, page);
    if (text !== null) {
      const meanings = BUILTIN_PACKS.flatMap((p) => p.entries).map((e) => e.meaning);
      expect(meanings.some((m) => text.includes(m))).toBe(true);
      expect(text).not.toContain('could not be loaded');
    }
    await page.press('Escape');
    await page.waitFor(() => !document.querySelector('[data-subtext="card"]'));
    await page.close();
  });

  it('moves to the next phrase and opens its card from the keyboard relay', async () => {
    const h = get();
    const { page } = await openFixture(h, 'infinite-scroll.html', 1);
    for (let i = 0; i < 6; i++) await page.evaluate(() => document.getElementById('more')!.click());
    await waitForRanges(page, 5);
    const first = await sendToPage(h, 'infinite-scroll', { type: 'page:reveal', payload: { step: 1 } }); // prettier-ignore
    const second = await sendToPage(h, 'infinite-scroll', { type: 'page:reveal', payload: { step: 1 } }); // prettier-ignore
    expect(first).toEqual({ index: 0 });
    expect(second).toEqual({ index: 1 });
    expect(await cardIsOpen(page)).toBe(true);
    const last = await sendToPage(h, 'infinite-scroll', { type: 'page:reveal', payload: { step: -1 } }); // prettier-ignore
    expect(last).toEqual({ index: 0 });
    const scrolled = await sendToPage(h, 'infinite-scroll', { type: 'page:reveal', payload: { index: 4 } }); // prettier-ignore
    expect(scrolled).toEqual({ index: 4 });
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    const report = (await sendToPage(h, 'infinite-scroll', { type: 'page:report', payload: {} })) as { matches: unknown[]; active: boolean }; // prettier-ignore
    expect(report.active).toBe(true);
    expect(report.matches.length).toBe(await rangeCount(page));
    await page.close();
  });

  it('leaves the page exactly as it was when switched off for the site, and decodes again when switched back on', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/split-tags.html'));
    const html = await page.evaluate(() => document.body.innerHTML);
    await waitForRanges(page, 3);
    await page.evaluate(() => document.getElementById('more')?.click());
    // The settings module keeps only what differs from the defaults, under this key.
    await h.inExtension(() => chrome.storage.sync.set({ 'subtext:settings': { disabledSites: ['127.0.0.1'] } })); // prettier-ignore
    try {
      const state = await page.waitFor(() => {
        let names = 0;
        CSS.highlights.forEach((_h, name) => void (name.startsWith('subtext') && names++));
        return names === 0
          ? { sheets: document.adoptedStyleSheets.length, card: !!document.querySelector('[data-subtext="card"]'), html: document.body.innerHTML } // prettier-ignore
          : null;
      });
      expect(state).toEqual({ sheets: 0, card: false, html });
    } finally {
      await h.inExtension(() => chrome.storage.sync.remove('subtext:settings'));
    }
    const again = await waitForRanges(page, 3);
    expect(again.length).toBe(3);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(html);
    await page.close();
  });

  it('follows a switch-off made while the page sat in the back/forward cache, once the reader goes back to it', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/split-tags.html'));
    await waitForRanges(page, 3);
    // Main-world marker: it survives only if the same document comes back from the cache.
    await page.evaluate(() => {
      const w = window as unknown as { restored: boolean };
      w.restored = false;
      addEventListener('pageshow', (e) => void (e.persisted && (w.restored = true)));
    });
    // Navigated from inside the page: the drivers' own goBack waits for a load event that a
    // page restored from the cache never fires.
    await page.evaluate((url) => void setTimeout(() => location.assign(url), 0), h.server.url('/pages/faq.html')); // prettier-ignore
    await page.waitFor(() => location.pathname.endsWith('faq.html') && document.readyState === 'complete'); // prettier-ignore
    // Switched off while the page is cached: the report to its tab cannot reach it there.
    await h.inExtension(() => chrome.storage.sync.set({ 'subtext:settings': { disabledSites: ['127.0.0.1'] } })); // prettier-ignore
    try {
      await page.evaluate(() => void setTimeout(() => history.back(), 0));
      const restored = await page.waitFor(
        () =>
        location.pathname.endsWith('split-tags.html') ? { restored: (window as unknown as { restored: boolean }).restored } : null, // prettier-ignore
      );
      // Not a fresh load (which would read the settings anyway): the cached page itself.
      expect(restored).toEqual({ restored: true });
      // The page read the settings again when it came back and took its underlines off.
      const left = await page.waitFor(() => {
        let n = 0;
        CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
        return n === 0 ? 'none' : null;
      });
      expect(left).toBe('none');
    } finally {
      await h.inExtension(() => chrome.storage.sync.remove('subtext:settings'));
    }
    await page.close();
  });

  it('decodes a page that switches its declared language to English without a reload', async () => {
    const h = get();
    const page = await h.open(h.server.url('/pages/lang-switch.html'));
    // Declared French: the English glossary does not apply.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rangeCount(page)).toBe(0);
    await page.evaluate(() => (window as unknown as { switchToEnglish(): void }).switchToEnglish());
    const texts = await waitForRanges(page, 1);
    expect(covers(texts, 'expressed grave concern')).toBe(true);
    await page.close();
  });

  it('shows underline pixels in a screenshot', async () => {
    const h = get();
    const { page } = await openFixture(h, 'split-tags.html', 3);
    const png = (await page.screenshot()).toString('base64');
    const pixels = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      // The light-page colours of intensities 3 (#a35200) and 4 (#c4320a); the fixture has none.
      const near = (r: number, g: number, b: number, c: number[]) =>
        Math.abs(r - c[0]!) + Math.abs(g - c[1]!) + Math.abs(b - c[2]!) < 60;
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (near(data[i]!, data[i + 1]!, data[i + 2]!, [0xa3, 0x52, 0x00]) || near(data[i]!, data[i + 1]!, data[i + 2]!, [0xc4, 0x32, 0x0a])) n++; // prettier-ignore
      return n;
    }, png);
    expect(pixels).toBeGreaterThan(100);
    await page.close();
  });

  it('records subtext:scan measures only when diagnostics are switched on', async () => {
    const h = get();
    const off = await openFixture(h, 'infinite-scroll.html', 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await off.page.evaluate(() => performance.getEntriesByName('subtext:scan').length)).toBe(0); // prettier-ignore
    await off.page.close();

    await h.inExtension(() => chrome.storage.local.set({ 'subtext:diagnostics': true }));
    try {
      const { page } = await openFixture(h, 'infinite-scroll.html', 1);
      await page.evaluate(() => document.getElementById('more')!.click());
      const entries = (await page.waitFor(() => {
        const list = performance.getEntriesByName('subtext:scan') as PerformanceMeasure[];
        return list.length >= 2 ? list.map((m) => m.detail as Record<string, unknown>) : null;
      }))!;
      expect(entries[0]).toMatchObject({ kind: 'initial', matches: 1 });
      expect(entries[0]!.textChars).toBeGreaterThan(20);
      expect(entries[0]!.blocks).toBeGreaterThanOrEqual(2);
      expect(entries[1]).toMatchObject({ kind: 'incremental', matches: 1 });
      await page.close();
    } finally {
      await h.inExtension(() => chrome.storage.local.remove('subtext:diagnostics'));
    }
  });
});
