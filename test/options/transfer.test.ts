import { describe, expect, it } from 'vitest';
import { detectFormat, renderImportSummary } from '../../src/options/transfer';

const summary = (over = {}) => ({
  added: ['a', 'b'],
  changed: [],
  removed: [],
  unchanged: ['c'],
  errors: [],
  ...over,
});

describe('import', () => {
  it('guesses the format from the file name, else from the first character', () => {
    expect(detectFormat('list.CSV', '[')).toBe('csv');
    expect(detectFormat('list.json', 'phrase,meaning')).toBe('json');
    expect(detectFormat('', '  [{"id":"x"}]')).toBe('json');
    expect(detectFormat('', 'phrase,meaning')).toBe('csv');
  });

  it('previews what an import would change before anything is applied', () => {
    const box = document.createElement('div');
    renderImportSummary(box, summary({ removed: ['old-one'] }), 'replace');
    expect(box.querySelector('.summary')?.textContent).toBe('optionsImportReadyReplace');
    expect([...box.querySelectorAll('.count-text')].map((c) => c.textContent)).toEqual([
      'optionsImportAdded(2)',
      'optionsImportChanged(0)',
      'optionsImportRemoved(1)',
    ]);
    expect(box.querySelector('.danger')?.textContent).toContain('old-one');
  });

  it('lists every error by line and field, as text', () => {
    const box = document.createElement('div');
    renderImportSummary(
      box,
      summary({
        errors: [
          { line: 3, field: 'intensity', message: 'must be 1 to 5' },
          { line: 7, field: 'meaning', message: '<b>missing</b>' },
        ],
      }),
      'merge',
    );
    expect(box.querySelector('.summary')?.textContent).toBe('optionsImportHasErrors(2)');
    const rows = [...box.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((d) => d.textContent),
    );
    expect(rows).toEqual([
      ['3', 'intensity', 'must be 1 to 5'],
      ['7', 'meaning', '<b>missing</b>'],
    ]);
    expect(box.querySelector('b')).toBeNull();
  });
});
