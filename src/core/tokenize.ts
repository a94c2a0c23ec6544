/**
 * Tokenizer: splits normalized text into words, and records where a match may not reach across
 * (sentence and clause ends, paragraph breaks) and where a comma stood between two words. The same
 * tokenizer reads patterns (src/core/pattern.ts), so a pattern word and a text word always agree on
 * what a word is.
 */
import { lemmaKey } from './inflect';
import { normalizeTransient, PARAGRAPH, type NormalizedText } from './normalize';

/** One word of a text. */
export interface Token {
  /** Offset of the first character in the original text. */
  start: number;
  /** Offset just after the last character in the original text. */
  end: number;
  /** Normalized form: lower-case, no diacritics (`communiqué` → `communique`). */
  surface: string;
  /** Lemma key (src/core/inflect.ts): the same for all inflected forms of a word. */
  key: string;
  /** Sentence (or clause) number; a match never spans two. */
  sentence: number;
  /** True when a comma separates this token from the previous one. */
  commaBefore: boolean;
}

/** Clause and sentence ends: a match may not cross them. */
const BOUNDARY = new Set(['.', '!', '?', ';', ':', PARAGRAPH, '\u3002', '\uff01', '\uff1f']);
const COMMA = new Set([',', '\u060c', '\u3001', '\uff0c']);
const APOSTROPHE = 0x27;

/** Abbreviations whose final period does not end a sentence ("Sept. 29", "Mr. Lavrov"). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr st sr jr gen col lt maj capt sgt adm gov sen rep amb prof rev hon vs etc ' +
    'inc ltd corp dept approx jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Letters and digits (after normalization: lower-case ASCII fast path, Unicode otherwise). */
export function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  // Astral characters (surrogate halves) are not word characters: in news text they are emoji.
  return WORD_CHAR.test(String.fromCharCode(code));
}

const keyCache = new Map<string, string>();

/** The lemma key of a normalized word, memoized (pages repeat their words a lot). */
export function wordKey(surface: string): string {
  let key = keyCache.get(surface);
  if (key === undefined) {
    key = lemmaKey(surface);
    if (keyCache.size >= 50_000) keyCache.clear();
    keyCache.set(surface, key);
  }
  return key;
}

/** Is the period at normalized offset `i` an abbreviation's or initial's, not a sentence end? */
function isAbbreviationPeriod(
  n: NormalizedText,
  original: string,
  i: number,
  prev?: Token,
): boolean {
  const text = n.text;
  // "U.S" or "3.5": a period between two word characters is inside a word-like unit.
  if (isWordChar(text.charCodeAt(i + 1)) && i > 0 && isWordChar(text.charCodeAt(i - 1)))
    return true;
  if (prev === undefined || prev.end !== n.starts[i]) return false;
  if (prev.surface.length === 1 && /[a-z]/.test(prev.surface)) return true; // initials, "U.S."
  if (ABBREVIATIONS.has(prev.surface)) return true;
  // "… approx. three", "e.g. this": a period followed by a lower-case word ends nothing.
  let j = i + 1;
  while (j < text.length && text[j] === ' ') j++;
  const next = original[n.starts[j] ?? original.length] ?? '';
  return next !== '' && next !== next.toUpperCase() && next === next.toLowerCase();
}

/**
 * Tokenize `original`. A word is a run of letters and digits; an apostrophe inside a word is kept
 * ("don't"), except a final `'s`, which becomes its own token (`regime's` → `regime`, `'s`) so
 * that `Kiev regime` matches in "the Kiev regime's actions". Hyphens and other punctuation split
 * words; `. ! ? ; :` and paragraph breaks end a sentence; commas are noted on the next token.
 *
 * Text made only of "plain" characters (ASCII, Latin-1, the usual typographic quotes, dashes and
 * symbols: 96 % of the corpus's text) takes a fast path with the same result: the browser's
 * regular-expression engine finds the words and punctuation in the original text, and only the
 * words are folded. Anything else goes through the full fold and its offset maps.
 */
export function tokenize(original: string): Token[] {
  return NOT_PLAIN.test(original) ? tokenizeFolded(original) : tokenizePlain(original);
}

/**
 * Characters the fast path knows: each one folds (src/core/normalize.ts) to exactly one character
 * of a known kind, listed below; test/core/tokenize.test.ts checks every one against the fold.
 * Not here: the soft hyphen (dropped), ª ² ³ µ ¹ º ¼ ½ ¾ (word characters outside the letter
 * block), U+2028 / U+2029 (line and paragraph separators).
 */
export const PLAIN_CLASS =
  '\\x00-\\x7f\\u00a0-\\u00a9\\u00ab\\u00ac\\u00ae-\\u00b1\\u00b4\\u00b6-\\u00b8\\u00bb\\u00bf-\\u00ff' +
  '\\u2010-\\u2027\\u2030-\\u203a\\u20ac\\u2122\\u2212';
const NOT_PLAIN = new RegExp(`[^${PLAIN_CLASS}]`);
/** Plain letters and digits: they fold to one word character each. */
const PLAIN_WORD = 'A-Za-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff';
/** Plain characters that fold to an apostrophe. */
const PLAIN_APOSTROPHE = "'\\u00b4\\u2018-\\u201b\\u2032";
/** Plain characters that fold to whitespace. */
const PLAIN_SPACE = '\\t\\n\\v\\f\\r \\u00a0';
/**
 * One step of the fast path: a word (with inner apostrophes), a punctuation mark that may end a
 * sentence or note a comma, or the rest of a run of whitespace from its first line feed (a
 * paragraph break when it holds two). That last one starts at a line feed, not at the run's start:
 * tried at every space of a long run, it would rescan the run each time.
 */
const PLAIN_STEP = new RegExp(
  `([${PLAIN_WORD}]+(?:[${PLAIN_APOSTROPHE}][${PLAIN_WORD}]+)*)|([.!?;:,])|(\\n[${PLAIN_SPACE}]*)`,
  'g',
);
const PLAIN_WORD_CHAR = new RegExp(`[${PLAIN_WORD}]`);
const PLAIN_SPACE_CHAR = new RegExp(`[${PLAIN_SPACE}]`);
const POSSESSIVE = new RegExp(`[${PLAIN_APOSTROPHE}][sS]$`);
const APOSTROPHES = new RegExp(`[${PLAIN_APOSTROPHE}]`, 'g');
/** A lower-cased plain word that needs no more folding. */
const FOLDED_WORD = /^[a-z0-9']*$/;
const LATIN_MARKS = /[\u0300-\u036f]/g;

function isPlainWordChar(ch: string | undefined): boolean {
  return ch !== undefined && PLAIN_WORD_CHAR.test(ch);
}

/** The fold of a plain word: lower case, no diacritics, apostrophes straight. */
function foldPlainWord(word: string): string {
  const lower = word.toLowerCase();
  if (FOLDED_WORD.test(lower)) return lower;
  return lower.normalize('NFD').replace(LATIN_MARKS, '').replace(APOSTROPHES, "'");
}

/** Is the period at `i` an abbreviation's or initial's? (isAbbreviationPeriod, on plain text.) */
function isPlainAbbreviationPeriod(original: string, i: number, prev?: Token): boolean {
  if (isPlainWordChar(original[i + 1]) && isPlainWordChar(original[i - 1])) return true;
  if (prev === undefined || prev.end !== i) return false;
  if (prev.surface.length === 1 && /[a-z]/.test(prev.surface)) return true;
  if (ABBREVIATIONS.has(prev.surface)) return true;
  // The first character after the whitespace. (The full fold stops at a paragraph break, but the
  // break ends the sentence by itself, so skipping it gives the same tokens.)
  let j = i + 1;
  while (j < original.length && PLAIN_SPACE_CHAR.test(original[j]!)) j++;
  const next = original[j] ?? '';
  return next !== '' && next !== next.toUpperCase() && next === next.toLowerCase();
}

function tokenizePlain(original: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let comma = false;
  const push = (start: number, end: number, surface: string): void => {
    tokens.push({ start, end, surface, key: wordKey(surface), sentence, commaBefore: comma });
    comma = false;
  };
  const endSentence = (): void => {
    if (tokens.length > 0 && tokens[tokens.length - 1]!.sentence === sentence) sentence++;
    comma = false;
  };
  PLAIN_STEP.lastIndex = 0;
  for (let m = PLAIN_STEP.exec(original); m !== null; m = PLAIN_STEP.exec(original)) {
    const at = m.index;
    const word = m[1];
    if (word !== undefined) {
      const end = at + word.length;
      if (word.length > 2 && POSSESSIVE.test(word)) {
        push(at, end - 2, foldPlainWord(word.slice(0, -2)));
        push(end - 2, end, "'s");
      } else push(at, end, foldPlainWord(word));
    } else if (m[2] !== undefined) {
      const ch = m[2];
      if (ch === ',') {
        if (!(isPlainWordChar(original[at + 1]) && isPlainWordChar(original[at - 1])))
          comma = tokens.length > 0;
      } else if (ch === '.') {
        if (!isPlainAbbreviationPeriod(original, at, tokens[tokens.length - 1])) endSentence();
      } else if (ch === ':') {
        if (!(/[0-9]/.test(original[at - 1] ?? '') && /[0-9]/.test(original[at + 1] ?? '')))
          endSentence();
      } else endSentence();
    } else if (m[3]!.split('\n').length > 2) endSentence();
  }
  return tokens;
}

/** The general path: fold the whole text with its offset maps, then read the words. */
export function tokenizeFolded(original: string): Token[] {
  const n = normalizeTransient(original);
  const text = n.text;
  const tokens: Token[] = [];
  let sentence = 0;
  let comma = false;
  const push = (from: number, to: number): void => {
    const surface = text.slice(from, to);
    const start = n.starts[from]!;
    const end = n.ends[to - 1]!;
    tokens.push({ start, end, surface, key: wordKey(surface), sentence, commaBefore: comma });
    comma = false;
  };
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (isWordChar(code)) {
      let j = i + 1;
      let lastApostrophe = -1;
      for (;;) {
        const c = text.charCodeAt(j);
        if (isWordChar(c)) j++;
        else if (c === APOSTROPHE && isWordChar(text.charCodeAt(j + 1))) {
          lastApostrophe = j;
          j += 2;
        } else break;
      }
      if (lastApostrophe > 0 && j - lastApostrophe === 2 && text[j - 1] === 's') {
        push(i, lastApostrophe);
        push(lastApostrophe, j);
      } else push(i, j);
      i = j;
      continue;
    }
    const ch = text[i]!;
    if (
      COMMA.has(ch) &&
      !(isWordChar(text.charCodeAt(i + 1)) && isWordChar(text.charCodeAt(i - 1)))
    )
      comma = tokens.length > 0;
    else if (BOUNDARY.has(ch)) {
      const soft = ch === '.' && isAbbreviationPeriod(n, original, i, tokens[tokens.length - 1]);
      const digitsColon = ch === ':' && /\d:\d/.test(text.slice(i - 1, i + 2));
      if (!soft && !digitsColon) {
        if (tokens.length > 0 && tokens[tokens.length - 1]!.sentence === sentence) sentence++;
        comma = false;
      }
    }
    i++;
  }
  return tokens;
}
