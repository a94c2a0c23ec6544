/**
 * The token trie every pattern of a glossary compiles into. Word steps are edges keyed by lemma key
 * (or `=surface` for exact words); a gap `*N` is a child "gap node" that may swallow up to N
 * words before its own edges continue. Entry patterns and context patterns share the trie and are
 * told apart by what a node outputs.
 *
 * The trie is stored as columns of small integers rather than one object per node: a node is an
 * index, a word key is an index into {@link Trie.keyIds}, and every edge of every node lives in one
 * open-addressing hash table keyed by (node, key). A 30,000-entry glossary (about 100,000 nodes)
 * then costs a few megabytes instead of tens, and compiling it allocates almost nothing the garbage
 * collector has to copy: that, not the lookups, was what made compiling large glossaries slow.
 * The columns are typed arrays: their memory is one block each, which the collector never scans.
 */

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

/** The root node. */
export const ROOT = 0;
/** "No node" / "no list entry". */
export const NONE = -1;

/**
 * Node flags. AMBIGUOUS: the path to this node crosses a gap or an `and`/`or` (which a comma may
 * replace), so one start can reach it along several paths and the matcher de-duplicates its
 * states. HAS_EXACT: some edge is keyed by an exact form, so the matcher also looks up
 * `=surface`. HAS_GAPS / HAS_JOINERS: the node has gap children / `and`/`or` children.
 */
export const AMBIGUOUS = 1;
export const HAS_EXACT = 2;
export const HAS_GAPS = 4;
export const HAS_JOINERS = 8;

export const EMPTY = -1;
/** Restoring yields after every 4,096 edges or keys (a mask: one less than that). */
const STEP_EDGES = 4_095;
/** 32-bit words before the columns in a packed trie. */
export const HEADER = 7;

/** A {@link Trie} as JSON data (see `TrieBuilder.pack` in trie-builder.ts). */
export interface PackedTrie {
  keys: string[];
  /** Base64 of the columns and the edge table, as 32-bit integers. */
  data: string;
  /** Gap children and `and`/`or` children: node, count, children… runs. */
  gaps: number[];
  joiners: number[];
}

export class Trie {
  /** Word key (lemma key or `=surface`) → key id. Edges are keyed by these ids. */
  readonly keyIds = new Map<string, number>();
  /** Longest span in tokens any inserted sequence can cover (words + largest gaps). */
  maxSpan = 0;
  /** Number of nodes, the root included. */
  nodeCount = 1;

  // One entry per node (capacity doubles as nodes are added).
  protected flags = new Uint8Array(256);
  /** For a gap node, the most words it may skip; 0 for a word node. */
  gapMax = new Uint8Array(256);
  /** First entry pattern ending here (index into the `out*` columns), or {@link NONE}. */
  protected outHead = new Int32Array(256).fill(NONE);
  /** First context pattern ending here (index into the `ctx*` columns), or {@link NONE}. */
  protected ctxHead = new Int32Array(256).fill(NONE);

  // Linked lists of what ends at a node: parallel columns, `outCount` / `ctxCount` in use.
  protected outEntry = new Int32Array(256);
  protected outPattern = new Int32Array(256);
  protected outNext = new Int32Array(256);
  protected outCount = 0;
  protected ctxId = new Int32Array(64);
  protected ctxNext = new Int32Array(64);
  protected ctxCount = 0;

  // Rare children: gap nodes (one per gap size) and children reached by `and`/`or`.
  protected readonly gapLists = new Map<number, number[]>();
  protected readonly joinerLists = new Map<number, number[]>();
  protected readonly joinerKeys = new Set<number>();

  // Every word edge, in one open-addressing table with linear probing, load ≤ 1/2.
  protected edgeNode = new Int32Array(1024).fill(EMPTY);
  protected edgeKey = new Int32Array(1024);
  protected edgeChild = new Int32Array(1024);
  protected edgeCount = 0;

  /**
   * The trie `TrieBuilder.pack` stored, a step at a time: the base64 block is decoded in chunks of
   * 16,384 characters (12 KB), one per step, and edges and keys are put back 4,096 per step, so a
   * page can restore a large trie without one long task. Throws `RangeError` on data that is not
   * one (truncated, not base64, sizes that do not add up, lists that point outside the trie, edges
   * in one slot or outside the table). The rest is the background's own data, checked against the
   * entries by the caller.
   */
  static *unpackInSteps(p: PackedTrie): Generator<void, Trie, void> {
    const bad = (): never => {
      throw new RangeError('not a stored trie');
    };
    if (!Array.isArray(p.keys) || typeof p.data !== 'string') bad();
    if (!Array.isArray(p.gaps) || !Array.isArray(p.joiners)) bad();
    const bytes = yield* decodeInSteps(p.data);
    if (bytes === null || bytes.length % 4 !== 0 || bytes.length < HEADER * 4) return bad();
    const ints = new Int32Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length / 4);
    const [n, table, edgeCount, outCount, ctxCount, maxSpan, keyCount] = ints as unknown as number[]; // prettier-ignore
    if (
      !(n! >= 1 && n! <= MAX_NODES) ||
      !(table! >= 1024 && (table! & (table! - 1)) === 0 && edgeCount! * 2 <= table!) ||
      !(outCount! >= 0 && ctxCount! >= 0 && maxSpan! >= 0) ||
      keyCount !== p.keys.length ||
      ints.length !==
        HEADER + n! * 2 + edgeCount! * 4 + outCount! * 3 + ctxCount! * 2 + Math.ceil((n! * 2) / 4)
    )
      bad();
    let at = HEADER;
    // Views into the decoded block, not copies: nothing else holds it, and a column that must
    // grow is copied into a larger array anyway (see grown).
    const take = (count: number) => ints.subarray(at, (at += count)) as Int32Array<ArrayBuffer>;
    const atLeastOne = (count: number) => (count > 0 ? take(count) : new Int32Array(1));
    const t = new Trie();
    t.nodeCount = n!;
    t.maxSpan = maxSpan!;
    t.outHead = take(n!);
    t.ctxHead = take(n!);
    t.edgeNode = new Int32Array(table!).fill(EMPTY);
    t.edgeKey = new Int32Array(table!);
    t.edgeChild = new Int32Array(table!);
    const slots = take(edgeCount!);
    const nodes = take(edgeCount!);
    const keys = take(edgeCount!);
    const children = take(edgeCount!);
    const mask = table! - 1;
    for (let e = 0; e < edgeCount!; e++) {
      if ((e & STEP_EDGES) === STEP_EDGES) yield;
      const at = slots[e]!;
      // A slot outside the table, or taken twice, is damage: lookups would go wrong.
      if (at !== (at & mask) || t.edgeNode[at] !== EMPTY) bad();
      t.edgeNode[at] = nodes[e]!;
      t.edgeKey[at] = keys[e]!;
      t.edgeChild[at] = children[e]!;
    }
    t.edgeCount = edgeCount!;
    t.outCount = outCount!;
    t.outEntry = atLeastOne(outCount!);
    t.outPattern = atLeastOne(outCount!);
    t.outNext = atLeastOne(outCount!);
    t.ctxCount = ctxCount!;
    t.ctxId = atLeastOne(ctxCount!);
    t.ctxNext = atLeastOne(ctxCount!);
    t.flags = bytes.subarray(at * 4, at * 4 + n!) as Uint8Array<ArrayBuffer>;
    t.gapMax = bytes.subarray(at * 4 + n!, at * 4 + n! * 2) as Uint8Array<ArrayBuffer>;
    for (let k = 0; k < p.keys.length; k++) {
      if ((k & STEP_EDGES) === STEP_EDGES) yield;
      const key = p.keys[k]!;
      t.keyIds.set(key, k);
      if (LIST_JOINERS.has(key)) t.joinerKeys.add(k);
    }
    const readLists = (flat: number[], into: Map<number, number[]>) => {
      for (let i = 0; i < flat.length;) {
        const node = flat[i]!;
        const count = flat[i + 1]!;
        const children = flat.slice(i + 2, i + 2 + count);
        if (!(node >= 0 && node < n!) || children.some((c) => !(c > 0 && c < n!))) bad();
        into.set(node, children);
        i += 2 + count;
      }
    };
    readLists(p.gaps, t.gapLists);
    readLists(p.joiners, t.joinerLists);
    return t;
  }

  /** Normalized word → key id of its exact form (`=word`); built from keyIds on first use. */
  protected exactIds: Map<string, number> | null = null;

  // ---- Reading (the matcher) -------------------------------------------------------------------

  /** The key id of a word key, or {@link NONE} when no pattern uses it. */
  keyId(key: string): number {
    return this.keyIds.get(key) ?? NONE;
  }

  /**
   * The key id of the exact form of normalized word `surface` (the key `=surface`), or
   * {@link NONE}. The matcher asks for every word at the root: this spares it building the
   * `=surface` string (and hashing it anew) each time.
   */
  exactKeyId(surface: string): number {
    let ids = this.exactIds;
    if (ids === null) {
      ids = new Map();
      for (const [key, id] of this.keyIds)
        if (key.charCodeAt(0) === 0x3d) ids.set(key.slice(1), id);
      this.exactIds = ids;
    }
    return ids.get(surface) ?? NONE;
  }

  /** The child of `node` along the edge with key id `key`, or {@link NONE}. */
  child(node: number, key: number): number {
    const mask = this.edgeNode.length - 1;
    for (let at = slot(node, key) & mask; ; at = (at + 1) & mask) {
      const n = this.edgeNode[at]!;
      if (n === EMPTY) return NONE;
      if (n === node && this.edgeKey[at] === key) return this.edgeChild[at]!;
    }
  }

  isAmbiguous(node: number): boolean {
    return (this.flags[node]! & AMBIGUOUS) !== 0;
  }

  hasExact(node: number): boolean {
    return (this.flags[node]! & HAS_EXACT) !== 0;
  }

  /** The gap children of `node`, or null. */
  gaps(node: number): readonly number[] | null {
    return (this.flags[node]! & HAS_GAPS) === 0 ? null : this.gapLists.get(node)!;
  }

  /** The children of `node` reached by `and`/`or`, or null. */
  joiners(node: number): readonly number[] | null {
    return (this.flags[node]! & HAS_JOINERS) === 0 ? null : this.joinerLists.get(node)!;
  }

  hasOutputs(node: number): boolean {
    return this.outHead[node] !== NONE;
  }

  hasContexts(node: number): boolean {
    return this.ctxHead[node] !== NONE;
  }

  /** Append the entry patterns that end at `node` to `into`. */
  outputsOf(node: number, into: EntryOutput[]): void {
    for (let o = this.outHead[node]!; o !== NONE; o = this.outNext[o]!)
      into.push({ entry: this.outEntry[o]!, pattern: this.outPattern[o]! });
  }

  /** Call `f` with each context pattern id that ends at `node`. */
  forEachContext(node: number, f: (id: number) => void): void {
    for (let c = this.ctxHead[node]!; c !== NONE; c = this.ctxNext[c]!) f(this.ctxId[c]!);
  }
}

/** Hash of an edge (node, key) before masking: two multiplicative mixes, then a final shift. */
export function slot(node: number, key: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(key + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  return h >>> 0;
}

type Base64Native = {
  fromBase64?: (s: string) => Uint8Array;
};
declare function atob(s: string): string;

/** Base64 characters decoded per step (a multiple of 4): 12 KB of bytes. */
const DECODE_CHUNK = 16_384;

/** The bytes of a base64 string, decoded a chunk per step; null when it is not base64. */
function* decodeInSteps(text: string): Generator<void, Uint8Array | null, void> {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += DECODE_CHUNK) {
    const bytes = fromBase64(text.slice(i, i + DECODE_CHUNK));
    if (bytes === null || at + bytes.length > out.length) return null;
    out.set(bytes, at);
    at += bytes.length;
    if (i + DECODE_CHUNK < text.length) yield;
  }
  return at === out.length ? out : null;
}

/** The bytes of a base64 string, or null when it is not base64. */
function fromBase64(text: string): Uint8Array | null {
  try {
    const native = (Uint8Array as unknown as Base64Native).fromBase64;
    if (typeof native === 'function') return native(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
