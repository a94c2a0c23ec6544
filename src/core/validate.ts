/**
 * Validation of glossary entries and packs: at build time (the meta-test), at import and when
 * storage is read. Every field of the model is checked, patterns are parsed, and sizes are bounded
 * so a hostile import cannot blow memory. It never throws: anything odd becomes a field error.
 * On success it returns a fresh copy holding only the model's fields.
 */
import { CATEGORIES, type Category, type ContextRule, type Entry, type Pack } from './entry';
import type { EntryContext, Intensity, LadderPlace, Source } from './entry';
import { checkPattern } from './pattern';
import * as f from './validate-fields';
import type { FieldError } from './validate-fields';

export { linkLadders } from './ladder';
export type { FieldError };

/** Limits on sizes, generous for real entries and small enough to refuse abuse. */
export const LIMITS = {
  idLength: 80,
  patterns: 32,
  meaning: 200,
  explanation: 2000,
  sources: 20,
  sourceTitle: 200,
  url: 2000,
  examples: 50,
  exampleLength: 1000,
  rules: 8,
  anyOf: 200,
  window: 30,
  ladderStep: 20,
  packEntries: 5000,
} as const;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const URL = /^https?:\/\/[^\s/]+[^\s]*$/;
const ENTRY_KEYS = [
  'id', 'patterns', 'meaning', 'explanation', 'category', 'intensity', 'ladder', 'lang', 'context',
  'sources', 'examples', 'counterExamples',
] as const; // prettier-ignore

function readPatterns(value: unknown, field: string, r: f.Report, max: number): string[] | null {
  const items = f.readArray(value, field, r, 1, max);
  if (items === null) return null;
  const out: string[] = [];
  items.forEach((item, i) => {
    if (typeof item !== 'string') return r.add(`${field}[${i}]`, 'must be a string');
    const problem = checkPattern(item);
    if (problem === null) out.push(item);
    else r.add(`${field}[${i}]`, problem);
  });
  return out.length === items.length ? out : null;
}

function readRule(x: unknown, r: f.Report): ContextRule | null {
  if (!f.isRecord(x)) return (r.add('', 'must be an object'), null);
  f.checkKeys(x, ['anyOf', 'window', 'side', 'crossSentence'], r);
  const anyOf = readPatterns(f.read(x, 'anyOf'), 'anyOf', r, LIMITS.anyOf);
  const window = f.readInteger(f.read(x, 'window'), 'window', r, 1, LIMITS.window);
  const side = f.read(x, 'side');
  const cross = f.read(x, 'crossSentence');
  if (side !== undefined && side !== 'before' && side !== 'after' && side !== 'either')
    r.add('side', 'must be "before", "after" or "either"');
  if (cross !== undefined && typeof cross !== 'boolean')
    r.add('crossSentence', 'must be true or false');
  if (anyOf === null || window === null) return null;
  const rule: ContextRule = { anyOf, window };
  if (side === 'before' || side === 'after' || side === 'either') rule.side = side;
  if (typeof cross === 'boolean') rule.crossSentence = cross;
  return rule;
}

function readContext(x: unknown, r: f.Report): EntryContext | null {
  if (!f.isRecord(x)) return (r.add('', 'must be an object'), null);
  f.checkKeys(x, ['requires', 'excludes'], r);
  const context: EntryContext = {};
  for (const kind of ['requires', 'excludes'] as const) {
    const value = f.read(x, kind);
    if (value === undefined) continue;
    const items = f.readArray(value, kind, r, 0, LIMITS.rules);
    const rules = items?.map((item, i) => readRule(item, r.nested(`${kind}[${i}].`)));
    if (rules && rules.every((rule) => rule !== null)) context[kind] = rules as ContextRule[];
  }
  return context;
}

function readLadder(x: unknown, r: f.Report): LadderPlace | null {
  if (!f.isRecord(x)) return (r.add('', 'must be an object'), null);
  f.checkKeys(x, ['scale', 'step', 'below', 'above'], r);
  const kebab = { max: 60, pattern: KEBAB, what: 'kebab-case' };
  const scale = f.readString(f.read(x, 'scale'), 'scale', r, kebab);
  const step = f.readInteger(f.read(x, 'step'), 'step', r, 1, LIMITS.ladderStep);
  if (scale === null || step === null) return null;
  const ladder: LadderPlace = { scale, step };
  for (const side of ['below', 'above'] as const) {
    const value = f.read(x, side);
    if (value === undefined) continue;
    const id = f.readString(value, side, r, {
      max: LIMITS.idLength,
      pattern: KEBAB,
      what: 'an id',
    });
    if (id !== null) ladder[side] = id;
  }
  return ladder;
}

function readSources(value: unknown, r: f.Report): Source[] | null {
  const items = f.readArray(value, 'sources', r, 1, LIMITS.sources);
  const sources = items?.map((item, i): Source | null => {
    const at = `sources[${i}].`;
    if (!f.isRecord(item)) return (r.add(at.slice(0, -1), 'must be an object'), null);
    f.checkKeys(item, ['title', 'url'], r, at);
    const title = f.readString(f.read(item, 'title'), at + 'title', r, {
      max: LIMITS.sourceTitle,
      oneLine: true,
    });
    const rawUrl = f.read(item, 'url');
    const url =
      rawUrl === undefined
        ? undefined
        : f.readString(rawUrl, at + 'url', r, {
            max: LIMITS.url,
            pattern: URL,
            what: 'an http(s) URL',
          });
    if (title === null || url === null) return null;
    return url === undefined ? { title } : { title, url };
  });
  return sources && sources.every((s) => s !== null) ? (sources as Source[]) : null;
}

function readSentences(value: unknown, field: string, r: f.Report): string[] | null {
  const items = f.readArray(value, field, r, 0, LIMITS.examples);
  const out = items?.map((item, i) =>
    f.readString(item, `${field}[${i}]`, r, { max: LIMITS.exampleLength }),
  );
  return out && out.every((s) => s !== null) ? (out as string[]) : null;
}

function readEntry(x: unknown, r: f.Report): Entry | null {
  if (!f.isRecord(x)) return (r.add('', 'an entry must be an object'), null);
  const before = r.count;
  f.checkKeys(x, ENTRY_KEYS, r);
  const id = f.readString(f.read(x, 'id'), 'id', r, {
    max: LIMITS.idLength,
    pattern: KEBAB,
    what: 'kebab-case (a-z, 0-9, single hyphens)',
  });
  const patterns = readPatterns(f.read(x, 'patterns'), 'patterns', r, LIMITS.patterns);
  const meaning = f.readString(f.read(x, 'meaning'), 'meaning', r, {
    max: LIMITS.meaning,
    oneLine: true,
  });
  const explanation = f.readString(f.read(x, 'explanation'), 'explanation', r, {
    max: LIMITS.explanation,
  });
  const category = f.read(x, 'category');
  if (!(CATEGORIES as readonly unknown[]).includes(category))
    r.add('category', `must be one of ${CATEGORIES.join(', ')}`);
  const intensity = f.readInteger(f.read(x, 'intensity'), 'intensity', r, 1, 5);
  const lang = f.readString(f.read(x, 'lang'), 'lang', r, {
    max: 35,
    pattern: LANG,
    what: 'a BCP 47 tag',
  });
  const rawLadder = f.read(x, 'ladder');
  const ladder = rawLadder === undefined ? undefined : readLadder(rawLadder, r.nested('ladder.'));
  const rawContext = f.read(x, 'context');
  const context =
    rawContext === undefined ? undefined : readContext(rawContext, r.nested('context.'));
  const sources = readSources(f.read(x, 'sources'), r);
  const examples = readSentences(f.read(x, 'examples'), 'examples', r);
  const counterExamples = readSentences(f.read(x, 'counterExamples'), 'counterExamples', r);
  if (r.count > before) return null;
  const entry: Entry = {
    id: id!,
    patterns: patterns!,
    meaning: meaning!,
    explanation: explanation!,
    category: category as Category,
    intensity: intensity as Intensity,
    lang: lang!,
    sources: sources!,
    examples: examples!,
    counterExamples: counterExamples!,
  };
  if (ladder) entry.ladder = ladder;
  if (context) entry.context = context;
  return entry;
}

/** Validate one entry from any source. Never throws. */
export function validateEntry(
  x: unknown,
): { ok: true; entry: Entry } | { ok: false; errors: FieldError[] } {
  const r = new f.Report();
  try {
    const entry = readEntry(x, r);
    if (entry !== null && r.count === 0) return { ok: true, entry };
  } catch (e) {
    r.add('', `unreadable entry (${e instanceof Error ? e.name : typeof e})`);
  }
  return { ok: false, errors: r.errors.length ? r.errors : [{ field: '', message: 'invalid' }] };
}

/** Validate a pack: its own fields, every entry (errors prefixed `entries[i].`), unique ids. */
export function validatePack(
  x: unknown,
): { ok: true; pack: Pack } | { ok: false; errors: FieldError[] } {
  const r = new f.Report();
  try {
    if (!f.isRecord(x))
      return { ok: false, errors: [{ field: '', message: 'a pack must be an object' }] };
    f.checkKeys(x, ['id', 'version', 'title', 'description', 'entries'], r);
    const id = f.readString(f.read(x, 'id'), 'id', r, {
      max: 60,
      pattern: KEBAB,
      what: 'kebab-case',
    });
    const version = f.readInteger(f.read(x, 'version'), 'version', r, 1, 1_000_000);
    const title = f.readString(f.read(x, 'title'), 'title', r, { max: 200, oneLine: true });
    const description = f.readString(f.read(x, 'description'), 'description', r, {
      min: 0,
      max: 2000,
    });
    const items = f.readArray(f.read(x, 'entries'), 'entries', r, 0, LIMITS.packEntries) ?? [];
    const entries: Entry[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const entry = readEntry(item, r.nested(`entries[${i}].`));
      if (entry === null) return;
      if (seen.has(entry.id)) r.add(`entries[${i}].id`, `duplicate id "${entry.id}"`);
      seen.add(entry.id);
      entries.push(entry);
    });
    if (r.count === 0)
      return {
        ok: true,
        pack: { id: id!, version: version!, title: title!, description: description!, entries },
      };
  } catch (e) {
    r.add('', `unreadable pack (${e instanceof Error ? e.name : typeof e})`);
  }
  return { ok: false, errors: r.errors };
}
