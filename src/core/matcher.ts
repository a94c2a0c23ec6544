/**
 * The matcher's front door: a compiled glossary (src/core/compile.ts) is one token trie holding
 * every pattern of every entry and every context pattern; `findMatches` runs it over a text in one
 * pass and keeps the leftmost-longest, non-overlapping matches whose context rules hold. A packed
 * glossary (`storage.local`) is restored here, which is all a content script does with one: the
 * compiler is not part of its bundle.
 */
import type { CompiledContext } from './context';
import type { Entry, Match } from './entry';
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

/**
 * What a packed glossary keeps of each entry: what the underline, the language gate and the
 * card's headline need (of its patterns, the first: the card names an entry by it). Meanings,
 * explanations and sources (most of an entry's bytes) stay with the background, which a card asks
 * when it opens (`entry:details`); context rules are compiled into the glossary's own.
 */
export const PACKED_FIELDS = ['id', 'patterns', 'category', 'intensity', 'lang', 'ladder'] as const; // prettier-ignore
export type PackedEntry = Pick<Entry, (typeof PACKED_FIELDS)[number]>;

/** A compiled glossary as JSON data, for storage (see {@link packGlossary}). */
export interface PackedGlossary {
  /** Format version: a stored glossary of another version is compiled afresh. */
  format: number;
  /** {@link glossaryStamp} of the entries it was compiled from. */
  stamp: string;
  /**
   * What the caller says the entries were made from (an opaque string, e.g. extension version,
   * list revision and settings): a restore that is given a string restores only a glossary made
   * from that one.
   */
  source?: string;
  /** The entries, in glossary order, with {@link PACKED_FIELDS} only. */
  entries: PackedEntry[];
  stats: CompiledGlossary['stats'];
  contexts: (CompiledContext | null)[];
  trie: PackedTrie;
}

/** Version of the packed format; 3: the entries travel with the trie (2 held their ids only). */
export const PACK_FORMAT = 3;

/**
 * The glossary `packed` holds, or null when it is of another format, damaged, or (given `source`)
 * made from something else. Its entries have {@link PACKED_FIELDS} only.
 */
export function restoreGlossary(
  packed: PackedGlossary | null | undefined,
  source?: string,
): CompiledGlossary | null {
  const steps = restoreGlossaryInSteps(packed, source);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Entries checked, indexed or gated per step of a restore. */
const ENTRY_STEP = 4_096;

const isEntry = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as PackedEntry).id === 'string' &&
  Array.isArray((e as PackedEntry).patterns) &&
  typeof (e as PackedEntry).intensity === 'number';

/**
 * The same restore a step at a time (see {@link Trie.unpackInSteps}), for a page's main thread;
 * drive it with `next()` until `done`.
 */
export function* restoreGlossaryInSteps(
  packed: PackedGlossary | null | undefined,
  source?: string,
): Generator<void, CompiledGlossary | null, void> {
  if (
    !packed ||
    packed.format !== PACK_FORMAT ||
    (source !== undefined && packed.source !== source) ||
    !Array.isArray(packed.entries) ||
    !Array.isArray(packed.contexts) ||
    packed.contexts.length !== packed.entries.length
  )
    return null;
  // The entries a few thousand per step: a list of 30,000 is too long for one.
  for (let i = 0; i < packed.entries.length; i++) {
    if (i > 0 && i % ENTRY_STEP === 0) yield;
    if (!isEntry(packed.entries[i])) return null;
  }
  let trie: Trie;
  try {
    trie = yield* Trie.unpackInSteps(packed.trie);
  } catch {
    return null;
  }
  // The card asks the background for what is missing (meaning, explanation, sources).
  const entries = packed.entries as Entry[];
  const byId = new Map<string, Entry>();
  for (let i = 0; i < entries.length; i++) {
    if (i % ENTRY_STEP === 0) yield;
    const e = entries[i]!;
    if (!byId.has(e.id)) byId.set(e.id, e);
  }
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
  const steps = restrictGlossaryInSteps(g, keep);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** The same, a few thousand entries per step, for a page's main thread. */
export function* restrictGlossaryInSteps(
  g: CompiledGlossary,
  keep: (entry: Entry) => boolean,
): Generator<void, CompiledGlossary, void> {
  const allowed = new Uint8Array(g.entries.length);
  for (let i = 0; i < g.entries.length; i++) {
    if (i > 0 && i % ENTRY_STEP === 0) yield;
    allowed[i] = keep(g.entries[i]!) ? 1 : 0;
  }
  return { ...g, allowed };
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
