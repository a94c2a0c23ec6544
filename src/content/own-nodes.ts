/**
 * Subtext's own elements in the page, recognised by identity (never by name, which a page can use
 * too), so that the mutation queue never treats them as page changes.
 *
 * The card's host is a plain `<div>`: a custom element name such as `subtext-card` can be defined
 * by the page before the content script runs, and the page's constructor would then run on our
 * host (attaching its own shadow root, which blocks ours, or throwing into the page through our
 * call). Built-in elements cannot be claimed that way. The `<subtext-mark>` fallback (only where
 * the Highlight API is missing) keeps its name.
 */
const own = new WeakSet<Node>();

/** Records `node` as Subtext's own and returns it. */
export function claimNode<T extends Node>(node: T): T {
  own.add(node);
  return node;
}

/** True for Subtext's own elements (the card's host, the fallback marks). */
export function isOwnNode(n: Node): boolean {
  return own.has(n);
}
