/**
 * Parser for the pattern language of docs/patterns.md: words, `=word`, `(a|b c)`, `[a b]`, `*N`.
 * It produces an AST whose words are already tokenized and lemmatized with the same code that
 * reads page text; src/core/expand.ts turns the AST into the word sequences the matcher compiles.
 */
import { expandPattern } from './expand';
import { exactKey } from './inflect';
import {
  MAX_PATTERN_LENGTH,
  PatternError,
  type PatternAst,
  type PatternNode,
  type PatternWord,
} from './pattern-error';
import { tokenize, wordKey } from './tokenize';

export { MAX_PATTERN_LENGTH, PatternError, type PatternAst, type PatternNode, type PatternWord };

/** Largest gap `*N` allowed: a longer one would match across most of a sentence. */
export const MAX_GAP = 8;

/** A run of characters up to the next space, comma or syntax character. */
const WORD_RUN = /[^\s,()[\]|*=]+/uy;
const ALLOWED_IN_WORD =
  /[\p{L}\p{N}\p{M}'\u2018\u2019\u02BC.\-\u2010-\u2015\u00AD\u200B-\u200D\u2060]/u;
const ALL_ALLOWED = new RegExp(`^${ALLOWED_IN_WORD.source}+$`, 'u');
const PLAIN_WORD = /^[A-Za-z0-9]+$/;
const SEPARATOR = /[\s,]/u;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): PatternAst {
    const options = this.alternatives(null);
    const stray = this.src[this.i];
    if (stray !== undefined) throw new PatternError(`"${stray}" closes nothing`, this.i + 1);
    if (options.every((o) => o.length === 0)) throw new PatternError('empty pattern', 1);
    return { options };
  }

  /** Sequences separated by `|`, up to the closing bracket `close` (null: end of pattern). */
  private alternatives(open: { ch: string; column: number } | null): PatternNode[][] {
    const options: PatternNode[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      const bar = this.i + 1;
      if (options[options.length - 1]!.length === 0) this.emptyOption(open, bar);
      this.i++;
      options.push(this.sequence());
    }
    const last = options[options.length - 1]!;
    if (last.length === 0 && (options.length > 1 || open)) this.emptyOption(open, this.i + 1);
    return options;
  }

  private emptyOption(open: { ch: string; column: number } | null, column: number): never {
    const where = open ? ` in "${open.ch}" opened at column ${open.column}` : '';
    throw new PatternError(`empty alternative${where}`, column);
  }

  private sequence(): PatternNode[] {
    const items: PatternNode[] = [];
    for (;;) {
      const ch = this.src[this.i];
      if (ch === undefined || ch === '|' || ch === ')' || ch === ']') return items;
      if (ch === ' ' || SEPARATOR.test(ch)) this.i++;
      else if (ch === '(' || ch === '[') items.push(this.group(ch));
      else if (ch === '*') items.push(this.gap());
      else items.push(this.word());
    }
  }

  private group(ch: '(' | '['): PatternNode {
    const column = this.i + 1;
    this.i++;
    const options = this.alternatives({ ch, column });
    const close = this.src[this.i];
    const expected = ch === '(' ? ')' : ']';
    if (close === undefined)
      throw new PatternError(`unclosed "${ch}" opened at column ${column}`, this.i + 1);
    if (close !== expected)
      throw new PatternError(
        `"${close}" cannot close "${ch}" opened at column ${column}; expected "${expected}"`,
        this.i + 1,
      );
    this.i++;
    return { type: 'choice', options, optional: ch === '[', column };
  }

  private gap(): PatternNode {
    const column = this.i + 1;
    const digits = /^\d+/.exec(this.src.slice(this.i + 1))?.[0] ?? '';
    if (digits === '') throw new PatternError('"*" needs a number of words, e.g. "*3"', column);
    const max = Number(digits);
    if (max < 1 || max > MAX_GAP)
      throw new PatternError(`gap "*${digits}" must be between 1 and ${MAX_GAP} words`, column);
    this.i += 1 + digits.length;
    return { type: 'gap', max, column };
  }

  private word(): PatternNode {
    const column = this.i + 1;
    const exact = this.src[this.i] === '=';
    if (exact) this.i++;
    const from = this.i;
    WORD_RUN.lastIndex = from;
    const raw = WORD_RUN.exec(this.src)?.[0] ?? '';
    if (raw !== '' && !ALL_ALLOWED.test(raw)) {
      const bad = [...raw].findIndex((ch) => !ALLOWED_IN_WORD.test(ch));
      const offset = [...raw].slice(0, bad).join('').length;
      throw new PatternError(`unexpected character "${[...raw][bad]}"`, from + offset + 1);
    }
    this.i += raw.length;
    if (raw === '') {
      const what = this.src[this.i] === undefined ? 'the end' : `"${this.src[this.i]}"`;
      throw new PatternError(`"=" must be followed by a word, not ${what}`, column);
    }
    return { type: 'word', raw, exact, words: wordsOf(raw, exact, column), column };
  }
}

const wordCache = new Map<string, PatternWord[]>();

/** Tokenize one pattern word (`zero-sum` is two words; `president's` is `president` + `'s`). */
function wordsOf(raw: string, exact: boolean, column: number): PatternWord[] {
  // Fast path for the common case, a plain ASCII word: no need to run the text tokenizer.
  if (PLAIN_WORD.test(raw)) {
    const surface = raw.toLowerCase();
    return [{ surface, key: exact ? exactKey(surface) : wordKey(surface) }];
  }
  const cacheKey = (exact ? '=' : ' ') + raw;
  const cached = wordCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const words = tokenizeWord(raw, exact, column);
  if (wordCache.size > 10_000) wordCache.clear();
  wordCache.set(cacheKey, words);
  return words;
}

function tokenizeWord(raw: string, exact: boolean, column: number): PatternWord[] {
  if (/^['\u2018\u2019\u02BC]s$/iu.test(raw)) return [{ surface: "'s", key: "'s" }];
  // Tokenize with a capitalized word after it, so a final period reads as an abbreviation or as a
  // sentence end, never as a period before a lower-case word.
  const withNext = tokenize(raw + ' X');
  const tokens = withNext.slice(0, -1);
  if (tokens.length === 0) throw new PatternError(`"${raw}" holds no letters or digits`, column);
  if (withNext.some((t) => t.sentence !== 0))
    throw new PatternError(`"${raw}" contains a sentence end`, column);
  return tokens.map((t) => ({ surface: t.surface, key: exact ? exactKey(t.surface) : t.key }));
}

/** Parse one pattern. Throws {@link PatternError} (without entry id) when it is invalid. */
export function parsePattern(pattern: string): PatternAst {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new PatternError(
      `pattern longer than ${MAX_PATTERN_LENGTH} characters`,
      MAX_PATTERN_LENGTH + 1,
    );
  return new Parser(pattern).parse();
}

/**
 * Check a pattern as the options page types it: `null` when it compiles, otherwise the reason with
 * its column, e.g. `column 14: unclosed "(" opened at column 8`. Never throws.
 */
export function checkPattern(pattern: string): string | null {
  try {
    expandPattern(parsePattern(pattern));
    return null;
  } catch (e) {
    if (e instanceof PatternError) return e.message;
    return `invalid pattern: ${String(e)}`;
  }
}
