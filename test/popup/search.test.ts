import { describe, expect, it } from 'vitest';
import { searchGlossary } from '../../src/popup/search';
import { displayPhrase } from '../../src/shared/ui/phrase';
import { CORDIAL, FRANK, GRAVE, entry } from './entries';

const glossary = [FRANK, GRAVE, CORDIAL];
const ids = (query: string, list = glossary) => searchGlossary(list, query).map((h) => h.entry.id);

describe('searchGlossary', () => {
  it('finds an entry by a word of its phrase, whatever the case', () => {
    expect(ids('FRANK')).toEqual(['frank-exchange']);
  });

  it('finds an entry by its plain meaning', () => {
    expect(ids('about to act')).toEqual(['grave-concern']);
  });

  it('ignores accents, so “communiqué” finds a pattern written “communique”', () => {
    const c = entry('joint', ['joint communique'], 'they agreed on little');
    expect(ids('communiqué', [c])).toEqual(['joint']);
  });

  it('finds a phrase by any of its alternatives, and gives the pattern that holds it', () => {
    const [hit] = searchGlossary(glossary, 'friendly');
    expect(hit?.entry.id).toBe('cordial');
    expect(hit?.phrase).toBe('cordial talks');
    expect(hit?.pattern).toBe('(cordial|friendly) talks');
  });

  it('needs every word typed to occur', () => {
    expect(ids('frank concern')).toEqual([]);
  });

  it('ranks phrase matches above meaning matches, and phrase starts above the rest', () => {
    const list = [
      entry('meaning-only', ['closed doors'], 'a row behind closed doors'),
      entry('contains', ['a public row'], 'open dispute'),
      entry('starts', ['row over'], 'dispute'),
    ];
    expect(ids('row', list)).toEqual(['starts', 'contains', 'meaning-only']);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(ids('   ')).toEqual([]);
  });
});

describe('displayPhrase', () => {
  it('reads a pattern as a reader would say it: first alternatives, optional words kept', () => {
    expect(displayPhrase('[free and] frank exchange of =views')).toBe(
      'free and frank exchange of views',
    );
    expect(displayPhrase('talks *3 (constructive|useful)')).toBe('talks … constructive');
    expect(displayPhrase('(express|voice) [(serious|grave)] reservations (about|over)')).toBe(
      'express serious reservations about',
    );
    expect(displayPhrase('deplores|condemns')).toBe('deplores');
  });
});
