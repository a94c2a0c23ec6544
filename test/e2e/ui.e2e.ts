/**
 * The popup and the options page in real Chromium and Firefox: the popup lists the phrases of the
 * tab it is opened on and switches a site off; a phrase added in the options page is underlined
 * in an already open tab without a reload; an import exported back is identical; axe-core finds
 * no accessibility violations on either page.
 *
 * The popup is opened as a page with `?tab=<id>` (see src/popup/index.ts): Playwright cannot
 * attach to the real toolbar popup, and in a tab the "active tab" would be the popup itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { covers, forEachBrowser, highlightedTexts, repoRoot, type BrowserHarness } from './harness';
import type { TestPage } from '../../scripts/browsers';

const DEMO = '/demo/putin-kerry.html';
const axeSource = fs.readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * The id of the tab showing `url`. Subtext has no "tabs" permission, so tab URLs are hidden from
 * it; the content script of each tab says where it is (`page:report`), as it does to the popup.
 */
async function tabIdOf(h: BrowserHarness, url: string): Promise<number> {
  const id = await h.inExtension(async (u: string) => {
    const g = globalThis as unknown as { chrome?: TabsApi; browser?: TabsApi };
    const api = (g.browser ?? g.chrome)!;
    for (const tab of await api.tabs.query({})) {
      if (tab.id === undefined) continue;
      const report = await api.tabs
        .sendMessage(tab.id, { type: 'page:report', payload: {} })
        .catch(() => null);
      if (report?.url === u) return tab.id;
    }
    return null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}
interface TabsApi {
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(id: number, m: object): Promise<{ url: string } | null>;
  };
}

async function openDemo(h: BrowserHarness): Promise<{ page: TestPage; url: string }> {
  const url = h.server.url(DEMO);
  const page = await h.open(url);
  await page.waitFor(() => {
    let n = 0;
    CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
    return n >= 5;
  });
  return { page, url };
}

const click = (page: TestPage, selector: string) =>
  page.evaluate((s: string) => {
    const el = document.querySelector<HTMLElement>(s);
    if (!el) throw new Error(`no ${s}`);
    el.click();
  }, selector);

/** Sets a field's value as a paste would, firing `input`. */
const paste = (page: TestPage, selector: string, value: string) =>
  page.evaluate(
    ([s, v]: [string, string]) => {
      const el = document.querySelector<HTMLTextAreaElement>(s)!;
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, value] as [string, string],
  );

/** Runs axe-core in the page (evaluated, so the page's CSP does not apply) and lists violations. */
async function axeViolations(page: TestPage): Promise<string[]> {
  const raw = page.raw as { evaluate(source: string): Promise<unknown> };
  await raw.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeLike }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
interface AxeLike {
  run(
    ctx: Document,
    o: object,
  ): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
}

/** Makes export downloads readable: the next "download" is captured instead of saved. */
async function captureDownloads(page: TestPage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { downloads: { name: string; text: Promise<string> }[] };
    w.downloads = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      w.downloads.push({ name: this.download, text: fetch(this.href).then((r) => r.text()) });
    };
  });
}
async function exportAs(
  page: TestPage,
  format: 'json' | 'csv',
): Promise<{ name: string; text: string }> {
  const before = await page.evaluate(
    () => (window as unknown as { downloads: unknown[] }).downloads.length,
  );
  await click(page, `#export-${format}`);
  await page.waitFor(
    (n: number) => (window as unknown as { downloads: unknown[] }).downloads.length > n,
    before,
  );
  return page.evaluate(async (n: number) => {
    const d = (window as unknown as { downloads: { name: string; text: Promise<string> }[] })
      .downloads[n]!;
    return { name: d.name, text: await d.text };
  }, before);
}

/** Previews then applies an import of `text`; returns the result line. */
async function importText(
  page: TestPage,
  text: string,
  mode: 'merge' | 'replace',
): Promise<string> {
  await paste(page, '#import-text', text);
  await click(page, `input[name="import-mode"][value="${mode}"]`);
  await click(page, '#import-preview');
  const ready = await page.waitFor(() =>
    !(document.getElementById('import-apply') as HTMLButtonElement).disabled
      ? 'ready'
      : document.querySelector('#import-result')?.textContent,
  );
  if (ready !== 'ready') throw new Error(`import preview refused: ${ready}`);
  await click(page, '#import-apply');
  return page.waitFor(() => {
    const s = document.querySelector('#import-result .summary')?.textContent ?? '';
    return /Imported/.test(s) ? s : '';
  });
}

forEachBrowser('Popup and options', (get) => {
  it('the popup lists the page’s decoded phrases with meanings, and goes to one on a click', async () => {
    const h = get();
    const { page, url } = await openDemo(h);
    const popup = await h.openExtensionPage(`popup.html?tab=${await tabIdOf(h, url)}`);
    const items = await popup.waitFor(() => {
      const li = [...document.querySelectorAll('.phrases li')];
      return li.length >= 5
        ? li.map((l) => ({
            text: l.querySelector('.phrase-text')?.textContent ?? '',
            meaning: l.querySelector('.meaning')?.textContent ?? '',
          }))
        : null;
    });
    expect(
      covers(
        items.map((i) => i.text),
        'a free and frank exchange of views',
      ),
    ).toBe(true);
    expect(items.every((i) => i.meaning.length > 3)).toBe(true);
    expect(await popup.evaluate(() => document.getElementById('reading')?.textContent)).toMatch(
      /Strongest signal/,
    );
    await click(popup, '.phrase');
    const position = await popup.waitFor(
      () => document.querySelector('.phrase .position')?.textContent,
    );
    expect(position).toMatch(/^1 of \d+$/);
    await popup.close();
    await page.close();
  });

  it('switching a site off in the popup takes its underlines away, and on brings them back', async () => {
    const h = get();
    const { page, url } = await openDemo(h);
    const popup = await h.openExtensionPage(`popup.html?tab=${await tabIdOf(h, url)}`);
    await popup.waitFor(() => Boolean(document.querySelector('.phrases li')));
    expect(await popup.evaluate(() => document.getElementById('site-label')?.textContent)).toBe(
      `On ${new URL(url).hostname}`,
    );
    await click(popup, '#site-switch');
    await page.waitFor(() => {
      let n = 0;
      CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
      return n === 0;
    });
    await popup.waitFor(() =>
      /off on this site/.test(document.getElementById('page-body')?.textContent ?? ''),
    );
    await click(popup, '#site-switch');
    await page.waitFor(() => {
      let n = 0;
      CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
      return n >= 5;
    });
    await popup.close();
    await page.close();
  });

  it('a phrase added in the options page is underlined in an open tab without a reload', async () => {
    const h = get();
    const { page } = await openDemo(h);
    expect(covers(await highlightedTexts(page), 'Kremlin spokesman')).toBe(false);
    const options = await h.openExtensionPage('options.html#add=Kremlin%20spokesman');
    await options.waitFor(() => !document.getElementById('entry-form')?.hidden);
    expect(
      await options.evaluate(
        () => (document.getElementById('f-patterns') as HTMLTextAreaElement).value,
      ),
    ).toBe('Kremlin spokesman');
    await options.type('#f-meaning', 'the president, speaking deniably');
    await options.type('#f-explanation', 'The spokesman says what the Kremlin will not sign.');
    await click(options, '#save-entry');
    await options.waitFor(() => /Saved/.test(document.getElementById('notice')?.textContent ?? ''));
    await expect
      .poll(async () => covers(await highlightedTexts(page), 'Kremlin spokesman'), {
        timeout: 10_000,
      })
      .toBe(true);
    await options.close();
    await page.close();
  });

  it('an imported list exports back identical, and survives export, clear and import', async () => {
    const h = get();
    const options = await h.openExtensionPage('options.html');
    await options.waitFor(() => Boolean(document.querySelector('#packs input')));
    await captureDownloads(options);
    const csv = [
      'phrase,meaning,explanation,category,intensity,source',
      '"[very] useful talks","they agreed on nothing","A polite way to say nothing came of it.",diplomatic,2,My notes',
      '"=deep concern\nprofound concern","they may act","One step below condemnation.",un,4,"Security Council Report <https://www.securitycouncilreport.org/>"',
    ].join('\n');
    expect(await importText(options, csv, 'merge')).toMatch(/Imported/);
    const json = await exportAs(options, 'json');
    expect(json.name).toMatch(/\.json$/);
    const exportedCsv = await exportAs(options, 'csv');

    // Clear the list, then bring it back from the exported file through the file picker.
    await importText(options, '[]', 'replace');
    await options.waitFor(() =>
      /optionsNoPhrases|not added any/.test(
        document.getElementById('entry-list')?.textContent ?? '',
      ),
    );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'subtext-ui-')), json.name);
    fs.writeFileSync(file, json.text);
    const input = await (
      options.raw as unknown as {
        $(s: string): Promise<{
          uploadFile?(p: string): Promise<void>;
          setInputFiles?(p: string): Promise<void>;
        }>;
      }
    ).$('#import-file');
    if (input.setInputFiles) await input.setInputFiles(file);
    else await input.uploadFile!(file);
    await options.waitFor(
      () => (document.getElementById('import-text') as HTMLTextAreaElement).value.length > 10,
    );
    await click(options, 'input[name="import-mode"][value="merge"]');
    await click(options, '#import-preview');
    await options.waitFor(
      () => !(document.getElementById('import-apply') as HTMLButtonElement).disabled,
    );
    await click(options, '#import-apply');
    await options.waitFor(() =>
      /Imported/.test(document.querySelector('#import-result .summary')?.textContent ?? ''),
    );

    expect((await exportAs(options, 'json')).text).toBe(json.text);
    expect((await exportAs(options, 'csv')).text).toBe(exportedCsv.text);
    await options.close();
  });

  it('axe-core finds no accessibility violations in the popup or the options page', async () => {
    const h = get();
    const { page, url } = await openDemo(h);
    const popup = await h.openExtensionPage(`popup.html?tab=${await tabIdOf(h, url)}`);
    await popup.waitFor(() => Boolean(document.querySelector('.phrases li')));
    await paste(popup, '#search-input', 'frank');
    expect(await axeViolations(popup)).toEqual([]);

    const options = await h.openExtensionPage('options.html');
    await options.waitFor(() => Boolean(document.querySelector('#packs input')));
    await click(options, '#add-entry');
    await paste(options, '#f-patterns', '(unclosed');
    await paste(options, '#f-sample', 'They held a frank exchange of views.');
    await options.waitFor(() => !document.getElementById('f-patterns-error')?.hidden);
    await paste(options, '#builtin-search', 'concern');
    expect(await axeViolations(options)).toEqual([]);

    if (h.name === 'chromium') {
      for (const p of [popup, options]) {
        await (p.raw as { emulateMedia(o: object): Promise<void> }).emulateMedia({
          colorScheme: 'dark',
        });
        expect(await axeViolations(p)).toEqual([]);
      }
    }
    await Promise.all([popup.close(), options.close(), page.close()]);
  });
});
