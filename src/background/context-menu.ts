/**
 * "Add “…” to Subtext" on selected text: opens the options page with the entry form filled in
 * (`options.html#add=<selection>`). Menus persist in the browser, so they are (re)made on install
 * and start-up, never on every wake of the service worker (that would log "duplicate id" errors).
 */
import browser from '../shared/browser';

export const MENU_ID = 'subtext-add-selection';
/** A selection longer than this is not a phrase; the form gets its start. */
export const MAX_SELECTION = 200;

/** Creates the menu item; `%s` is replaced by the selection in the browser's menu. */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU_ID,
    title: browser.i18n.getMessage('contextMenuAdd', ['%s']),
    contexts: ['selection'],
  });
}

/** The options page URL that opens the entry form pre-filled with `selection`. */
export function addUrl(selection: string): string {
  const phrase = selection.replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION);
  return browser.runtime.getURL(`options.html#add=${encodeURIComponent(phrase)}`);
}

/** Listens for clicks on the menu item. Returns a stop function. */
export function watchMenus(): () => void {
  const clicked = (info: { menuItemId: string | number; selectionText?: string }) => {
    if (info.menuItemId !== MENU_ID || !info.selectionText?.trim()) return;
    void browser.tabs.create({ url: addUrl(info.selectionText) });
  };
  browser.contextMenus.onClicked.addListener(clicked);
  return () => browser.contextMenus.onClicked.removeListener(clicked);
}
