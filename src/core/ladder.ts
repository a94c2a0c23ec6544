/**
 * Escalation ladders: entries on the same `ladder.scale` ordered by `step` ("concerned" <
 * "deplores" < "condemns" < "condemns in the strongest terms"). `linkLadders` fills each entry's
 * `below`/`above` with its neighbours, so the tooltip can say what the milder and stronger
 * wordings would have been.
 */
import type { Entry } from './entry';

/**
 * Copies of `entries` with `ladder.below` / `ladder.above` set to the id of the nearest entry on a
 * lower / higher step of the same scale (the first in glossary order when several share a step),
 * and removed where there is none. Entries without a ladder are returned unchanged. Pure.
 */
export function linkLadders(entries: readonly Entry[]): Entry[] {
  const scales = new Map<string, Entry[]>();
  for (const entry of entries) {
    if (!entry.ladder) continue;
    const list = scales.get(entry.ladder.scale) ?? [];
    list.push(entry);
    scales.set(entry.ladder.scale, list);
  }
  return entries.map((entry) => {
    if (!entry.ladder) return entry;
    const { scale, step } = entry.ladder;
    const others = scales.get(scale)!;
    let below: Entry | undefined;
    let above: Entry | undefined;
    for (const other of others) {
      const s = other.ladder!.step;
      if (s < step && (below === undefined || s > below.ladder!.step)) below = other;
      if (s > step && (above === undefined || s < above.ladder!.step)) above = other;
    }
    const ladder = {
      scale,
      step,
      ...(below && { below: below.id }),
      ...(above && { above: above.id }),
    };
    return { ...entry, ladder };
  });
}
