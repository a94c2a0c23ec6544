/**
 * A light English lemmatizer. It maps every inflected form of a word to one **lemma key**: pattern
 * words and text tokens go through the same function, so `exchange` in a pattern meets
 * "exchanges", "exchanged" and "exchanging" in the text. The key is a stem, not a dictionary word
 * (`exchange` → `exchang`): it only has to be the same for the forms of one word. Irregular forms
 * come from a table. See docs/patterns.md.
 */
import { IRREGULAR, INVARIANT } from './inflect-tables';

/**
 * Short function words never inflect: `a`, `the`, `is`… keep their surface form as their key, so
 * `its` is never read as a plural of `it` nor `was` as one of `wa`.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of and or to in on at by for with as is are was were be been being am not no nor it ' +
    'its this that these those from into onto than then he she we they his her hers their theirs our ' +
    'ours us them him me my mine your yours you i there here which who whom whose what when where why ' +
    'how if but so yet over under about after before during against between among all any some each ' +
    "every both either neither such own off up down out very too also only just 's"
  ).split(' '),
);

const VOWEL = /[aeiouy]/;
const ASCII_WORD = /^[a-z]+$/;

function isConsonant(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z' && !'aeiou'.includes(c);
}

/** Strip a suffix only when what remains is a plausible stem (≥ 3 letters with a vowel). */
function strip(word: string, suffix: string): string | null {
  if (!word.endsWith(suffix)) return null;
  const stem = word.slice(0, -suffix.length);
  return stem.length >= 3 && VOWEL.test(stem) ? stem : null;
}

/** Remove plural / third-person `-s`, `-es`, `-ies`. */
function stripPlural(w: string): string {
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses') || /(?:x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

/** Remove `-ed` / `-ing`, then undo a doubled final consonant (`stopped` → `stop`). */
function stripVerbal(w: string): string {
  if (w.endsWith('ied') && w.length > 4) return w.slice(0, -3) + 'y';
  const stem = strip(w, 'ing') ?? (w.endsWith('eed') ? null : strip(w, 'ed'));
  return stem ?? w;
}

/** Final folding that makes base and inflected forms meet: drop `-e`, undouble a consonant. */
function settle(w: string): string {
  let s = w;
  // `agreed`, `agrees`, `agreeing` and `proceed(s|ing)` meet at `agree` / `procee`.
  if (s.endsWith('eed')) s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('e') && !s.endsWith('ee')) s = s.slice(0, -1);
  const last = s[s.length - 1];
  if (s.length > 3 && last === s[s.length - 2] && isConsonant(last)) s = s.slice(0, -1);
  return s;
}

/**
 * The lemma key of one normalized word (lower-case, no diacritics). Non-English words (anything
 * but a–z), numbers and function words are their own key.
 */
export function lemmaKey(word: string): string {
  if (FUNCTION_WORDS.has(word) || !ASCII_WORD.test(word)) return word;
  const base = IRREGULAR.get(word);
  if (base !== undefined) return settle(base);
  if (INVARIANT.has(word) || word.length <= 3) return word;
  // Plural first, then verbal: `meetings` → `meeting` → `meet`.
  return settle(stripVerbal(stripPlural(word)));
}

/** The key a pattern word `=word` (exact form) is filed under: function words have no other form. */
export function exactKey(word: string): string {
  return FUNCTION_WORDS.has(word) || !ASCII_WORD.test(word) ? word : '=' + word;
}
