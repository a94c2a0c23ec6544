/**
 * The entry form: what the reader typed (a Draft), turned into an Entry, checked field by field,
 * and errors shown on the field they belong to. Rendering only; saving is index.ts's job.
 */
import { CATEGORIES, type Category, type Entry, type Intensity } from '../core/entry';
import type { EntryDraft } from '../shared/messages';
import { h, t, byId } from '../shared/ui/dom';
import { categoryLabel } from '../shared/ui/phrase';

export interface Draft {
  /** One pattern per line. */
  patterns: string;
  meaning: string;
  explanation: string;
  category: Category;
  intensity: Intensity;
  source: string;
  sourceUrl: string;
}

/** A problem with one field of the form; `field` is a Draft key, or '' for the form as a whole. */
export interface FieldError {
  field: keyof Draft | '';
  message: string;
}

export const EMPTY_DRAFT: Draft = Object.freeze({
  patterns: '',
  meaning: '',
  explanation: '',
  category: 'custom',
  intensity: 3,
  source: '',
  sourceUrl: '',
}) as Draft;

const FIELD_IDS: Record<keyof Draft, string> = {
  patterns: 'f-patterns',
  meaning: 'f-meaning',
  explanation: 'f-explanation',
  category: 'f-category',
  intensity: 'f-intensity',
  source: 'f-source',
  sourceUrl: 'f-source-url',
};

/** The draft for an entry being edited. */
export function draftFromEntry(entry: Entry): Draft {
  const source = entry.sources[0];
  return {
    patterns: entry.patterns.join('\n'),
    meaning: entry.meaning,
    explanation: entry.explanation,
    category: entry.category,
    intensity: entry.intensity,
    source: source?.title ?? '',
    sourceUrl: source?.url ?? '',
  };
}

/**
 * The draft for text selected on a page (the context menu's deep link): the pattern language's
 * own marks are taken out so the selection reads as plain words, never as syntax.
 */
export function draftFromSelection(selection: string): Draft {
  const words = selection
    .replace(/[[\]()|*=]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return { ...EMPTY_DRAFT, patterns: words };
}

/** The draft's patterns: one per non-empty line, trimmed. */
export function draftPatterns(draft: Draft): string[] {
  return draft.patterns
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
}

function hostnameOf(url: string): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/**
 * What the form sends to `entries:save`. `base` (the entry being edited) keeps what the form does
 * not show: id, examples, context, ladder. A new entry has no id: the store makes one. Without a
 * source title the store fills in its default source.
 */
export function entryDraftFromForm(draft: Draft, base?: Entry): EntryDraft {
  const url = draft.sourceUrl.trim();
  const title = draft.source.trim() || hostnameOf(url);
  const out: EntryDraft = {
    ...base,
    patterns: draftPatterns(draft),
    meaning: draft.meaning.trim(),
    explanation: draft.explanation.trim(),
    category: draft.category,
    intensity: draft.intensity,
  };
  // The form edits the first source only; any further ones (from an import) are kept.
  const sources = [
    ...(title ? [{ title, ...(url ? { url } : {}) }] : []),
    ...(base?.sources.slice(1) ?? []),
  ];
  if (sources.length) out.sources = sources;
  else delete out.sources;
  return out;
}

/** The draft as a whole Entry, for the live preview (which needs an id and every field). */
export function previewEntry(draft: Draft, base?: Entry): Entry {
  return {
    lang: 'en',
    sources: [],
    examples: [],
    counterExamples: [],
    ...entryDraftFromForm(draft, base),
    id: base?.id ?? PREVIEW_ID,
  };
}

/** The id of a new entry in the preview: not kebab-case, so it cannot clash with a real one. */
export const PREVIEW_ID = ' draft';

/** Reads the form's fields. */
export function readDraft(doc: Document): Draft {
  const value = (field: keyof Draft) =>
    byId<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(FIELD_IDS[field], doc).value;
  const category = value('category') as Category;
  const intensity = Number(value('intensity'));
  return {
    patterns: value('patterns'),
    meaning: value('meaning'),
    explanation: value('explanation'),
    category: (CATEGORIES as readonly string[]).includes(category) ? category : 'custom',
    intensity: (intensity >= 1 && intensity <= 5 ? intensity : 3) as Intensity,
    source: value('source'),
    sourceUrl: value('sourceUrl'),
  };
}

/** Fills the form from a draft; `editing` switches the heading between "add" and "edit". */
export function fillForm(doc: Document, draft: Draft, editing: boolean): void {
  const select = byId<HTMLSelectElement>(FIELD_IDS.category, doc);
  if (!select.options.length)
    select.append(
      ...CATEGORIES.map((c) => h('option', { text: categoryLabel(c), attrs: { value: c } })),
    );
  for (const [field, id] of Object.entries(FIELD_IDS) as [keyof Draft, string][])
    byId<HTMLInputElement>(id, doc).value = String(draft[field]);
  byId('form-heading', doc).textContent = t(
    editing ? 'optionsFormEditHeading' : 'optionsFormAddHeading',
  );
  showErrors(doc, []);
}

/** Maps a field name from the validator or the background (`patterns[1]`, `sources.0.url`). */
export function fieldOf(name: string): keyof Draft | '' {
  if (name.startsWith('patterns')) return 'patterns';
  if (/^sources?\b.*url/i.test(name)) return 'sourceUrl';
  if (name.startsWith('source')) return 'source';
  return name in FIELD_IDS ? (name as keyof Draft) : '';
}

/**
 * Shows each error under its field (marked `aria-invalid`, described by the message), clears
 * the others, and returns the first invalid control so the caller can move focus there.
 */
export function showErrors(doc: Document, errors: readonly FieldError[]): HTMLElement | null {
  let first: HTMLElement | null = null;
  for (const [field, id] of Object.entries(FIELD_IDS) as [keyof Draft, string][]) {
    const messages = errors.filter((e) => e.field === field).map((e) => e.message);
    const control = byId(id, doc);
    const slot = byId(`${id}-error`, doc);
    slot.textContent = messages.join(' ');
    slot.hidden = !messages.length;
    if (messages.length) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    if (messages.length && !first) first = control;
  }
  const general = errors.filter((e) => e.field === '').map((e) => e.message);
  const formError = byId('form-error', doc);
  formError.textContent = general.join(' ');
  formError.hidden = !general.length;
  return first ?? (general.length ? formError : null);
}
