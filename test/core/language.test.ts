import { describe, expect, it } from 'vitest';
import { entriesForLanguage, primaryLanguage } from '../../src/core/language';

const en = { id: 'a', lang: 'en' };
const enGb = { id: 'b', lang: 'en-GB' };
const fr = { id: 'c', lang: 'fr' };

describe('entriesForLanguage', () => {
  it('keeps only English entries on a page that declares English in any region', () => {
    expect(entriesForLanguage([en, enGb, fr], 'en-US').map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('keeps no English entry on a French page, so "a décidé" is never read as "decides"', () => {
    expect(entriesForLanguage([en, enGb, fr], 'fr-FR').map((e) => e.id)).toEqual(['c']);
  });

  it('keeps every entry when the page declares no language or a malformed one', () => {
    expect(entriesForLanguage([en, fr], null)).toHaveLength(2);
    expect(entriesForLanguage([en, fr], '')).toHaveLength(2);
    expect(entriesForLanguage([en, fr], '12-xx')).toHaveLength(2);
  });
});

describe('primaryLanguage', () => {
  it('reads the primary subtag case-insensitively', () => {
    expect(primaryLanguage('EN_gb')).toBe('en');
    expect(primaryLanguage(' zh-Hans-CN ')).toBe('zh');
    expect(primaryLanguage(undefined)).toBeNull();
  });
});
