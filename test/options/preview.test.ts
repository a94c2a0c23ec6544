import { describe, expect, it } from 'vitest';
import { previewMatches, renderPreview } from '../../src/options/preview';
import { entry, GRAVE } from '../popup/entries';

const draft = entry('my-talks', ['=useful discussions', '(frank|candid) talks'], 'a row');

describe('the live preview', () => {
  it('says which entry and which of its patterns decoded each phrase', () => {
    const sentence = 'They held candid talks and voiced grave concern.';
    const matches = previewMatches([GRAVE], draft, sentence);
    expect(
      matches.map((m) => [sentence.slice(m.start, m.end), m.entry.id, m.patternIndex, m.isDraft]),
    ).toEqual([
      ['candid talks', 'my-talks', 1, true],
      ['grave concern', 'grave-concern', 0, false],
    ]);
  });

  it('still previews the valid patterns while another line is broken', () => {
    const broken = { ...draft, patterns: ['(unclosed', 'candid talks'] };
    const [m] = previewMatches([], broken, 'candid talks');
    expect(m?.patternIndex).toBe(1);
  });

  it('shows the edited version of an entry, not the saved one', () => {
    const saved = entry('my-talks', ['frank talks'], 'old meaning');
    const matches = previewMatches([saved], draft, 'frank talks');
    expect(matches.map((m) => m.entry.meaning)).toEqual(['a row']);
  });

  it('marks matches in the sentence and keeps HTML typed there as text', () => {
    const box = document.createElement('div');
    const sentence = '<img src=x onerror=alert(1)> candid talks';
    renderPreview(box, sentence, previewMatches([], draft, sentence));
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('mark.draft')?.textContent).toBe('candid talks');
    expect(box.querySelector('.preview-text')?.textContent).toBe(sentence);
    expect(box.querySelector('.preview-why li')?.textContent).toContain('(frank|candid) talks');
  });

  it('says when nothing in the sentence is decoded', () => {
    const box = document.createElement('div');
    renderPreview(box, 'Nothing here.', previewMatches([GRAVE], draft, 'Nothing here.'));
    expect(box.textContent).toBe('optionsPreviewNone');
  });
});
