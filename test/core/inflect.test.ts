import { describe, expect, it } from 'vitest';
import { exactKey, lemmaKey } from '../../src/core/inflect';

const same = (...forms: string[]) => new Set(forms.map(lemmaKey)).size === 1;

describe('lemmaKey', () => {
  it.each([
    ['exchange', 'exchanges', 'exchanged', 'exchanging'],
    ['talk', 'talks', 'talked', 'talking'],
    ['country', 'countries'],
    ['deny', 'denies', 'denied', 'denying'],
    ['stop', 'stops', 'stopped', 'stopping'],
    ['control', 'controls', 'controlled', 'controlling'],
    ['hope', 'hopes', 'hoped', 'hoping'],
    ['wish', 'wishes', 'wished'],
    ['agree', 'agrees', 'agreed', 'agreeing'],
    ['meeting', 'meetings', 'meet', 'met'],
    ['hold', 'held', 'holds', 'holding'],
    ['take', 'took', 'taken', 'takes'],
    ['make', 'made', 'making'],
    ['give', 'gave', 'given'],
    ['say', 'said', 'says'],
    ['crisis', 'crises'],
    ['man', 'men'],
    ['condemn', 'condemns', 'condemned'],
    ['urge', 'urges', 'urged', 'urging'],
  ])('gives %s and its forms one key', (...forms) => {
    expect(same(...forms)).toBe(true);
  });

  it.each([
    ['its', 'it'],
    ['was', 'wa'],
    ['this', 'thi'],
    ['us', 'u'],
    ['news', 'new'],
    ['crisis', 'crisi'],
    ['frank', 'franker'],
  ])('keeps %s apart from %s', (a, b) => {
    expect(lemmaKey(a)).not.toBe(lemmaKey(b));
  });

  it('never inflects function words', () => {
    for (const w of ['the', 'is', 'was', 'been', 'its', 'this', 'as', 'and', 'during'])
      expect(lemmaKey(w)).toBe(w);
  });

  it('leaves numbers and non-English words alone', () => {
    expect(lemmaKey('1990s')).toBe('1990s');
    expect(lemmaKey('переговоры')).toBe('переговоры');
  });

  it('files exact forms under their own key, except function words', () => {
    expect(exactKey('frank')).toBe('=frank');
    expect(exactKey('the')).toBe('the');
  });
});
