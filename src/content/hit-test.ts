/**
 * Which decoded phrase is under the pointer. Highlights get no pointer events, so this asks the
 * browser. First the caret position at the point (`caretPositionFromPoint` /
 * `caretRangeFromPoint`): on a text node, the phrases of that node whose own rectangles hold the
 * point (the caret snaps to the nearest text even past a line's end, so the rectangles decide).
 * Elsewhere (a shadow host, whose content the caret does not reach), the registry's
 * `CSS.highlights.highlightsFromPoint` where present (Chrome 140+, Firefox 150+): exact, but its
 * cost grows with the number of ranges on the page, so it is not asked on every pointer move.
 */
import type { MatchRecord } from './page-model';
import { toLiveRange } from './painter';

type HitResult = Highlight | { highlight?: Highlight; ranges?: AbstractRange[] };
type Registry = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number, o?: { shadowRoots?: ShadowRoot[] }) => HitResult[];
};
type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** Looks records up by range and by text node; rebuilt when the page's phrases change. */
export class HitIndex {
  private byRange = new Map<AbstractRange, MatchRecord>();
  private byNode = new Map<Node, MatchRecord[]>();

  constructor(private readonly doc: Document) {}

  /** Replaces the indexed records. */
  reset(records: Iterable<MatchRecord>): void {
    this.byRange = new Map();
    this.byNode = new Map();
    for (const r of records) {
      this.byRange.set(r.range, r);
      const nodes = r.block.nodes;
      // Binary searches on the block's offsets: indexOf made 12 000 phrases in a block of many
      // nodes quadratic.
      const from = r.block.nodeIndex(r.start);
      const to = r.block.nodeIndex(r.end, true);
      for (let i = Math.max(0, from); i <= Math.max(from, to); i++) {
        const n = nodes[i]!;
        const list = this.byNode.get(n);
        if (list) list.push(r);
        else this.byNode.set(n, [r]);
      }
    }
  }

  /** The phrase drawn at viewport point (x, y), if any. */
  at(x: number, y: number): MatchRecord | null {
    const caret = caretAt(this.doc as CaretDoc, x, y);
    // Text under the pointer: its own phrases and their rectangles answer, without asking the
    // registry, whose answer costs more the more ranges a page has (36,000 ranges: 0.2–2 s per
    // pointer move in Chromium). Anything else (no text there, a shadow host, whose content the
    // caret does not reach) goes to the registry.
    if (caret?.node.nodeType === TEXT_NODE) return this.atCaret(caret.node, caret.offset, x, y);
    const registry = (this.doc.defaultView as (Window & typeof globalThis) | null)?.CSS
      ?.highlights as Registry | undefined;
    if (typeof registry?.highlightsFromPoint === 'function') {
      const hits = registry.highlightsFromPoint(x, y);
      for (const hit of hits) {
        const ranges = 'ranges' in hit && Array.isArray(hit.ranges) ? hit.ranges : null;
        if (!ranges) continue;
        for (const range of ranges) {
          const record = this.byRange.get(range);
          if (record) return record;
        }
      }
      // Results without ranges (an older shape) cannot name the phrase: fall through.
    }
    return caret ? this.atCaret(caret.node, caret.offset, x, y) : null;
  }

  private atCaret(node: Node, offset: number, x: number, y: number): MatchRecord | null {
    for (const r of this.byNode.get(node) ?? []) {
      const at = r.block.offsetOf(node, offset);
      if (at < r.start - 1 || at > r.end) continue;
      if (containsPoint(toLiveRange(r.range), x, y)) return r;
    }
    return null;
  }
}

const TEXT_NODE = 3;

/** The caret position at a viewport point: the node and offset the browser puts it at. */
function caretAt(doc: CaretDoc, x: number, y: number): { node: Node; offset: number } | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** True when one of the range's line boxes contains the point (2 px of slack for the underline). */
export function containsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects())
    if (x >= rect.left - 2 && x <= rect.right + 2 && y >= rect.top - 2 && y <= rect.bottom + 4)
      return true;
  return false;
}
