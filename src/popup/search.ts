/**
 * Search over the whole glossary, by phrase and by meaning. Every word typed must occur
 * (case and accents ignored); phrases that match rank above meanings, and a phrase that starts
 * with the query ranks above one that only contains it.
 */
import type { Entry } from '../core/entry';
import { displayPhrase } from './phrase';

export interface SearchHit {
  entry: Entry;
  /** The pattern (made readable) that matched, or the first one when the meaning matched. */
  phrase: string;
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

function score(phrases: string[], meaning: string, explanation: string, words: string[]) {
  const query = words.join(' ');
  let best = { rank: 0, phrase: 0 };
  phrases.forEach((p, i) => {
    const rank = p.startsWith(query) ? 4 : words.every((w) => p.includes(w)) ? 3 : 0;
    if (rank > best.rank) best = { rank, phrase: i };
  });
  if (best.rank) return best;
  const all = `${phrases.join(' ')} ${meaning}`;
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
      readable.map(foldForSearch),
      foldForSearch(entry.meaning),
      foldForSearch(entry.explanation),
      words,
    );
    if (rank) hits.push({ hit: { entry, phrase: readable[phrase] ?? entry.id }, rank, order });
  });
  return hits
    .sort((a, b) => b.rank - a.rank || a.order - b.order)
    .slice(0, limit)
    .map((h) => h.hit);
}
