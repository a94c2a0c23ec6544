/**
 * The effective glossary: what the matcher should look for once the reader's choices are applied.
 * Pure, so the content script, the popup and the tests all compute it the same way.
 */
import type { Entry, Pack } from '../core/entry';
import { linkLadders } from '../core/ladder';
import type { Settings } from './settings-model';
import { liveEntries, liveOverrides, type ReaderDoc } from './store-layout';

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Built-in entries of the enabled packs with the reader's overrides applied (hidden ones removed),
 * plus the reader's own entries, minus switched-off categories, ladders linked. When a reader's
 * entry has the id of a built-in one (a later pack may add an id the reader already used), the
 * reader's entry wins: their own words are never hidden by an update.
 */
export function buildEffectiveEntries(
  packs: readonly Pack[],
  doc: ReaderDoc,
  settings: Pick<Settings, 'disabledPacks' | 'disabledCategories'>,
): Entry[] {
  const own = liveEntries(doc);
  const ownIds = new Set(own.map((e) => e.id));
  const overrides = liveOverrides(doc);
  const offPacks = new Set(settings.disabledPacks);
  const offCategories = new Set<string>(settings.disabledCategories);
  const builtins: Entry[] = [];
  for (const pack of packs) {
    if (offPacks.has(pack.id)) continue;
    for (const entry of pack.entries) {
      if (ownIds.has(entry.id)) continue;
      const o = overrides.get(entry.id);
      if (o?.hidden) continue;
      builtins.push(
        o
          ? { ...entry, ...definedOnly({ meaning: o.meaning, explanation: o.explanation }) }
          : entry,
      );
    }
  }
  return linkLadders([...builtins, ...own].filter((e) => !offCategories.has(e.category)));
}
