/**
 * Phrases hidden when their block was matched (a closed `<details>`, a "Read more" box, a dialog
 * or popover not yet open, text a stylesheet hides) are not painted or counted. Their blocks are
 * watched here, and when one is rendered or resized (a ResizeObserver) with one of its hidden
 * phrases now visible, the caller re-matches it, so the reader sees the phrase once it is shown.
 * The observer is the browser's: a block that stays hidden costs nothing after it is watched.
 *
 * Text hidden by `visibility`, or an inline element in a rendered block, has a box already, and
 * showing it may change no size: such blocks are "veiled", and a change of a `class`, `style`,
 * `hidden` or `open` attribute on the block, its hidden phrases or any of their ancestors (across
 * shadow roots) has them checked again, at most every {@link VEIL_CHECK_MS}. Only those elements
 * are observed, never a whole subtree: a page animating the inline style of thousands of other
 * elements makes no records for us. Not seen: text that only a `:hover` rule, a sibling's state
 * or a stylesheet shows without changing a size or one of those attributes. A page that hides and
 * shows thousands of elements is bounded by {@link MAX_WATCHED} and {@link MAX_VEILED}.
 */
import type { Teardown } from './teardown';

/** Elements watched at once, at most: beyond that, hidden phrases stay as they were found. */
export const MAX_WATCHED = 2_000;
/** Veiled blocks checked again on attribute changes, at most; beyond that they wait for a resize. */
export const MAX_VEILED = 200;
/** The least time between two checks of the veiled blocks, in ms (a page may churn classes). */
export const VEIL_CHECK_MS = 100;
const VEIL_ATTRIBUTES: MutationObserverInit = {
  attributes: true,
  attributeFilter: ['class', 'style', 'hidden', 'open'],
};

export class RevealWatch {
  /** Watched box → the elements of its hidden phrases. */
  private readonly watched = new Map<Element, Set<Element>>();
  /** Made on the first hidden phrase: most pages have none and never pay for an observer. */
  private observer: ResizeObserver | null = null;
  private readonly make: (() => ResizeObserver) | null;
  /** Watched boxes that are rendered while their phrases are not (`visibility: hidden`). */
  private readonly veiled = new Set<Element>();
  /** Attribute changes, watched only while some box is veiled; and the elements it observes. */
  private veilObserver: MutationObserver | null = null;
  private veilObserved = new WeakSet<Node>();
  private checkPending = false;
  private missed = false;
  private readonly shownOnce = new WeakSet<Element>();

  constructor(
    private readonly view: (Window & typeof globalThis) | null,
    private readonly teardown: Teardown,
    /** Whether the reader can see `el` now (src/content/visibility.ts). */
    private readonly isVisible: (el: Element) => boolean,
    /** Called with the watched boxes one of whose phrases was just shown (no longer watched). */
    private readonly onShown: (boxes: Element[]) => void,
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
                if (!this.anyShown(phrases)) {
                  this.veil(e.target);
                  continue;
                }
                this.markShown(e.target);
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

  /** True when some hidden phrase is not watched (no ResizeObserver, or past the bound). */
  get missesSome(): boolean {
    return this.missed;
  }

  /**
   * Watches the hidden phrase element `el` through `container` (its block, or the host of its
   * shadow root): an inline element gets no box of its own to report, its block does. No-op
   * without ResizeObserver, or past the bound once elements that left the page are dropped.
   */
  watch(el: Element, container?: Node): void {
    if (!this.make) return void (this.missed = true);
    this.observer ??= this.make();
    const box =
      container?.nodeType === 1
        ? (container as Element)
        : container?.nodeType === 11
          ? (container as ShadowRoot).host
          : el;
    const phrases = this.watched.get(box);
    if (phrases) {
      phrases.add(el);
      if (this.veiled.has(box)) this.observeUp(el);
      return;
    }
    if (this.watched.size >= MAX_WATCHED) this.prune();
    if (this.watched.size >= MAX_WATCHED) return void (this.missed = true);
    this.watched.set(box, new Set([el]));
    this.observer.observe(box);
  }

  /** True when `el` was reported shown, as a box or a phrase of one (never forgotten). */
  wasShown(el: Element): boolean {
    return this.shownOnce.has(el);
  }

  /** Boxes checked again on attribute changes (see the file's comment). */
  get veiledSize(): number {
    return this.veiled.size;
  }

  /** Stops watching everything (a new full scan watches afresh). */
  clear(): void {
    for (const box of this.watched.keys()) this.observer?.unobserve(box);
    this.watched.clear();
    this.missed = false;
    this.veiled.clear();
    this.unveil();
  }

  private markShown(box: Element): void {
    this.shownOnce.add(box);
    for (const el of this.watched.get(box) ?? []) this.shownOnce.add(el);
  }

  private anyShown(phrases: Set<Element>): boolean {
    for (const el of phrases) if (el.isConnected && this.isVisible(el)) return true;
    return false;
  }

  /** `box` is rendered and its phrases are not: check it again when an attribute changes. */
  private veil(box: Element): void {
    const MO = this.view?.MutationObserver;
    if (this.veiled.has(box) || this.veiled.size >= MAX_VEILED || typeof MO !== 'function') return;
    this.veiled.add(box);
    this.veilObserver ??= new MO(() => this.scheduleCheck());
    for (const el of [box, ...(this.watched.get(box) ?? [])]) this.observeUp(el);
  }

  /**
   * Observes `el` and its ancestors, up through shadow hosts. An element already observed had its
   * ancestors observed with it.
   */
  private observeUp(el: Element): void {
    const observer = this.veilObserver;
    if (!observer) return;
    for (let n: Node | null = el; n; n = n.parentNode ?? (n as Partial<ShadowRoot>).host ?? null) {
      if (n.nodeType !== 1) continue;
      if (this.veilObserved.has(n)) break;
      this.veilObserved.add(n);
      observer.observe(n, VEIL_ATTRIBUTES);
    }
  }

  private scheduleCheck(): void {
    if (this.checkPending || this.teardown.isDisposed) return;
    this.checkPending = true;
    this.teardown.timeout(() => {
      this.checkPending = false;
      this.checkVeiled();
    }, VEIL_CHECK_MS);
  }

  private checkVeiled(): void {
    const shown: Element[] = [];
    for (const box of [...this.veiled]) {
      const phrases = this.watched.get(box);
      if (!phrases || !box.isConnected) this.veiled.delete(box);
      else if (this.anyShown(phrases)) {
        this.markShown(box);
        this.forget(box);
        shown.push(box);
      }
    }
    if (!this.veiled.size) this.unveil();
    if (shown.length && !this.teardown.isDisposed) this.onShown(shown);
  }

  /** No box is veiled: stop watching attributes. */
  private unveil(): void {
    this.veilObserver?.disconnect();
    this.veilObserver = null;
    this.veilObserved = new WeakSet();
  }

  /** Drops boxes that left the page (a page that replaces its content keeps the list short). */
  private prune(): void {
    for (const box of [...this.watched.keys()]) if (!box.isConnected) this.forget(box);
  }

  private forget(box: Element): void {
    this.watched.delete(box);
    this.veiled.delete(box);
    this.observer?.unobserve(box);
  }
}
