/**
 * The toolbar badge and icon per tab: the badge shows how many phrases the tab's frames decoded
 * (each frame reports its own count with `page:count`; the badge shows the sum), the icon is greyed
 * where Subtext is off for the tab's site. Counts live in storage.session, because a Chrome service
 * worker may be stopped between two messages and lose its memory; they are cleared when the tab
 * starts loading a new page and dropped when it closes.
 */
import browser, { type Runtime } from '../shared/browser';
import { isActiveOn, loadSettings, onSettingsChange, type Settings } from '../shared/settings';

interface TabState {
  /** Count per frame id. */
  frames: Record<string, number>;
  /** Hostname of the top frame, when known. */
  host?: string;
}

const stateKey = (tabId: number) => `subtext:tab:${tabId}`;
const MAX_COUNT = 100_000;

const icon = (off: boolean) =>
  Object.fromEntries(
    [16, 32, 48, 128].map((n) => [n, `icons/icon${off ? '-off' : ''}-${n}.png`]),
  ) as Record<string, string>;

/** "" for none, the number, or "999+" (the badge has room for about four characters). */
export function badgeText(total: number): string {
  return total <= 0 ? '' : total > 999 ? '999+' : String(total);
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

async function readState(tabId: number): Promise<TabState> {
  const got = await browser.storage.session.get(stateKey(tabId));
  return (got[stateKey(tabId)] as TabState | undefined) ?? { frames: {} };
}

async function render(tabId: number, state: TabState, settings: Settings): Promise<void> {
  const total = Object.values(state.frames).reduce((n, c) => n + c, 0);
  const off = state.host !== undefined && !isActiveOn(settings, state.host);
  // The tab may have closed meanwhile: nothing to draw then.
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: off ? '' : badgeText(total) }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#3b4a6b' }),
    browser.action.setIcon({ tabId, path: icon(off) }),
  ]).catch(() => undefined);
}

const chains = new Map<number, Promise<unknown>>();

/** Runs the state changes of one tab one after another (frames report concurrently). */
function forTab(tabId: number, change: (s: TabState) => TabState | null): Promise<void> {
  const run = (chains.get(tabId) ?? Promise.resolve()).then(async () => {
    const next = change(await readState(tabId));
    if (next === null) {
      await browser.storage.session.remove(stateKey(tabId));
      return;
    }
    await browser.storage.session.set({ [stateKey(tabId)]: next });
    await render(tabId, next, await loadSettings());
  });
  const settled = run.catch((err: unknown) => console.warn('Subtext: badge update failed', err));
  chains.set(tabId, settled);
  void settled.then(() => {
    if (chains.get(tabId) === settled) chains.delete(tabId);
  });
  return run;
}

/** Handles `page:count` from a content script: this frame's count, summed into the tab's badge. */
export function recordCount(count: unknown, sender: Runtime.MessageSender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return Promise.resolve();
  const n = Number.isSafeInteger(count) ? Math.min(Math.max(count as number, 0), MAX_COUNT) : 0;
  const frameId = sender.frameId ?? 0;
  return forTab(tabId, (s) => ({
    frames: { ...s.frames, [frameId]: n },
    host: frameId === 0 ? (hostOf(sender.url) ?? s.host) : s.host,
  }));
}

/** Starts the tab listeners and redraws every known tab when settings change. Returns a stop. */
export function watchTabs(): () => void {
  const updated = (tabId: number, info: { status?: string; url?: string }) => {
    // A fragment or history change reports only a url: the page and its underlines stay.
    if (info.status === 'loading')
      void forTab(tabId, (s) => ({ frames: {}, host: hostOf(info.url) ?? s.host }));
    else if (info.url !== undefined)
      void forTab(tabId, (s) => ({ ...s, host: hostOf(info.url) ?? s.host }));
  };
  const removed = (tabId: number) => {
    void forTab(tabId, () => null);
  };
  browser.tabs.onUpdated.addListener(updated);
  browser.tabs.onRemoved.addListener(removed);
  const stopSettings = onSettingsChange((settings) => void redrawAll(settings));
  return () => {
    browser.tabs.onUpdated.removeListener(updated);
    browser.tabs.onRemoved.removeListener(removed);
    stopSettings();
  };
}

async function redrawAll(settings: Settings): Promise<void> {
  const all = await browser.storage.session.get(null);
  for (const [key, state] of Object.entries(all)) {
    const m = /^subtext:tab:(\d+)$/.exec(key);
    if (m) await render(Number(m[1]), state as TabState, settings);
  }
}
