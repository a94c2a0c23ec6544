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
 */
export function tokenize(original: string): Token[] {
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
