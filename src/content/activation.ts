/**
 * Subtext switched on for this page: everything it does to the page hangs off one Teardown
 * (`activation.teardown`): the scan session with its highlights and stylesheet, the mutation
 * observer, the URL watch, the card and its listeners. Disposing it leaves the page as it was.
 * A glossary change or an SPA navigation replaces the scan session (and the card bound to its
 * painter) under the same handle; the observer and URL watch stay.
 */
import type { PageReport, RequestOf, ResponseOf } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { CardController } from './card-controller';
import { watchMutations, type MutationQueue } from './mutation-queue';
import { watchUrl } from './navigation';
import { ScanSession, type ActiveGlossary, type ScanPass } from './scan-session';
import { Teardown } from './teardown';

/** The least time between two heals started by scrolling (ms). */
const HEAL_EVERY_MS = 500;

export interface ActivationOptions {
  doc: Document;
  settings: Settings;
  glossary: ActiveGlossary;
  /** Every finished pass (diagnostics). */
  onPass?: (pass: ScanPass) => void;
  /** This frame's number of decoded phrases, whenever it changes. */
  onCount?: (count: number) => void;
  /** What a card says of a built-in entry (asked of the background); none by default. */
  details?: (id: string) => Promise<ResponseOf<'entry:details'>>;
  /** For tests: use the `<subtext-mark>` fallback even where highlights exist. */
  forceMarks?: boolean;
}

export interface Activation {
  readonly teardown: Teardown;
  /** Resolves when the current full scan has finished. */
  readonly scanned: Promise<void>;
  readonly count: number;
  report(): PageReport;
  reveal(req: RequestOf<'page:reveal'>): ResponseOf<'page:reveal'>;
  restyle(underline: Settings['underline']): void;
  /** Throws the current session away and scans the page again (new glossary or new page). */
  rescan(glossary?: ActiveGlossary): Promise<void>;
}

interface Live {
  session: ScanSession;
  cards: CardController;
  teardown: Teardown;
}

/** Starts decorating `doc`; returns the handle that undoes all of it. */
export function activate(o: ActivationOptions): Activation {
  const teardown = new Teardown();
  let glossary = o.glossary;
  // The underline look can change without a rescan (restyle); later sessions keep the new one.
  let settings = o.settings;
  let live: Live | null = null;
  let lastCount = -1;
  let queue: MutationQueue | null = null;

  const reportCount = (n: number): void => {
    if (n === lastCount) return;
    lastCount = n;
    o.onCount?.(n);
  };
  teardown.add(() => reportCount(0));

  const startSession = (): Promise<void> => {
    live?.teardown.dispose();
    const t = teardown.child();
    const session: ScanSession = new ScanSession({
      doc: o.doc,
      glossary,
      settings,
      teardown: t,
      forceMarks: o.forceMarks,
      afterPaint: () => queue?.discardPending(),
      onShadowRoot: (root) => queue?.observe(root),
      // Closing the card moves focus, which runs the page's handlers: not inside the observer's
      // callback, but right after it (still before the next paint).
      onWithdraw: () => queueMicrotask(() => t.isDisposed || cards.refresh()),
      onPass: (pass) => {
        cards.refresh();
        reportCount(session.model.count);
        o.onPass?.(pass);
      },
    });
    const cards: CardController = new CardController({
      doc: o.doc,
      teardown: t,
      hoverDelayMs: settings.hoverDelayMs,
      painter: session.painter,
      records: session.model,
      lookup: (id) => glossary.entry(id),
      details: o.details ?? (() => Promise.resolve(null)),
      dismiss: (record) => {
        session.dismiss(record);
        cards.refresh();
        reportCount(session.model.count);
      },
    });
    live = { session, cards, teardown: t };
    return session.scanAll();
  };

  const view = o.doc.defaultView;
  const url = view ? watchUrl(view, teardown, () => void startSession()) : null;
  // A page may empty the shared highlight registry or its adopted sheets without changing the
  // DOM (so no drain heals them): a scroll, which is how a reader looks for them, puts them back,
  // checked at most every 500 ms.
  let healedAt = -Infinity;
  if (view)
    teardown.listen(
      view,
      'scroll',
      () => {
        const now = performance.now();
        if (now - healedAt < HEAL_EVERY_MS) return;
        healedAt = now;
        live?.session.heal();
      },
      { capture: true, passive: true },
    );
  // A document in designMode is an editor: the walk reads none of it (text-index.ts). Switching
  // it on or off changes no node, so it is checked wherever the reader's editing shows (a caret
  // placed, input about to happen, the changes it makes), and the page is scanned afresh: from
  // nothing while it is on, in full once it is off.
  let designing = o.doc.designMode === 'on';
  const designSwitched = (): Promise<void> | null => {
    if ((o.doc.designMode === 'on') === designing) return null;
    designing = !designing;
    return startSession();
  };
  for (const type of ['selectionchange', 'beforeinput', 'focusin'])
    teardown.listen(o.doc, type, () => void designSwitched(), { capture: true, passive: true });
  const scanned = startSession();
  let root: Node = o.doc.body ?? o.doc.documentElement ?? o.doc;
  queue = watchMutations(
    root,
    teardown,
    (changes) => {
      url?.check();
      const rescan = designSwitched();
      if (rescan) return rescan;
      live?.session.heal();
      return live?.session.update(changes);
    },
    undefined,
    (touch) => live?.session.withdraw(touch),
  );
  // document.open()/write() replaces the whole tree: the root observed above is then detached and
  // hears nothing. Watching the document's (and its root element's) children catches the swap; the
  // new tree is then observed and scanned from scratch (the old session's ranges are unpainted).
  const watchRoot = (): void => {
    const next: Node = o.doc.body ?? o.doc.documentElement ?? o.doc;
    if (next === root || !next.isConnected) return;
    root = next;
    const html = o.doc.documentElement;
    if (html) rootWatch.observe(html, { childList: true });
    queue?.observe(next);
    void startSession();
  };
  const rootWatch = new MutationObserver(watchRoot);
  rootWatch.observe(o.doc, { childList: true });
  if (o.doc.documentElement) rootWatch.observe(o.doc.documentElement, { childList: true });
  teardown.add(() => rootWatch.disconnect());

  return {
    teardown,
    scanned,
    get count() {
      return live?.session.model.count ?? 0;
    },
    report() {
      const matches = (live?.session.model.all() ?? []).map((r, index) => ({
        entryId: r.entry.id,
        text: r.text.replace(/\s+/g, ' ').trim(),
        index,
      }));
      return { url: o.doc.location?.href ?? '', matches, active: true };
    },
    reveal: (req) => live?.cards.reveal(req) ?? null,
    restyle(underline) {
      settings = { ...settings, underline };
      live?.session.restyle(underline);
    },
    rescan(next) {
      if (next) glossary = next;
      return startSession();
    },
  };
}
