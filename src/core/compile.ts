/**
 * The compiler: `compileGlossary` turns every pattern of every entry (and every context pattern)
 * into one token trie (src/core/trie-builder.ts), and `packGlossary` stores the result as JSON
 * data that src/core/matcher.ts restores. The background compiles for the content scripts
 * (src/background/compiled-cache.ts); the extension pages, the CLI, the eval and the benchmark
 * compile for themselves.
 */
import { compileRule, type CompiledContext } from './context';
import type { Entry } from './entry';
import { expandPattern, expandPlainPattern, type Step } from './expand';
import {
  PACK_FORMAT,
  PACKED_FIELDS,
  type CompiledGlossary,
  type PackedEntry,
  type PackedGlossary,
} from './matcher';
import { parsePattern, PatternError } from './pattern';
import { TrieBuilder } from './trie-builder';

/** A glossary as {@link compileGlossary} gives it: its trie can be packed. */
export type BuiltGlossary = CompiledGlossary & { readonly trie: TrieBuilder };

/**
 * A fingerprint of everything compiling depends on: each entry's id, patterns and context rules,
 * in order. Two 32-bit hashes (FNV-1a and a multiplicative one) over the same text.
 */
export function glossaryStamp(entries: readonly Entry[]): string {
  let a = 0x811c9dc5;
  let b = 5381;
  const add = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 33) + c) | 0;
    }
    a = Math.imul(a ^ 0x1f, 0x01000193); // a separator no text holds
    b = (Math.imul(b, 33) + 0x1f) | 0;
  };
  add(String(PACK_FORMAT));
  for (const e of entries) {
    add(e.id);
    for (const p of e.patterns) add(p);
    add(e.context ? JSON.stringify(e.context) : '');
  }
  return `${entries.length}-${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}`;
}

/** `g` as JSON data that {@link restoreGlossary} turns back into the same glossary. */
export function packGlossary(g: BuiltGlossary, source?: string): PackedGlossary {
  return {
    format: PACK_FORMAT,
    stamp: glossaryStamp(g.entries),
    ...(source !== undefined && { source }),
    entries: g.entries.map(packedEntry),
    stats: g.stats,
    contexts: [...g.contexts],
    trie: g.trie.pack(),
  };
}

/**
 * What a packed glossary keeps of `e` (see {@link PACKED_FIELDS}): its first pattern only (the
 * card names an entry by it), and no context rules (compiled into the glossary's own).
 */
function packedEntry(e: Entry): PackedEntry {
  const kept: Record<string, unknown> = {};
  for (const k of PACKED_FIELDS) if (e[k] !== undefined) kept[k] = e[k];
  kept.patterns = e.patterns.slice(0, 1);
  return kept as unknown as PackedEntry;
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
          builder.addContext(builder.insert(steps), id);
        return id;
      }),
    );
  return {
    requires: compileList(requires, 'requires'),
    excludes: compileList(excludes, 'excludes'),
  };
}

function expandOrLocate(pattern: string, entryId: string, index: number, field?: string): Step[][] {
  const plain = expandPlainPattern(pattern);
  if (plain !== null) return plain;
  try {
    return expandPattern(parsePattern(pattern));
  } catch (e) {
    if (e instanceof PatternError) throw e.locate(entryId, index, field);
    throw e;
  }
}

/** The state of one compilation: entries go in one at a time, in glossary order. */
class Compilation {
  readonly trie = new TrieBuilder();
  private readonly contextIds = new Map<string, number>();
  private readonly contexts: (CompiledContext | null)[] = [];
  private readonly byId = new Map<string, Entry>();
  private patterns = 0;
  private sequences = 0;

  add(entry: Entry, e: number): void {
    if (!this.byId.has(entry.id)) this.byId.set(entry.id, entry);
    for (let p = 0; p < entry.patterns.length; p++) {
      this.patterns++;
      for (const steps of expandOrLocate(entry.patterns[p]!, entry.id, p)) {
        this.sequences++;
        this.trie.addOutput(this.trie.insert(steps), e, p);
      }
    }
    this.contexts.push(compileContext(entry, this.trie, this.contextIds));
  }

  result(entries: readonly Entry[]): BuiltGlossary {
    const { trie, patterns, sequences } = this;
    return {
      entries,
      byId: this.byId,
      stats: { patterns, sequences, contextPatterns: this.contextIds.size, nodes: trie.nodeCount },
      trie,
      contexts: this.contexts,
      maxSpan: trie.maxSpan,
    };
  }
}

/**
 * Compile entries into one trie. Throws {@link PatternError} naming the entry, pattern and column
 * of the first invalid pattern, and `RangeError` when the glossary would exceed the node budget.
 * Entries are expected to be valid ({@link validateEntry}); only their patterns are checked here.
 */
export function compileGlossary(entries: readonly Entry[]): BuiltGlossary {
  const c = new Compilation();
  for (let e = 0; e < entries.length; e++) c.add(entries[e]!, e);
  return c.result(entries);
}

/**
 * The same compilation, one entry per step, so a caller on a page's main thread can spread it over
 * idle periods and never hold the thread for the whole glossary (a 300-entry glossary expands to
 * thousands of token sequences). Drive it with `next()` until `done`; the final value is the
 * compiled glossary, identical to {@link compileGlossary}'s.
 */
export function* compileGlossaryInSteps(
  entries: readonly Entry[],
): Generator<number, BuiltGlossary, void> {
  const c = new Compilation();
  for (let e = 0; e < entries.length; e++) {
    c.add(entries[e]!, e);
    yield e + 1;
  }
  return c.result(entries);
}
