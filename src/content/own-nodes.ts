/**
 * Subtext's own elements in the page, so that the mutation queue never treats them as page changes.
 *
 * The card's host is a plain `<div>`, recognised by identity: a custom element name such as
 * `subtext-card` can be defined by the page before the content script runs, and the page's
 * constructor would then run on our host (attaching its own shadow root, which blocks ours, or
 * throwing into the page through our call). Built-in elements cannot be claimed that way. The
 * `subtext-mark` fallback (only where the Highlight API is missing) keeps its name.
 */
const own = new WeakSet<Node>();

/** Records `node` as Subtext's own and returns it. */
export function claimNode<T extends Node>(node: T): T {
  own.add(node);
  return node;
}

/** True for Subtext's own elements: claimed ones, and the `subtext-*` fallback marks. */
export function isOwnNode(n: Node): boolean {
  return own.has(n) || (n.nodeType === 1 && (n as Element).localName.startsWith('subtext-'));
}
