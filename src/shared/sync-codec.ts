/**
 * How the reader's document travels through `storage.sync`, pure so it can be tested byte by byte.
 *
 * storage.sync allows 8 KB per item and 100 KB in all, counted as the key's length plus the JSON of
 * the value. The document's JSON is cut into string chunks (`subtext:sync:0`, `:1`, …) that each fit
 * one item, and `subtext:sync:meta` records how many there are, the total length and a hash, so a
 * reader of sync can tell a complete copy from a half-written one and ignore the latter.
 *
 * Merge rule for two browsers editing at once: every entry and override is a record with an
 * `updatedAt`; per id, the later record wins; a deletion is a record without a value (a tombstone)
 * and wins only if it is later. On an exact tie a live entry beats a deletion (nothing is lost) and
 * between two live ones the larger JSON wins, so both browsers settle on the same list.
 */
import type { ReaderDoc } from './store-layout';

export const SYNC_PREFIX = 'subtext:sync:';
export const SYNC_META_KEY = `${SYNC_PREFIX}meta`;
export const chunkKey = (i: number) => `${SYNC_PREFIX}${i}`;

export interface SyncMeta {
  /** Format of the sync copy; bump when the chunk format changes. */
  format: 1;
  chunks: number;
  length: number;
  hash: string;
}

/** Tombstones older than this are dropped; a browser offline longer may bring a deleted entry back. */
export const TOMBSTONE_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

const encoder = new TextEncoder();

/** Bytes an item costs against the sync quotas: key plus JSON of the value, in UTF-8. */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

/** FNV-1a over UTF-16 code units: detects a torn write, not tampering. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Bytes one character costs inside a JSON string literal, in UTF-8. */
function jsonCharBytes(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (ch === '"' || ch === '\\') return 2;
  if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) return 6; // \u00XX, or a lone surrogate escaped
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/**
 * Cuts `text` into pieces whose JSON (quotes included) takes at most `maxBytes` bytes. Works on code
 * points, so a surrogate pair is never split.
 */
export function splitText(text: string, maxBytes: number): string[] {
  const out: string[] = [];
  let piece = '';
  let bytes = 2;
  for (const ch of text) {
    const b = jsonCharBytes(ch);
    if (bytes + b > maxBytes && piece) {
      out.push(piece);
      piece = '';
      bytes = 2;
    }
    piece += ch;
    bytes += b;
  }
  if (piece || out.length === 0) out.push(piece);
  return out;
}

/** The items to write to storage.sync for `doc`, every one under `perItemBytes`. */
export function encodeSyncItems(doc: ReaderDoc, perItemBytes: number): Record<string, unknown> {
  const text = JSON.stringify(doc);
  // Leave room for the longest chunk key (`subtext:sync:999`).
  const chunks = splitText(text, perItemBytes - chunkKey(999).length);
  const meta: SyncMeta = {
    format: 1,
    chunks: chunks.length,
    length: text.length,
    hash: hashText(text),
  };
  const items: Record<string, unknown> = { [SYNC_META_KEY]: meta };
  chunks.forEach((c, i) => (items[chunkKey(i)] = c));
  return items;
}

function isMeta(v: unknown): v is SyncMeta {
  const m = v as SyncMeta;
  return (
    typeof v === 'object' &&
    v !== null &&
    m.format === 1 &&
    Number.isInteger(m.chunks) &&
    m.chunks > 0 &&
    Number.isInteger(m.length) &&
    typeof m.hash === 'string'
  );
}

/**
 * The document stored in sync `items`, or null when there is none or it is incomplete (a chunk
 * missing, a length or hash that does not match: a write cut half-way, or still arriving).
 */
export function decodeSyncItems(items: Record<string, unknown>): unknown {
  const meta = items[SYNC_META_KEY];
  if (!isMeta(meta)) return null;
  let text = '';
  for (let i = 0; i < meta.chunks; i++) {
    const c = items[chunkKey(i)];
    if (typeof c !== 'string') return null;
    text += c;
  }
  if (text.length !== meta.length || hashText(text) !== meta.hash) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

type Rec = { id: string; updatedAt: number };

/** The later record wins; on a tie a live one beats a deletion, then the larger JSON wins. */
function pick<T extends Rec>(a: T, b: T, value: (r: T) => unknown): T {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  const [va, vb] = [value(a), value(b)];
  if ((va === undefined) !== (vb === undefined)) return va === undefined ? b : a;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

function mergeList<T extends Rec>(a: T[], b: T[], value: (r: T) => unknown): T[] {
  const byId = new Map<string, T>();
  for (const r of [...a, ...b]) {
    const seen = byId.get(r.id);
    byId.set(r.id, seen ? pick(seen, r, value) : r);
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Merges two copies of the reader's document by the rule above. Commutative and idempotent. */
export function mergeDocs(a: ReaderDoc, b: ReaderDoc): ReaderDoc {
  return {
    entries: mergeList(a.entries, b.entries, (r) => r.entry),
    overrides: mergeList(a.overrides, b.overrides, (r) => r.override),
  };
}

/** Drops tombstones older than TOMBSTONE_MAX_AGE_MS: they only need to outlive the other browsers' last sync. */
export function pruneTombstones(doc: ReaderDoc, now: number): ReaderDoc {
  const fresh = (r: Rec & { entry?: unknown; override?: unknown }) =>
    r.entry !== undefined || r.override !== undefined || now - r.updatedAt < TOMBSTONE_MAX_AGE_MS;
  return { entries: doc.entries.filter(fresh), overrides: doc.overrides.filter(fresh) };
}
