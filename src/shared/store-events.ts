/**
 * How a context hears that the store changed. The background and the extension's pages listen to
 * `storage.onChanged` itself (`fromStorage`). Content scripts do not: both browsers hand every
 * `storage.onChanged` listener the changed values, old and new, so one write of the compiled
 * glossary (about a megabyte built-in, several for a long list of the reader's) was copied into
 * every frame of every open tab, each paying to receive it (3–6 s for one 7 MB write with 6–12
 * tabs open, against about 1 s with none). The background tells the tabs instead which of the
 * keys they follow changed, nothing more (src/background/tab-broadcast.ts), and a content script
 * listens with `fromBackground`, fed by its `store:changed` message handler.
 */
import browser from './browser';
import { SETTINGS_KEY } from './settings-model';
import { KEYS } from './store-layout';

/** Told the changed keys and the storage area (`local`, `sync`) they changed in. */
export type StoreListener = (keys: ReadonlySet<string>, area: string) => void;

/** A source of store changes: adds a listener, returns its removal. */
export type StoreEvents = (listener: StoreListener) => () => void;

/** The keys a content script follows; the background passes changes of these on to the tabs. */
export const TAB_KEYS: readonly string[] = [SETTINGS_KEY, KEYS.revision, KEYS.diagnostics];

/** `storage.onChanged`, for the background and the extension's pages. */
export const fromStorage: StoreEvents = (listener) => {
  const onChanged = (changes: Record<string, unknown>, area: string) =>
    listener(new Set(Object.keys(changes)), area);
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
};

const tabListeners = new Set<StoreListener>();

/** The background's `store:changed` messages, for content scripts (see `deliverStoreChange`). */
export const fromBackground: StoreEvents = (listener) => {
  tabListeners.add(listener);
  return () => void tabListeners.delete(listener);
};

/**
 * The content script's `store:changed` handler: only this extension's own reports are heard (no
 * other sender can reach a content script's `runtime.onMessage`, but the check costs nothing).
 */
export function receiveStoreChange(
  payload: { keys: unknown; area: unknown },
  sender: { id?: string },
): void {
  if (sender.id === browser.runtime.id) deliverStoreChange(payload.keys, payload.area);
}

/**
 * Hands a change the background reported to the `fromBackground` listeners. Keys other than
 * TAB_KEYS are dropped, and a malformed report is refused with an error (the handler's answer).
 */
export function deliverStoreChange(keys: unknown, area: unknown): void {
  if (!Array.isArray(keys) || typeof area !== 'string')
    throw new Error('"keys" must be a list of storage keys and "area" a storage area');
  const known = new Set(keys.filter((k): k is string => TAB_KEYS.includes(k as string)));
  if (!known.size) return;
  for (const listener of [...tabListeners]) listener(known, area);
}
