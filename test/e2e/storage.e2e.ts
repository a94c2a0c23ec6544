/**
 * Storage and background end to end, in Chromium and Firefox: an entry saved from an extension
 * page is underlined by an already open tab without a reload, and removed again the same way; the
 * list reaches storage.sync in chunks; export → clear → import gives back the same list; a damaged
 * store never breaks a page; switching a site off clears its badge and underlines.
 */
import { expect, it } from 'vitest';
import {
  covers,
  forEachBrowser,
  highlightedTexts,
  type BrowserHarness,
  type TestPage,
} from './harness';

const FIXTURE = '/storage/live-update.html';
const entry = {
  patterns: ['zebra crossing protocol'],
  meaning: 'A rule both sides will ignore.',
  explanation: 'Added by the storage end-to-end test.',
  category: 'custom',
  intensity: 3,
};

/** Sends a typed message from an extension page, as the options page does. */
async function send(page: TestPage, type: string, payload: object): Promise<unknown> {
  return page.evaluate(
    ([t, p]) => {
      const api =
        (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ??
        chrome;
      return api.runtime.sendMessage({ type: t, payload: p });
    },
    [type, payload] as const,
  );
}

async function texts(page: TestPage): Promise<string[]> {
  return highlightedTexts(page);
}

async function openTab(h: BrowserHarness): Promise<TestPage> {
  const tab = await h.open(h.server.url(FIXTURE));
  await tab.evaluate(() => ((window as unknown as { subtextMarker: number }).subtextMarker = 42));
  await tab.waitFor(() => {
    let n = 0;
    CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
    return n > 0;
  });
  return tab;
}

const notReloaded = (tab: TestPage) =>
  tab.evaluate(() => (window as unknown as { subtextMarker?: number }).subtextMarker === 42);

forEachBrowser('Storage and the background', (get) => {
  it('has run the migrations on install', async () => {
    const h = get();
    // The background writes it at start-up, possibly a moment after the browser is up.
    const schema = () =>
      h.inExtension(async () => {
        const api =
          (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ??
          chrome;
        return (await api.storage.local.get('subtext:schema'))['subtext:schema'];
      });
    await expect.poll(schema, { timeout: 10_000 }).toBe(1);
  });

  it('underlines a newly saved phrase in an open tab without a reload, and removes it live', async () => {
    const h = get();
    const tab = await openTab(h);
    expect(covers(await texts(tab), 'zebra crossing protocol')).toBe(false);
    const options = await h.openExtensionPage('options.html');
    expect(await send(options, 'entries:save', { entry })).toEqual({
      ok: true,
      id: 'zebra-crossing-protocol',
    });
    await expect
      .poll(async () => covers(await texts(tab), 'zebra crossing protocol'), { timeout: 10_000 })
      .toBe(true);
    expect(await notReloaded(tab)).toBe(true);
    expect(await send(options, 'entries:delete', { id: 'zebra-crossing-protocol' })).toEqual({
      ok: true,
    });
    await expect
      .poll(async () => covers(await texts(tab), 'zebra crossing protocol'), { timeout: 10_000 })
      .toBe(false);
    expect(covers(await texts(tab), 'free and frank exchange of views')).toBe(true);
    await tab.close();
    await options.close();
  });

  it('copies the list to storage.sync and gives it back identical after export, clear, import', async () => {
    const h = get();
    const options = await h.openExtensionPage('options.html');
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...entry,
      id: `phrase-${i}`,
      patterns: [`test phrase number ${'x'.repeat(i + 1)}`],
      explanation: 'A long explanation that takes room. '.repeat(8),
    }));
    const imported = (await send(options, 'import:apply', {
      format: 'json',
      text: JSON.stringify({ entries: many }),
      mode: 'replace',
    })) as { applied: boolean; added: string[] };
    expect(imported.applied).toBe(true);
    expect(imported.added).toHaveLength(30);
    await expect
      .poll(
        async () =>
          options.evaluate(async () => {
            const api =
              (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome })
                .browser ?? chrome;
            const all = await api.storage.sync.get(null);
            return Object.keys(all).filter((k) => /^subtext:sync:\d+$/.test(k)).length;
          }),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(1);
    expect(await send(options, 'sync:status', {})).toMatchObject({ mode: 'sync' });
    for (const format of ['json', 'csv']) {
      const before = ((await send(options, 'glossary:get', {})) as { entries: unknown[] }).entries;
      const file = (await send(options, 'export', { format })) as { text: string };
      const empty = format === 'csv' ? 'phrase,meaning\r\n' : '[]';
      await send(options, 'import:apply', { format, text: empty, mode: 'replace' });
      expect(((await send(options, 'glossary:get', {})) as { entries: unknown[] }).entries).toEqual(
        [],
      );
      await send(options, 'import:apply', { format, text: file.text, mode: 'replace' });
      expect(((await send(options, 'glossary:get', {})) as { entries: unknown[] }).entries).toEqual(
        before,
      );
    }
    await send(options, 'import:apply', { format: 'json', text: '[]', mode: 'replace' });
    await options.close();
  });

  it('keeps decoding the page when the stored list is damaged', async () => {
    const h = get();
    const tab = await openTab(h);
    const options = await h.openExtensionPage('options.html');
    await send(options, 'entries:save', { entry });
    const zebra = async () => covers(await texts(tab), 'zebra crossing protocol');
    await expect.poll(zebra, { timeout: 10_000 }).toBe(true);
    // A damaged list, as a crash mid-write or a bad disk could leave it; the new revision makes
    // every tab re-read it.
    await options.evaluate(async () => {
      const api =
        (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ??
        chrome;
      await api.storage.local.set({
        'subtext:reader': { entries: 'garbage', overrides: 7 },
        'subtext:revision': 999,
      });
    });
    // The background repairs the damaged list: to empty, or (Firefox keeps a sync copy even
    // without an account) healed from the reader's entries in storage.sync. Either way the store is
    // whole again, and the open tab shows exactly what the repaired store holds, without a reload.
    const repaired = async () => {
      const g = (await send(options, 'glossary:get', {})) as {
        entries: { id: string }[];
        revision: number;
      };
      const healed = g.entries.length > 0;
      return (
        g.revision >= 999 &&
        g.entries.every((e) => e.id === 'zebra-crossing-protocol') &&
        (await zebra()) === healed
      );
    };
    await expect.poll(repaired, { timeout: 10_000 }).toBe(true);
    expect(covers(await texts(tab), 'free and frank exchange of views')).toBe(true);
    expect(await notReloaded(tab)).toBe(true);
    await options.evaluate(async () => {
      const api =
        (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ??
        chrome;
      await api.storage.local.remove(['subtext:reader', 'subtext:revision']);
    });
    await tab.close();
    await options.close();
  });

  it('clears the underlines and the badge when the site is switched off, and restores them', async () => {
    const h = get();
    const tab = await openTab(h);
    await tab.bringToFront();
    await expect.poll(() => h.badgeText(), { timeout: 10_000 }).not.toBe('');
    const options = await h.openExtensionPage('options.html');
    await send(options, 'site:set', { hostname: '127.0.0.1', enabled: false });
    await expect.poll(async () => (await texts(tab)).length, { timeout: 10_000 }).toBe(0);
    await tab.bringToFront();
    await expect.poll(() => h.badgeText(), { timeout: 10_000 }).toBe('');
    await send(options, 'site:set', { hostname: '127.0.0.1', enabled: true });
    await expect
      .poll(async () => (await texts(tab)).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await notReloaded(tab)).toBe(true);
    await tab.close();
    await options.close();
  });
});
