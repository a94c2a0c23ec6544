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
   * A live Range, as handed to the painter. Live, not static: when the page removes or edits text
   * before Subtext's next pass, the browser moves the boundaries, so `CSS.highlights` never holds
   * a range into a detached node (which breaks anyone comparing ranges, and paints stale text).
   * Pages hold tens to hundreds of matches: the cost of live ranges is small at that size.
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
