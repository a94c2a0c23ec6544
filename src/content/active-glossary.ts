/**
 * The glossary the content script matches with: the effective entry list compiled once into the
 * engine's trie (src/core/matcher.ts). Compilation cannot fail the page: a glossary that does not
 * compile leaves the page undecorated with a logged reason.
 */
import type { Entry } from '../core/entry';
import { compileGlossary, findMatches } from '../core/matcher';
import type { ActiveGlossary } from './scan-session';

/** Compiles `entries`; null (and a console warning) when the engine refuses them. */
export function compileActiveGlossary(entries: readonly Entry[]): ActiveGlossary | null {
  try {
    const compiled = compileGlossary(entries);
    return {
      match: (text) => findMatches(compiled, text),
      entry: (id) => compiled.byId.get(id),
    };
  } catch (err) {
    console.warn('Subtext: the glossary could not be compiled; nothing is underlined', err);
    return null;
  }
}
