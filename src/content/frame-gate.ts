/**
 * Frames without text wait for some before Subtext loads its glossary there. The content script
 * runs in every frame of a page, and most frames of a news page hold no prose: ad slots, trackers,
 * video players, sign-in widgets. Restoring the glossary costs each 15–30 ms of main-thread time
 * and the memory of the trie; a frame with nothing to read pays only for this check, and is
 * decoded as soon as text appears in it (an ad frame that fills in later, a comment widget).
 */
import { isInSkipped } from './text-index';

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
export function whenText(doc: Document): { ready: Promise<void>; cancel(): void } {
  if (hasText(doc)) return { ready: Promise.resolve(), cancel: () => undefined };
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
