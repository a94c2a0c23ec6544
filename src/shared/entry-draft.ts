/**
 * From what a reader typed (the options form, an imported row) to a stored Entry: fill in what a
 * reader's entry may leave out, tidy whitespace, make an id, then check it with the engine's
 * `validateEntry`. Used by `entries:save` and by import, so both accept and refuse the same things.
 */
import type { Entry } from '../core/entry';
import { validateEntry } from '../core/validate';
import type { FieldError } from './messages';

/** What a reader's entry gets when the draft leaves it out. */
export const DRAFT_DEFAULTS = {
  category: 'custom',
  intensity: 2,
  lang: 'en',
} as const;

const MAX_ID = 60;

/** A draft read from an import file, with the line it starts on. */
export interface LineDraft {
  line: number;
  draft: unknown;
}

/**
 * A readable, stable id from a pattern: "(free|frank) exchange of views" → "free-exchange-of-views".
 * Pattern syntax is dropped; the first alternative of a group stands for it.
 */
export function slugFor(pattern: string): string {
  const slug = pattern
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\|[^()|]*(?=[|)])/g, '')
    .replace(/\*\d+/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID)
    .replace(/-+$/, '');
  return slug || 'phrase';
}

/** `base`, or `base-2`, `base-3`… : the first one `isTaken` refuses. */
export function uniqueId(base: string, isTaken: (id: string) => boolean): string {
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) if (!isTaken(`${base}-${n}`)) return `${base}-${n}`;
}

const tidy = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);
const tidyList = (v: unknown) => (Array.isArray(v) ? v.map(tidy) : v);

/**
 * Fills the defaults, tidies whitespace and drops what the store computes (`ladder.below/above`).
 * `newId` names an entry that has no id. Unknown fields are kept, so validation can refuse them.
 */
export function completeDraft(
  draft: unknown,
  newId: (base: string) => string,
  defaultSource: string,
): unknown {
  if (draft === null || typeof draft !== 'object' || Array.isArray(draft)) return draft;
  const d = { ...(draft as Record<string, unknown>) };
  for (const [k, v] of Object.entries(DRAFT_DEFAULTS))
    if (d[k] === undefined || d[k] === '') d[k] = v;
  d.examples ??= [];
  d.counterExamples ??= [];
  if (d.sources === undefined || (Array.isArray(d.sources) && d.sources.length === 0))
    d.sources = [{ title: defaultSource }];
  d.patterns = tidyList(d.patterns);
  for (const k of ['meaning', 'lang', 'id']) d[k] = tidy(d[k]);
  // Explanations may hold paragraphs: only the ends are trimmed.
  if (typeof d.explanation === 'string') d.explanation = d.explanation.trim();
  d.examples = tidyList(d.examples);
  if (Array.isArray(d.sources))
    d.sources = d.sources.map((s: unknown) =>
      s !== null && typeof s === 'object' && !Array.isArray(s)
        ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, tidy(v)]))
        : s,
    );
  d.counterExamples = tidyList(d.counterExamples);
  if (d.ladder && typeof d.ladder === 'object') {
    const { scale, step } = d.ladder as Record<string, unknown>;
    d.ladder = { scale: tidy(scale), step };
  }
  if (d.id === undefined || d.id === '') {
    const first =
      Array.isArray(d.patterns) && typeof d.patterns[0] === 'string' ? d.patterns[0] : '';
    d.id = newId(slugFor(first));
  }
  return d;
}

/** Completes and validates a draft: the Entry to store, or the problems field by field. */
export function checkDraft(
  draft: unknown,
  newId: (base: string) => string,
  defaultSource: string,
): { ok: true; entry: Entry } | { ok: false; errors: FieldError[] } {
  const result = validateEntry(completeDraft(draft, newId, defaultSource));
  return result.ok ? { ok: true, entry: result.entry } : { ok: false, errors: result.errors };
}
