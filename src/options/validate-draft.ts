/**
 * Checks a draft before it is sent, so errors appear on the field as the reader types: each
 * pattern line with its column, a missing meaning, a source link that is not a web address.
 * The background checks again on save (`entries:save`); its errors are shown the same way.
 */
import { checkPattern } from '../core/pattern';
import { t } from './dom';
import { draftPatterns, type Draft, type FieldError } from './entry-form';

/** A web link the explanation card may show; nothing else (no javascript:, no data:). */
function isWebUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Every problem with the draft, by field; empty when it can be saved. */
export function checkDraft(draft: Draft): FieldError[] {
  const errors: FieldError[] = [];
  const lines = draft.patterns.split('\n');
  if (!draftPatterns(draft).length)
    errors.push({ field: 'patterns', message: t('optionsErrorNoPattern') });
  lines.forEach((line, i) => {
    const problem = line.trim() ? checkPattern(line.trim()) : null;
    if (problem)
      errors.push({
        field: 'patterns',
        message: t('optionsErrorPatternLine', [String(i + 1), problem]),
      });
  });
  if (!draft.meaning.trim()) errors.push({ field: 'meaning', message: t('optionsErrorNoMeaning') });
  const url = draft.sourceUrl.trim();
  if (url && !isWebUrl(url)) errors.push({ field: 'sourceUrl', message: t('optionsErrorUrl') });
  return errors;
}
