/**
 * The walking skeleton, end to end in both browsers: on the bundled demo article the content script
 * decodes the phrases a reader needs explained, the badge counts them, and the extension's own pages
 * open. A broken content script, background or page makes these fail.
 */
import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { covers, fixturesDir, forEachBrowser, highlightedTexts } from './harness';

const expected = JSON.parse(
  fs.readFileSync(path.join(fixturesDir, 'demo', 'putin-kerry.expected.json'), 'utf8'),
) as { mustDecode: string[]; mustNotDecode: string[] };

forEachBrowser('Subtext on the demo article', (get) => {
  it('underlines every phrase the article had to explain, and nothing in the comment box', async () => {
    const h = get();
    const page = await h.open(h.server.url('/demo/putin-kerry.html'));
    const before = await page.evaluate(() => document.body.innerHTML);
    await page.waitFor(() => {
      let n = 0;
      CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
      return n >= 5;
    });
    const texts = await highlightedTexts(page);
    for (const phrase of expected.mustDecode)
      expect(covers(texts, phrase), `${phrase} in ${texts.join(' | ')}`).toBe(true);
    expect(texts.some((t) => /gardner/i.test(t))).toBe(false);
    // The textarea's "free and frank exchange of views" is the reader's own text: never touched.
    expect(texts.filter((t) => /exchange of views/i.test(t))).toHaveLength(1);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    await page.close();
  });

  it('counts the decoded phrases on the toolbar badge', async () => {
    const h = get();
    const page = await h.open(h.server.url('/demo/putin-kerry.html'));
    await page.bringToFront();
    const badge = await (async () => {
      const end = Date.now() + 10_000;
      for (;;) {
        const text = await h.badgeText();
        if (Number(text) >= 5 || Date.now() > end) return text;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(Number(badge)).toBeGreaterThanOrEqual(5);
    await page.close();
  });

  it('opens the popup and the options page without errors', async () => {
    const h = get();
    for (const file of ['popup.html', 'options.html']) {
      const page = await h.openExtensionPage(file);
      const state = await page.waitFor(() => {
        const main = document.querySelector('main');
        return main && main.textContent && main.textContent.trim().length > 20
          ? { title: document.title }
          : null;
      });
      expect(state?.title).toMatch(/Subtext/);
      await page.close();
    }
  });
});
