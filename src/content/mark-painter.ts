/**
 * Fallback painter for browsers without the CSS Custom Highlight API: wraps each painted piece of
 * text in a `<subtext-mark data-intensity>` element. Reversible: removing a range unwraps its
 * pieces and joins each split text node back into the node it was cut from, so the page's text
 * nodes are the same objects with the same data as before, in whatever order ranges go.
 */
import type { Intensity } from '../core/entry';
import { claimNode } from './own-nodes';
import type { Painter } from './painter';
import type { Teardown } from './teardown';

interface Piece {
  mark: HTMLElement;
  text: Text;
}

const SHOW_TEXT = 4;
const TEXT_NODE = 3;

function textNodesIn(range: Range): Text[] {
  const root = range.commonAncestorContainer;
  if (root.nodeType === TEXT_NODE) return [root as Text];
  const doc = root.ownerDocument ?? document;
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (range.intersectsNode(n) && (n as Text).data.length > 0) out.push(n as Text);
  return out;
}

/**
 * Text nodes this painter split off the page's nodes. Unwrapping merges each back into its left
 * neighbour, so whatever order ranges are removed in, the page keeps its original node objects.
 */
const created = new WeakSet<Text>();

function wrap(doc: Document, node: Text, from: number, to: number, intensity: Intensity): Piece {
  let text = node;
  if (to < text.data.length) created.add(text.splitText(to));
  if (from > 0) {
    text = text.splitText(from);
    created.add(text);
  }
  const mark = claimNode(doc.createElement('subtext-mark'));
  mark.setAttribute('data-intensity', String(intensity));
  text.parentNode!.insertBefore(mark, text);
  mark.appendChild(text);
  return { mark, text };
}

function unwrap({ mark, text }: Piece): void {
  if (mark.parentNode) mark.replaceWith(text);
  let node = text;
  for (
    let prev = node.previousSibling;
    created.has(node) && prev?.nodeType === TEXT_NODE;
    prev = node.previousSibling
  ) {
    // prettier-ignore
    (prev as Text).appendData(node.data);
    node.remove();
    node = prev as Text;
  }
  for (let next = node.nextSibling; next && created.has(next as Text); next = node.nextSibling) {
    node.appendData((next as Text).data);
    next.remove();
  }
}

/** Creates the fallback painter; teardown unwraps everything still painted. */
export function createMarkPainter(doc: Document, teardown: Teardown): Painter {
  const painted = new Map<AbstractRange, { pieces: Piece[]; live: Range }>();
  const removeOne = (range: AbstractRange): void => {
    const entry = painted.get(range);
    if (!entry) return;
    painted.delete(range);
    for (let i = entry.pieces.length - 1; i >= 0; i--) unwrap(entry.pieces[i]!);
  };
  teardown.add(() => {
    for (const range of [...painted.keys()].reverse()) removeOne(range);
  });
  return {
    kind: 'mark',
    add(range, intensity) {
      if (painted.has(range) || range.collapsed) return;
      const live = doc.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const nodes = textNodesIn(live);
      const bounds = nodes.map((n) => [
        n === live.startContainer ? live.startOffset : 0,
        n === live.endContainer ? live.endOffset : n.data.length,
      ]);
      const pieces = nodes.map((n, k) => wrap(doc, n, bounds[k]![0]!, bounds[k]![1]!, intensity));
      if (pieces.length) {
        live.setStartBefore(pieces[0]!.mark);
        live.setEndAfter(pieces[pieces.length - 1]!.mark);
      }
      painted.set(range, { pieces, live });
    },
    flush: () => true,
    remove: (items) => {
      for (const { range } of items) removeOne(range);
    },
    liveRange: (range) => painted.get(range)?.live ?? doc.createRange(),
    heal: () => undefined,
  };
}
