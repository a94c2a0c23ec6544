/**
 * What the effective glossary is made from, and when it changes: all a content script needs to
 * know of the glossary store to restore the background's compiled glossary (it never reads the
 * reader's document or the built-in packs itself; src/shared/glossary-store.ts does that for the
 * background and the extension pages).
 */
import browser from './browser';
import type { Settings } from './settings';
import { fromStorage, type StoreEvents } from './store-events';
import { KEYS } from './store-layout';

/**
 * What the effective glossary is made from, as one string: the extension's version (its built-in
 * packs), the revision of the reader's list and overrides, and the settings that choose entries.
 * The background stores it with the compiled glossary; a content script that computes the same
 * string restores it when it computes the same string (src/content/active-glossary.ts).
 */
export function glossarySource(
  settings: Pick<Settings, 'disabledPacks' | 'disabledCategories'>,
  revision: number,
): string {
  const sorted = (a: readonly string[]) => [...a].sort().join(',');
  const version = browser.runtime.getManifest().version;
  return `${version}|${revision}|${sorted(settings.disabledPacks)}|${sorted(settings.disabledCategories)}`;
}

/**
 * Calls `cb` whenever the reader's list or overrides change (any tab, any context), heard through
 * `events` (content scripts pass `fromBackground`, see store-events.ts).
 */
export function onGlossaryChange(cb: () => void, events: StoreEvents = fromStorage): () => void {
  return events((keys, area) => {
    if (area === 'local' && keys.has(KEYS.revision)) cb();
  });
}
