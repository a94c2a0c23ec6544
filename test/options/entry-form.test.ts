import { beforeEach, describe, expect, it } from 'vitest';
import {
  draftFromEntry,
  draftFromSelection,
  EMPTY_DRAFT,
  entryDraftFromForm,
  fieldOf,
  fillForm,
  readDraft,
  showErrors,
} from '../../src/options/entry-form';
import { checkDraft } from '../../src/options/validate-draft';
import { FRANK } from '../popup/entries';
import { loadPage } from '../popup/page';

beforeEach(() => {
  loadPage('options/options.html');
});

describe('the entry form', () => {
  it('shows an entry being edited and reads back the same values', () => {
    fillForm(document, draftFromEntry(FRANK), true);
    expect(document.getElementById('form-heading')?.textContent).toBe('optionsFormEditHeading');
    expect(readDraft(document)).toEqual(draftFromEntry(FRANK));
  });

  it('turns a selection from a page into plain words, never into pattern syntax', () => {
    const draft = draftFromSelection('  grave (and growing)\n concern | *2 [sic]  ');
    expect(draft.patterns).toBe('grave and growing concern 2 sic');
  });

  it('keeps the id, examples and further sources of an edited entry', () => {
    const base = {
      ...FRANK,
      examples: ['They had a frank exchange of views.'],
      sources: [{ title: 'first' }, { title: 'second', url: 'https://example.org/' }],
    };
    const sent = entryDraftFromForm({ ...draftFromEntry(base), meaning: 'a real row' }, base);
    expect(sent).toMatchObject({
      id: 'frank-exchange',
      meaning: 'a real row',
      examples: ['They had a frank exchange of views.'],
    });
    expect(sent.sources?.map((s) => s.title)).toEqual(['first', 'second']);
  });

  it('names a source given only by its link after the link’s site', () => {
    const sent = entryDraftFromForm({
      ...EMPTY_DRAFT,
      patterns: 'x',
      meaning: 'y',
      sourceUrl: 'https://www.example.org/glossary',
    });
    expect(sent.sources).toEqual([
      { title: 'www.example.org', url: 'https://www.example.org/glossary' },
    ]);
    expect(entryDraftFromForm({ ...EMPTY_DRAFT, patterns: 'x' }).sources).toBeUndefined();
  });

  it('shows each error under its own field and marks only that field invalid', () => {
    fillForm(document, EMPTY_DRAFT, false);
    const first = showErrors(document, [
      { field: 'meaning', message: 'Say what it means.' },
      { field: '', message: 'Storage is full.' },
    ]);
    expect(first?.id).toBe('f-meaning');
    expect(document.getElementById('f-meaning')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('f-meaning-error')?.textContent).toBe('Say what it means.');
    expect(document.getElementById('f-patterns')?.hasAttribute('aria-invalid')).toBe(false);
    expect(document.getElementById('f-patterns-error')?.hidden).toBe(true);
    expect(document.getElementById('form-error')?.textContent).toBe('Storage is full.');
    showErrors(document, []);
    expect(document.getElementById('f-meaning')?.hasAttribute('aria-invalid')).toBe(false);
  });

  it('maps the store’s field names onto the form’s fields', () => {
    expect(fieldOf('patterns[2]')).toBe('patterns');
    expect(fieldOf('sources[0].url')).toBe('sourceUrl');
    expect(fieldOf('sources')).toBe('source');
    expect(fieldOf('meaning')).toBe('meaning');
    expect(fieldOf('entry')).toBe('');
  });
});

describe('checkDraft', () => {
  it('names the line and column of a broken pattern', () => {
    const errors = checkDraft({
      ...EMPTY_DRAFT,
      patterns: 'frank talks\n(frank|candid talks',
      meaning: 'x',
      explanation: 'y',
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('patterns');
    expect(errors[0]?.message).toMatch(/^optionsErrorPatternLine\(2,.*column \d+/);
  });

  it('asks for a pattern, a meaning and an explanation, in the reader’s language', () => {
    expect(checkDraft(EMPTY_DRAFT)).toEqual([
      { field: 'patterns', message: 'optionsErrorNoPattern' },
      { field: 'meaning', message: 'optionsErrorNoMeaning' },
      { field: 'explanation', message: 'optionsErrorNoExplanation' },
    ]);
  });

  it('passes on what only the engine checks, such as a meaning over its length limit', () => {
    const errors = checkDraft({
      ...EMPTY_DRAFT,
      patterns: 'x',
      meaning: 'y'.repeat(5000),
      explanation: 'z',
    });
    expect(errors.map((e) => e.field)).toEqual(['meaning']);
  });

  it('refuses a source link that is not a web address', () => {
    const errors = checkDraft({
      ...EMPTY_DRAFT,
      patterns: 'x',
      meaning: 'y',
      explanation: 'z',
      sourceUrl: 'javascript:alert(1)',
    });
    expect(errors).toEqual([{ field: 'sourceUrl', message: 'optionsErrorUrl' }]);
  });
});
