/**
 * The matcher's front door: `compileGlossary` turns every pattern of every entry (and every context
 * pattern) into one token trie; `findMatches` runs it over a text in one pass and keeps the
 * leftmost-longest, non-overlapping matches whose context rules hold.
 */
import { compileRule, type CompiledContext } from './context';
import type { Entry, Match } from './entry';
import { expandPattern } from './expand';
import { parsePattern, PatternError } from './pattern';
import { resolveMatches } from './resolve';
import { scanTokens } from './scan';
import { tokenize, type Token } from './tokenize';
import { TrieBuilder, type TrieNode } from './trie';

/** A glossary ready to scan text. Build it with {@link compileGlossary}; it is immutable. */
export interface CompiledGlossary {
  /** The entries, in glossary order (earlier wins a tie). */
  readonly entries: readonly Entry[];
  /** Entries by id (the first one, should ids repeat). */
  readonly byId: ReadonlyMap<string, Entry>;
  /** Sizes, for diagnostics and the benchmark. */
  readonly stats: { patterns: number; sequences: number; contextPatterns: number; nodes: number };
  /** @internal The trie. */
  readonly root: TrieNode;
  /** @internal Context rules per entry index, `null` when an entry has none. */
  readonly contexts: readonly (CompiledContext | null)[];
  /** @internal Longest span in tokens of any pattern. */
  readonly maxSpan: number;
}

function compileContext(
  entry: Entry,
  builder: TrieBuilder,
  ids: Map<string, number>,
): CompiledContext | null {
  const { requires = [], excludes = [] } = entry.context ?? {};
  if (requires.length === 0 && excludes.length === 0) return null;
  const compileList = (rules: typeof requires, kind: string) =>
    rules.map((rule, r) =>
      compileRule(rule, (pattern) => {
        let id = ids.get(pattern);
        if (id !== undefined) return id;
        id = ids.size;
        ids.set(pattern, id);
        const index = rule.anyOf.indexOf(pattern);
        const field = `context.${kind}[${r}].anyOf[${index}]`;
        for (const steps of expandOrLocate(pattern, entry.id, index, field))
          (builder.insert(steps).contexts ??= []).push(id);
        return id;
      }),
    );
  return {
    requires: compileList(requires, 'requires'),
    excludes: compileList(excludes, 'excludes'),
  };
}

function expandOrLocate(pattern: string, entryId: string, index: number, field?: string) {
  try {
    return expandPattern(parsePattern(pattern));
  } catch (e) {
    if (e instanceof PatternError) throw e.locate(entryId, index, field);
    throw e;
  }
}

/**
 * Compile entries into one trie. Throws {@link PatternError} naming the entry, pattern and column
 * of the first invalid pattern, and `RangeError` when the glossary would exceed the node budget.
 * Entries are expected to be valid ({@link validateEntry}); only their patterns are checked here.
 */
export function compileGlossary(entries: readonly Entry[]): CompiledGlossary {
  const steps = compileGlossaryInSteps(entries);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same compilation, one entry per step, so a caller on a page's main thread can spread it over
 * idle periods and never hold the thread for the whole glossary (a 300-entry glossary expands to
 * thousands of token sequences). Drive it with `next()` until `done`; the final value is the
 * compiled glossary, identical to {@link compileGlossary}'s.
 */
export function* compileGlossaryInSteps(
  entries: readonly Entry[],
): Generator<number, CompiledGlossary, void> {
  const builder = new TrieBuilder();
  const contextIds = new Map<string, number>();
  const contexts: (CompiledContext | null)[] = [];
  const byId = new Map<string, Entry>();
  let patterns = 0;
  let sequences = 0;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    if (!byId.has(entry.id)) byId.set(entry.id, entry);
    entry.patterns.forEach((pattern, p) => {
      patterns++;
      for (const steps of expandOrLocate(pattern, entry.id, p)) {
        sequences++;
        const node = builder.insert(steps);
        const outputs = (node.outputs ??= []);
        // Each node's outputs stay sorted by (entry, pattern): insertion order is glossary order.
        if (!outputs.some((o) => o.entry === e && o.pattern === p))
          outputs.push({ entry: e, pattern: p });
      }
    });
    contexts.push(compileContext(entry, builder, contextIds));
    yield e + 1;
  }
  return {
    entries,
    byId,
    stats: { patterns, sequences, contextPatterns: contextIds.size, nodes: builder.nodeCount },
    root: builder.root,
    contexts,
    maxSpan: builder.maxSpan,
  };
}

/** Matches over already tokenized text; see {@link findMatches}. */
export function findMatchesInTokens(g: CompiledGlossary, tokens: readonly Token[]): Match[] {
  const scan = scanTokens(g.root, tokens, g.maxSpan);
  return resolveMatches(g, tokens, scan);
}

/**
 * Find the glossary's phrases in `text`: leftmost-longest, non-overlapping, context rules applied,
 * sorted by position. Offsets are into `text` itself (not the normalized text).
 */
export function findMatches(g: CompiledGlossary, text: string): Match[] {
  return findMatchesInTokens(g, tokenize(text));
}
