/**
 * One pass of the token trie over a tokenized text. Every token starts a new state at the root and
 * advances every live state by one hash lookup (two when exact forms exist), so the cost follows the
 * number of live states, not the number of entries. Every path that reaches a pattern's end is
 * reported; choosing among overlapping ones is src/core/resolve.ts's job.
 */
import type { Token } from './tokenize';
import { NONE, ROOT, type Trie } from './trie';

/** Where patterns ended: entry hits as candidates, context hits per context pattern id. */
export interface ScanResult {
  /** Parallel arrays: candidate `k` spans tokens `candStart[k]..candEnd[k]` and ends at node `candNode[k]`. */
  candStart: number[];
  candEnd: number[];
  candNode: number[];
  /**
   * Where context patterns ended, in order of end: parallel arrays like the candidates. Only
   * recorded here; {@link indexContextHits} groups them by pattern when a candidate needs them.
   */
  ctxStart: number[];
  ctxEnd: number[];
  ctxNode: number[];
}

/**
 * Live states, as parallel columns; `size` of them in use. Clearing only resets `size` (setting an
 * array's length is a slow path of the engine, and this runs once or twice per word).
 */
class StateSet {
  nodes: number[] = [];
  skipped: number[] = [];
  starts: number[] = [];
  size = 0;
  push(node: number, skipped: number, start: number): void {
    const k = this.size++;
    this.nodes[k] = node;
    this.skipped[k] = skipped;
    this.starts[k] = start;
  }
}

/** Not yet looked up (the exact-form key of a token is only looked up when a state needs it). */
const UNKNOWN = -2;

/**
 * Run `trie` over `tokens`. `maxSpan` bounds how many tokens one match covers, which keeps the
 * de-duplication key of states after a gap small.
 */
export function scanTokens(trie: Trie, tokens: readonly Token[], maxSpan: number): ScanResult {
  const result: ScanResult = {
    candStart: [],
    candEnd: [],
    candNode: [],
    ctxStart: [],
    ctxEnd: [],
    ctxNode: [],
  };
  let current = new StateSet();
  let next = new StateSet();
  // States after a gap or an `and` can be reached along several paths: keep one per (node, start),
  // with the fewest words skipped, since that one can do everything the others can.
  const seen = new Map<number, number>();
  const span = maxSpan + 1;
  let sentence = -1;
  let i = 0;
  if (tokens.length === 0) return result;
  let token: Token = tokens[0]!;
  // The current token's key id (one string lookup per token; every state then compares integers)
  // and, looked up on demand, the key id of its exact form.
  let key = NONE;
  let exactKey = UNKNOWN;

  const add = (node: number, skipped: number, start: number): void => {
    if (trie.isAmbiguous(node)) {
      const k = node * span + (i - start);
      const at = seen.get(k);
      if (at !== undefined) {
        if (skipped < next.skipped[at]!) next.skipped[at] = skipped;
        return;
      }
      seen.set(k, next.size);
    }
    next.push(node, skipped, start);
  };

  const reached = (node: number, start: number): void => {
    add(node, 0, start);
    if (trie.hasOutputs(node)) {
      result.candStart.push(start);
      result.candEnd.push(i);
      result.candNode.push(node);
    }
    if (trie.hasContexts(node)) {
      result.ctxStart.push(start);
      result.ctxEnd.push(i);
      result.ctxNode.push(node);
    }
  };

  // Advance one state by the current token, following the epsilon moves first: entering a gap
  // (zero words skipped so far) and, before a comma, skipping an `and`/`or` of the pattern.
  const step = (node: number, skipped: number, start: number): void => {
    if (key !== NONE) {
      const child = trie.child(node, key);
      if (child !== NONE) reached(child, start);
    }
    if (trie.hasExact(node)) {
      if (exactKey === UNKNOWN) exactKey = trie.exactKeyId(token.surface);
      if (exactKey !== NONE) {
        const exact = trie.child(node, exactKey);
        if (exact !== NONE) reached(exact, start);
      }
    }
    if (skipped < trie.gapMax[node]!) add(node, skipped + 1, start);
    const gaps = trie.gaps(node);
    if (gaps !== null) for (const gap of gaps) step(gap, 0, start);
    if (token.commaBefore && node !== ROOT) {
      const joiners = trie.joiners(node);
      if (joiners !== null) for (const joiner of joiners) step(joiner, 0, start);
    }
  };

  for (; i < tokens.length; i++) {
    token = tokens[i]!;
    key = trie.keyId(token.key);
    exactKey = UNKNOWN;
    if (token.sentence !== sentence) {
      sentence = token.sentence;
      current.size = 0;
    }
    current.push(ROOT, 0, i);
    if (seen.size > 0) seen.clear();
    for (let s = 0; s < current.size; s++)
      step(current.nodes[s]!, current.skipped[s]!, current.starts[s]!);
    // A plain swap: destructuring (`[a, b] = [b, a]`) runs the iterator protocol in cold code.
    const done = current;
    current = next;
    next = done;
    next.size = 0;
  }
  return result;
}

/** Context pattern id → flat [start, end, start, end, …] token spans, in order of end. */
export function indexContextHits(trie: Trie, scan: ScanResult): Map<number, number[]> {
  const byId = new Map<number, number[]>();
  for (let k = 0; k < scan.ctxNode.length; k++) {
    trie.forEachContext(scan.ctxNode[k]!, (id) => {
      let hits = byId.get(id);
      if (hits === undefined) byId.set(id, (hits = []));
      hits.push(scan.ctxStart[k]!, scan.ctxEnd[k]!);
    });
  }
  return byId;
}
