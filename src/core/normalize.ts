/**
 * Text normalization for matching: one fold applied to page text and to patterns alike, with a map
 * from every normalized character back to the original text so matches can be reported (and
 * underlined) where they really are. See docs/patterns.md, "How text is compared".
 *
 * It runs over the text of every page, so the loop works on UTF-16 code units with an ASCII fast
 * path, and caches the fold of every non-ASCII code point it meets.
 */

/** A normalized text and its map back to the original. */
export interface NormalizedText {
  /** Lower-case, without diacritics, quotes/dashes/whitespace folded, invisible characters removed. */
  readonly text: string;
  /** `starts[i]` is the offset in the original text of the character normalized text[i] came from. */
  readonly starts: Uint32Array;
  /**
   * `ends[i]` is the offset just after that original character, including combining marks that
   * followed it and were dropped (so a match ending in `é` written as `e` + U+0301 covers the mark).
   */
  readonly ends: Uint32Array;
}

/** Paragraph separator emitted for a run of whitespace holding a blank line (or U+2029). */
export const PARAGRAPH = '\n';

const SPACE = 0x20;
const NEWLINE = 0x0a;
const DROP = ''; // characters removed without trace (soft hyphen, zero-width)
const MARK = '\u0300'; // sentinel: a combining mark, removed but owned by the previous character
const WHITESPACE = ' ';

/** Code points with a fixed fold, checked before the generic Unicode one. */
const SPECIAL = new Map<number, string>();
for (const c of '\u00AD\u200B\u200C\u200D\u2060\uFEFF\u180E') SPECIAL.set(c.codePointAt(0)!, DROP);
for (const c of '\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC\uFF07')
  SPECIAL.set(c.codePointAt(0)!, "'");
for (const c of '\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02')
  SPECIAL.set(c.codePointAt(0)!, '"');
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\uFE58\uFE63\uFF0D')
  SPECIAL.set(c.codePointAt(0)!, '-');
for (const c of '\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u202F\u205F\u3000\u0085')
  SPECIAL.set(c.codePointAt(0)!, WHITESPACE);
SPECIAL.set(0x2029, PARAGRAPH); // PARAGRAPH SEPARATOR

const foldCache = new Map<number, string>();
const MAX_CACHE = 20_000;
const COMBINING = /\p{M}/gu;

/** Fold one non-ASCII code point: lower-case, decompose (NFD), strip combining marks. */
function foldCodePoint(cp: number): string {
  const special = SPECIAL.get(cp);
  if (special !== undefined) return special;
  let folded = foldCache.get(cp);
  if (folded === undefined) {
    const ch = String.fromCodePoint(cp);
    const lowered = ch.toLowerCase().normalize('NFD');
    folded = lowered.replace(COMBINING, '');
    if (folded === '' && lowered !== '') folded = MARK;
    else if (/^\s+$/u.test(folded)) folded = WHITESPACE;
    if (foldCache.size >= MAX_CACHE) foldCache.clear();
    foldCache.set(cp, folded);
  }
  return folded;
}

function isAsciiSpace(c: number): boolean {
  return c === SPACE || (c >= 0x09 && c <= 0x0d);
}

/**
 * Growable output buffers, reused from call to call: normalize runs once per text block, and most
 * blocks are short, so allocating three typed arrays per call would mostly feed the collector.
 * The fold can lengthen text (Hangul decomposes into jamo), hence the growth.
 */
class Output {
  chars = new Uint16Array(1024);
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  length = 0;

  push(code: number, start: number, end: number): void {
    if (this.length === this.chars.length) this.grow();
    this.chars[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  private grow(): void {
    const size = this.chars.length * 2;
    const chars = new Uint16Array(size);
    const starts = new Uint32Array(size);
    const ends = new Uint32Array(size);
    chars.set(this.chars);
    starts.set(this.starts);
    ends.set(this.ends);
    this.chars = chars;
    this.starts = starts;
    this.ends = ends;
  }

  /** The normalized text so far. */
  text(): string {
    let text = '';
    for (let i = 0; i < this.length; i += 4096) {
      const chunk = this.chars.subarray(i, Math.min(this.length, i + 4096));
      text += String.fromCharCode.apply(null, chunk as unknown as number[]);
    }
    return text;
  }

  /** The result, copied out of the shared buffers. */
  take(): NormalizedText {
    return {
      text: this.text(),
      starts: this.starts.slice(0, this.length),
      ends: this.ends.slice(0, this.length),
    };
  }
}

const out = new Output();

/**
 * Normalize `original` for matching and keep the offset map back to it.
 *
 * @example normalize('Ex\u00ADchange — “views”').text === 'exchange - "views"'
 */
export function normalize(original: string): NormalizedText {
  fold(original);
  return out.take();
}

/**
 * The same, for a caller that reads the result at once (the tokenizer): the offset maps are views
 * of buffers the next call reuses, so nothing is copied or allocated but the text itself. The
 * tokenizer runs once per block of every page, and two typed arrays a block were most of its
 * garbage.
 */
export function normalizeTransient(original: string): NormalizedText {
  fold(original);
  // Views as long as the text: an index past its end reads undefined, as with normalize().
  return { text: out.text(), starts: out.starts.subarray(0, out.length), ends: out.ends.subarray(0, out.length) }; // prettier-ignore
}

function fold(original: string): void {
  out.length = 0;
  let spaceStart = -1; // start of the pending whitespace run, -1 when none
  let newlines = 0;
  const flushSpace = (end: number): void => {
    if (spaceStart < 0) return;
    out.push(newlines >= 2 ? NEWLINE : SPACE, spaceStart, end);
    spaceStart = -1;
    newlines = 0;
  };
  const n = original.length;
  for (let i = 0; i < n;) {
    const c = original.charCodeAt(i);
    if (c < 0x80) {
      if (isAsciiSpace(c)) {
        if (spaceStart < 0) spaceStart = i;
        if (c === NEWLINE) newlines++;
      } else {
        flushSpace(i);
        out.push(c >= 0x41 && c <= 0x5a ? c + 32 : c, i, i + 1);
      }
      i++;
      continue;
    }
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    if (folded === WHITESPACE || folded === PARAGRAPH) {
      if (spaceStart < 0) spaceStart = i;
      if (folded === PARAGRAPH) newlines += 2;
    } else if (folded === MARK) {
      // A combining mark belongs to the character before it: widen that character's span.
      if (spaceStart < 0 && out.length > 0) out.ends[out.length - 1] = i + width;
    } else if (folded !== DROP) {
      flushSpace(i);
      for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k), i, i + width);
    }
    i += width;
  }
  flushSpace(n);
}
