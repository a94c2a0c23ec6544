/**
 * The matcher's front door: `compileGlossary` turns every pattern of every entry (and every context
 * pattern) into one token trie; `findMatches` runs it over a text in one pass and keeps the
 * leftmost-longest, non-overlapping matches whose context rules hold.
 */
import { compileRule, type CompiledContext } from './context';
import type { Entry, Match } from './entry';
import { expandPattern, expandPlainPattern, type Step } from './expand';
import { parsePattern, PatternError } from './pattern';
import { resolveMatches } from './resolve';
import { scanTokens } from './scan';
import { tokenize, type Token } from './tokenize';
import { Trie, type PackedTrie } from './trie';

/** A glossary ready to scan text. Build it with {@link compileGlossary}; it is immutable. */
export interface CompiledGlossary {
  /** The entries, in glossary order (earlier wins a tie). */
  readonly entries: readonly Entry[];
  /** Entries by id (the first one, should ids repeat). */
  readonly byId: ReadonlyMap<string, Entry>;
  /** Sizes, for diagnostics and the benchmark. */
  readonly stats: { patterns: number; sequences: number; contextPatterns: number; nodes: number };
  /** @internal The trie. */
  readonly trie: Trie;
  /** @internal Context rules per entry index, `null` when an entry has none. */
  readonly contexts: readonly (CompiledContext | null)[];
  /** @internal Longest span in tokens of any pattern. */
  readonly maxSpan: number;
  /**
   * @internal Entries that may match, by entry index (1 = yes); all of them when absent. Set by
   * {@link restrictGlossary}, which shares the trie instead of compiling a smaller one.
   */
  readonly allowed?: Uint8Array;
}

/** A compiled glossary as JSON data, for storage (see {@link packGlossary}). */
export interface PackedGlossary {
  /** Format version: a stored glossary of another version is compiled afresh. */
  format: number;
  /** {@link glossaryStamp} of the entries it was compiled from. */
  stamp: string;
  /**
   * What the caller says the entries were made from (an opaque string, e.g. extension version,
   * list revision and settings): a restore that is given the same string trusts it instead of
   * recomputing the stamp, which costs a pass over every pattern.
   */
  source?: string;
  /** The entries' ids, in order: a restore checks them. */
  ids: string[];
  stats: CompiledGlossary['stats'];
  contexts: (CompiledContext | null)[];
  trie: PackedTrie;
}

const PACK_FORMAT = 2;

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
export function packGlossary(g: CompiledGlossary, source?: string): PackedGlossary {
  return {
    format: PACK_FORMAT,
    stamp: glossaryStamp(g.entries),
    ...(source !== undefined && { source }),
    ids: g.entries.map((e) => e.id),
    stats: g.stats,
    contexts: [...g.contexts],
    trie: g.trie.pack(),
  };
}

/**
 * The glossary `packed` holds, for `entries` (which must be the list it was compiled from: same
 * ids, and the same `source` when one is given, else the same stamp), or null when it is not:
 * stale, of another format, or damaged. Costs a small fraction of compiling.
 */
export function restoreGlossary(
  entries: readonly Entry[],
  packed: PackedGlossary | null | undefined,
  source?: string,
): CompiledGlossary | null {
  const steps = restoreGlossaryInSteps(entries, packed, source);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same restore a step at a time (see {@link Trie.unpackInSteps}), for a page's main thread;
 * drive it with `next()` until `done`.
 */
export function* restoreGlossaryInSteps(
  entries: readonly Entry[],
  packed: PackedGlossary | null | undefined,
  source?: string,
): Generator<void, CompiledGlossary | null, void> {
  if (
    !packed ||
    packed.format !== PACK_FORMAT ||
    !Array.isArray(packed.ids) ||
    packed.ids.length !== entries.length ||
    !Array.isArray(packed.contexts) ||
    packed.contexts.length !== entries.length ||
    (source !== undefined ? packed.source !== source : packed.stamp !== glossaryStamp(entries)) ||
    packed.ids.some((id, i) => id !== entries[i]!.id)
  )
    return null;
  let trie: Trie;
  try {
    trie = yield* Trie.unpackInSteps(packed.trie);
  } catch {
    return null;
  }
  const byId = new Map<string, Entry>();
  for (const e of entries) if (!byId.has(e.id)) byId.set(e.id, e);
  return {
    entries,
    byId,
    stats: packed.stats,
    trie,
    contexts: packed.contexts,
    maxSpan: trie.maxSpan,
  };
}

/**
 * The same glossary with only the entries `keep` accepts able to match (the trie is shared, so
 * this costs one pass over the entries). Matches are exactly those of compiling the kept entries
 * alone.
 */
export function restrictGlossary(
  g: CompiledGlossary,
  keep: (entry: Entry) => boolean,
): CompiledGlossary {
  const allowed = new Uint8Array(g.entries.length);
  g.entries.forEach((e, i) => (allowed[i] = keep(e) ? 1 : 0));
  return { ...g, allowed };
}

function compileContext(
  entry: Entry,
  builder: Trie,
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
  readonly trie = new Trie();
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

  result(entries: readonly Entry[]): CompiledGlossary {
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
export function compileGlossary(entries: readonly Entry[]): CompiledGlossary {
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
): Generator<number, CompiledGlossary, void> {
  const c = new Compilation();
  for (let e = 0; e < entries.length; e++) {
    c.add(entries[e]!, e);
    yield e + 1;
  }
  return c.result(entries);
}

/** Matches over already tokenized text; see {@link findMatches}. */
export function findMatchesInTokens(g: CompiledGlossary, tokens: readonly Token[]): Match[] {
  const scan = scanTokens(g.trie, tokens, g.maxSpan);
  return resolveMatches(g, tokens, scan);
}

/**
 * Find the glossary's phrases in `text`: leftmost-longest, non-overlapping, context rules applied,
 * sorted by position. Offsets are into `text` itself (not the normalized text).
 */
export function findMatches(g: CompiledGlossary, text: string): Match[] {
  return findMatchesInTokens(g, tokenize(text));
}
