/**
 * Phrases hidden when their block was matched (a closed `<details>`, a "Read more" box, a dialog
 * or popover not yet open, text a stylesheet hides) are not painted or counted. Their elements are
 * watched here, and when one is rendered (a ResizeObserver sees it get a box) the caller re-matches
 * its block, so the reader sees the phrase decoded once it is shown. The observer is the browser's:
 * an element that stays hidden costs nothing after it is watched.
 *
 * Not seen: text shown by `visibility` alone (its box never changes size). A page that hides and
 * shows thousands of elements is bounded by {@link MAX_WATCHED}.
 */
import type { Teardown } from './teardown';

/** Elements watched at once, at most: beyond that, hidden phrases stay as they were found. */
export const MAX_WATCHED = 2_000;

export class RevealWatch {
  private readonly watched = new Set<Element>();
  private readonly observer: ResizeObserver | null;

  constructor(
    view: (Window & typeof globalThis) | null,
    teardown: Teardown,
    /** Whether the reader can see `el` now (src/content/visibility.ts). */
    isVisible: (el: Element) => boolean,
    /** Called with the elements that were just rendered (no longer watched). */
    onShown: (elements: Element[]) => void,
  ) {
    const RO = view?.ResizeObserver;
    this.observer =
      typeof RO === 'function'
        ? new RO((entries) => {
            const shown: Element[] = [];
            for (const e of entries) {
              const box = e.contentRect;
              // Still hidden (a box but `visibility: hidden`, say): stay watched. The observer
              // reports a size only when it changes, so this cannot come round again by itself.
              if ((box.width <= 0 && box.height <= 0) || !isVisible(e.target)) continue;
              this.forget(e.target);
              shown.push(e.target);
            }
            if (shown.length && !teardown.isDisposed) onShown(shown);
          })
        : null;
    teardown.add(() => this.clear());
  }

  get size(): number {
    return this.watched.size;
  }

  /** Watches `el` until it is rendered (no-op without ResizeObserver or past the bound). */
  watch(el: Element): void {
    if (!this.observer || this.watched.has(el) || this.watched.size >= MAX_WATCHED) return;
    this.watched.add(el);
    this.observer.observe(el);
  }

  /** Stops watching everything (a new full scan watches afresh). */
  clear(): void {
    for (const el of this.watched) this.observer?.unobserve(el);
    this.watched.clear();
  }

  private forget(el: Element): void {
    this.watched.delete(el);
    this.observer?.unobserve(el);
  }
}
