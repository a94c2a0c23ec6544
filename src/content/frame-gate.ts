/**
 * Frames wait until there is something to read before Subtext loads its glossary there. The
 * content script runs in every frame of a page, and most frames of a news page hold no prose (ad
 * slots, trackers, video players, sign-in widgets), or hold it far below the fold or never on
 * screen (embedded posts down a live blog, hidden widgets). Restoring the glossary costs each frame
 * 15–30 ms of main-thread time and the memory of the trie; a frame pays only for these checks
 * until it has text and is on screen, and is decoded as soon as both hold (an ad frame that fills
 * in later, an embed the reader scrolls to).
 */
import { isInSkipped } from './text-index';

/** A wait that can be called off: once cancelled, `ready` never resolves. */
export interface Gate {
  ready: Promise<void>;
  cancel(): void;
}

/** A gate that is already open. */
const OPEN: Gate = { ready: Promise.resolve(), cancel: () => undefined };

const SHOW_ELEMENT = 1;
const SHOW_TEXT = 4;
const TEXT_NODE = 3;

/**
 * True when `doc` holds text the index would read (not only scripts, styles, skipped subtrees),
 * or an open shadow root, which is counted as text rather than searched.
 */
export function hasText(doc: Document): boolean {
  const root = doc.body ?? doc.documentElement;
  if (!root) return false;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType !== TEXT_NODE) {
      if ((n as Element).shadowRoot) return true;
    } else if (/\S/.test((n as Text).data) && !isInSkipped(n.parentNode!)) return true;
  }
  return false;
}

/** How often a frame without text looks again while the page changes it (ms). */
const CHECK_EVERY_MS = 500;

/**
 * Resolves once `doc` has text (at once when it has); checks again at most every
 * CHECK_EVERY_MS while the page changes it. `cancel` stops watching; the promise then never
 * resolves.
 */
export function whenText(doc: Document): Gate {
  if (hasText(doc)) return OPEN;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let observer: MutationObserver | null = null;
  const cancel = (): void => {
    observer?.disconnect();
    observer = null;
    clearTimeout(timer);
  };
  const ready = new Promise<void>((resolve) => {
    observer = new MutationObserver(() => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (!observer || !hasText(doc)) return;
        cancel();
        resolve();
      }, CHECK_EVERY_MS);
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
  });
  return { ready, cancel };
}

type Observer = { observe(target: Element): void; disconnect(): void };
type ObserverCtor = new (cb: (entries: readonly { isIntersecting: boolean }[]) => void) => Observer;

/**
 * Resolves once `doc` (a frame's document) is on screen: its root element or its body intersects
 * the top-level viewport (an IntersectionObserver with the implicit root, which works across
 * origins; the body too, because a root whose content is all positioned has no height and shows
 * only its top edge). A tree the page replaces (`document.open()`) is observed anew. A frame that
 * is never shown (`display: none`, a hidden tab's frames until the tab is shown) never resolves;
 * without IntersectionObserver it resolves at once. `cancel` stops watching.
 */
export function whenShown(doc: Document): Gate {
  const Ctor = (doc.defaultView as unknown as { IntersectionObserver?: ObserverCtor } | null)
    ?.IntersectionObserver;
  const html = doc.documentElement;
  if (typeof Ctor !== 'function' || !html) return OPEN;
  let done = false;
  let shown = (): void => undefined;
  const io = new Ctor((entries) => {
    if (done || !entries.some((e) => e.isIntersecting)) return;
    cancel();
    shown();
  });
  const watched = new Set<Element>();
  const watch = (): void => {
    for (const el of [doc.documentElement, doc.body])
      if (el && !watched.has(el)) {
        watched.add(el);
        io.observe(el);
      }
  };
  const swaps = new MutationObserver(watch);
  const cancel = (): void => {
    done = true;
    io.disconnect();
    swaps.disconnect();
  };
  const ready = new Promise<void>((resolve) => (shown = resolve));
  watch();
  swaps.observe(doc, { childList: true });
  swaps.observe(html, { childList: true });
  return { ready, cancel };
}

/** Resolves once a frame has text (whenText) and is on screen (whenShown); `cancel` stops both. */
export function whenReadable(doc: Document): Gate {
  let cancelled = false;
  let current = whenText(doc);
  const ready = current.ready.then(() => {
    if (cancelled) return new Promise<void>(() => undefined);
    current = whenShown(doc);
    return current.ready;
  });
  return {
    ready,
    cancel: () => {
      cancelled = true;
      current.cancel();
    },
  };
}
