/**
 * Choosing among candidate matches (docs/patterns.md, "Choosing between overlapping matches"):
 * leftmost first, then longest; a candidate whose context rules fail is dropped before choosing, so
 * a shorter phrase can still win. On equal spans an entry with context rules that held beats one
 * without rules, then glossary order, then pattern order.
 */
import { contextAllows } from './context';
import type { Match } from './entry';
import type { CompiledGlossary } from './matcher';
import { indexContextHits, type ScanResult } from './scan';
import type { Token } from './tokenize';
import type { EntryOutput } from './trie';

function compareOutputs(g: CompiledGlossary, a: EntryOutput, b: EntryOutput): number {
  const ca = g.contexts[a.entry] === null ? 1 : 0;
  const cb = g.contexts[b.entry] === null ? 1 : 0;
  return ca - cb || a.entry - b.entry || a.pattern - b.pattern;
}

/** The best output for one span whose context holds, or undefined. */
function bestOutput(
  g: CompiledGlossary,
  outputs: EntryOutput[],
  start: number,
  end: number,
  tokens: readonly Token[],
  hits: () => Map<number, number[]>,
): EntryOutput | undefined {
  if (outputs.length > 1) outputs.sort((a, b) => compareOutputs(g, a, b));
  for (const output of outputs) {
    if (g.allowed !== undefined && g.allowed[output.entry] !== 1) continue;
    const context = g.contexts[output.entry]!;
    if (context === null || contextAllows(context, start, end, tokens, hits())) return output;
  }
  return undefined;
}

/** Turn the scan's candidates into the final, sorted, non-overlapping matches. */
export function resolveMatches(
  g: CompiledGlossary,
  tokens: readonly Token[],
  scan: ScanResult,
): Match[] {
  const { candStart, candEnd, candNode } = scan;
  const order = candStart.map((_, k) => k);
  order.sort((a, b) => candStart[a]! - candStart[b]! || candEnd[b]! - candEnd[a]!);
  const matches: Match[] = [];
  let lastEnd = -1;
  // Context hits are grouped by pattern only once a candidate with context rules needs them.
  let index: Map<number, number[]> | null = null;
  const hits = () => (index ??= indexContextHits(g.trie, scan));
  for (let k = 0; k < order.length;) {
    const start = candStart[order[k]!]!;
    const end = candEnd[order[k]!]!;
    // Gather every candidate with this exact span (different paths can end on one span).
    const outputs: EntryOutput[] = [];
    for (; k < order.length; k++) {
      const c = order[k]!;
      if (candStart[c] !== start || candEnd[c] !== end) break;
      g.trie.outputsOf(candNode[c]!, outputs);
    }
    if (start <= lastEnd) continue;
    const best = bestOutput(g, outputs, start, end, tokens, hits);
    if (best === undefined) continue;
    lastEnd = end;
    matches.push({
      start: tokens[start]!.start,
      end: tokens[end]!.end,
      entryId: g.entries[best.entry]!.id,
      patternIndex: best.pattern,
    });
  }
  return matches;
}
