/**
 * How an entry is named to the reader: its first pattern with the pattern syntax taken out
 * (`[free and] frank exchange of =views` → "free and frank exchange of views").
 */
import type { Category } from '../core/entry';
import { t } from './dom';

/** A readable phrase from a pattern: alternatives shown as "a / b", gaps as "…", markers dropped. */
export function displayPhrase(pattern: string): string {
  return pattern
    .replace(/\*\d+/g, '…')
    .replace(/\|/g, ' / ')
    .replace(/[[\]()]/g, '')
    .replace(/(^|\s)=/g, '$1')
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
