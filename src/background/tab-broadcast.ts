/**
 * Tells the content scripts of every open tab that a key they follow changed (store-events.ts):
 * a `store:changed` message naming the keys, sent to all frames of each tab. Content scripts do not
 * listen to `storage.onChanged`, which would hand each of them every changed value, the compiled
 * glossary's megabytes included; they read what they need themselves once told.
 *
 * `tabs.query` and `tabs.sendMessage` need no permission. A tab without our content script (a
 * browser page, a tab still loading, one discarded to save memory) refuses the message: it reads
 * the store when its script starts, so that is no loss and is not reported.
 */
import browser from '../shared/browser';
import { TAB_KEYS } from '../shared/store-events';
import type { Envelope } from '../shared/messages';

/** Sends one `store:changed` message to every frame of every tab; resolves when all are answered. */
async function tellTabs(keys: string[], area: string): Promise<void> {
  let tabs: { id?: number }[];
  try {
    tabs = await browser.tabs.query({});
  } catch (err) {
    console.warn('Subtext: could not list the tabs to tell them of a change', err);
    return;
  }
  const message: Envelope<'store:changed'> = { type: 'store:changed', payload: { keys, area } };
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.tabs.sendMessage(tab.id, message).catch(() => undefined),
    ),
  );
}

/** Passes every change of TAB_KEYS on to the tabs. Call at the top level of the background. */
export function watchStoreForTabs(): void {
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    const keys = TAB_KEYS.filter((k) => k in changes);
    if (keys.length) void tellTabs(keys, area);
  });
}
