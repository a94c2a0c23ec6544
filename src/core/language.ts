/**
 * Which entries apply to a text in a given language. Patterns are English words, but folding
 * diacritics and inflections makes them reach into other languages: French "a décidé" would match
 * the UN verb "decides", and the French article "un" would satisfy a "UN" context rule. A page that
 * declares its language (`<html lang="fr">`) is therefore matched only with entries of that
 * language; a page that declares none gets every entry, as most English pages declare nothing.
 */
import type { Entry } from './entry';

/** The primary language subtag of a BCP 47 tag, lower-cased ("en-GB" → "en"), or null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The entries that apply to text in `lang`: all of them when `lang` is unknown. */
export function entriesForLanguage<E extends Pick<Entry, 'lang'>>(
  entries: readonly E[],
  lang: string | null | undefined,
): E[] {
  const page = primaryLanguage(lang);
  if (page === null) return [...entries];
  return entries.filter((e) => (primaryLanguage(e.lang) ?? page) === page);
}
