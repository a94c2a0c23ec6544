/**
 * One scan session: the glossary and settings it was started with, the page model and the
 * painter. `scanAll` indexes and matches the whole page in time slices; `update` re-indexes only
 * the containers a batch of mutations touched. Every pass reports {start, textChars, matches,
 * blocks} for the badge and diagnostics. Disposing the session's teardown unpaints everything.
 */
import type { Entry, Match } from '../core/entry';
import type { Settings } from '../shared/settings';
import { createMarkPainter } from './mark-painter';
import { PageModel, type MatchRecord } from './page-model';
import { createPageStyle, type PageStyle } from './page-style';
import { createHighlightPainter, hasHighlightApi, type Painter } from './painter';
import { OVERLAP_CHARS, pieces } from './pieces';
import { MAX_WATCHED, RevealWatch } from './reveal-watch';
import { forEachSliced, SLICE_MS, TaskClock } from './scheduler';
import { VisibilityCheck } from './visibility';
import type { Teardown } from './teardown';
import type { Touch } from './mutation-queue';
import {
  containerOf,
  indexInSteps,
  isBlock,
  type Container,
  type SteppedIndex,
  type TextBlock,
} from './text-index';
import { isDarkPage, underlineCss } from '../shared/underline-style';

const DOCUMENT_FRAGMENT_NODE = 11;

/**
 * Elements hidden by their inline style watched per session, at most (see watchHidden): the
 * reveal watch's bound less a reserve for phrases a stylesheet hides (a closed <details> in the
 * next batch). A "load more" list hidden with jQuery's `.hide()` has hundreds.
 */
const MAX_HIDDEN_WATCHED = MAX_WATCHED - 500;
/**
 * Inline elements hidden by their inline style: longer text is not read (see watchHidden). A
 * "Read more" span holds the rest of a paragraph; 6,000 characters is where a block is cut into
 * pieces (pieces.ts), so reading one is no more than a piece's matching.
 */
const MAX_HIDDEN_TEXT = 6_000;
/** ...and no more than this many characters of them a page. */
const MAX_HIDDEN_CHARS = 40_000;
/** After the page's root or body attributes change, its background is read again then (ms)... */
const THEME_CHECK_MS = 100;
/** ...and once more then, when a theme's background has faded in (ms). */
const THEME_SETTLE_MS = 600;
/** Opened <details> and popovers are re-read together, this long after the first (ms). */
const TOGGLE_BATCH_MS = 50;

/** The compiled glossary as the content script uses it. */
export interface ActiveGlossary {
  match(text: string): Match[];
  entry(id: string): Entry | undefined;
}

export interface ScanPass {
  kind: 'initial' | 'incremental';
  /** performance.now() when the pass began. */
  start: number;
  textChars: number;
  matches: number;
  blocks: number;
  /** Longest stretch of this pass run without yielding to the page (ms). */
  longestTaskMs: number;
  /** Sum of the stretches: the main-thread time the pass cost, yields excluded (ms). */
  busyMs: number;
  /** Time from the start of the pass until matching began (walking the DOM, in slices). */
  indexMs: number;
}

/** Nodes a batch of mutations touched (see mutation-queue.ts). */
export interface ChangeSet {
  /** Nodes whose container's own text changed (text nodes, childList targets). */
  own: Set<Node>;
  /** Subtrees to index whole (added nodes, elements whose attributes changed). */
  subtrees: Set<Node>;
  /** Whether nodes were removed: disconnected containers are then dropped. */
  hadRemovals: boolean;
}

export interface SessionOptions {
  doc: Document;
  glossary: ActiveGlossary;
  settings: Settings;
  teardown: Teardown;
  onPass?: (pass: ScanPass) => void;
  /**
   * Called synchronously after each batch of the fallback painter, which changes the DOM (never
   * after the Highlight API painter: dropping the observer's records then would drop the page's).
   */
  afterPaint?: () => void;
  /** Called for each open shadow root that holds text, so its changes can be observed too. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Called after `withdraw` took phrases off the page (the card may have lost its phrase), inside
   * the observer's callback: do nothing there that changes the page or runs its code.
   */
  onWithdraw?: () => void;
  /** For tests: force the fallback painter. */
  forceMarks?: boolean;
}

const dismissKey = (r: { entry: Entry; text: string }) =>
  `${r.entry.id}\u0000${r.text.replace(/\s+/g, ' ').toLowerCase()}`;

export class ScanSession {
  readonly model = new PageModel();
  readonly painter: Painter;
  readonly style: PageStyle;
  private readonly dismissed = new WeakMap<Container, Set<string>>();
  private queue: Promise<void> = Promise.resolve();
  /** Elements of phrases hidden when matched: re-matched once the page shows them. */
  private readonly reveal: RevealWatch;
  /** Elements hidden by their inline style watched this session (see watchHidden). */
  private hiddenWatched = 0;
  private hiddenChars = 0;
  /** Opened <details> and popovers waiting to be re-read together (see the constructor). */
  private readonly toggled = new Set<Element>();
  /** The phrase running across the end of the last piece matched, if any (see matchBlock). */
  private carry: { block: TextBlock; end: number } | null = null;
  /** The container a pass is matching, and its records so far (not in the model yet). */
  private openContainer: Container | null = null;
  private open: MatchRecord[] = [];
  /**
   * While a pass runs: the containers the page changed since it began (see withdraw). What the
   * pass read of them may be stale, so it leaves them to the batch those changes queued.
   */
  private touched: Set<Container> | null = null;
  /** Shadow roots handed to onShadowRoot, which the mutation observer watches (see observes). */
  private readonly observed = new WeakSet<ShadowRoot>();
  /** Nodes the page removed or added while a pass ran (see movedInPass). */
  private readonly movedInPass = new Set<Node>();
  /** The underline settings in use, and whether they are styled for a dark page. */
  private underline: Settings['underline'];
  private dark: boolean;

  constructor(private readonly o: SessionOptions) {
    const t = o.teardown;
    this.painter =
      hasHighlightApi(o.doc) && !o.forceMarks
        ? createHighlightPainter(o.doc, t)
        : createMarkPainter(o.doc, t);
    this.underline = o.settings.underline;
    this.dark = isDarkPage(o.doc);
    this.style = createPageStyle(o.doc, underlineCss(this.underline, this.dark), t);
    this.watchTheme();
    t.add(() => this.unpaint(this.model.clear()));
    this.reveal = new RevealWatch(
      o.doc.defaultView as (Window & typeof globalThis) | null,
      t,
      (el) => this.visibleNow(el),
      // Whole subtrees: a shown element may hold blocks of its own that were never indexed.
      (shown) => void this.update({ own: new Set(), subtrees: new Set(shown), hadRemovals: false }), // prettier-ignore
    );
    // A <details> or popover the reader opens, when the watch could not take every hidden phrase
    // (an FAQ of thousands of answers): re-read what it shows. `toggle` does not bubble; capture.
    t.listen(o.doc, 'toggle', (e) => {
      const el = e.target as Partial<HTMLDetailsElement> & Element;
      const opened = el.open === true || (e as Event & { newState?: string }).newState === 'open';
      if (!opened || !this.reveal.missesSome || !el.isConnected) return;
      // Together: "expand all" opens thousands at once.
      if (!this.toggled.size)
        t.timeout(() => {
          const subtrees = new Set<Node>(this.toggled);
          this.toggled.clear();
          void this.update({ own: new Set(), subtrees, hadRemovals: false });
        }, TOGGLE_BATCH_MS);
      this.toggled.add(el);
    }, { capture: true }); // prettier-ignore
  }

  /**
   * Whether the reader can see `el` now. Answers (and the ancestors' clips read for them) are
   * shared until the current task's microtasks are done: the reveal watch asks about many
   * elements under the same ancestors in one go.
   */
  private visibleNow(el: Element): boolean {
    if (!this.shared) {
      this.shared = new VisibilityCheck();
      queueMicrotask(() => (this.shared = null));
    }
    return this.shared.of(el);
  }
  private shared: VisibilityCheck | null = null;

  /** Applies new underline settings without rescanning. */
  restyle(underline: Settings['underline']): void {
    this.underline = underline;
    this.dark = isDarkPage(this.o.doc);
    this.style.update(underlineCss(underline, this.dark));
  }

  /**
   * The underline colours are chosen for the page's background (light or dark). A page that
   * switches its theme (a class or attribute on `<html>` or `<body>`, or the reader's system
   * setting) gets the other colours: those two elements' attributes are observed (not their
   * subtrees), and the background read again 100 ms and 600 ms after a change (since themes
   * often fade their background in), changes meanwhile adding no reads.
   */
  private watchTheme(): void {
    const { doc, teardown: t } = this.o;
    const view = doc.defaultView;
    if (!view) return;
    // Throttled, not debounced: a page writing an attribute of <body> every frame (a scroll
    // position in its style) still has its theme toggle seen.
    let pending = 0;
    const check = (): void => {
      pending -= 1;
      if (isDarkPage(doc) !== this.dark) this.restyle(this.underline);
    };
    const changed = (): void => {
      if (pending) return;
      pending = 2;
      t.timeout(check, THEME_CHECK_MS);
      t.timeout(check, THEME_SETTLE_MS);
    };
    if (typeof view.MutationObserver === 'function') {
      const observer = new view.MutationObserver(changed);
      for (const el of [doc.documentElement, doc.body]) if (el) observer.observe(el, { attributes: true }); // prettier-ignore
      t.add(() => observer.disconnect());
    }
    const scheme = view.matchMedia?.('(prefers-color-scheme: dark)');
    if (scheme) t.listen(scheme, 'change', changed);
  }

  /** Puts back highlights and the stylesheet if the page removed them. */
  heal(): void {
    this.painter.heal();
    this.style.heal();
  }

  /** Indexes and decodes the whole page. */
  scanAll(): Promise<void> {
    return this.serial(async () => {
      const start = performance.now();
      this.unpaint(this.model.clear());
      this.reveal.clear();
      this.hiddenWatched = 0;
      this.hiddenChars = 0;
      const root = this.o.doc.body ?? this.o.doc.documentElement;
      // The walk is sliced too: a page with hundreds of thousands of nodes is walked in pieces.
      const clock = new TaskClock(start);
      if (!root) return clock.pause();
      const index = indexInSteps(root);
      if (!(await this.walkSliced(index, clock, new Slice()))) return clock.pause();
      const indexMs = performance.now() - start;
      const groups = new Map<Container, TextBlock[]>();
      for (const b of index.blocks) push(groups, b.container, b);
      await this.apply(groups, 'initial', start, clock, indexMs, index.hidden);
    });
  }

  /** Re-indexes and re-decodes only what `changes` touched. */
  update(changes: ChangeSet): Promise<void> {
    return this.serial(async () => {
      const start = performance.now();
      const clock = new TaskClock(start);
      const hidden: Element[] = [];
      const groups = await this.reindex(changes, clock, hidden);
      if (!groups) return clock.pause();
      if (groups.size)
        await this.apply(groups, 'incremental', start, clock, performance.now() - start, hidden);
      else clock.pause();
    });
  }

  /**
   * An element a walk passed over because its inline style hides it: watched, through its block,
   * until the page shows it (the mutation observer does not watch `style`: animations write it
   * every frame). A hidden block costs a ResizeObserver entry and no reading: it gets a box only
   * when shown. An inline element sits in a rendered block, whose box the observer reports at
   * once, so only one whose text holds a phrase is watched (its text read within a budget). One
   * that was reported shown and is still passed over (a stylesheet shows what the inline style
   * hides) is not watched again: that would re-read it forever.
   */
  private watchHidden(el: Element): void {
    if (this.hiddenWatched >= MAX_HIDDEN_WATCHED || !el.isConnected || this.reveal.wasShown(el))
      return;
    if (!isBlock(el)) {
      const text = el.textContent ?? '';
      if (!/\S/.test(text) || text.length > MAX_HIDDEN_TEXT) return;
      if (this.hiddenChars + text.length > MAX_HIDDEN_CHARS) return;
      this.hiddenChars += text.length;
      if (!this.o.glossary.match(text).length) return;
    }
    this.hiddenWatched++;
    this.reveal.watch(el, containerOf(el));
  }

  /** "Not a euphemism here": unpaints one phrase and keeps it hidden in that block on this page. */
  dismiss(record: MatchRecord): void {
    if (!this.model.remove(record)) return;
    this.unpaint([record]);
    const c = record.block.container;
    const set = this.dismissed.get(c) ?? new Set<string>();
    set.add(dismissKey(record));
    this.dismissed.set(c, set);
  }

  /**
   * The page changed what `touch` lists (called from inside the mutation observer's callback, so
   * before the browser paints again). Ranges are static (page-model.ts says why): one over text
   * the page then edited would underline other words until the change is re-read, so the phrases
   * a change can move come off the page at once, and the batch it queued puts back what still
   * matches. Phrases it cannot move stay, so a counter ticking in a paragraph does not make the
   * paragraph's underlines blink:
   *  - text edited: the phrases over that text node (and those across it);
   *  - children added or removed: the phrases across several nodes that hold or span the node
   *    whose children changed (not a counter after the phrase), and those whose text node is no
   *    longer in the container (removed, or moved elsewhere, where a later edit would be filed
   *    under another container);
   *  - nodes removed: every phrase of a container no longer in the page, or moved where the
   *    observer does not reach (outside <body>, into a shadow root not watched). A removed node
   *    can only be edited unobserved once it is out of reach, by which time its phrases are off.
   * A pass running meanwhile leaves the containers changed, removed or added to that batch.
   * Cost per callback: a set lookup per phrase of each block changed, a few DOM calls per changed
   * node for a phrase across nodes (MAX_SPLIT_CHECKS in all, then such phrases simply come off),
   * and on a removal one check of each block holding phrases.
   */
  withdraw(touch: Touch): void {
    // The fallback painter's ranges are live (it splits the nodes they point into), and taking
    // its marks out here would change the DOM inside the observer's callback.
    if (this.painter.kind === 'mark' || (!this.model.count && !this.touched)) return;
    const groups = new Map<Container, Changed>();
    const group = (node: Node): Changed => {
      const c = containerOf(node);
      let g = groups.get(c);
      if (!g) groups.set(c, (g = { edited: new Set(), parents: new Set() }));
      return g;
    };
    for (const node of touch.edited) group(node).edited.add(node);
    for (const node of touch.parents) group(node).parents.add(node);
    const taken: MatchRecord[] = [];
    let budget = MAX_SPLIT_CHECKS;
    for (const [c, g] of groups) {
      this.touched?.add(c);
      if (c === this.openContainer) for (const r of this.takeOpen()) taken.push(r);
      const records = this.model.records(c);
      if (!records.length) continue;
      const { edited, parents } = g;
      // Each phrase across nodes costs a few DOM calls per changed node: past a budget (a
      // transcript with a span per word, edited in many places at once) they all come off.
      const perSplit = edited.size + parents.size;
      const moved = (r: MatchRecord): boolean => {
        const { startContainer: a, endContainer: b } = r.range;
        if (edited.has(a) || edited.has(b)) return true;
        if (a !== b) {
          // Across nodes: an edit between its ends, or children changed inside or across it.
          if ((budget -= perSplit) < 0) return true;
          if (someBetween(a, edited, b) || someWithin(a, parents, b)) return true;
        }
        return parents.size > 0 && containerOf(a) !== c;
      };
      const keep: MatchRecord[] = [];
      for (const r of records) (moved(r) ? taken : keep).push(r);
      if (keep.length < records.length) this.model.set(c, keep);
    }
    if (touch.removed.length) {
      // Removed, or moved where no observer hears its edits (outside <body>, into a shadow root
      // not observed): off. Only a move needs the longer check.
      const moved = touch.removed.some((n) => n.isConnected);
      for (const c of this.model.containers())
        if (!c.isConnected || (moved && !this.observes(c)))
          for (const r of this.model.take(c)) taken.push(r);
    }
    if (this.touched && (touch.removed.length || touch.added.length)) {
      for (const n of touch.removed) this.movedInPass.add(n);
      for (const n of touch.added) this.movedInPass.add(n);
      if (this.openContainer && this.movedInPass.size && this.wasMoved(this.openContainer))
        for (const r of this.takeOpen()) taken.push(r);
    }
    this.unpaint(taken);
    if (taken.length) this.o.onWithdraw?.();
  }

  /**
   * Whether changes in `c` reach the mutation observer: it lies in the scanned root (`<body>`) or
   * in a shadow root observed, whose host does in turn.
   */
  private observes(c: Container): boolean {
    const doc = this.o.doc;
    const scope = doc.body ?? doc.documentElement;
    for (let n: Node = c; ;) {
      const root = n.getRootNode();
      if (root === doc) return !!scope && scope.contains(n);
      if (root.nodeType !== DOCUMENT_FRAGMENT_NODE || !this.observed.has(root as ShadowRoot))
        return false;
      n = (root as ShadowRoot).host;
    }
  }

  /**
   * Whether `c` lies in (or is) a node removed or added since the pass began: it may have been
   * edited while out of the page, where no observer hears it, so what the pass read may be stale.
   */
  private wasMoved(c: Container): boolean {
    for (let n: Node | null = c; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null)
      if (this.movedInPass.has(n)) return true;
    return false;
  }

  /** Has the mutation observer watch an open shadow root (see observes). */
  private observe(root: ShadowRoot): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.o.onShadowRoot?.(root);
  }

  /** After a batch of painting: the fallback painter's own DOM changes are not the page's. */
  private painted(): void {
    if (this.painter.kind === 'mark') this.o.afterPaint?.();
  }

  /** Takes the records of the container being matched (see withdraw). */
  private takeOpen(): MatchRecord[] {
    const open = this.open;
    this.open = [];
    return open;
  }

  /** Runs passes one after another: a mutation batch never interleaves with the initial scan. */
  private serial(pass: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.o.teardown.isDisposed) return;
      this.touched = new Set();
      try {
        await pass();
      } finally {
        this.touched = null;
        this.movedInPass.clear();
        this.openContainer = null;
        this.open = [];
      }
    });
    this.queue = next.catch((err: unknown) => console.warn('Subtext: scan failed', err));
    return this.queue;
  }

  /**
   * What `changes` touched, re-indexed: container → its runs (none: it lost its text). The walks
   * are sliced like the initial scan's (a "load more" of thousands of paragraphs, or one block of
   * 100,000 spans edited, is walked in pieces); null when the session ended meanwhile.
   */
  private async reindex(
    changes: ChangeSet,
    clock: TaskClock,
    /** Receives the elements the walks passed over for their inline style (see watchHidden). */
    hidden: Element[],
  ): Promise<Map<Container, TextBlock[]> | null> {
    const groups = new Map<Container, TextBlock[]>();
    const stale = new Set<Container>();
    const subtrees = outermost([...changes.subtrees].filter((n) => n.isConnected));
    if (subtrees.length) for (const c of containersWithin(subtrees, this.model.containers())) stale.add(c); // prettier-ignore
    const own = new Set<Container>();
    for (const n of changes.own) if (n.isConnected) own.add(containerOf(n));
    // An added block also splits its parent's inline flow: re-read the parent's own runs too.
    for (const s of subtrees) {
      own.add(containerOf(s));
      if (s.parentNode && s.nodeType === 1 && isBlock(s as Element)) own.add(containerOf(s.parentNode)); // prettier-ignore
    }
    if (changes.hadRemovals)
      for (const c of this.model.containers()) if (!c.isConnected) stale.add(c);
    const taken: MatchRecord[] = [];
    for (const c of [...stale, ...own]) for (const r of this.model.take(c)) taken.push(r);
    this.unpaint(taken);
    this.painted();
    const slice = new Slice();
    /** Runs `index` to its end, yielding whenever the slice is used up; null when aborted. */
    const walk = async (index: SteppedIndex): Promise<TextBlock[] | null> => {
      if (!(await this.walkSliced(index, clock, slice))) return null;
      for (const el of index.hidden) if (hidden.length < MAX_HIDDEN_WATCHED) hidden.push(el);
      return index.blocks;
    };
    for (const s of subtrees) {
      const outer = s.nodeType === 1 && isBlock(s as Element) ? null : containerOf(s);
      const blocks = await walk(indexInSteps(s));
      if (!blocks) return null;
      for (const b of blocks) if (b.container !== outer) push(groups, b.container, b);
    }
    for (const c of own) {
      if (groups.has(c) || !c.isConnected) continue;
      const blocks = await walk(indexInSteps(c, true));
      if (!blocks) return null;
      groups.set(c, blocks);
    }
    for (const c of stale) if (!groups.has(c)) groups.set(c, []);
    return groups;
  }

  private async apply(
    groups: Map<Container, TextBlock[]>,
    kind: ScanPass['kind'],
    start: number,
    clock: TaskClock,
    indexMs: number,
    hidden: readonly Element[] = [],
  ): Promise<void> {
    let textChars = 0;
    let blocks = 0;
    let matches = 0;
    // One item per piece of a block (a long block is cut at sentence ends, see pieces.ts), so a
    // container with many blocks or one huge block is still cut into slices. With the Highlight
    // API each piece's ranges are handed to the painter as they are matched, which paints them in
    // batches (below); the fallback painter changes text nodes, so it waits for the container's
    // last piece. The model takes a container's records once all are known.
    const early = this.painter.kind === 'highlight';
    const items: Piece[] = [];
    for (const [c, list] of groups) {
      if (!list.length) items.push({ container: c, block: null, from: 0, to: 0, isLast: true });
      list.forEach((b, i) => {
        const cuts = pieces(b.text);
        for (let k = 0; k + 1 < cuts.length; k++)
          items.push({
            container: c,
            block: b,
            from: cuts[k]!,
            to: cuts[k + 1]!,
            isLast: i === list.length - 1 && k + 2 === cuts.length,
          });
      });
    }
    const visible = new VisibilityCheck();
    // Shadow roots get the underline sheet once per slice, after its visibility checks: adopting
    // a sheet dirties the styles, and the next check would force them to be recalculated, once
    // per root (3,000 components made that seconds of style work).
    const toAdopt = new Set<ShadowRoot>();
    // Underlines are painted after the first slice (the top of a page is read first), then every
    // PAINT_EVERY_MS and at the end of the pass (painter.ts says why not after every slice).
    // A batch is painted within a slice's budget: one too big for it goes on after the next
    // slices. The wait between batches doubles (250 ms, 0.5 s, 1 s, 2 s at most): after each
    // batch Chromium re-validates every range once (inside our next visibility check, or in its
    // next frame), 150 ms or more at 30,000 underlines, so a huge page gets few batches.
    let paintedAt = -Infinity;
    let wait = PAINT_EVERY_MS;
    let painting = false;
    const adoptPending = (): void => {
      for (const root of toAdopt) this.style.adoptInto(root);
      toAdopt.clear();
    };
    const afterSlice = (): void => {
      adoptPending();
      const now = performance.now();
      if (painting || now - paintedAt >= wait) {
        painting = !this.painter.flush(now + SLICE_MS);
        if (!painting) {
          if (paintedAt > -Infinity) wait = Math.min(wait * 2, MAX_PAINT_WAIT_MS);
          paintedAt = now;
        }
      }
      this.painted();
    };
    let done = false;
    try {
      ({ done } = await forEachSliced(
        items,
        ({ container, block, from, to, isLast }) => {
          // Changed by the page since this pass read it: the batch that change queued reads it
          // again (see withdraw).
          const stale =
            this.touched?.has(container) === true ||
            (this.movedInPass.size > 0 && this.wasMoved(container));
          this.openContainer = container;
          if (block && !stale) {
            if (from === 0) blocks += 1;
            textChars += to - from;
            const first = this.open.length;
            this.matchBlock(block, from, to, this.open, visible);
            if (early)
              for (let i = first; i < this.open.length; i++)
                this.painter.add(this.open[i]!.range, this.open[i]!.intensity);
          }
          if (!isLast) return;
          const records = this.open;
          this.open = [];
          this.openContainer = null;
          if (stale) return this.unpaint(records);
          if (!early) for (const r of records) this.painter.add(r.range, r.intensity);
          this.unpaint(this.model.set(container, records));
          matches += records.length;
          const root = container.nodeType === 11 ? container : container.getRootNode();
          if (root.nodeType === 11) {
            this.observe(root as ShadowRoot);
            if (records.length) toAdopt.add(root as ShadowRoot);
          }
        },
        this.o.teardown.signal,
        { afterSlice, clock },
      ));
    } finally {
      // Stopped or thrown: the last container's ranges were queued but never handed to the model.
      if (!done) this.unpaint(this.takeOpen());
      // What the model holds is shown, however the pass ended, in slices of its own.
      adoptPending();
      while (!this.painter.flush(performance.now() + SLICE_MS)) {
        if (this.o.teardown.signal.aborted) break;
        await clock.yield();
      }
    }
    // Then what an inline style hides, in the same slices (reading its text is matching it).
    if (done && hidden.length)
      await forEachSliced(hidden, (el) => this.watchHidden(el), this.o.teardown.signal, { clock });
    clock.pause();
    const { longestMs: longestTaskMs, busyMs } = clock;
    if (done)
      this.o.onPass?.({ kind, start, textChars, matches, blocks, longestTaskMs, busyMs, indexMs }); // prettier-ignore
  }

  /**
   * Appends the phrases decoded in `block.text[from, to)` (minus milder ones, dismissed ones and
   * ones the reader cannot see) to `out`.
   */
  private matchBlock(
    block: TextBlock,
    from: number,
    to: number,
    out: MatchRecord[],
    visible: VisibilityCheck,
  ): void {
    const minIntensity = this.o.settings.underline.minIntensity;
    const dismissed = this.dismissed.get(block.container);
    // A piece is read a little past its end (pieces.ts), keeping only the phrases that start in
    // it. A phrase that ran across the previous cut (kept or not: dismissed, too mild, hidden)
    // was that piece's: this one is read from where it ended, as matching the whole block would.
    const base = this.carry?.block === block ? Math.max(from, this.carry.end) : from;
    const readTo = Math.min(block.text.length, to + OVERLAP_CHARS);
    const text = base === 0 && readTo === block.text.length ? block.text : block.text.slice(base, readTo); // prettier-ignore
    this.carry = null;
    for (const m of this.o.glossary.match(text)) {
      const start = m.start + base;
      const end = m.end + base;
      if (start >= to) continue;
      if (end > to) this.carry = { block, end };
      const entry = this.o.glossary.entry(m.entryId);
      if (!entry || entry.intensity < minIntensity) continue;
      const phrase = block.text.slice(start, end);
      if (dismissed?.has(dismissKey({ entry, text: phrase }))) continue;
      // Static, but live for the fallback painter: it splits the text nodes ranges point into.
      const range = block.rangeFor(start, end, this.painter.kind === 'mark');
      if (!visible.of(range.startContainer)) {
        const el = range.startContainer.parentElement;
        if (el) this.reveal.watch(el, block.container);
        continue;
      }
      out.push({ block, start, end, entry, text: phrase, intensity: entry.intensity, range }); // prettier-ignore
    }
  }

  /**
   * Runs `index` to its end in slices of SLICE_MS, yielding through `clock` whenever `slice` is
   * used up; false when the session ended meanwhile. The slice is checked before each walk too: a
   * walk reads the clock only every 256 nodes, so thousands of small subtrees (3,000 components
   * added at once) would otherwise all be walked in one task. Shadow roots the walk enters are
   * observed at the end of the slice that entered them (before the page runs again): an edit in
   * one between its walk and its matching is then heard (ranges are static, see withdraw).
   */
  private async walkSliced(index: SteppedIndex, clock: TaskClock, slice: Slice): Promise<boolean> {
    const signal = this.o.teardown.signal;
    let observed = 0;
    const observe = (): void => {
      for (; observed < index.shadows.length; observed++) this.observe(index.shadows[observed]!);
    };
    for (let fresh = performance.now() <= slice.deadline; ; fresh = true) {
      if (signal.aborted) return false;
      if (fresh && index.step(slice.deadline)) {
        observe();
        return true;
      }
      observe();
      await clock.yield();
      slice.deadline = performance.now() + SLICE_MS;
    }
  }

  private unpaint(records: readonly MatchRecord[]): void {
    if (records.length) this.painter.remove(records);
  }
}

/**
 * One item of a pass: `block.text[from, to)` of `container` (no block: a container that lost its
 * text); `isLast` on the container's last piece. An object, not a tuple: taking a tuple apart runs
 * the iterator protocol, once per piece, in code that is still cold.
 */
interface Piece {
  container: Container;
  block: TextBlock | null;
  from: number;
  to: number;
  isLast: boolean;
}

/** How soon a long pass paints what it found after its first batch (ms), and the longest wait. */
const PAINT_EVERY_MS = 250;
const MAX_PAINT_WAIT_MS = 2000;

/** The running stretch's deadline, shared by the walks of one pass. */
class Slice {
  deadline = performance.now() + SLICE_MS;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The containers of `all` that lie inside one of `subtrees` (shadow roots count at their host).
 * A few subtrees are asked natively (`contains`); many are looked up from each container's
 * ancestors, so 3,000 added nodes against 3,000 decoded blocks are not nine million calls.
 */
function containersWithin(subtrees: readonly Node[], all: Iterable<Container>): Container[] {
  const out: Container[] = [];
  const few = subtrees.length <= 8;
  const set = few ? null : new Set(subtrees);
  for (const c of all) {
    const node = c.nodeType === 11 ? (c as ShadowRoot).host : c;
    if (set) {
      for (let n: Node | null = node; n; n = n.parentNode)
        if (set.has(n)) {
          out.push(c);
          break;
        }
    } else if (subtrees.some((s) => s === node || s.contains(node))) out.push(c);
  }
  return out;
}

/** Drops subtrees that lie inside another one of the set. */
function outermost(nodes: Node[]): Node[] {
  const set = new Set(nodes);
  return nodes.filter((n) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
    return true;
  });
}

/** Changed nodes checked against phrases across nodes, per observer callback (see withdraw). */
const MAX_SPLIT_CHECKS = 2048;

/** What one observer callback changed in one container (see ScanSession.withdraw). */
interface Changed {
  /** Text nodes edited. */
  edited: Set<Node>;
  /** Nodes whose children changed. */
  parents: Set<Node>;
}

/**
 * Whether one of `parents` holds `a` or `b` or lies between them: a change of its children can
 * then have added or removed text inside the range from `a` to `b`.
 */
function someWithin(a: Node, parents: ReadonlySet<Node>, b: Node): boolean {
  for (const p of parents) if (p.contains(a) || p.contains(b)) return true;
  return someBetween(a, parents, b);
}

/** Whether one of `nodes` lies after `a` and before `b` in document order. */
function someBetween(a: Node, nodes: ReadonlySet<Node>, b: Node): boolean {
  for (const n of nodes)
    if (
      a.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING &&
      n.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING
    )
      return true;
  return false;
}
