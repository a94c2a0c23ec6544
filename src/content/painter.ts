/**
 * Underlines ranges. The CSS Custom Highlight API paints without adding, splitting or changing a
 * single node of the page: five named highlights, one per intensity. Only where that API is
 * missing does the `<subtext-mark>` fallback (mark-painter.ts) wrap text, reversibly.
 */
import type { Intensity } from '../core/entry';
import type { Teardown } from './teardown';
import { highlightName, INTENSITIES } from '../shared/underline-style';

/** Firefox's Highlight.delete searches the whole highlight (see remove). */
const SEARCHES_ON_DELETE =
  typeof __SUBTEXT_BROWSER__ !== 'undefined' && __SUBTEXT_BROWSER__ === 'firefox';

/** A range as painted, at its intensity. */
export interface Painted {
  readonly range: AbstractRange;
  readonly intensity: Intensity;
}

export interface Painter {
  readonly kind: 'highlight' | 'mark';
  /** Underlines `range`: at once with `<subtext-mark>`, at the next `flush` with highlights. */
  add(range: AbstractRange, intensity: Intensity): void;
  /**
   * Paints what `add` queued since the last flush (see createHighlightPainter), stopping once
   * `deadline` (a performance.now() value) has passed; true when nothing is left queued.
   */
  flush(deadline?: number): boolean;
  /** Unpaints all of `items` at once (one pass over a highlight, not one search per range). */
  remove(items: readonly Painted[]): void;
  /** A live Range over what `range` painted, for geometry (scrolling to it, placing the card). */
  liveRange(range: AbstractRange): Range;
  /** Puts back highlights the page removed from the shared registry. */
  heal(): void;
}

/**
 * A live Range with the same boundary points (StaticRange has no geometry). The page may have
 * shortened a node since the static range was made (it is withdrawn before the next paint, but a
 * hit test can come first): offsets are clamped to the node, where setting them would throw.
 */
export function toLiveRange(range: AbstractRange): Range {
  if (range instanceof Range) return range;
  const doc = range.startContainer.ownerDocument ?? document;
  const live = doc.createRange();
  live.setStart(range.startContainer, clamp(range.startContainer, range.startOffset));
  live.setEnd(range.endContainer, clamp(range.endContainer, range.endOffset));
  return live;
}

function clamp(node: Node, offset: number): number {
  const length = node.nodeType === 3 ? (node as Text).data.length : node.childNodes.length;
  return Math.min(offset, length);
}

/** True when this document can paint with the Custom Highlight API. */
export function hasHighlightApi(doc: Document): boolean {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  return Boolean(view?.CSS?.highlights && typeof view.Highlight === 'function');
}

/**
 * The Highlight API painter. The registry is per document and shared with the page's scripts,
 * which can see and delete our entries: `heal` re-registers them. Teardown unregisters all five.
 *
 * Added ranges wait for `flush`, which the scan calls a few times a pass, not after every slice:
 * Chromium re-validates every range of every highlight in the next frame whenever one changes,
 * so painting 12,000 phrases in the slices they were found in cost 82 frames of up to 245 ms of
 * rendering (1.6 s in all, fixture hostile/phrase-dense.html); in a few batches, 0.5 s.
 */
export function createHighlightPainter(doc: Document, teardown: Teardown): Painter {
  const view = doc.defaultView as Window & typeof globalThis;
  const registry = view.CSS.highlights;
  const highlights = new Map<Intensity, Highlight>();
  /** What we put in each highlight (see remove). */
  const ours = new Map<Intensity, Set<AbstractRange>>();
  /** Ours, added since the last flush: not in the highlight yet. */
  const queued = new Map<Intensity, Set<AbstractRange>>();
  for (const i of INTENSITIES) {
    ours.set(i, new Set());
    queued.set(i, new Set());
    const h = new view.Highlight();
    highlights.set(i, h);
    registry.set(highlightName(i), h);
  }
  teardown.add(() => {
    for (const [i, h] of highlights) {
      if (registry.get(highlightName(i)) === h) registry.delete(highlightName(i));
      h.clear();
      ours.get(i)?.clear();
      queued.get(i)?.clear();
    }
  });
  return {
    kind: 'highlight',
    add(range, i) {
      ours.get(i)?.add(range);
      queued.get(i)?.add(range);
    },
    flush(deadline = Infinity) {
      let count = 0;
      for (const [i, q] of queued) {
        const h = highlights.get(i);
        if (!h) continue;
        // A batch of tens of thousands goes on over several slices: the clock is read every 64.
        for (const r of q) {
          if ((++count & 63) === 0 && performance.now() > deadline) return false;
          h.add(r);
          q.delete(r);
        }
      }
      return true;
    },
    remove(items) {
      const byIntensity = new Map<Intensity, AbstractRange[]>();
      for (const { range, intensity } of items) {
        const list = byIntensity.get(intensity);
        if (list) list.push(range);
        else byIntensity.set(intensity, [range]);
      }
      for (const [i, all] of byIntensity) {
        let ranges = all;
        const h = highlights.get(i);
        const mine = ours.get(i);
        const q = queued.get(i);
        if (!h || !mine || !q) continue;
        for (const r of ranges) mine.delete(r);
        // A range still queued was never in the highlight.
        if (q.size) ranges = ranges.filter((r) => !q.delete(r));
        if (!ranges.length) continue;
        // Firefox searches the highlight on every delete: 3,000 deletes from 3,000 ranges took
        // 91 ms there (2 ms in Chromium), 1,600 from 28,000 took 2.3 s. Many at once: refill it
        // from our own set (5 ms at 3,000, 110 ms at 30,000 in Firefox). Our set, not the
        // highlight's iterator: in Firefox's content scripts that hands back other wrappers of
        // the same ranges, which a Set does not recognise. Chromium deletes in constant time, so
        // there only a large share of the highlight is worth a refill.
        if (ranges.length < 32 || (!SEARCHES_ON_DELETE && ranges.length * 8 < h.size)) {
          for (const r of ranges) h.delete(r);
          continue;
        }
        h.clear();
        for (const r of mine) h.add(r);
        q.clear();
      }
    },
    liveRange: toLiveRange,
    heal() {
      if (teardown.isDisposed) return;
      for (const [i, h] of highlights)
        if (registry.get(highlightName(i)) !== h) registry.set(highlightName(i), h);
    },
  };
}
