/**
 * The card's host: a `<div data-subtext="card">` with a closed shadow root, so page CSS and
 * scripts cannot reach inside. A built-in element, not a custom one: a page can define
 * `subtext-card` before we run and have its own constructor take over the host
 * (src/content/own-nodes.ts). It is attached to `document.documentElement` only while a card is
 * open, never to `<body>`: the page's body HTML is the same with a card open or closed (the
 * end-to-end check compares `document.body.innerHTML`). It stays inside the viewport, closes on
 * Esc or a click outside, and announces its text through a live region (underlines are invisible
 * to screen readers).
 */
import { cardAnnouncement, renderCard, type CardModel } from './card-view';
import { CARD_CSS } from './card-style';
import { claimNode } from './own-nodes';
import type { Teardown } from './teardown';

export interface CardHost {
  readonly isOpen: boolean;
  readonly model: CardModel | null;
  /** Opens (or replaces) the card next to `anchor`; `focus` moves keyboard focus into it. */
  open(model: CardModel, anchor: DOMRect, focus: boolean): void;
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
    open(model, anchor, focus) {
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
      if (!host.isConnected) doc.documentElement.append(host);
      const view = doc.defaultView;
      const size = card.getBoundingClientRect();
      const at = placeCard(anchor, size, {
        width: view?.innerWidth ?? 1024,
        height: view?.innerHeight ?? 768,
      });
      card.style.top = `${at.top}px`;
      card.style.left = `${at.left}px`;
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
    },
  };
  return api;
}
