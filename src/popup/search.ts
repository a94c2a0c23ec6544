/**
 * Search over the whole glossary, by phrase and by meaning. Every word typed must occur
 * (case and accents ignored); phrases that match rank above meanings, and a phrase that starts
 * with the query ranks above one that only contains it.
 */
import type { Entry } from '../core/entry';
import { displayPhrase, patternWords } from '../shared/ui/phrase';

export interface SearchHit {
  entry: Entry;
  /** The pattern (made readable) that matched, or the first one when the meaning matched. */
  phrase: string;
  /** That pattern as written, alternatives and all. */
  pattern: string;
}

/** Lower case without accents or curly quotes, so "communiqué" finds "communique". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Folded {
  /** The phrase as shown, folded: "starts with" is judged on it. */
  shown: string;
  /** Every word of the pattern, alternatives included: "contains" is judged on it. */
  words: string;
}

function score(patterns: Folded[], meaning: string, explanation: string, words: string[]) {
  const query = words.join(' ');
  let best = { rank: 0, phrase: 0 };
  patterns.forEach((p, i) => {
    const rank = p.shown.startsWith(query) ? 4 : words.every((w) => p.words.includes(w)) ? 3 : 0;
    if (rank > best.rank) best = { rank, phrase: i };
  });
  if (best.rank) return best;
  const all = `${patterns.map((p) => p.words).join(' ')} ${meaning}`;
  if (words.every((w) => all.includes(w))) return { rank: 2, phrase: 0 };
  if (words.every((w) => `${all} ${explanation}`.includes(w))) return { rank: 1, phrase: 0 };
  return best;
}

/** Entries matching `query`, best first, at most `limit`. An empty query finds nothing. */
export function searchGlossary(entries: readonly Entry[], query: string, limit = 30): SearchHit[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (!words.length) return [];
  const hits: { hit: SearchHit; rank: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const readable = entry.patterns.map(displayPhrase);
    const { rank, phrase } = score(
      entry.patterns.map((p, i) => ({
        shown: foldForSearch(readable[i] ?? ''),
        words: foldForSearch(patternWords(p)),
      })),
      foldForSearch(entry.meaning),
      foldForSearch(entry.explanation),
      words,
    );
    if (rank)
      hits.push({
        hit: { entry, phrase: readable[phrase] ?? entry.id, pattern: entry.patterns[phrase] ?? '' },
        rank,
        order,
      });
  });
  return hits
    .sort((a, b) => b.rank - a.rank || a.order - b.order)
    .slice(0, limit)
    .map((h) => h.hit);
}
