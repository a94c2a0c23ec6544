/**
 * Checks a draft before it is sent, so errors appear on the field as the reader types: each
 * pattern line with its column, a missing meaning or explanation, a source link that is not a web
 * address, then anything else the engine's `validateEntry` refuses (lengths, one-line meaning).
 * The background checks again on save (`entries:save`); its errors are shown the same way.
 */
import { checkPattern } from '../core/pattern';
import { validateEntry } from '../core/validate';
import { t } from '../shared/ui/dom';
import {
  draftPatterns,
  entryDraftFromForm,
  fieldOf,
  type Draft,
  type FieldError,
} from './entry-form';

/** A web link the explanation card may show; nothing else (no javascript:, no data:). */
function isWebUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The checks with a message in the reader's language; `validateEntry` backs them up. */
function localChecks(draft: Draft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draftPatterns(draft).length)
    errors.push({ field: 'patterns', message: t('optionsErrorNoPattern') });
  draft.patterns.split('\n').forEach((line, i) => {
    const problem = line.trim() ? checkPattern(line.trim()) : null;
    if (problem)
      errors.push({
        field: 'patterns',
        message: t('optionsErrorPatternLine', [String(i + 1), problem]),
      });
  });
  if (!draft.meaning.trim()) errors.push({ field: 'meaning', message: t('optionsErrorNoMeaning') });
  if (!draft.explanation.trim())
    errors.push({ field: 'explanation', message: t('optionsErrorNoExplanation') });
  const url = draft.sourceUrl.trim();
  if (url && !isWebUrl(url)) errors.push({ field: 'sourceUrl', message: t('optionsErrorUrl') });
  return errors;
}

/** Every problem with the draft, by field; empty when it can be saved. */
export function checkDraft(draft: Draft): FieldError[] {
  const errors = localChecks(draft);
  // What the store fills in (id, language, a default source) is filled here the same way, so
  // the engine only judges what the reader typed.
  const entry = {
    id: 'draft',
    lang: 'en',
    sources: [{ title: 'draft' }],
    examples: [],
    counterExamples: [],
    ...entryDraftFromForm(draft),
  };
  const result = validateEntry(entry);
  if (!result.ok)
    for (const e of result.errors) {
      const field = fieldOf(e.field);
      // One message per field: the reader's-language one when there is one.
      if (!errors.some((x) => x.field === field)) errors.push({ field, message: e.message });
    }
  return errors;
}
