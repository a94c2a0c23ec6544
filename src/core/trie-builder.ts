/**
 * Building the token trie (src/core/trie.ts): inserting expanded patterns, recording what ends
 * where, and packing the result for `storage.local`. Only compilers need this (the background, the
 * extension pages, the CLI, the benchmark); a content script restores a packed trie and never
 * builds one, so this code stays out of the bundle that is parsed on every page.
 */
import type { Step } from './expand';
import {
  AMBIGUOUS,
  EMPTY,
  HAS_EXACT,
  HAS_GAPS,
  HAS_JOINERS,
  HEADER,
  LIST_JOINERS,
  MAX_NODES,
  NONE,
  ROOT,
  slot,
  Trie,
  type PackedTrie,
} from './trie';

declare function btoa(s: string): string;

export class TrieBuilder extends Trie {
  /**
   * Bytes held by the trie's columns and edge table (typed arrays live outside the JS heap proper,
   * so heap figures must add this; the benchmark reads the page's array-buffer bytes as well).
   */
  get bytes(): number {
    return [
      this.flags,
      this.gapMax,
      this.outHead,
      this.ctxHead,
      this.outEntry,
      this.outPattern,
      this.outNext,
      this.ctxId,
      this.ctxNext,
      this.edgeNode,
      this.edgeKey,
      this.edgeChild,
    ].reduce((n, a) => n + a.byteLength, 0);
  }

  /** Insert one expanded sequence and return its final node. */
  insert(steps: readonly Step[]): number {
    let node = ROOT;
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

  /**
   * Record that pattern `pattern` of entry `entry` ends at `node`. Entries are inserted in
   * glossary order, so a repeat (two expansions of one pattern that meet) is always the latest.
   */
  addOutput(node: number, entry: number, pattern: number): void {
    const head = this.outHead[node]!;
    if (head !== NONE && this.outEntry[head] === entry && this.outPattern[head] === pattern) return;
    const o = this.outCount++;
    if (o === this.outEntry.length) {
      this.outEntry = grown(this.outEntry);
      this.outPattern = grown(this.outPattern);
      this.outNext = grown(this.outNext);
    }
    this.outEntry[o] = entry;
    this.outPattern[o] = pattern;
    this.outNext[o] = head;
    this.outHead[node] = o;
  }

  /** Record that context pattern `id` ends at `node`. */
  addContext(node: number, id: number): void {
    const c = this.ctxCount++;
    if (c === this.ctxId.length) {
      this.ctxId = grown(this.ctxId);
      this.ctxNext = grown(this.ctxNext);
    }
    this.ctxId[c] = id;
    this.ctxNext[c] = this.ctxHead[node]!;
    this.ctxHead[node] = c;
  }

  private create(ambiguous: boolean, gapMax: number): number {
    const id = this.nodeCount;
    if (id >= MAX_NODES)
      throw new RangeError(`glossary too large: more than ${MAX_NODES} trie nodes`);
    if (id === this.flags.length) {
      this.flags = grown(this.flags);
      this.gapMax = grown(this.gapMax);
      this.outHead = grown(this.outHead, NONE);
      this.ctxHead = grown(this.ctxHead, NONE);
    }
    this.nodeCount++;
    this.flags[id] = ambiguous ? AMBIGUOUS : 0;
    this.gapMax[id] = gapMax;
    return id;
  }

  private wordChild(node: number, key: string): number {
    let k = this.keyIds.get(key);
    if (k === undefined) {
      k = this.keyIds.size;
      this.keyIds.set(key, k);
      this.exactIds = null;
      if (LIST_JOINERS.has(key)) this.joinerKeys.add(k);
    }
    const existing = this.child(node, k);
    if (existing !== NONE) return existing;
    const joiner = this.joinerKeys.has(k);
    const child = this.create(this.isAmbiguous(node) || joiner, 0);
    this.setEdge(node, k, child);
    if (key.startsWith('=')) this.flags[node] = this.flags[node]! | HAS_EXACT;
    if (joiner) {
      this.flags[node] = this.flags[node]! | HAS_JOINERS;
      push(this.joinerLists, node, child);
    }
    return child;
  }

  private gapChild(node: number, max: number): number {
    const existing = this.gaps(node)?.find((g) => this.gapMax[g] === max);
    if (existing !== undefined) return existing;
    const child = this.create(true, max);
    this.flags[node] = this.flags[node]! | HAS_GAPS;
    push(this.gapLists, node, child);
    return child;
  }

  private setEdge(node: number, key: number, child: number): void {
    if ((this.edgeCount + 1) * 2 > this.edgeNode.length) this.grow();
    const mask = this.edgeNode.length - 1;
    let at = slot(node, key) & mask;
    while (this.edgeNode[at] !== EMPTY) at = (at + 1) & mask;
    this.edgeNode[at] = node;
    this.edgeKey[at] = key;
    this.edgeChild[at] = child;
    this.edgeCount++;
  }

  private grow(): void {
    const { edgeNode, edgeKey, edgeChild } = this;
    const size = edgeNode.length * 2;
    this.edgeNode = new Int32Array(size).fill(EMPTY);
    this.edgeKey = new Int32Array(size);
    this.edgeChild = new Int32Array(size);
    this.edgeCount = 0;
    for (let at = 0; at < edgeNode.length; at++)
      if (edgeNode[at] !== EMPTY) this.setEdge(edgeNode[at]!, edgeKey[at]!, edgeChild[at]!);
  }

  /**
   * The trie as JSON data, for `storage.local`: its columns as they are, the occupied slots of its
   * edge table (slot, node, key, child: the table is at most half full, so this is less than half
   * its size), in one base64 string, and its keys. {@link Trie.unpackInSteps} then costs a base64
   * decode, a few views and one loop that puts each edge back in its slot, with no hashing: in a
   * page that runs our code cold, that is the difference between a few milliseconds and tens.
   */
  pack(): PackedTrie {
    const n = this.nodeCount;
    const table = this.edgeNode.length;
    const edges = this.edgeCount;
    const header = [n, table, edges, this.outCount, this.ctxCount, this.maxSpan, this.keyIds.size]; // prettier-ignore
    // Node bytes (flags, then gap sizes) come last, padded to whole 32-bit words.
    const byteWords = Math.ceil((n * 2) / 4);
    const words = HEADER + n * 2 + edges * 4 + this.outCount * 3 + this.ctxCount * 2 + byteWords;
    const ints = new Int32Array(words);
    let at = 0;
    const put = (values: ArrayLike<number>): void => {
      ints.set(values, at);
      at += values.length;
    };
    put(header);
    put(this.outHead.subarray(0, n));
    put(this.ctxHead.subarray(0, n));
    for (let slot = 0, e = 0; slot < table; slot++) {
      if (this.edgeNode[slot] === EMPTY) continue;
      ints[at + e] = slot;
      ints[at + edges + e] = this.edgeNode[slot]!;
      ints[at + edges * 2 + e] = this.edgeKey[slot]!;
      ints[at + edges * 3 + e] = this.edgeChild[slot]!;
      e++;
    }
    at += edges * 4;
    put(this.outEntry.subarray(0, this.outCount));
    put(this.outPattern.subarray(0, this.outCount));
    put(this.outNext.subarray(0, this.outCount));
    put(this.ctxId.subarray(0, this.ctxCount));
    put(this.ctxNext.subarray(0, this.ctxCount));
    const bytes = new Uint8Array(ints.buffer, at * 4, n * 2);
    bytes.set(this.flags.subarray(0, n));
    bytes.set(this.gapMax.subarray(0, n), n);
    const lists = (m: Map<number, number[]>) =>
      [...m].flatMap(([node, children]) => [node, children.length, ...children]);
    return {
      keys: [...this.keyIds.keys()],
      data: toBase64(new Uint8Array(ints.buffer)),
      gaps: lists(this.gapLists),
      joiners: lists(this.joinerLists),
    };
  }
}

/** A copy of `a` with twice the room; new slots hold `fill`. */
function grown<T extends Int32Array | Uint8Array>(a: T, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

function push(lists: Map<number, number[]>, node: number, child: number): void {
  const list = lists.get(node);
  if (list === undefined) lists.set(node, [child]);
  else list.push(child);
}

/** Base64 of `bytes`: the native encoder where there is one (2025 browsers), else btoa. */
function toBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary);
}
