/**
 * `npm start`: builds Subtext, serves the bundled demo article from 127.0.0.1 and opens a browser
 * with the extension loaded on it.
 *   npm start                     Chromium, in a window when a display exists, else headless
 *   npm start -- --headless       headless: prints the decoded phrases and saves demo.png
 *   npm start -- --firefox        the same in Firefox ESR
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BUILTIN_PACKS } from '../src/glossary/index';
import { launch, type BrowserHarness, type TestPage } from './browsers';
import { repoRoot, serve } from './serve';

const args = process.argv.slice(2);
const browserName = args.includes('--firefox') ? 'firefox' : 'chromium';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;
const DEMO = '/demo/putin-kerry.html';

interface ReportedMatch {
  entryId: string;
  text: string;
}

/** Asks the demo tab's content script for its matches, from inside the extension. */
async function pageReport(h: BrowserHarness): Promise<ReportedMatch[]> {
  return h.inExtension(async (demoPath: string) => {
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = (g.browser ?? g.chrome) as Api;
    const tabs = await api.tabs.query({});
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        const r = (await api.tabs.sendMessage(tab.id, { type: 'page:report', payload: {} })) as
          { url: string; matches: ReportedMatch[] } | undefined;
        if (r?.url.endsWith(demoPath)) return r.matches;
      } catch {
        // not our tab, or no content script there
      }
    }
    return [];
    interface Api {
      tabs: {
        query(q: object): Promise<{ id?: number }[]>;
        sendMessage(id: number, m: unknown): Promise<unknown>;
      };
    }
  }, DEMO);
}

async function waitForMatches(h: BrowserHarness, page: TestPage): Promise<ReportedMatch[]> {
  await page.waitFor(
    () => {
      let n = 0;
      CSS.highlights.forEach((hl, name) => void (name.startsWith('subtext') && (n += hl.size)));
      return n > 0;
    },
    undefined,
    15_000,
  );
  const end = Date.now() + 10_000;
  for (;;) {
    const matches = await pageReport(h);
    if (matches.length > 0 || Date.now() > end) return matches;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function printMatches(matches: ReportedMatch[]): void {
  const meaning = new Map(
    BUILTIN_PACKS.flatMap((p) => p.entries.map((e) => [e.id, e.meaning] as const)),
  );
  console.log(`\nSubtext decoded ${matches.length} phrase(s) on the demo article:\n`);
  const width = Math.min(48, Math.max(...matches.map((m) => m.text.length), 6));
  for (const m of matches) {
    const text = m.text.replace(/\s+/g, ' ');
    console.log(
      `  “${text}”${' '.repeat(Math.max(1, width - text.length))} → ${meaning.get(m.entryId) ?? m.entryId}`,
    );
  }
  console.log('');
}

async function main(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  const server = await serve();
  const url = server.url(DEMO);
  console.log(`Serving the demo article at ${url}`);
  const h = await launch(browserName, server, { headless });
  const page = await h.open(url);
  await page.bringToFront();
  const matches = await waitForMatches(h, page);
  printMatches(matches);
  if (headless) {
    const shot = path.join(repoRoot, 'demo.png');
    await page.screenshot(shot);
    console.log(`Screenshot with the underlines: ${shot}`);
    await h.close();
    await server.close();
    if (matches.length === 0) {
      console.error('No phrase was decoded: the content script did not run.');
      process.exit(1);
    }
    return;
  }
  console.log(
    `${browserName} is open with Subtext on the demo article. Hover an underline; Ctrl-C to stop.`,
  );
  const stop = async () => {
    await h.close().catch(() => undefined);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
