/**
 * Changes to the reader's document: save, rename or delete one of their entries, hide or re-word a
 * built-in one. Each runs inside the store writer, so it sees the latest list and its checks
 * (unique ids, the size limit) hold against it.
 */
import browser from '../shared/browser';
import type { Entry } from '../core/entry';
import { BUILTIN_PACKS } from '../glossary/index';
import { checkDraft, uniqueId } from '../shared/entry-draft';
import { MAX_ENTRIES } from '../shared/import-export';
import type { FieldError, SaveResult } from '../shared/messages';
import { liveEntries, type Override, type ReaderDoc } from '../shared/store-layout';
import { stampAfter, update } from './store-writer';

export const builtinIds: ReadonlySet<string> = new Set(
  BUILTIN_PACKS.flatMap((p) => p.entries.map((e) => e.id)),
);
const packVersionOf = new Map(
  BUILTIN_PACKS.flatMap((p) => p.entries.map((e) => [e.id, p.version] as const)),
);
const MAX_OVERRIDE_TEXT = 2000;

/** Source title of a reader's entry that names none. */
export const defaultSource = () => browser.i18n.getMessage('sourceMyNotes') || 'My notes';

type OverrideResult = { ok: true } | { ok: false; errors: FieldError[] };

/** Writes `doc` records for `entries` (new or changed) and tombstones for `removed` ids. */
export function withEntries(
  doc: ReaderDoc,
  now: number,
  entries: Entry[],
  removed: string[],
): ReaderDoc {
  const touched = new Set([...entries.map((e) => e.id), ...removed]);
  const kept = doc.entries.filter((r) => !touched.has(r.id));
  return {
    ...doc,
    entries: [
      ...kept,
      ...entries.map((entry) => ({
        id: entry.id,
        updatedAt: stampAfter(doc, entry.id, now),
        entry,
      })),
      ...removed.map((id) => ({ id, updatedAt: stampAfter(doc, id, now) })),
    ],
  };
}

function fail(errors: FieldError[]) {
  return { doc: null, result: { ok: false as const, errors } };
}

/** Saves a new entry, or replaces `replaceId` (renaming it when the id changes). */
export function saveEntry(draft: unknown, replaceId: unknown): Promise<SaveResult> {
  return update<SaveResult>((doc, now) => {
    const own = new Set(liveEntries(doc).map((e) => e.id));
    const replacing = typeof replaceId === 'string' && own.has(replaceId) ? replaceId : undefined;
    if (replaceId !== undefined && !replacing)
      return fail([
        { field: 'id', message: `there is no entry "${String(replaceId)}" to replace` },
      ]);
    const taken = (id: string) => builtinIds.has(id) || (own.has(id) && id !== replacing);
    // An edit that sends no id keeps the entry's id; a new entry gets one from its first pattern.
    const newId = (base: string) => replacing ?? uniqueId(base, taken);
    const checked = checkDraft(draft, newId, defaultSource());
    if (!checked.ok) return fail(checked.errors);
    const { entry } = checked;
    if (builtinIds.has(entry.id))
      return fail([
        { field: 'id', message: `"${entry.id}" is a built-in entry; choose another id` },
      ]);
    if (entry.id !== replacing && own.has(entry.id))
      return fail([{ field: 'id', message: `you already have an entry "${entry.id}"` }]);
    if (!replacing && own.size >= MAX_ENTRIES)
      return fail([{ field: 'entry', message: `your list is full (${MAX_ENTRIES} entries)` }]);
    const removed = replacing && replacing !== entry.id ? [replacing] : [];
    return {
      doc: withEntries(doc, now, [entry], removed),
      result: { ok: true as const, id: entry.id },
    };
  });
}

/** Deletes one of the reader's entries (a tombstone, so other browsers delete it too). */
export function deleteEntry(id: unknown): Promise<{ ok: boolean }> {
  return update<{ ok: boolean }>((doc, now) =>
    typeof id === 'string' && liveEntries(doc).some((e) => e.id === id)
      ? { doc: withEntries(doc, now, [], [id]), result: { ok: true } }
      : { doc: null, result: { ok: false } },
  );
}

/** Reads an override from a message: the value to store, or the problems field by field. */
function readOverride(id: string, override: unknown): { value?: Override; errors: FieldError[] } {
  if (override === null) return { errors: [] };
  if (typeof override !== 'object' || Array.isArray(override))
    return { errors: [{ field: 'override', message: 'must be an object or null' }] };
  const o = override as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(o))
    if (!['hidden', 'meaning', 'explanation'].includes(key))
      errors.push({ field: key, message: 'unknown field' });
  if (o.hidden !== undefined && typeof o.hidden !== 'boolean')
    errors.push({ field: 'hidden', message: 'must be true or false' });
  for (const key of ['meaning', 'explanation'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '')
      errors.push({ field: key, message: 'must not be empty' });
    else if (v.length > MAX_OVERRIDE_TEXT)
      errors.push({ field: key, message: `at most ${MAX_OVERRIDE_TEXT} characters` });
    else if (key === 'meaning' && /[\r\n]/.test(v))
      errors.push({ field: key, message: 'must be one line' });
  }
  if (errors.length) return { errors };
  const value: Override = { packVersion: packVersionOf.get(id) };
  if (o.hidden === true) value.hidden = true;
  if (typeof o.meaning === 'string') value.meaning = o.meaning.trim();
  if (typeof o.explanation === 'string') value.explanation = o.explanation.trim();
  return { value, errors };
}

/** Hides or re-words built-in entry `id`; `null` restores it as shipped. */
export function setOverride(id: unknown, override: unknown): Promise<OverrideResult> {
  return update<OverrideResult>((doc, now) => {
    if (typeof id !== 'string' || !builtinIds.has(id))
      return fail([{ field: 'id', message: `"${String(id)}" is not a built-in entry` }]);
    const { value, errors } = readOverride(id, override);
    if (errors.length) return fail(errors);
    const record = {
      id,
      updatedAt: stampAfter(doc, id, now),
      ...(value ? { override: value } : {}),
    };
    const next = { ...doc, overrides: [...doc.overrides.filter((r) => r.id !== id), record] };
    return { doc: next, result: { ok: true as const } };
  });
}
