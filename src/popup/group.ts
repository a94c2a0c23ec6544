/**
 * What the popup says about a page: the page's matches grouped by entry (with counts and
 * meanings), and a one-line reading of the page (the strongest signal, counts per category).
 * Pure: no DOM, no browser; the renderer and the tests share it.
 */
import type { Entry, Intensity } from '../core/entry';
import type { PageMatch } from '../shared/messages';

export interface PhraseGroup {
  entryId: string;
  /** The wording found on the page most often (first found on a tie), as the page wrote it. */
  text: string;
  /** Plain meaning, or null when the entry has left the glossary since the page was scanned. */
  meaning: string | null;
  category: string | null;
  intensity: Intensity;
  count: number;
  /** Page-wide match indices of this entry, in document order, for "go to the next one". */
  indices: number[];
}

export interface PageReading {
  strongest: PhraseGroup | null;
  /** Categories by number of matches, most first. */
  byCategory: { category: string; count: number }[];
  total: number;
}

/** Matches of an entry that has left the glossary still count, with the lowest intensity. */
const UNKNOWN_INTENSITY: Intensity = 1;

/**
 * Groups a page's matches by entry. Stronger entries come first, then the more frequent, then
 * the one found earlier on the page.
 */
export function groupMatches(
  matches: readonly PageMatch[],
  entries: ReadonlyMap<string, Entry>,
): PhraseGroup[] {
  const byEntry = new Map<string, { indices: number[]; texts: Map<string, number> }>();
  for (const m of [...matches].sort((a, b) => a.index - b.index)) {
    let slot = byEntry.get(m.entryId);
    if (!slot) byEntry.set(m.entryId, (slot = { indices: [], texts: new Map() }));
    slot.indices.push(m.index);
    const text = m.text.replace(/\s+/g, ' ').trim();
    slot.texts.set(text, (slot.texts.get(text) ?? 0) + 1);
  }
  const groups: PhraseGroup[] = [];
  for (const [entryId, slot] of byEntry) {
    const entry = entries.get(entryId);
    let text = '';
    let best = 0;
    for (const [candidate, n] of slot.texts) if (n > best) [text, best] = [candidate, n];
    groups.push({
      entryId,
      text: text || entryId,
      meaning: entry?.meaning ?? null,
      category: entry?.category ?? null,
      intensity: entry?.intensity ?? UNKNOWN_INTENSITY,
      count: slot.indices.length,
      indices: slot.indices,
    });
  }
  return groups.sort(
    (a, b) =>
      b.intensity - a.intensity || b.count - a.count || (a.indices[0] ?? 0) - (b.indices[0] ?? 0),
  );
}

/** The reading of a page from its groups (as sorted by `groupMatches`). */
export function readPage(groups: readonly PhraseGroup[]): PageReading {
  const counts = new Map<string, number>();
  let total = 0;
  for (const g of groups) {
    total += g.count;
    if (g.category) counts.set(g.category, (counts.get(g.category) ?? 0) + g.count);
  }
  const byCategory = [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  return { strongest: groups.find((g) => g.meaning !== null) ?? null, byCategory, total };
}

/**
 * The match to go to when the reader clicks a group: the one after `current` in this group,
 * wrapping round to the first; the first one when nothing of this group was shown yet.
 */
export function nextIndex(group: PhraseGroup, current: number | undefined): number | undefined {
  if (current === undefined) return group.indices[0];
  return group.indices.find((i) => i > current) ?? group.indices[0];
}
