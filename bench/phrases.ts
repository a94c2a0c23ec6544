/**
 * The phrase list mark.js gets. mark.js knows no pattern language, so each pattern becomes literal
 * text: words keep the form written in the pattern (mark.js cannot inflect) and a gap `*N` closes.
 * Two lists: `canonical` takes one phrase per pattern (the first alternative of every choice,
 * optional parts left out), about two per entry, the size of list a reader types into a word-list
 * highlighter; `all` multiplies every alternative and optional part out (the built-in glossary's
 * talk/meeting/… × was/were/… patterns make that about 35 per entry). The benchmark gives mark.js
 * the canonical list: the longer one would only make mark.js slower and the comparison kinder to us.
 */
import { parsePattern, type Entry, type PatternNode } from '../src/core/index';

export type PhraseMode = 'canonical' | 'all';

/** Most phrases one pattern contributes in `all` mode; the engine's own cap on expansions. */
const MAX_PER_PATTERN = 256;

function sequences(items: readonly PatternNode[], mode: PhraseMode): string[][] {
  let acc: string[][] = [[]];
  for (const item of items) {
    const next: string[][] = [];
    for (const head of acc)
      for (const tail of node(item, mode)) {
        next.push(head.concat(tail));
        if (next.length >= MAX_PER_PATTERN) break;
      }
    acc = next;
  }
  return acc;
}

function node(n: PatternNode, mode: PhraseMode): string[][] {
  switch (n.type) {
    case 'word':
      return [[n.raw]];
    case 'gap':
      return [[]];
    case 'choice': {
      if (mode === 'canonical') return n.optional ? [[]] : sequences(n.options[0] ?? [], mode);
      return [...(n.optional ? [[]] : []), ...n.options.flatMap((o) => sequences(o, mode))];
    }
  }
}

/** The literal phrases of one pattern (invalid patterns contribute none). */
export function literalPhrases(pattern: string, mode: PhraseMode = 'all'): string[] {
  let options: PatternNode[][];
  try {
    options = parsePattern(pattern).options;
  } catch {
    return [];
  }
  const chosen = mode === 'canonical' ? options.slice(0, 1) : options;
  return chosen
    .flatMap((o) => sequences(o, mode).map((words) => words.join(' ')))
    .filter((p) => p !== '');
}

/**
 * The literal phrases of all `entries`' patterns, without duplicates (compared case-insensitively,
 * as mark.js runs case-insensitive), in glossary order.
 */
export function phraseList(entries: readonly Entry[], mode: PhraseMode = 'canonical'): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of entries)
    for (const pattern of entry.patterns)
      for (const phrase of literalPhrases(pattern, mode)) {
        const key = phrase.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(phrase);
      }
  return out;
}
