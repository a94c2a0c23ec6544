/**
 * Which decoded phrase is under the pointer. Highlights get no pointer events, so this asks the
 * browser. First the caret position at the point (`caretPositionFromPoint` /
 * `caretRangeFromPoint`): on a text node, the phrases of that node whose own rectangles hold the
 * point (the caret snaps to the nearest text even past a line's end, so the rectangles decide).
 * Elsewhere (no text there, a closed shadow host), the registry's
 * `CSS.highlights.highlightsFromPoint` where present (Chrome 140+, Firefox 150+): exact, but its
 * cost grows with the number of ranges on the page, so it is not asked on every pointer move.
 * Both are given the open shadow roots that hold phrases: without them they stop at the host.
 */
import type { MatchRecord } from './page-model';
import { toLiveRange } from './painter';

type HitResult = Highlight | { highlight?: Highlight; ranges?: AbstractRange[] };
type Registry = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number, o?: { shadowRoots?: ShadowRoot[] }) => HitResult[];
};
type CaretDoc = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    o?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** Looks records up by range and by text node; rebuilt when the page's phrases change. */
export class HitIndex {
  private byRange = new Map<AbstractRange, MatchRecord>();
  private byNode = new Map<Node, MatchRecord[]>();
  /**
   * The open shadow roots that hold phrases: the caret and the registry look into a shadow tree
   * only when given its root (else they stop at its host).
   */
  private options: { shadowRoots: ShadowRoot[] } | undefined;

  constructor(private readonly doc: Document) {}

  /** Replaces the indexed records. */
  reset(records: Iterable<MatchRecord>): void {
    this.byRange = new Map();
    this.byNode = new Map();
    const roots = new Set<ShadowRoot>();
    for (const r of records) {
      const root = r.block.nodes[0]?.getRootNode();
      if (root?.nodeType === 11) roots.add(root as ShadowRoot);
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
    this.options = roots.size ? { shadowRoots: [...roots] } : undefined;
  }

  /** The phrase drawn at viewport point (x, y), if any. */
  at(x: number, y: number): MatchRecord | null {
    const caret = caretAt(this.doc as CaretDoc, x, y, this.options);
    // Text under the pointer: its own phrases and their rectangles answer, without asking the
    // registry, whose answer costs more the more ranges a page has (36,000 ranges: 0.2–2 s per
    // pointer move in Chromium). Anything else (no text there, a shadow host, whose content the
    // caret does not reach) goes to the registry.
    if (caret?.node.nodeType === TEXT_NODE) return this.atCaret(caret.node, caret.offset, x, y);
    // A caret that stopped at a shadow host (a browser without the `shadowRoots` option): the
    // element under the point inside each shadow root that holds phrases, and its text's phrases.
    for (const root of this.options?.shadowRoots ?? []) {
      const el = root.elementFromPoint?.(x, y);
      if (!el || el.getRootNode() !== root) continue;
      for (let c = el.firstChild; c; c = c.nextSibling)
        for (const r of this.byNode.get(c) ?? [])
          if (containsPoint(toLiveRange(r.range), x, y)) return r;
    }
    const registry = (this.doc.defaultView as (Window & typeof globalThis) | null)?.CSS
      ?.highlights as Registry | undefined;
    if (typeof registry?.highlightsFromPoint === 'function') {
      const hits = withShadowRoots((o) => registry.highlightsFromPoint!(x, y, o), this.options);
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

/**
 * Calls `f` with the shadow-root option, or without it when the call refuses the option (an
 * older engine, or Firefox handing our objects across to the page's world).
 */
function withShadowRoots<T>(
  f: (o: { shadowRoots: ShadowRoot[] } | undefined) => T,
  options: { shadowRoots: ShadowRoot[] } | undefined,
): T {
  if (!options) return f(undefined);
  try {
    return f(options);
  } catch {
    return f(undefined);
  }
}

/** The caret position at a viewport point: the node and offset the browser puts it at. */
function caretAt(
  doc: CaretDoc,
  x: number,
  y: number,
  options: { shadowRoots: ShadowRoot[] } | undefined,
): { node: Node; offset: number } | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = withShadowRoots((o) => doc.caretPositionFromPoint!(x, y, o), options);
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
