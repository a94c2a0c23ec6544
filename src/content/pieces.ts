/**
 * Cuts a long block's text into pieces that can be matched one per time slice. The engine's
 * matches never cross a sentence end (`. ! ? ; :`, `。！？`) or a blank line, so cutting just after
 * one loses no phrase; a piece is matched on its own and its offsets shifted by where it starts.
 * A stretch with no sentence end for thousands of characters (a run-on list, a page of commas) is
 * cut at a space all the same, since matching it whole would be one long task: each piece is then
 * read {@link OVERLAP_CHARS} further, so that a phrase running across the cut is found whole (the
 * caller keeps only the matches that start before the cut).
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

/** How far past its end a piece is read: longer than any phrase of the glossary. */
export const OVERLAP_CHARS = 400;

const BOUNDARY = /[.!?;:](?=\s)|[\u3002\uff01\uff1f]|\n\s*\n/;
const SPACE = /\s/;
const NOT_WORD = /[^\p{L}\p{N}]/u;

/**
 * The cut offsets of `text`: `[0, …, text.length]`, consecutive pairs being one piece. Text
 * shorter than `target * 1.5` is one piece. Each cut is the first sentence end at least `target`
 * characters into the piece; when none comes within another `target`, the first space there, or
 * (text without spaces) the character at `target`. Every search looks at a bounded window, so
 * cutting a text of megabytes stays linear.
 */
export function pieces(text: string, target = PIECE_CHARS): number[] {
  if (text.length < target * 1.5) return [0, text.length];
  const cuts = [0];
  let from = 0;
  while (text.length - from >= target * 1.5) {
    const at = from + target;
    const window = text.slice(at, at + target);
    const m = BOUNDARY.exec(window);
    let cut: number;
    if (m) cut = at + m.index + m[0].length;
    else {
      // A space; in text without spaces (Chinese, Japanese), any character that is no letter or
      // digit (a comma), since a run of letters is one word; failing all, the target itself.
      const space = SPACE.exec(window) ?? NOT_WORD.exec(window);
      cut = space ? at + space.index + 1 : at;
    }
    if (text.length - cut < 1) break;
    cuts.push(cut);
    from = cut;
  }
  cuts.push(text.length);
  return cuts;
}
