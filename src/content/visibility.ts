/**
 * Whether a decoded phrase is on screen. The walk never asks for styles (it forces a style
 * recalculation on every node), so text hidden by a style sheet (`display:none`,
 * `visibility:hidden`) is indexed and matched like any other; only the elements that hold a match
 * (few) are checked, once each per pass, before anything is painted or counted.
 *
 * Hidden here: not rendered (`display:none`, `content-visibility:hidden`, a closed `<details>`),
 * `visibility` other than `visible` (`collapse` too), a zero font size, and text clipped to
 * nothing by an ancestor: the "visually hidden" pattern of screen-reader-only text (`clip:
 * rect(0 0 0 0)` on an absolutely placed box, `clip-path: inset(50%)`, unless that clip is being
 * animated, since a wipe reveals text from it). Not counted as hidden:
 * `opacity:0`, `transform: scale(0)` and `color: transparent`, which pages animate from or use
 * for gradient text (a phrase read while fading in would never be shown), and text placed off
 * screen, which only layout can tell.
 */

type CheckableElement = Element & {
  checkVisibility?: (o?: { visibilityProperty?: boolean }) => boolean;
};

/** Answers "can the reader see text in this node?", caching the answer per element. */
export class VisibilityCheck {
  private readonly known = new Map<Element, boolean>();
  /** Elements that clip their content to nothing, or not; shared by the checks of one pass. */
  private readonly clips = new Map<Element, boolean>();

  /** False when `node`'s element (or an ancestor) hides it (see the file's comment). */
  of(node: Node): boolean {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return true;
    let seen = this.known.get(el);
    if (seen === undefined) {
      seen = this.isVisible(el as CheckableElement);
      this.known.set(el, seen);
    }
    return seen;
  }

  private isVisible(el: CheckableElement): boolean {
    // jsdom and older browsers have no checkVisibility and no layout: treat text as visible there.
    if (typeof el.checkVisibility !== 'function') return true;
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const view = el.ownerDocument.defaultView;
    if (!view) return true;
    // `visibility` and `font-size` inherit, so the element's own values cover its ancestors; the
    // option above is recent, hence the check of `visibility` here too.
    const style = view.getComputedStyle(el);
    if (style.visibility !== 'visible' || parseFloat(style.fontSize) === 0) return false;
    for (let n: Element | null = el; n; n = parentOf(n)) {
      let clips = this.clips.get(n);
      if (clips === undefined) {
        // A clip being animated may be a reveal on its way (a wipe from inset(50%)): not hidden.
        clips = clipsAway(view.getComputedStyle(n)) && !animated(n);
        this.clips.set(n, clips);
      }
      if (clips) return false;
    }
    return true;
  }
}

/** Whether `el` has a running animation or transition (a reveal may be under way). */
function animated(el: Element): boolean {
  const get = (el as Element & { getAnimations?: () => unknown[] }).getAnimations;
  return typeof get === 'function' && get.call(el).length > 0;
}

/** The element's parent, or the host of its shadow root. */
function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);
}

/** Whether a box with this style clips what it holds to nothing. */
export function clipsAway(style: CSSStyleDeclaration): boolean {
  const clip = style.clip;
  if (clip && clip !== 'auto' && (style.position === 'absolute' || style.position === 'fixed')) {
    // rect(top, right, bottom, left), offsets from the box's top left corner.
    const v = /^rect\(([^)]*)\)$/
      .exec(clip)?.[1]
      ?.split(/[\s,]+/)
      .map(parseFloat);
    if (v?.length === 4 && v.every(Number.isFinite))
      if (v[1]! <= v[3]! || v[2]! <= v[0]!) return true;
  }
  const path = /^inset\(([^)]*)\)/.exec(style.clipPath ?? '')?.[1];
  if (path) {
    // inset(top [right [bottom [left]]] [round …]): percentages of the box.
    const sides = path
      .split(/\s+round\s/)[0]!
      .trim()
      .split(/\s+/);
    // A zero length is 0 %; other lengths depend on the box's size: NaN, so never "hidden".
    const pct = sides.map((s) => (s.endsWith('%') || parseFloat(s) === 0 ? parseFloat(s) : NaN));
    const [t = NaN, r = t, b = t, l = r] = pct;
    if (t + b >= 100 || l + r >= 100) return true;
  }
  return false;
}
