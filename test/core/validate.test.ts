import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEntry, validatePack } from '../../src/core/validate';
import { entry } from './helpers';

const valid = () => ({
  ...entry('frank-exchange', ['[(free|full) and] frank exchange of views']),
  examples: ['They had a frank exchange of views.'],
  ladder: { scale: 'meeting-tone', step: 2 },
  context: { requires: [{ anyOf: ['talks'], window: 4, side: 'either' as const }] },
});

const errorsOf = (x: unknown) => {
  const r = validateEntry(x);
  return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
};

describe('validateEntry', () => {
  it('accepts a complete entry and returns a copy of it', () => {
    const input = valid();
    const r = validateEntry(input);
    expect(r).toEqual({ ok: true, entry: input });
    if (r.ok) expect(r.entry).not.toBe(input);
  });

  it('drops nothing and adds nothing: the copy holds only model fields', () => {
    const r = validateEntry(entry('a', ['a']));
    expect(r.ok && Object.keys(r.entry).sort()).toEqual(
      [
        'category',
        'counterExamples',
        'examples',
        'explanation',
        'id',
        'intensity',
        'lang',
        'meaning',
        'patterns',
        'sources',
      ].sort(),
    );
  });

  it.each([
    [{ id: 'Frank Exchange' }, 'id: must be kebab-case (a-z, 0-9, single hyphens)'],
    [{ id: 'a--b' }, 'id: must be kebab-case (a-z, 0-9, single hyphens)'],
    [{ patterns: [] }, 'patterns: needs at least one item'],
    [
      { patterns: ['ok', 'free (frank'] },
      'patterns[1]: column 12: unclosed "(" opened at column 6',
    ],
    [{ patterns: [3] }, 'patterns[0]: must be a string'],
    [{ meaning: '' }, 'meaning: must not be empty'],
    [{ meaning: 'two\nlines' }, 'meaning: must be one line'],
    [{ explanation: 'x'.repeat(2001) }, 'explanation: must be at most 2000 characters'],
    [{ category: 'gossip' }, expect.stringMatching(/^category: must be one of diplomatic, /)],
    [{ intensity: 6 }, 'intensity: must be a whole number from 1 to 5'],
    [{ intensity: 2.5 }, 'intensity: must be a whole number from 1 to 5'],
    [{ lang: 'english' }, 'lang: must be a BCP 47 tag'],
    [{ sources: [] }, 'sources: needs at least one item'],
    [
      { sources: [{ title: 'x', url: 'javascript:alert(1)' }] },
      'sources[0].url: must be an http(s) URL',
    ],
    [{ sources: [{ url: 'https://x.org' }] }, 'sources[0].title: must be a string'],
    [{ examples: 'one' }, 'examples: must be a list'],
    [{ counterExamples: [''] }, 'counterExamples[0]: must not be empty'],
    [
      { ladder: { scale: 'un-feeling', step: 0 } },
      'ladder.step: must be a whole number from 1 to 20',
    ],
    [
      { context: { requires: [{ anyOf: ['(x'], window: 3 }] } },
      'context.requires[0].anyOf[0]: column 3: unclosed "(" opened at column 1',
    ],
    [
      { context: { excludes: [{ anyOf: ['x'], window: 99 }] } },
      'context.excludes[0].window: must be a whole number from 1 to 30',
    ],
    [
      { context: { requires: [{ anyOf: ['x'], window: 2, side: 'left' }] } },
      'context.requires[0].side: must be "before", "after" or "either"',
    ],
    [{ counterexamples: [] }, 'counterexamples: unknown field "counterexamples"'],
  ])('refuses %j', (patch, message) => {
    expect(errorsOf({ ...valid(), ...patch })).toContainEqual(message);
  });

  it('refuses what is not an entry at all', () => {
    for (const x of [null, undefined, 3, 'entry', [], () => 1])
      expect(validateEntry(x).ok).toBe(false);
  });

  it('bounds sizes so a hostile import cannot blow memory', () => {
    const huge = new Array(1e6).fill('frank');
    expect(errorsOf({ ...valid(), patterns: huge })).toEqual([
      'patterns: must have at most 32 items',
    ]);
    expect(errorsOf({ ...valid(), examples: ['x'.repeat(5000)] })).toEqual([
      'examples[0]: must be at most 1000 characters',
    ]);
  });

  it('does not throw on getters that throw, proxies or odd prototypes', () => {
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('no'); }, getOwnPropertyDescriptor: () => { throw new Error('no'); } }); // prettier-ignore
    const getter = Object.defineProperty(valid(), 'id', { get: () => { throw new Error('boom'); }, enumerable: true }); // prettier-ignore
    for (const x of [trap, getter, Object.create(valid()), { ...valid(), __proto__: null }])
      expect(() => validateEntry(x)).not.toThrow();
    expect(validateEntry(getter).ok).toBe(false);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (x) => {
        expect(validateEntry(x).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...Object.keys(valid())), fc.anything()),
        (patch) => {
          const r = validateEntry({ ...valid(), ...patch });
          expect(typeof r.ok).toBe('boolean');
        },
      ),
    );
  });
});

describe('validatePack', () => {
  const pack = (entries: unknown[]) => ({
    id: 'un',
    version: 1,
    title: 'UN',
    description: '',
    entries,
  });

  it('accepts a pack of valid entries', () => {
    const r = validatePack(pack([valid()]));
    expect(r.ok && r.pack.entries.map((e) => e.id)).toEqual(['frank-exchange']);
  });

  it('prefixes entry errors with their index and refuses duplicate ids', () => {
    const r = validatePack(pack([valid(), { ...valid(), intensity: 0 }, valid()]));
    expect(r.ok ? [] : r.errors).toEqual([
      { field: 'entries[1].intensity', message: 'must be a whole number from 1 to 5' },
      { field: 'entries[2].id', message: 'duplicate id "frank-exchange"' },
    ]);
  });

  it('refuses a pack without a version', () => {
    const { version: _, ...rest } = pack([]);
    expect(validatePack(rest).ok).toBe(false);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(() => validatePack(x)).not.toThrow();
      }),
    );
  });
});
