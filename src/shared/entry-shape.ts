/**
 * A cheap structural check of a stored entry, used when reading storage in every tab. It guards the
 * matcher against a corrupt store; it does not judge patterns (the background validated them with
 * `validateEntry` before writing, and compiling every pattern twice on each page load would waste time).
 */
import { CATEGORIES, type Entry } from '../core/entry';

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isContextRules(v: unknown): boolean {
  return (
    v === undefined ||
    (Array.isArray(v) &&
      v.every((r) => isObject(r) && isStringArray(r.anyOf) && Number.isInteger(r.window)))
  );
}

/** True when `v` has the shape of an Entry (see src/core/entry.ts), enough for the matcher to run. */
export function isEntryShape(v: unknown): v is Entry {
  if (!isObject(v)) return false;
  const { ladder, context, sources } = v;
  return (
    isString(v.id) &&
    v.id !== '' &&
    isStringArray(v.patterns) &&
    v.patterns.length > 0 &&
    isString(v.meaning) &&
    isString(v.explanation) &&
    (CATEGORIES as readonly unknown[]).includes(v.category) &&
    [1, 2, 3, 4, 5].includes(v.intensity as number) &&
    isString(v.lang) &&
    Array.isArray(sources) &&
    sources.every(
      (s) => isObject(s) && isString(s.title) && (s.url === undefined || isString(s.url)),
    ) &&
    isStringArray(v.examples) &&
    isStringArray(v.counterExamples) &&
    (ladder === undefined ||
      (isObject(ladder) && isString(ladder.scale) && Number.isFinite(ladder.step))) &&
    (context === undefined ||
      (isObject(context) && isContextRules(context.requires) && isContextRules(context.excludes)))
  );
}
