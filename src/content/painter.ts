/**
 * Underlines ranges. The CSS Custom Highlight API paints without adding, splitting or changing a
 * single node of the page: five named highlights, one per intensity. Only where that API is
 * missing does the `<subtext-mark>` fallback (mark-painter.ts) wrap text, reversibly.
 */
import type { Intensity } from '../core/entry';
import type { Teardown } from './teardown';
import { highlightName, INTENSITIES } from '../shared/underline-style';

export interface Painter {
  readonly kind: 'highlight' | 'mark';
  add(range: AbstractRange, intensity: Intensity): void;
  remove(range: AbstractRange, intensity: Intensity): void;
  /** A live Range over what `range` painted, for geometry (scrolling to it, placing the card). */
  liveRange(range: AbstractRange): Range;
  /** Puts back highlights the page removed from the shared registry. */
  heal(): void;
}

/** A live Range with the same boundary points (StaticRange has no geometry). */
export function toLiveRange(range: AbstractRange): Range {
  if (range instanceof Range) return range;
  const doc = range.startContainer.ownerDocument ?? document;
  const live = doc.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/** True when this document can paint with the Custom Highlight API. */
export function hasHighlightApi(doc: Document): boolean {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  return Boolean(view?.CSS?.highlights && typeof view.Highlight === 'function');
}

/**
 * The Highlight API painter. The registry is per document and shared with the page's scripts,
 * which can see and delete our entries: `heal` re-registers them. Teardown unregisters all five.
 */
export function createHighlightPainter(doc: Document, teardown: Teardown): Painter {
  const view = doc.defaultView as Window & typeof globalThis;
  const registry = view.CSS.highlights;
  const highlights = new Map<Intensity, Highlight>();
  for (const i of INTENSITIES) {
    const h = new view.Highlight();
    highlights.set(i, h);
    registry.set(highlightName(i), h);
  }
  teardown.add(() => {
    for (const [i, h] of highlights) {
      if (registry.get(highlightName(i)) === h) registry.delete(highlightName(i));
      h.clear();
    }
  });
  return {
    kind: 'highlight',
    add: (range, i) => void highlights.get(i)?.add(range),
    remove: (range, i) => void highlights.get(i)?.delete(range),
    liveRange: toLiveRange,
    heal() {
      if (teardown.isDisposed) return;
      for (const [i, h] of highlights)
        if (registry.get(highlightName(i)) !== h) registry.set(highlightName(i), h);
    },
  };
}
