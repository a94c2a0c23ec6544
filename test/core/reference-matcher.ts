/**
 * A naive reference matcher for property tests: it expands every pattern into all its concrete
 * element sequences (its own expansion, from the parser's AST), tries each one at every token
 * with plain recursion, checks context rules by brute force and picks matches by sorting. Slow and
 * obviously right; the real matcher must return exactly the same matches.
 *
 * It shares only the tokenizer and the parser with the engine (both tested on their own).
 */
import type { ContextRule, Entry, Match } from '../../src/core/entry';
import { parsePattern, type PatternNode } from '../../src/core/pattern';
import { tokenize, type Token } from '../../src/core/tokenize';

type Element = { word: string } | { gap: number };

function expandNodes(nodes: readonly PatternNode[]): Element[][] {
  let acc: Element[][] = [[]];
  for (const node of nodes) {
    let options: Element[][];
    if (node.type === 'word') options = [node.words.map((w) => ({ word: w.key }))];
    else if (node.type === 'gap') options = [[{ gap: node.max }]];
    else {
      options = node.options.flatMap(expandNodes);
      if (node.optional) options.push([]);
    }
    acc = acc.flatMap((a) => options.map((o) => [...a, ...o]));
  }
  return acc;
}

function expand(pattern: string): Element[][] {
  return parsePattern(pattern).options.flatMap(expandNodes);
}

/** Every end index at which `seq` matches when started at token `i`. */
function endsOf(seq: Element[], tokens: readonly Token[], i: number): Set<number> {
  const ends = new Set<number>();
  const sentence = tokens[i]!.sentence;
  const usable = (j: number) => j < tokens.length && tokens[j]!.sentence === sentence;
  const walk = (k: number, j: number): void => {
    if (k === seq.length) {
      ends.add(j - 1);
      return;
    }
    const el = seq[k]!;
    if ('gap' in el) {
      for (let s = 0; s <= el.gap && (s === 0 || usable(j + s - 1)); s++) walk(k + 1, j + s);
      return;
    }
    if (usable(j)) {
      const t = tokens[j]!;
      if (t.key === el.word || el.word === '=' + t.surface) walk(k + 1, j + 1);
      // An inner "and"/"or" may be replaced by a comma in the text.
      const inner = k > 0 && k < seq.length - 1;
      if (inner && (el.word === 'and' || el.word === 'or') && t.commaBefore) walk(k + 1, j);
    }
  };
  walk(0, i);
  return ends;
}

/** All [start, end] token spans where `pattern` occurs. */
function occurrences(pattern: string, tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  for (const seq of expand(pattern))
    for (let i = 0; i < tokens.length; i++)
      for (const e of endsOf(seq, tokens, i)) out.push([i, e]);
  return out;
}

function holds(rule: ContextRule, s: number, e: number, tokens: readonly Token[]): boolean {
  const side = rule.side ?? 'either';
  return rule.anyOf.some((p) =>
    occurrences(p, tokens).some(([a, b]) => {
      if (!rule.crossSentence && tokens[a]!.sentence !== tokens[s]!.sentence) return false;
      const before = side !== 'after' && b < s && a >= s - rule.window;
      const after = side !== 'before' && a > e && b <= e + rule.window;
      return before || after;
    }),
  );
}

function allowed(entry: Entry, s: number, e: number, tokens: readonly Token[]): boolean {
  const { requires = [], excludes = [] } = entry.context ?? {};
  return (
    requires.every((r) => holds(r, s, e, tokens)) && !excludes.some((r) => holds(r, s, e, tokens))
  );
}

const hasContext = (e: Entry) =>
  (e.context?.requires?.length ?? 0) + (e.context?.excludes?.length ?? 0) > 0;

/** The matches docs/patterns.md promises, computed the slow way. */
export function referenceMatches(entries: readonly Entry[], text: string): Match[] {
  const tokens = tokenize(text);
  type Cand = { s: number; e: number; entry: number; pattern: number };
  const cands: Cand[] = [];
  entries.forEach((entry, ei) =>
    entry.patterns.forEach((pattern, pi) => {
      for (const [s, e] of occurrences(pattern, tokens))
        if (allowed(entry, s, e, tokens)) cands.push({ s, e, entry: ei, pattern: pi });
    }),
  );
  const rank = (c: Cand) => (hasContext(entries[c.entry]!) ? 0 : 1);
  cands.sort(
    (a, b) =>
      a.s - b.s || b.e - a.e || rank(a) - rank(b) || a.entry - b.entry || a.pattern - b.pattern,
  );
  const out: Match[] = [];
  let lastEnd = -1;
  for (const c of cands) {
    if (c.s <= lastEnd) continue;
    lastEnd = c.e;
    out.push({
      start: tokens[c.s]!.start,
      end: tokens[c.e]!.end,
      entryId: entries[c.entry]!.id,
      patternIndex: c.pattern,
    });
  }
  return out;
}
