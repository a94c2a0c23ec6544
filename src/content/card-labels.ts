/**
 * The card's words, from the extension's locales (src/_locales) with English fallbacks: a key the
 * locale files do not have yet must not leave the reader looking at an empty button.
 */
import browser from '../shared/browser';
import type { Category } from '../core/entry';

const FALLBACK = {
  cardLabel: 'Subtext: what this phrase usually means',
  cardMeans: 'Usually means',
  cardNotHere: 'Not a euphemism here',
  cardClose: 'Close',
  cardLadder: 'On the scale “$1”',
  cardMilder: 'Milder: $1',
  cardStronger: 'Stronger: $1',
  cardSources: 'Source',
  cardUnavailable: 'The explanation could not be loaded here; reload the page to try again.',
  cardPosition: '$1 of $2 on this page',
  intensityOf: 'intensity $1 of 5',
} as const;

export type LabelKey = keyof typeof FALLBACK;

const CATEGORY_KEYS: Record<Category, string> = {
  diplomatic: 'categoryDiplomatic',
  communique: 'categoryCommunique',
  un: 'categoryUn',
  military: 'categoryMilitary',
  political: 'categoryPolitical',
  economic: 'categoryEconomic',
  'china-mfa': 'categoryChinaMfa',
  'russia-mfa': 'categoryRussiaMfa',
  understatement: 'categoryUnderstatement',
  custom: 'categoryCustom',
};

function message(key: string, subs: string[]): string {
  try {
    const text = subs.length ? browser.i18n.getMessage(key, subs) : browser.i18n.getMessage(key);
    return text && text !== key ? text : '';
  } catch {
    return '';
  }
}

/** A label with `$1`, `$2` filled in. */
export function label(key: LabelKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  const text = message(key, strings) || FALLBACK[key];
  return text.replace(/\$(\d)/g, (m, d: string) => strings[Number(d) - 1] ?? m);
}

/** The reader-facing name of a category. */
export function categoryLabel(category: Category): string {
  return message(CATEGORY_KEYS[category], []) || category;
}
