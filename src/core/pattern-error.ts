/**
 * The pattern AST and the error an invalid pattern raises. Kept apart from the parser so the
 * expander (src/core/expand.ts) and the parser can share them without importing each other.
 */

/** Longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 300;

/** One word of the text as a pattern sees it: its form and the key it is filed under. */
export interface PatternWord {
  surface: string;
  /** Lemma key, or for `=word` the exact-form key (`=frank`). */
  key: string;
}

export type PatternNode =
  | { type: 'word'; raw: string; exact: boolean; words: PatternWord[]; column: number }
  | { type: 'gap'; max: number; column: number }
  | { type: 'choice'; options: PatternNode[][]; optional: boolean; column: number };

/** A parsed pattern: one or more alternative sequences (top-level `|` is allowed). */
export interface PatternAst {
  options: PatternNode[][];
}

/** An invalid pattern, with where it is: entry, pattern number and 1-based column. */
export class PatternError extends Error {
  override readonly name = 'PatternError';
  constructor(
    /** What is wrong, without position (e.g. `unclosed "(" opened at column 8`). */
    readonly reason: string,
    /** 1-based column in the pattern string. */
    readonly column: number,
    /** Id of the entry holding the pattern, when known. */
    readonly entryId?: string,
    /** 0-based index in `entry.patterns` (the message counts from 1). */
    readonly patternIndex?: number,
    /** Where the pattern sits when it is not in `patterns`, e.g. `context.requires[0].anyOf[2]`. */
    readonly field?: string,
  ) {
    super(PatternError.format(reason, column, entryId, patternIndex, field));
  }

  /** The same error placed in an entry. */
  locate(entryId: string, patternIndex: number, field?: string): PatternError {
    return new PatternError(this.reason, this.column, entryId, patternIndex, field);
  }

  private static format(r: string, col: number, id?: string, idx?: number, field?: string): string {
    const where = field ?? (idx === undefined ? '' : `pattern ${idx + 1}`);
    const head = id === undefined ? '' : `entry "${id}": `;
    return `${head}${where ? where + ', ' : ''}column ${col}: ${r}`;
  }
}
