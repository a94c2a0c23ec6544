/**
 * Phrases hidden when their block was matched (a closed `<details>`, a "Read more" box, a dialog
 * or popover not yet open, text a stylesheet hides) are not painted or counted. Their blocks are
 * watched here, and when one is rendered or resized (a ResizeObserver) with one of its hidden
 * phrases now visible, the caller re-matches it, so the reader sees the phrase once it is shown.
 * The observer is the browser's: a block that stays hidden costs nothing after it is watched.
 *
 * Not seen: text shown by `visibility` alone (its box never changes size). A page that hides and
 * shows thousands of elements is bounded by {@link MAX_WATCHED}.
 */
import type { Teardown } from './teardown';

/** Elements watched at once, at most: beyond that, hidden phrases stay as they were found. */
export const MAX_WATCHED = 2_000;

export class RevealWatch {
  /** Watched box → the elements of its hidden phrases. */
  private readonly watched = new Map<Element, Set<Element>>();
  /** Made on the first hidden phrase: most pages have none and never pay for an observer. */
  private observer: ResizeObserver | null = null;
  private readonly make: (() => ResizeObserver) | null;

  constructor(
    view: (Window & typeof globalThis) | null,
    teardown: Teardown,
    /** Whether the reader can see `el` now (src/content/visibility.ts). */
    isVisible: (el: Element) => boolean,
    /** Called with the watched boxes one of whose phrases was just shown (no longer watched). */
    onShown: (boxes: Element[]) => void,
  ) {
    const RO = view?.ResizeObserver;
    this.make =
      typeof RO === 'function'
        ? () =>
            new RO((entries) => {
              const shown: Element[] = [];
              for (const e of entries) {
                const box = e.contentRect;
                const phrases = this.watched.get(e.target);
                // Still hidden (a box but `visibility: hidden`, or the phrase's own element still
                // hidden in a shown block): stay watched. The observer reports a size only when
                // it changes, so this cannot come round again by itself.
                if (!phrases || (box.width <= 0 && box.height <= 0)) continue;
                if (![...phrases].some((el) => el.isConnected && isVisible(el))) continue;
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

  /**
   * Watches the hidden phrase element `el` through `container` (its block, or the host of its
   * shadow root): an inline element gets no box of its own to report, its block does. No-op
   * without ResizeObserver, or past the bound once elements that left the page are dropped.
   */
  watch(el: Element, container?: Node): void {
    if (!this.make) return;
    this.observer ??= this.make();
    const box =
      container?.nodeType === 1
        ? (container as Element)
        : container?.nodeType === 11
          ? (container as ShadowRoot).host
          : el;
    const phrases = this.watched.get(box);
    if (phrases) return void phrases.add(el);
    if (this.watched.size >= MAX_WATCHED) this.prune();
    if (this.watched.size >= MAX_WATCHED) return;
    this.watched.set(box, new Set([el]));
    this.observer.observe(box);
  }

  /** Stops watching everything (a new full scan watches afresh). */
  clear(): void {
    for (const box of this.watched.keys()) this.observer?.unobserve(box);
    this.watched.clear();
  }

  /** Drops boxes that left the page (a page that replaces its content keeps the list short). */
  private prune(): void {
    for (const box of [...this.watched.keys()]) if (!box.isConnected) this.forget(box);
  }

  private forget(box: Element): void {
    this.watched.delete(box);
    this.observer?.unobserve(box);
  }
}
