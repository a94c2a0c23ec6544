/**
 * Cuts a long block's text into pieces that can be matched one per time slice. The engine's
 * matches never cross a sentence end (`. ! ? ; :`) or a blank line, so cutting just after one
 * loses no phrase; a piece is matched on its own and its offsets shifted by where it starts.
 * What a cut can lose is context: the few entries whose context rules look across sentences
 * (`crossSentence`) do not see words beyond the cut. Only blocks of 6,000 characters or more are
 * cut (a paragraph of an article is a few hundred), and only rules within their window of a cut
 * are affected.
 */

/**
 * Pieces aim for this many characters: a few milliseconds of matching each in a page, where our
 * code runs cold at about 1–5 µs a character in Chromium here (20,000 was sized on warm Node, and
 * one such piece could be a task of 40–100 ms).
 */
export const PIECE_CHARS = 4_000;

const BOUNDARY = /[.!?;:](?=\s)|\n\s*\n/g;

/**
 * The cut offsets of `text`: `[0, …, text.length]`, consecutive pairs being one piece. Text
 * shorter than `target * 1.5` is one piece; a stretch with no sentence end is cut no shorter than
 * `target` at the first boundary after it, or left whole when there is none.
 */
export function pieces(text: string, target = PIECE_CHARS): number[] {
  if (text.length < target * 1.5) return [0, text.length];
  const cuts = [0];
  let from = 0;
  while (text.length - from >= target * 1.5) {
    BOUNDARY.lastIndex = from + target;
    const m = BOUNDARY.exec(text);
    if (!m) break;
    const cut = m.index + m[0].length;
    if (text.length - cut < 1) break;
    cuts.push(cut);
    from = cut;
  }
  cuts.push(text.length);
  return cuts;
}
