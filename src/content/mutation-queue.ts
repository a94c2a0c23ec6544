/**
 * Watches a live page. The MutationObserver callback records which nodes changed and tells
 * `onTouch` at once (the scan session takes off underlines the change moved, before the next
 * paint); it never reads layout or touches the DOM (uBlock's rule). A drain in the next animation
 * frame hands the batch to the scan session. A page that keeps changing is drained less and less often
 * (exponential back-off up to 1 s), so it stays responsive however fast it mutates. Subtext's own
 * nodes (the card's host, `<subtext-mark>`: src/content/own-nodes.ts) never cause work.
 */
import type { ChangeSet } from './scan-session';
import { isOwnNode as isOurs } from './own-nodes';
import { Backoff, whenIdle } from './scheduler';
import type { Teardown } from './teardown';

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // Not `style`: a page animating inline styles writes it on thousands of elements a frame, and
  // each write would be a record. Text an inline style hides is watched until shown instead
  // (src/content/reveal-watch.ts).
  attributeFilter: ['hidden', 'contenteditable', 'role'],
};

export interface MutationQueue {
  /** Also watches an open shadow root (document observers do not see inside them). */
  observe(root: Node): void;
  /** Drops records queued but not yet delivered: call right after Subtext changed the DOM itself. */
  discardPending(): void;
}

function emptyChanges(): ChangeSet {
  return { own: new Set(), subtrees: new Set(), hadRemovals: false };
}

/** What one observer callback saw the page change (Subtext's own nodes left out). */
export interface Touch {
  /** Nodes whose text changed. */
  edited: Node[];
  /** Nodes whose children changed. */
  parents: Node[];
  /** Nodes removed (some may be back in the page by now). */
  removed: Node[];
  /** Nodes added (perhaps put back after edits no observer heard). */
  added: Node[];
}

/**
 * Told synchronously, inside the observer's callback (so before the browser paints again). Ranges
 * are static (page-model.ts): what the page's change moved must come off the page at once.
 */
export type OnTouch = (touch: Touch) => void;

const noTouch = (): Touch => ({ edited: [], parents: [], removed: [], added: [] });

/**
 * Starts observing `root`. `onDrain` receives each batch (and may return a promise: the next
 * drain waits for it); `onTouch` hears of each callback's changes at once (see OnTouch).
 */
export function watchMutations(
  root: Node,
  teardown: Teardown,
  onDrain: (changes: ChangeSet) => Promise<void> | void,
  backoff = new Backoff(),
  onTouch?: OnTouch,
): MutationQueue {
  let pending = emptyChanges();
  let scheduled = false;
  let running: Promise<void> = Promise.resolve();
  const observed = new WeakSet<Node>();

  const drain = (): void => {
    scheduled = false;
    const batch = pending;
    pending = emptyChanges();
    if (!batch.own.size && !batch.subtrees.size && !batch.hadRemovals) return;
    backoff.ran(performance.now());
    running = running
      .then(() => onDrain(batch))
      .catch((err: unknown) => {
        console.warn('Subtext: could not update after a page change', err);
      });
  };

  const schedule = (): void => {
    if (scheduled || teardown.isDisposed) return;
    scheduled = true;
    const delay = backoff.next(performance.now());
    if (delay === 0) whenIdle(drain, teardown.signal);
    else teardown.timeout(() => whenIdle(drain, teardown.signal), delay);
  };

  /** This callback's changes, for onTouch. */
  let touch = noTouch();
  const record = (r: MutationRecord): boolean => {
    if (r.type === 'characterData') {
      pending.own.add(r.target);
      touch.edited.push(r.target);
      return true;
    }
    if (r.type === 'attributes') {
      if (isOurs(r.target)) return false;
      pending.subtrees.add(r.target);
      return true;
    }
    let relevant = false;
    for (const n of r.addedNodes)
      if (!isOurs(n)) {
        relevant = true;
        if (n.nodeType === 1) pending.subtrees.add(n);
        touch.added.push(n);
      }
    for (const n of r.removedNodes)
      if (!isOurs(n)) {
        relevant = true;
        pending.hadRemovals = true;
        touch.removed.push(n);
      }
    if (relevant && !isOurs(r.target)) {
      pending.own.add(r.target);
      touch.parents.push(r.target);
    }
    return relevant;
  };

  const observer = new MutationObserver((records) => {
    let any = false;
    for (const r of records) if (record(r)) any = true;
    const seen = touch;
    touch = noTouch();
    if (!any) return;
    schedule();
    if (onTouch && !teardown.isDisposed) onTouch(seen);
  });
  observer.observe(root, OPTIONS);
  observed.add(root);
  teardown.add(() => observer.disconnect());

  return {
    observe(node) {
      if (observed.has(node) || teardown.isDisposed) return;
      observed.add(node);
      observer.observe(node, OPTIONS);
    },
    discardPending: () => void observer.takeRecords(),
  };
}
