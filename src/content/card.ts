/**
 * The card's host: a `<div data-subtext="card">` with a closed shadow root, so page CSS and
 * scripts cannot reach inside. A built-in element, not a custom one: a page can define
 * `subtext-card` before we run and have its own constructor take over the host
 * (src/content/own-nodes.ts). It is attached to `document.documentElement` only while a card is
 * open, never to `<body>`: the page's body HTML is the same with a card open or closed (the
 * end-to-end check compares `document.body.innerHTML`). The exception is a phrase inside an open
 * modal dialog, popover or fullscreen element: the host then goes inside that element, since the
 * browser draws it above everything else and makes the rest of a page with a modal dialog inert.
 * It stays inside the viewport, closes on Esc or a click outside, and announces its text through a
 * live region (underlines are invisible to screen readers).
 */
import { cardAnnouncement, renderCard, type CardModel } from './card-view';
import { CARD_CSS } from './card-style';
import { claimNode } from './own-nodes';
import type { Teardown } from './teardown';

export interface CardHost {
  readonly isOpen: boolean;
  readonly model: CardModel | null;
  /**
   * Opens (or replaces) the card next to `anchor`; `focus` moves keyboard focus into it. `near`,
   * the phrase's node, puts the card inside the open modal dialog, popover or fullscreen element
   * that holds the phrase: anywhere else it would be under that element (the browser's top layer)
   * and, for a modal dialog, out of the reader's reach. `follow`, when given, says where the
   * phrase is now (an empty rect once hidden, null where nothing can tell): the card follows it
   * when the page scrolls, and closes once it is off screen or hidden (looked at on scroll, and
   * every WATCH_MS while open).
   */
  open(
    model: CardModel,
    anchor: DOMRect,
    focus: boolean,
    near?: Node | null,
    follow?: () => DOMRect | null,
  ): void;
  close(): void;
  /** True when an event happened inside the card. */
  isInside(event: Event): boolean;
}

export interface CardCallbacks {
  onDismiss(model: CardModel): void;
  onClose?(): void;
}

const GAP = 6;
const MARGIN = 8;
/**
 * A phrase off screen closes a card opened by the next-phrase command (with focus) only this long
 * after it opened (ms): the command scrolls to the phrase, smoothly on pages that ask for it, and
 * the card opens first. A card opened by hover or click closes at once.
 */
const SETTLE_MS = 1_000;

/**
 * How often an open card looks whether its phrase is still shown, in ms: one style and layout
 * read of one phrase, only while a card is open.
 */
const WATCH_MS = 300;

function hostStyle(host: HTMLElement): void {
  const set = (p: string, v: string) => host.style.setProperty(p, v, 'important');
  set('all', 'initial');
  set('position', 'fixed');
  set('top', '0');
  set('left', '0');
  set('width', '0');
  set('height', '0');
  set('z-index', '2147483647');
  set('display', 'block');
}

/**
 * A constructed sheet, because a strict page CSP can refuse a `<style>` element even in our own
 * shadow root; the element is the fallback where constructed sheets are missing.
 */
function adoptCardStyle(doc: Document, shadow: ShadowRoot): void {
  try {
    const sheet = new (doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet)();
    sheet.replaceSync(CARD_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    shadow.append(style);
  }
}

/** Where the card goes: below the phrase, or above when there is no room, inside the viewport. */
export function placeCard(
  anchor: { top: number; bottom: number; left: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { top: number; left: number } {
  let top = anchor.bottom + GAP;
  if (top + size.height > viewport.height - MARGIN && anchor.top - GAP - size.height >= MARGIN)
    top = anchor.top - GAP - size.height;
  top = Math.max(MARGIN, Math.min(top, viewport.height - size.height - MARGIN));
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - size.width - MARGIN));
  return { top, left };
}

/** Elements the browser puts in its top layer, above any z-index. */
const TOP_LAYER = ['dialog:modal', ':popover-open', ':fullscreen'];

/**
 * The innermost top-layer element holding `node`, if any (selectors a browser lacks are skipped),
 * across shadow boundaries: a phrase in a component inside a modal dialog belongs in the dialog.
 * When that element is the host of the shadow root the phrase is in (a component shown
 * fullscreen or as a popover), the card goes into that root: a child of the host's light DOM is
 * not drawn unless the component slots it.
 */
function topLayerOf(node: Node | null | undefined): Element | ShadowRoot | null {
  let el = node?.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
  let from: ShadowRoot | null = null;
  while (el) {
    let found: Element | null = null;
    for (const selector of TOP_LAYER) {
      let hit: Element | null = null;
      try {
        hit = el.closest(selector);
      } catch {
        continue;
      }
      if (hit && (!found || found.contains(hit))) found = hit;
    }
    if (found) return from && found === from.host ? from : found;
    const root = el.getRootNode();
    from = root.nodeType === 11 ? (root as ShadowRoot) : null;
    el = from ? from.host : null;
  }
  return null;
}

/** Where the card lands for `top: 0; left: 0`, and how many viewport pixels one of ours is. */
interface Calibration {
  top: number;
  left: number;
  sx: number;
  sy: number;
}

function putCard(card: HTMLElement, top: number, left: number): DOMRect {
  card.style.top = `${top}px`;
  card.style.left = `${left}px`;
  return card.getBoundingClientRect();
}

/**
 * The host is `position: fixed` at 0,0, which is the viewport's corner unless the page gave an
 * ancestor a transform, filter or `will-change` (fixed is then relative to that box) or a CSS
 * `zoom` (our pixels are then scaled): the card is measured at two points to know both.
 */
function calibrate(card: HTMLElement): Calibration {
  const a = putCard(card, 0, 0);
  const b = putCard(card, 100, 100);
  return { top: a.top, left: a.left, sx: (b.left - a.left) / 100 || 1, sy: (b.top - a.top) / 100 || 1 }; // prettier-ignore
}

/** The host element, its closed shadow root (styled) and the live region inside it. */
function buildHost(doc: Document): { host: HTMLElement; shadow: ShadowRoot; live: HTMLElement } {
  const host = claimNode(doc.createElement('div'));
  host.setAttribute('data-subtext', 'card');
  hostStyle(host);
  const shadow = host.attachShadow({ mode: 'closed' });
  adoptCardStyle(doc, shadow);
  const live = doc.createElement('div');
  live.className = 'live';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  shadow.append(live);
  return { host, shadow, live };
}

/**
 * Creates the card, owned by `teardown` (which removes it if open). Its host is built when a card
 * first opens: most pages never open one, and parsing the card's style sheet on every page a
 * reader visits cost 1–2 ms of cold code each.
 */
export function createCard(doc: Document, teardown: Teardown, cb: CardCallbacks): CardHost {
  let built: ReturnType<typeof buildHost> | null = null;
  const parts = (): ReturnType<typeof buildHost> => {
    if (built) return built;
    built = buildHost(doc);
    built.shadow.addEventListener('click', onClick);
    return built;
  };

  let current: CardModel | null = null;
  let card: HTMLElement | null = null;
  let openScope: Teardown | null = null;
  let returnFocus: HTMLElement | null = null;
  /** The host's own zoom, undoing a page's (see calibrate). */
  let zoom = 1;
  /** The open card's calibration (see calibrate) and when it opened. */
  let cal: Calibration = { top: 0, left: 0, sx: 1, sy: 1 };
  let openedAt = 0;

  /** Puts the open card next to `anchor`, inside the viewport. */
  const place = (anchor: DOMRect): void => {
    if (!card) return;
    const view = doc.defaultView;
    const size = card.getBoundingClientRect();
    const at = placeCard(anchor, size, {
      width: view?.innerWidth ?? 1024,
      height: view?.innerHeight ?? 768,
    });
    putCard(card, (at.top - cal.top) / cal.sy, (at.left - cal.left) / cal.sx);
  };

  const close = (): void => {
    if (!current) return;
    openScope?.dispose();
    openScope = null;
    const { host, live } = parts();
    const hadFocus = doc.activeElement === host;
    card?.remove();
    card = null;
    current = null;
    live.textContent = '';
    host.remove();
    if (hadFocus && returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
    cb.onClose?.();
  };
  teardown.add(close);

  const onClick = (event: Event): void => {
    const action = (event.target as Element | null)?.closest?.('[data-action]');
    const what = action?.getAttribute('data-action');
    if (what === 'close') close();
    if (what === 'dismiss' && current) {
      const model = current;
      close();
      cb.onDismiss(model);
    }
  };

  const api: CardHost = {
    get isOpen() {
      return current !== null;
    },
    get model() {
      return current;
    },
    isInside: (event) => built !== null && event.composedPath().includes(built.host),
    close,
    open(model, anchor, focus, near, follow) {
      if (teardown.isDisposed) return;
      const { host, shadow, live } = parts();
      if (!current) {
        const active = doc.activeElement;
        returnFocus = active instanceof HTMLElement && active !== host ? active : null;
      }
      card?.remove();
      card = renderCard(doc, model);
      current = model;
      card.style.visibility = 'hidden';
      shadow.append(card);
      const parent = topLayerOf(near) ?? doc.documentElement;
      if (host.parentNode !== parent) parent.append(host);
      cal = calibrate(card);
      if (Math.abs(cal.sx - 1) > 0.02 && cal.sx > 0) {
        // The page zoomed or scaled us: zoom back, so the card keeps its size and fits.
        zoom /= cal.sx;
        host.style.setProperty('zoom', String(zoom), 'important');
        cal = calibrate(card);
      }
      place(anchor);
      openedAt = performance.now();
      card.style.visibility = '';
      if (focus) card.focus({ preventScroll: true });
      // A live region announces changes, not its first content: fill it a moment after attaching.
      const text = cardAnnouncement(model);
      live.textContent = '';
      openScope?.dispose();
      openScope = teardown.child();
      openScope.timeout(() => (live.textContent = text), 50);
      openScope.listen(doc, 'keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Escape') close();
      }, { capture: true }); // prettier-ignore
      openScope.listen(doc, 'pointerdown', (e) => {
        if (!api.isInside(e)) close();
      }, { capture: true, passive: true }); // prettier-ignore
      // Focus that leaves the card for something else on the page closes it, as a click outside
      // does (a page that stops pointer, click and key events before they reach us still lets
      // focus move). Not when the window itself loses focus: the card is still there on return.
      openScope.listen(host, 'focusout', (e) => {
        const to = (e as FocusEvent).relatedTarget as Node | null;
        if (to && host.contains(to)) return;
        openScope?.timeout(() => {
          if (doc.hasFocus() && doc.activeElement !== host) close();
        }, 0);
      });
      const view = doc.defaultView;
      if (!view) return;
      // A printed page is the article: the card is no part of it.
      openScope.listen(view, 'beforeprint', close);
      if (!follow) return;
      // Follows the phrase, and closes when it has left the screen or the page hid it.
      const track = (): void => {
        const at = current && follow();
        if (!at) return;
        const off = at.bottom < 0 || at.top > view.innerHeight || at.right < 0 || at.left > view.innerWidth; // prettier-ignore
        const hidden = at.width === 0 && at.height === 0;
        // A phrase in a hover menu hides once the pointer moves onto the card (or focus moves
        // into it): the reader is reading the card, which stays until they leave it.
        if (hidden && !off && (host.matches(':hover') || doc.activeElement === host)) return;
        const gone = off || hidden;
        if (gone && (!focus || performance.now() - openedAt > SETTLE_MS)) close();
        else if (!gone) place(at);
      };
      // The page scrolled (the window or any scroller: scroll does not bubble, capture sees it):
      // once a frame.
      let frame = false;
      openScope.listen(doc, 'scroll', () => {
        if (frame) return;
        frame = true;
        view.requestAnimationFrame(() => {
          frame = false;
          track();
        });
      }, { capture: true, passive: true }); // prettier-ignore
      // The page hid or moved the phrase without a scroll (a carousel moving on, a tab switched,
      // a class or style changed: nothing the observer reports): looked at every WATCH_MS.
      const scope = openScope;
      const watch = (): void => {
        track();
        if (current && !scope.isDisposed) scope.timeout(watch, WATCH_MS);
      };
      scope.timeout(watch, WATCH_MS);
    },
  };
  return api;
}
