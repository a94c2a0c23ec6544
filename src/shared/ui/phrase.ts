/**
 * How an entry is named to the reader: its first pattern with the pattern syntax taken out
 * (`[free and] frank exchange of =views` → "free and frank exchange of views").
 */
import type { Category } from '../../core/entry';
import { t } from './dom';

/** An innermost group: a choice `(a|b)` or an optional part `[a b]`, with nothing nested inside. */
const INNER_GROUP = /[([]([^()[\]]*)[)\]]/;

/**
 * A readable phrase from a pattern, as a reader would say it: each choice shows its first
 * alternative, optional words stay, gaps become "…", markers go
 * (`(express|voice) [serious] reservations about *2` → "express serious reservations about …").
 */
export function displayPhrase(pattern: string): string {
  let s = pattern;
  for (let m = INNER_GROUP.exec(s); m; m = INNER_GROUP.exec(s))
    s = s.slice(0, m.index) + (m[1]?.split('|')[0] ?? '') + s.slice(m.index + m[0].length);
  return (s.split('|')[0] ?? '')
    .replace(/\*\d+/g, '…')
    .replace(/(^|\s)=/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every word a pattern can match, alternatives included, for searching. */
export function patternWords(pattern: string): string {
  return pattern
    .replace(/\*\d+|[[\]()|=]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `_locales` key of a category: `china-mfa` → `categoryChinaMfa`. */
export function categoryKey(category: Category | string): string {
  return (
    'category' +
    category
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')
  );
}

/** The category's name in the interface language. */
export function categoryLabel(category: Category | string): string {
  return t(categoryKey(category));
}
