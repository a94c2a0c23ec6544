/**
 * Context rules (docs/patterns.md, "Context rules"): a match of an entry with `context` only counts
 * when every `requires` rule holds and no `excludes` rule does. A rule holds when one of its `anyOf`
 * patterns occurs entirely within `window` words before and/or after the match, without
 * overlapping it, in the same sentence unless `crossSentence` is set. The `anyOf` patterns live in
 * the glossary's trie; the scan reports where they occur (src/core/scan.ts).
 */
import type { ContextRule } from './entry';
import type { Token } from './tokenize';

/** A rule with its `anyOf` patterns replaced by context pattern ids. */
export interface CompiledRule {
  ids: number[];
  window: number;
  side: 'before' | 'after' | 'either';
  crossSentence: boolean;
}

/** The compiled rules of one entry; `null` for an entry without context. */
export interface CompiledContext {
  requires: CompiledRule[];
  excludes: CompiledRule[];
}

/** Compile a rule, interning each `anyOf` pattern through `idOf`. */
export function compileRule(rule: ContextRule, idOf: (pattern: string) => number): CompiledRule {
  return {
    ids: rule.anyOf.map(idOf),
    window: rule.window,
    side: rule.side ?? 'either',
    crossSentence: rule.crossSentence === true,
  };
}

/** First index in the flat [start, end, …] list whose end is ≥ `min` (ends are ascending). */
function firstEndAtLeast(hits: readonly number[], min: number): number {
  let lo = 0;
  let hi = hits.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid * 2 + 1]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does one of `hits` lie within tokens `from..to` (inclusive), in `sentence` if given? */
function anyWithin(
  hits: readonly number[],
  from: number,
  to: number,
  tokens: readonly Token[],
  sentence: number | null,
): boolean {
  for (let k = firstEndAtLeast(hits, from); k * 2 < hits.length; k++) {
    const start = hits[k * 2]!;
    const end = hits[k * 2 + 1]!;
    if (end > to) return false;
    if (start < from) continue;
    if (sentence === null || tokens[start]!.sentence === sentence) return true;
  }
  return false;
}

/** Does `rule` hold for a match over tokens `start..end` (inclusive)? */
export function ruleHolds(
  rule: CompiledRule,
  start: number,
  end: number,
  tokens: readonly Token[],
  hits: ReadonlyMap<number, number[]>,
): boolean {
  const sentence = rule.crossSentence ? null : tokens[start]!.sentence;
  for (const id of rule.ids) {
    const found = hits.get(id);
    if (found === undefined) continue;
    if (rule.side !== 'after' && anyWithin(found, start - rule.window, start - 1, tokens, sentence))
      return true;
    if (rule.side !== 'before' && anyWithin(found, end + 1, end + rule.window, tokens, sentence))
      return true;
  }
  return false;
}

/** Do the context rules of an entry allow a match over tokens `start..end`? */
export function contextAllows(
  context: CompiledContext | null,
  start: number,
  end: number,
  tokens: readonly Token[],
  hits: ReadonlyMap<number, number[]>,
): boolean {
  if (context === null) return true;
  for (const rule of context.requires) if (!ruleHolds(rule, start, end, tokens, hits)) return false;
  for (const rule of context.excludes) if (ruleHolds(rule, start, end, tokens, hits)) return false;
  return true;
}
