/**
 * What Subtext knows about the page: the decoded phrases of each container (block element or
 * shadow root), so a change inside one paragraph re-matches that paragraph only, and the whole
 * list in document order for the badge, the popup and next/previous.
 */
import type { Entry, Intensity } from '../core/entry';
import type { Container, TextBlock } from './text-index';

/** One decoded phrase on the page. */
export interface MatchRecord {
  block: TextBlock;
  start: number;
  end: number;
  entry: Entry;
  /** The phrase as the page writes it. */
  text: string;
  intensity: Intensity;
  /**
   * A StaticRange (a live Range where there is none), as handed to the painter. Static, because
   * the browser updates every live range of a document on every change of its DOM, a cost the
   * page pays: with 30,000 phrases underlined, a page removing 1,500 paragraphs took 2.2–3.2 s in
   * Chromium and 1.9 s in Firefox with live ranges, 5–9 ms with static ones (throwaway
   * `.tmp/rangeexp.mts`). A static range does not follow the page's edits, so whatever the page
   * changes under one is taken off the page from inside the mutation observer's callback, before
   * the next paint (ScanSession.withdraw), and re-read with the batch. Geometry (the card, hit
   * tests) goes through a live copy made on demand (painter.ts, toLiveRange).
   */
  range: AbstractRange;
}

/** Lifts a node out of shadow trees to the document tree, so positions compare across them. */
function inDocumentTree(node: Node): Node {
  let n = node;
  for (let root = n.getRootNode(); root.nodeType === 11; root = n.getRootNode()) {
    const host = (root as ShadowRoot).host;
    if (!host) break;
    n = host;
  }
  return n;
}

/** Document order of two records, shadow-tree content ordered at its host's place. */
export function compareRecords(a: MatchRecord, b: MatchRecord): number {
  if (a.block === b.block) return a.start - b.start;
  const na = a.block.nodes[0]!;
  const nb = b.block.nodes[0]!;
  let pos = na.compareDocumentPosition(nb);
  if (pos & Node.DOCUMENT_POSITION_DISCONNECTED)
    pos = inDocumentTree(na).compareDocumentPosition(inDocumentTree(nb));
  if (pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
  if (pos & Node.DOCUMENT_POSITION_PRECEDING) return 1;
  return 0;
}

export class PageModel {
  private readonly byContainer = new Map<Container, MatchRecord[]>();
  private sorted: MatchRecord[] | null = null;
  private total = 0;

  get count(): number {
    return this.total;
  }

  containers(): IterableIterator<Container> {
    return this.byContainer.keys();
  }

  /** Sets a container's records, returning the ones they replace. */
  set(container: Container, records: MatchRecord[]): MatchRecord[] {
    const old = this.take(container);
    if (records.length) {
      this.byContainer.set(container, records);
      this.total += records.length;
      this.sorted = null;
    }
    return old;
  }

  /** A container's records (the model's own list: do not change it). */
  records(container: Container): readonly MatchRecord[] {
    return this.byContainer.get(container) ?? [];
  }

  /** Removes and returns a container's records. */
  take(container: Container): MatchRecord[] {
    const old = this.byContainer.get(container);
    if (!old) return [];
    this.byContainer.delete(container);
    this.total -= old.length;
    this.sorted = null;
    return old;
  }

  /** Removes one record (the reader said "not a euphemism here"). */
  remove(record: MatchRecord): boolean {
    const list = this.byContainer.get(record.block.container);
    const i = list?.indexOf(record) ?? -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    if (!list.length) this.byContainer.delete(record.block.container);
    this.total -= 1;
    this.sorted = null;
    return true;
  }

  /** Whether `record` is still one of the page's phrases (a look at its container only). */
  has(record: MatchRecord): boolean {
    return this.byContainer.get(record.block.container)?.includes(record) ?? false;
  }

  /**
   * Every record, in no particular order: for work that needs no order (the hit index), so a
   * pass on a page of thousands of phrases does not sort them all by document position.
   */
  *unordered(): IterableIterator<MatchRecord> {
    for (const list of this.byContainer.values()) yield* list;
  }

  /**
   * Every record in document order, sorted on demand once per change (the card's "n of m",
   * next/previous, the popup): never on a pass, where sorting thousands of phrases by document
   * position is a long task.
   */
  all(): readonly MatchRecord[] {
    if (!this.sorted) {
      this.sorted = [];
      for (const list of this.byContainer.values()) for (const r of list) this.sorted.push(r);
      this.sorted.sort(compareRecords);
    }
    return this.sorted;
  }

  /** Removes and returns everything. */
  clear(): MatchRecord[] {
    const out: MatchRecord[] = [];
    for (const list of this.byContainer.values()) out.push(...list);
    this.byContainer.clear();
    this.total = 0;
    this.sorted = null;
    return out;
  }
}
