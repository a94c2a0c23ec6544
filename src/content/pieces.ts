/**
 * Cuts a long block's text into pieces that can be matched one per time slice. The engine's
 * matches never cross a sentence end (`. ! ? ; :`) or a blank line, so cutting just after one
 * loses no phrase; a piece is matched on its own and its offsets shifted by where it starts.
 */

/** Pieces aim for this many characters: a few milliseconds of matching each. */
export const PIECE_CHARS = 20_000;

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
