/**
 * What Subtext keeps in `storage.local`, and how a stored value is read back safely.
 *
 *   subtext:schema       number   the layout version (SCHEMA_VERSION in migrations.ts)
 *   subtext:reader       ReaderDoc the reader's own entries and overrides of built-in ones
 *   subtext:revision     number   bumped on every change to the reader's document: tabs re-scan
 *   subtext:diagnostics  boolean  diagnostics on/off
 *   subtext:quarantine   array    values a repair had to drop, kept so nothing is silently lost
 *   subtext:settings     object   only while storage.sync refuses the settings (see settings.ts)
 *
 * Built-in packs are never stored: they ship in the code, and only the reader's changes are kept.
 * Entries and overrides are records with an `updatedAt` so two browsers can merge them (sync.ts);
 * a record without a value is a deletion (a tombstone).
 */
import type { Entry } from '../core/entry';
import { isEntryShape } from './entry-shape';

export const KEYS = {
  schema: 'subtext:schema',
  reader: 'subtext:reader',
  revision: 'subtext:revision',
  diagnostics: 'subtext:diagnostics',
  quarantine: 'subtext:quarantine',
  /** The effective glossary compiled by the background, for the content scripts (a cache). */
  compiled: 'subtext:compiled',
} as const;

/** The reader's re-wording or hiding of a built-in entry. */
export interface Override {
  hidden?: boolean;
  meaning?: string;
  explanation?: string;
  /** The pack version the override was made on, so the UI can flag overrides of changed entries. */
  packVersion?: number;
}

/** One of the reader's own entries; without `entry` it records a deletion (a tombstone). */
export interface EntryRecord {
  id: string;
  /** Milliseconds since the epoch of the last change; the later record wins a merge. */
  updatedAt: number;
  entry?: Entry;
}

/** One override of a built-in entry; without `override` it records that the override was removed. */
export interface OverrideRecord {
  id: string;
  updatedAt: number;
  override?: Override;
}

/** Everything the reader has changed about the glossary. */
export interface ReaderDoc {
  entries: EntryRecord[];
  overrides: OverrideRecord[];
}

export const EMPTY_READER_DOC: ReaderDoc = Object.freeze({
  entries: [],
  overrides: [],
}) as ReaderDoc;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const isStamp = (v: unknown): v is number => Number.isFinite(v) && (v as number) >= 0;

function isOverride(v: unknown): v is Override {
  return (
    isObject(v) &&
    (v.hidden === undefined || typeof v.hidden === 'boolean') &&
    (v.meaning === undefined || typeof v.meaning === 'string') &&
    (v.explanation === undefined || typeof v.explanation === 'string') &&
    (v.packVersion === undefined || Number.isInteger(v.packVersion))
  );
}

function isEntryRecord(v: unknown): v is EntryRecord {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    v.id !== '' &&
    isStamp(v.updatedAt) &&
    (v.entry === undefined || (isEntryShape(v.entry) && v.entry.id === v.id))
  );
}

function isOverrideRecord(v: unknown): v is OverrideRecord {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    v.id !== '' &&
    isStamp(v.updatedAt) &&
    (v.override === undefined || isOverride(v.override))
  );
}

/** Keeps the valid records of a list, the latest per id; reports how many were dropped. */
function repairList<T extends { id: string; updatedAt: number }>(
  raw: unknown,
  isValid: (v: unknown) => v is T,
): { list: T[]; dropped: unknown[] } {
  if (raw === undefined) return { list: [], dropped: [] };
  if (!Array.isArray(raw)) return { list: [], dropped: [raw] };
  const byId = new Map<string, T>();
  const dropped: unknown[] = [];
  for (const item of raw) {
    if (!isValid(item)) {
      dropped.push(item);
      continue;
    }
    const seen = byId.get(item.id);
    if (!seen || item.updatedAt >= seen.updatedAt) byId.set(item.id, item);
  }
  return { list: [...byId.values()], dropped };
}

/**
 * Reads a stored ReaderDoc, keeping every valid record and dropping the rest (returned in
 * `dropped` so the caller can quarantine them and tell the reader). Never throws.
 */
export function repairReaderDoc(raw: unknown): { doc: ReaderDoc; dropped: unknown[] } {
  if (raw === undefined) return { doc: { entries: [], overrides: [] }, dropped: [] };
  if (!isObject(raw)) return { doc: { entries: [], overrides: [] }, dropped: [raw] };
  const entries = repairList(raw.entries, isEntryRecord);
  const overrides = repairList(raw.overrides, isOverrideRecord);
  return {
    doc: { entries: entries.list, overrides: overrides.list },
    dropped: [...entries.dropped, ...overrides.dropped],
  };
}

/** Reads a stored revision: a non-negative integer, 0 when missing or corrupt. */
export function repairRevision(raw: unknown): number {
  return Number.isSafeInteger(raw) && (raw as number) >= 0 ? (raw as number) : 0;
}

/** The reader's live entries (tombstones left out). */
export function liveEntries(doc: ReaderDoc): Entry[] {
  return doc.entries.flatMap((r) => (r.entry ? [r.entry] : []));
}

/** The reader's live overrides by built-in entry id (removed ones left out). */
export function liveOverrides(doc: ReaderDoc): Map<string, Override> {
  return new Map(doc.overrides.flatMap((r) => (r.override ? [[r.id, r.override] as const] : [])));
}
