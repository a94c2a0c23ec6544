/**
 * Whether a decoded phrase is on screen. The walk never asks for styles (it forces a style
 * recalculation on every node), so text hidden by a style sheet (`display:none`,
 * `visibility:hidden`) is indexed and matched like any other; only the elements that hold a match
 * (few) are checked, once each per pass, before anything is painted or counted.
 */

type CheckableElement = Element & {
  checkVisibility?: (o?: { visibilityProperty?: boolean }) => boolean;
};

/** Answers "can the reader see text in this node?", caching the answer per element. */
export class VisibilityCheck {
  private readonly known = new Map<Element, boolean>();

  /** False when `node`'s element (or an ancestor) is not rendered or is `visibility:hidden`. */
  of(node: Node): boolean {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return true;
    let seen = this.known.get(el);
    if (seen === undefined) {
      seen = isVisible(el as CheckableElement);
      this.known.set(el, seen);
    }
    return seen;
  }
}

function isVisible(el: CheckableElement): boolean {
  // jsdom and older browsers have no checkVisibility and no layout: treat text as visible there.
  if (typeof el.checkVisibility !== 'function') return true;
  if (!el.checkVisibility()) return false;
  const view = el.ownerDocument.defaultView;
  // visibilityProperty is recent; computed `visibility` inherits, so one lookup covers ancestors.
  return view ? view.getComputedStyle(el).visibility !== 'hidden' : true;
}
