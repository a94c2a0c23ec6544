/**
 * The glossary entry model: what one decoded phrase is, where its meaning comes from, and which
 * sentences prove its patterns right. Built-in packs (src/glossary/packs/*.json) and the reader's
 * own entries share this shape; `validateEntry` (src/core/validate.ts) checks it at build time,
 * at import and when storage is read.
 */

/** Categories a reader can switch on and off. Free text is refused so filters stay meaningful. */
export const CATEGORIES = [
  'diplomatic',
  'communique',
  'un',
  'military',
  'political',
  'economic',
  'china-mfa',
  'russia-mfa',
  'understatement',
  'custom',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** 1 = mild, 5 = severe. Drives the underline style and the popup's "strongest signal". */
export type Intensity = 1 | 2 | 3 | 4 | 5;

export interface Source {
  /** A human-readable name: publication, author or reference work. */
  title: string;
  /** Where the fact can be checked. Optional for a reader's own entries (e.g. "my notes"). */
  url?: string;
}

/**
 * Place on an escalation scale. `scale` names the ladder (e.g. "un-feeling": concerned < deplores
 * < condemns < condemns in the strongest terms); `step` orders entries on it (1 = mildest).
 * `below`/`above` are filled in by `linkLadders` from the other entries on the same scale.
 */
export interface LadderPlace {
  scale: string;
  step: number;
  below?: string;
  above?: string;
}

/**
 * A context condition: the match only counts when one of `anyOf` (patterns in the same pattern
 * language) occurs within `window` words on `side` of it, inside the same sentence unless
 * `crossSentence` is set. Used for words that are euphemisms only in a setting: "constructive" of
 * talks, "regrets" with a government as subject, "decides" in resolution text.
 */
export interface ContextRule {
  anyOf: string[];
  window: number;
  side?: 'before' | 'after' | 'either';
  crossSentence?: boolean;
}

export interface EntryContext {
  /** Every rule must hold. */
  requires?: ContextRule[];
  /** No rule may hold. */
  excludes?: ContextRule[];
}

export interface Entry {
  /** kebab-case, unique across all packs and the reader's list. */
  id: string;
  /** One or more patterns in the pattern language (docs/patterns.md). */
  patterns: string[];
  /** Plain words, one line: what it usually means. */
  meaning: string;
  /** A few sentences: why, and when it does not apply. */
  explanation: string;
  category: Category;
  intensity: Intensity;
  ladder?: LadderPlace;
  /** BCP 47 language tag of the patterns; "en" for now. */
  lang: string;
  context?: EntryContext;
  /** At least one. */
  sources: Source[];
  /** Sentences the patterns must match (the meta-test runs them). */
  examples: string[];
  /** Sentences the patterns must not match. */
  counterExamples: string[];
}

/** A built-in pack: versioned, so stored overrides can tell which revision they were made on. */
export interface Pack {
  id: string;
  version: number;
  title: string;
  description: string;
  entries: Entry[];
}

/** One decoded phrase in a text. Offsets are into the original (not normalized) text. */
export interface Match {
  start: number;
  end: number;
  entryId: string;
  /** Which of the entry's patterns matched (0-based index into `entry.patterns`). */
  patternIndex?: number;
}
