import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry';
import { compileGlossary, glossaryStamp, packGlossary } from '../../src/core/compile';
import {
  findMatches,
  restoreGlossary,
  restoreGlossaryInSteps,
  restrictGlossary,
  type CompiledGlossary,
} from '../../src/core/matcher';
import { BUILTIN_PACKS } from '../../src/glossary/index';
import { entry } from './helpers';

const builtin: Entry[] = BUILTIN_PACKS.flatMap((p) => p.entries);
/** Every example and counter-example of the built-in glossary, in one list of texts. */
const texts = builtin.flatMap((e) => [...e.examples, ...e.counterExamples]);

const decodeAll = (g: CompiledGlossary) =>
  texts.map((t) =>
    findMatches(g, t).map((m) => `${m.start}-${m.end}:${m.entryId}#${m.patternIndex}`),
  );

/** Through JSON, as storage.local keeps it. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('a compiled glossary stored and restored (the cache the background keeps)', () => {
  const compiled = compileGlossary(builtin);
  const packed = stored(packGlossary(compiled));

  it('decodes every built-in example and counter-example exactly as the fresh compile does', () => {
    const restored = restoreGlossary(packed);
    expect(restored).not.toBeNull();
    expect(decodeAll(restored!)).toEqual(decodeAll(compiled));
    // The texts hold plenty of matches: the comparison is not between two empty lists.
    expect(decodeAll(compiled).flat().length).toBeGreaterThan(300);
  });

  it('can be restored a step at a time (no long task in a page), to the same glossary', () => {
    const steps = restoreGlossaryInSteps(packed);
    let count = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) count++;
    // The built-in glossary's block is about 900,000 base64 characters: decoded in many steps.
    expect(count).toBeGreaterThanOrEqual(packed.trie.data.length / 70_000);
    expect(decodeAll(r.value!)).toEqual(decodeAll(compiled));
  });

  it('keeps context rules, gaps, exact forms and comma-joined lists working', () => {
    const entries = [
      entry('constructive', ['constructive'], {
        context: { requires: [{ anyOf: ['talks', 'meeting'], window: 4 }] },
      }),
      entry('gap', ['take *2 note']),
      entry('exact', ['=frank =talks']),
      entry('list', ['frank and candid exchange']),
    ];
    const text =
      'Constructive criticism. The talks were constructive. We take careful note. Frank talks, ' +
      'frank talk. A frank, candid exchange.';
    const fresh = findMatches(compileGlossary(entries), text);
    const restored = restoreGlossary(stored(packGlossary(compileGlossary(entries))))!;
    expect(findMatches(restored, text)).toEqual(fresh);
    expect(fresh.map((m) => m.entryId)).toEqual(['constructive', 'gap', 'exact', 'list']);
  });

  it('carries what matching and the card need of each entry, and leaves meanings to the background', () => {
    const restored = restoreGlossary(packed)!;
    expect(restored.entries.map((e) => e.id)).toEqual(builtin.map((e) => e.id));
    const laddered = builtin.findIndex((e) => e.ladder !== undefined);
    expect(laddered).toBeGreaterThanOrEqual(0);
    const e = restored.entries[laddered]!;
    const b = builtin[laddered]!;
    expect(e).toMatchObject({ patterns: b.patterns.slice(0, 1), category: b.category, intensity: b.intensity, ladder: b.ladder }); // prettier-ignore
    // Meanings, explanations and sources are most of the glossary's bytes: a card asks for them.
    expect(e).not.toHaveProperty('meaning');
    expect(e).not.toHaveProperty('sources');
    expect(restored.byId.get(b.id)).toBe(e);
  });

  it('is refused, not trusted, when damaged or of another format', () => {
    expect(restoreGlossary(null)).toBeNull();
    expect(restoreGlossary({ ...packed, format: 99 })).toBeNull();
    expect(restoreGlossary({ ...packed, trie: { ...packed.trie, data: packed.trie.data.slice(0, 400) } })).toBeNull(); // prettier-ignore
    expect(restoreGlossary({ ...packed, trie: { ...packed.trie, data: 'not base64!' } })).toBeNull(); // prettier-ignore
    expect(restoreGlossary({ ...packed, contexts: [] })).toBeNull();
    expect(restoreGlossary({ ...packed, entries: packed.entries.slice(1) })).toBeNull();
    expect(restoreGlossary({ ...packed, entries: packed.entries.map((e, i) => (i === 3 ? { ...e, patterns: null } : e)) } as never)).toBeNull(); // prettier-ignore
    expect(restoreGlossary({ ...packed, trie: { ...packed.trie, gaps: [1e9, 1, 2] } })).toBeNull(); // prettier-ignore
    expect(restoreGlossary({ ...packed, trie: { ...packed.trie, keys: [] } })).toBeNull(); // prettier-ignore
  });

  it('is refused when its edges are damaged: two in one slot of the table, or one outside it', () => {
    const damaged = (edit: (ints: Int32Array, slots: number) => void) => {
      const bytes = new Uint8Array(Buffer.from(packed.trie.data, 'base64'));
      const ints = new Int32Array(bytes.buffer);
      edit(ints, 7 + ints[0]! * 2); // after the header and the two node columns
      const data = Buffer.from(bytes).toString('base64');
      return restoreGlossary({ ...packed, trie: { ...packed.trie, data } });
    };
    expect(damaged(() => undefined)).not.toBeNull(); // the edit below is what is refused
    expect(damaged((ints, slots) => (ints[slots + 1] = ints[slots]!))).toBeNull();
    expect(damaged((ints, slots) => (ints[slots] = -1))).toBeNull();
    expect(damaged((ints, slots) => (ints[slots] = ints[1]!))).toBeNull(); // the table's size
  });

  it('given a source, restores only a glossary made from that one', () => {
    const withSource = stored(packGlossary(compiled, '0.1.0|7|military|'));
    expect(restoreGlossary(withSource, '0.1.0|7|military|')).not.toBeNull();
    expect(restoreGlossary(withSource, '0.1.0|8|military|')).toBeNull();
    expect(restoreGlossary(packed, '0.1.0|7|military|')).toBeNull(); // stored without one
  });

  it('stamps differ when anything compiling depends on differs, and only then', () => {
    const a = [entry('a', ['grave concern']), entry('b', ['deep concern'])];
    expect(glossaryStamp(a)).toBe(glossaryStamp(a.map((e) => ({ ...e, meaning: 'reworded' }))));
    expect(glossaryStamp(a)).not.toBe(glossaryStamp([a[1]!, a[0]!]));
    expect(glossaryStamp(a)).not.toBe(glossaryStamp([entry('a', ['grave concerns']), a[1]!]));
    // Joining fields must not make ["ab", "c"] and ["a", "bc"] the same.
    expect(glossaryStamp([entry('x', ['ab', 'c'])])).not.toBe(glossaryStamp([entry('x', ['a', 'bc'])])); // prettier-ignore
  });
});

describe('restrictGlossary (the language gate on a shared trie)', () => {
  it('matches exactly what compiling only the kept entries would', () => {
    const keep = (e: Entry) => e.category !== 'diplomatic' && !e.id.includes('concern');
    const full = compileGlossary(builtin);
    const restricted = restrictGlossary(full, keep);
    expect(decodeAll(restricted)).toEqual(decodeAll(compileGlossary(builtin.filter(keep))));
    // And it does restrict: some texts decode differently.
    expect(decodeAll(restricted)).not.toEqual(decodeAll(full));
  });

  it('lets a shorter phrase win when the longer one is not kept', () => {
    const entries = [entry('long', ['grave concern']), entry('short', ['concern'])];
    const g = restrictGlossary(compileGlossary(entries), (e) => e.id !== 'long');
    expect(findMatches(g, 'We note grave concern.').map((m) => m.entryId)).toEqual(['short']);
  });
});
