/**
 * The token trie every pattern of a glossary compiles into. Word steps are edges keyed by lemma key
 * (or `=surface` for exact words); a gap `*N` is a child "gap node" that may swallow up to N
 * words before its own edges continue. Entry patterns and context patterns share the trie and are
 * told apart by what a node outputs.
 */
import type { Step } from './expand';

/** A pattern of an entry that ends at a node. */
export interface EntryOutput {
  /** Index of the entry in glossary order. */
  entry: number;
  /** Index of the pattern in `entry.patterns`. */
  pattern: number;
}

/** Above this many nodes compiling stops: a glossary that large is a mistake or an attack. */
export const MAX_NODES = 3_000_000;

/** The keys of words a comma in the text may stand for ("frank, constructive talks"). */
export const LIST_JOINERS: ReadonlySet<string> = new Set(['and', 'or']);

export class TrieNode {
  /**
   * Word edges: lemma key or `=surface` → child. Most nodes deep in a trie have one child, so the
   * first edge lives in `key1`/`child1` and a Map is only made for a second one: that halves
   * compile time and memory for large glossaries.
   */
  key1: string | null = null;
  child1: TrieNode | null = null;
  next: Map<string, TrieNode> | null = null;
  /** Children that are gap nodes, one per gap size. */
  gaps: TrieNode[] | null = null;
  /** For a gap node, the most words it may skip; 0 for a word node. */
  gapMax = 0;
  /** Children reached by `and`/`or`: a comma in the text may take their place. */
  joiners: TrieNode[] | null = null;
  /** Entry patterns ending here, sorted by entry then pattern. */
  outputs: EntryOutput[] | null = null;
  /** Context patterns ending here (ids into the glossary's context pattern list). */
  contexts: number[] | null = null;
  /** True when some edge is keyed by an exact form, so the matcher also looks up `=surface`. */
  hasExact = false;
  /**
   * True when the path to this node crosses a gap or an `and`/`or` (which a comma may replace):
   * then one start can reach it along several paths, and the matcher de-duplicates its states.
   */
  ambiguous: boolean;

  constructor(
    readonly id: number,
    ambiguous: boolean,
  ) {
    this.ambiguous = ambiguous;
  }
}

/** The child of `node` along the edge `key`, if any: the matcher's one lookup per state. */
export function childOf(node: TrieNode, key: string): TrieNode | undefined {
  if (node.key1 === key) return node.child1!;
  return node.next === null ? undefined : node.next.get(key);
}

/** Builds the trie; counts nodes so the caller can refuse a glossary that grows too large. */
export class TrieBuilder {
  readonly root = new TrieNode(0, false);
  nodeCount = 1;
  /** Longest span in tokens any inserted sequence can cover (words + largest gaps). */
  maxSpan = 0;

  /** Insert one expanded sequence and return its final node. */
  insert(steps: readonly Step[]): TrieNode {
    let node = this.root;
    let span = 0;
    for (const step of steps) {
      if (step.kind === 'gap') {
        node = this.gapChild(node, step.max);
        span += step.max;
      } else {
        node = this.wordChild(node, step.key);
        span += 1;
      }
    }
    if (span > this.maxSpan) this.maxSpan = span;
    return node;
  }

  private create(ambiguous: boolean): TrieNode {
    if (this.nodeCount >= MAX_NODES)
      throw new RangeError(`glossary too large: more than ${MAX_NODES} trie nodes`);
    return new TrieNode(this.nodeCount++, ambiguous);
  }

  private wordChild(node: TrieNode, key: string): TrieNode {
    const existing = childOf(node, key);
    if (existing !== undefined) return existing;
    const child = this.create(node.ambiguous || LIST_JOINERS.has(key));
    if (node.key1 === null) {
      node.key1 = key;
      node.child1 = child;
    } else (node.next ??= new Map()).set(key, child);
    if (key.startsWith('=')) node.hasExact = true;
    if (LIST_JOINERS.has(key)) (node.joiners ??= []).push(child);
    return child;
  }

  private gapChild(node: TrieNode, max: number): TrieNode {
    node.gaps ??= [];
    let child = node.gaps.find((g) => g.gapMax === max);
    if (child === undefined) {
      child = this.create(true);
      child.gapMax = max;
      node.gaps.push(child);
    }
    return child;
  }
}
