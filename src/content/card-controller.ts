/**
 * Opens the card: after the reader's hover delay over an underlined phrase, at once on a click or
 * tap, and from the keyboard relay (`page:reveal`: next/previous phrase, or one the popup names),
 * which also scrolls the phrase into view and moves focus into the card. Pointer tracking is
 * throttled to one hit test per animation frame and never prevents the page's own handling.
 */
import type { Entry } from '../core/entry';
import type { RequestOf } from '../shared/messages';
import { createCard, type CardHost } from './card';
import { label } from './card-labels';
import { cardModel } from './card-view';
import { HitIndex } from './hit-test';
import type { MatchRecord } from './page-model';
import type { Painter } from './painter';
import type { Teardown } from './teardown';
import { VisibilityCheck } from './visibility';

export interface CardControllerDeps {
  doc: Document;
  teardown: Teardown;
  hoverDelayMs: number;
  painter: Painter;
  /** The page's phrases (the page model). */
  records: RecordSource;
  lookup(id: string): Entry | undefined;
  /**
   * What the card says of an entry the content script holds without it (built-in entries ship
   * without meaning, explanation and sources; the background has them). Null when unavailable.
   */
  details(id: string): Promise<Pick<Entry, 'meaning' | 'explanation' | 'sources'> | null>;
  /** The reader said "not a euphemism here" about `record`. */
  dismiss(record: MatchRecord): void;
}

/** What the controller reads of the page model (src/content/page-model.ts). */
export interface RecordSource {
  readonly count: number;
  /** In document order; sorted on demand, so asked for only when a card opens or moves. */
  all(): readonly MatchRecord[];
  has(record: MatchRecord): boolean;
  unordered(): Iterable<MatchRecord>;
}

/** The first line box of a range (where the card attaches); a zero rect where there is no layout. */
function firstRect(range: Range): DOMRect {
  if (typeof range.getClientRects !== 'function') return new DOMRect();
  return range.getClientRects()[0] ?? range.getBoundingClientRect();
}

/** Whether `entry` carries what a card says (reader's entries do; built-in ones in a page do not). */
function hasDetails(entry: Entry): boolean {
  return typeof entry.meaning === 'string' && typeof entry.explanation === 'string' && Array.isArray(entry.sources); // prettier-ignore
}

/** How long a hover-opened card stays after the pointer leaves phrase and card. */
const LEAVE_GRACE_MS = 400;

export class CardController {
  readonly card: CardHost;
  private readonly hits: HitIndex;
  private hitsStale = true;
  private current: MatchRecord | null = null;
  private hovered: MatchRecord | null = null;
  private openedByHover = false;
  private cancelOpen: (() => void) | null = null;
  private cancelClose: (() => void) | null = null;
  private frame = false;
  /** Entries completed with the background's details, by id. */
  private readonly complete = new Map<string, Entry>();
  private last = { x: 0, y: 0, target: null as EventTarget | null, inside: false };

  constructor(private readonly d: CardControllerDeps) {
    this.hits = new HitIndex(d.doc);
    this.card = createCard(d.doc, d.teardown, {
      onDismiss: () => {
        const record = this.current;
        this.current = null;
        if (record) d.dismiss(record);
      },
    });
    const t = d.teardown;
    // Only the reader's own pointer opens the card: a page must not drive it with synthetic events.
    t.listen(d.doc, 'pointermove', (e) => e.isTrusted && this.onMove(e as PointerEvent), { capture: true, passive: true }); // prettier-ignore
    t.listen(d.doc, 'click', (e) => e.isTrusted && this.onClick(e as MouseEvent), { capture: true, passive: true }); // prettier-ignore
  }

  /**
   * Call after the page's phrases changed. Closes the card if its phrase is gone. Cheap on a
   * page of thousands of phrases that keeps changing: the hit index is rebuilt when the pointer
   * next needs it, and nothing is sorted.
   */
  refresh(): void {
    this.hitsStale = true;
    if (this.current && !this.d.records.has(this.current)) {
      this.current = null;
      this.card.close();
    }
  }

  /** Scrolls to a phrase and opens its card with focus. Returns its index, or null when none. */
  reveal(req: RequestOf<'page:reveal'>): { index: number } | null {
    if (!this.d.records.count) return null;
    const records = this.d.records.all();
    let index: number;
    if (typeof req.index === 'number') index = req.index;
    else if (req.entryId !== undefined) {
      const from = this.current ? records.indexOf(this.current) : -1;
      const same = records.map((r, i) => (r.entry.id === req.entryId ? i : -1)).filter((i) => i >= 0); // prettier-ignore
      if (!same.length) return null;
      index = same.find((i) => i > from) ?? same[0]!;
    } else {
      const at = this.current ? records.indexOf(this.current) : -1;
      const step = req.step ?? 1;
      index = at < 0 ? (step > 0 ? 0 : records.length - 1) : at + step;
      // A phrase the page has hidden since it was decoded (by an inline style, which is not
      // watched) has no box: step over it rather than open a card at the corner.
      const wrap = (i: number) => ((i % records.length) + records.length) % records.length;
      for (let n = 1; n < records.length && !this.rendered(records[wrap(index)]!); n++)
        index += step;
    }
    index = ((index % records.length) + records.length) % records.length;
    const record = records[index]!;
    this.scrollTo(record);
    this.openedByHover = false;
    this.open(record, true);
    return { index };
  }

  private rendered(record: MatchRecord): boolean {
    const range = this.d.painter.liveRange(record.range);
    return typeof range.getClientRects !== 'function' || range.getClientRects().length > 0;
  }

  private open(record: MatchRecord, focus: boolean): void {
    this.current = record;
    const known = this.complete.get(record.entry.id) ?? (hasDetails(record.entry) ? record.entry : null); // prettier-ignore
    if (known) return this.show(record, known, focus);
    // One round trip to the background (a few ms); the card opens when it answers, if the reader
    // has not moved on to another phrase meanwhile.
    void this.d
      .details(record.entry.id)
      .catch(() => null)
      .then((details) => {
        if (this.current !== record || this.d.teardown.isDisposed) return;
        const entry = details
          ? { ...record.entry, ...details }
          : { ...record.entry, meaning: label('cardUnavailable'), explanation: '', sources: [] };
        if (details) this.complete.set(record.entry.id, entry);
        this.show(record, entry, focus);
      });
  }

  private show(record: MatchRecord, entry: Entry, focus: boolean): void {
    const records = this.d.records.all();
    const range = this.d.painter.liveRange(record.range);
    const rect = firstRect(range);
    const model = cardModel(entry, record.text, this.d.lookup, records.indexOf(record) + 1, records.length); // prettier-ignore
    // Where the phrase is now: nowhere once the page hides it; null where there is no layout.
    // Its styles are read at most every 250 ms (the card asks once a frame while the page scrolls).
    let shownAt = -Infinity;
    let shown = true;
    const follow = (): DOMRect | null => {
      if (typeof range.getClientRects !== 'function') return null;
      const now = performance.now();
      if (now - shownAt >= 250) {
        shownAt = now;
        shown = new VisibilityCheck().of(range.startContainer);
      }
      return shown ? firstRect(range) : new DOMRect();
    };
    this.card.open(model, rect, focus, range.startContainer, follow);
  }

  private scrollTo(record: MatchRecord): void {
    const range = this.d.painter.liveRange(record.range);
    const el = range.startContainer.parentElement;
    // scrollIntoView scrolls every ancestor, an `overflow: hidden` carousel too, which the page
    // scrolls itself (and would stay moved): a phrase such a box cuts off is left where it is.
    if (el && !clippedOut(el, firstRect(range)))
      el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
    // A long paragraph centred can still leave the phrase off screen: nudge the window.
    const view = this.d.doc.defaultView;
    const rect = firstRect(range);
    if (view && (rect.top < 0 || rect.bottom > view.innerHeight))
      view.scrollBy(0, rect.top - view.innerHeight / 2);
  }

  private hitAt(x: number, y: number, target: EventTarget | null): MatchRecord | null {
    if (this.d.painter.kind === 'mark') {
      const mark = (target as Element | null)?.closest?.('subtext-mark');
      if (!mark) return null;
      const painter = this.d.painter;
      for (const r of this.d.records.unordered())
        if (painter.liveRange(r.range).intersectsNode(mark)) return r;
      return null;
    }
    if (this.hitsStale) {
      this.hits.reset(this.d.records.unordered());
      this.hitsStale = false;
    }
    return this.hits.at(x, y);
  }

  private onMove(e: PointerEvent): void {
    this.last = { x: e.clientX, y: e.clientY, target: e.target, inside: this.card.isInside(e) };
    if (this.frame) return;
    this.frame = true;
    requestAnimationFrame(() => {
      this.frame = false;
      if (!this.d.teardown.isDisposed) this.onHover();
    });
  }

  private onHover(): void {
    const { x, y, target, inside } = this.last;
    if (inside) return this.stopClosing();
    const record = this.d.records.count ? this.hitAt(x, y, target) : null;
    if (record === this.hovered) {
      if (record) this.stopClosing();
      return;
    }
    this.hovered = record;
    this.cancelOpen?.();
    this.cancelOpen = null;
    if (record) {
      this.stopClosing();
      if (record === this.current && this.card.isOpen) return;
      this.cancelOpen = this.d.teardown.timeout(() => {
        this.openedByHover = true;
        this.open(record, false);
      }, this.d.hoverDelayMs);
    } else if (this.card.isOpen && this.openedByHover && !this.cancelClose) {
      this.cancelClose = this.d.teardown.timeout(() => {
        this.cancelClose = null;
        this.card.close();
      }, LEAVE_GRACE_MS);
    }
  }

  private stopClosing(): void {
    this.cancelClose?.();
    this.cancelClose = null;
  }

  private onClick(e: MouseEvent): void {
    if (this.card.isInside(e) || !this.d.records.count) return;
    const record = this.hitAt(e.clientX, e.clientY, e.target);
    if (!record) return;
    this.cancelOpen?.();
    this.openedByHover = false;
    this.open(record, false);
  }
}

/**
 * True when an ancestor of `el` that clips without letting the reader scroll (`overflow: hidden`
 * or `clip`: a carousel's frame) cuts `rect` off, in an axis it clips and below any scroller of
 * that axis (an app shell's hidden frame around a scrolling pane does not count). Asked only when
 * the keyboard moves to a phrase.
 */
function clippedOut(el: Element, rect: DOMRect): boolean {
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  if (!view) return false;
  let x = true; // still looking along this axis
  let y = true;
  for (
    let n = el.parentElement;
    n && (x || y) && n !== doc.body && n !== doc.documentElement;
    n = n.parentElement
  ) {
    const style = view.getComputedStyle(n);
    const clipsX = /hidden|clip/.test(style.overflowX);
    const clipsY = /hidden|clip/.test(style.overflowY);
    if ((x && clipsX) || (y && clipsY)) {
      const box = n.getBoundingClientRect();
      if (x && clipsX && (rect.right <= box.left || rect.left >= box.right)) return true;
      if (y && clipsY && (rect.bottom <= box.top || rect.top >= box.bottom)) return true;
    }
    if (/auto|scroll/.test(style.overflowX)) x = false;
    if (/auto|scroll/.test(style.overflowY)) y = false;
  }
  return false;
}
