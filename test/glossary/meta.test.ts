/**
 * Meta-test of the built-in glossary: every pack and entry is valid, ids are unique, every entry
 * has a source and an example, every example is matched by THAT entry with the whole glossary
 * compiled (so an example another entry steals fails), and no counter-example is matched by it.
 * One test per entry, named after it, so a failure says which entry and why.
 */
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry';
import { compileGlossary } from '../../src/core/compile';
import { findMatches } from '../../src/core/matcher';
import { validateEntry, validatePack } from '../../src/core/validate';
import { BUILTIN_PACKS } from '../../src/glossary/index';

const entries: Entry[] = BUILTIN_PACKS.flatMap((p) => p.entries);
// Compile the entries that validate, so one broken entry fails its own test, not all of them.
const glossary = compileGlossary(entries.filter((e) => validateEntry(e).ok));

/** What the whole glossary finds in a sentence, as `"text" → entry-id`. */
function found(sentence: string): string[] {
  return findMatches(glossary, sentence).map(
    (m) => `"${sentence.slice(m.start, m.end)}" → ${m.entryId}`,
  );
}

/** Every problem with one entry, as readable lines; [] when it is fine. */
function problemsOf(entry: Entry): string[] {
  const problems: string[] = [];
  const v = validateEntry(entry);
  if (!v.ok) problems.push(...v.errors.map((e) => `invalid ${e.field}: ${e.message}`));
  if (!Array.isArray(entry.sources) || entry.sources.length === 0) problems.push('no source');
  if (!Array.isArray(entry.examples) || entry.examples.length === 0) problems.push('no example');
  if (!v.ok) return problems;
  for (const example of entry.examples) {
    const matches = findMatches(glossary, example);
    if (!matches.some((m) => m.entryId === entry.id)) {
      const others = found(example);
      problems.push(
        `example not matched: ${JSON.stringify(example)}` +
          (others.length ? ` (found instead: ${others.join(', ')})` : ''),
      );
    }
  }
  for (const counter of entry.counterExamples) {
    if (findMatches(glossary, counter).some((m) => m.entryId === entry.id))
      problems.push(
        `counter-example matched: ${JSON.stringify(counter)} (${found(counter).join(', ')})`,
      );
  }
  return problems;
}

describe('built-in packs', () => {
  it.each(BUILTIN_PACKS.map((p) => [p.id, p] as const))('pack "%s" is valid', (_, pack) => {
    const r = validatePack(pack);
    expect(r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([]);
  });

  it('uses every entry id once across all packs', () => {
    const seen = new Map<string, number>();
    for (const e of entries) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });
});

describe.runIf(entries.length > 0)('built-in entries', () => {
  it.each(entries.map((e) => [e.id, e] as const))(
    'entry "%s" is valid, sourced, matches its examples and none of its counter-examples',
    (_, entry) => {
      expect(problemsOf(entry)).toEqual([]);
    },
  );
});
