/**
 * The effective glossary: what the matcher should look for once the reader's choices are applied.
 * Pure, so the content script, the popup and the tests all compute it the same way.
 */
import type { Entry, Pack } from '../core/entry';
import type { Settings } from './settings-model';
import { liveEntries, liveOverrides, type ReaderDoc } from './store-layout';

/**
 * Fills `ladder.below` / `ladder.above` from the other entries on the same scale, by step. Entries
 * are copied, never mutated (built-in packs are shared module state).
 */
export function linkLadders(entries: readonly Entry[]): Entry[] {
  const scales = new Map<string, Entry[]>();
  for (const e of entries)
    if (e.ladder) scales.set(e.ladder.scale, [...(scales.get(e.ladder.scale) ?? []), e]);
  const links = new Map<string, { below?: string; above?: string }>();
  for (const rungs of scales.values()) {
    const steps = [...new Set(rungs.map((e) => e.ladder!.step))].sort((a, b) => a - b);
    const firstAt = (step: number | undefined) =>
      step === undefined ? undefined : rungs.find((e) => e.ladder!.step === step)?.id;
    for (const e of rungs) {
      const i = steps.indexOf(e.ladder!.step);
      links.set(e.id, { below: firstAt(steps[i - 1]), above: firstAt(steps[i + 1]) });
    }
  }
  return entries.map((e) => {
    const link = links.get(e.id);
    if (!e.ladder || !link) return e;
    const ladder = { scale: e.ladder.scale, step: e.ladder.step, ...definedOnly(link) };
    return { ...e, ladder };
  });
}

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
