import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Entry, Pack } from '../../src/core/entry';
import { renderEntryList } from '../../src/options/entry-list';
import { findBuiltins, renderBuiltins, type BuiltinActions } from '../../src/options/builtins';
import { renderSites } from '../../src/options/sites';
import { keepFocus } from '../../src/options/notice';
import { CORDIAL, entry, FRANK, GRAVE } from '../popup/entries';

const pack: Pack = {
  id: 'diplomatic',
  version: 3,
  title: 'Meeting read-outs',
  description: '',
  entries: [FRANK, GRAVE, CORDIAL],
};
const actions = (): BuiltinActions => ({
  setHidden: vi.fn(),
  startReword: vi.fn(),
  saveReword: vi.fn(),
  cancelReword: vi.fn(),
  restore: vi.fn(),
});
let box: HTMLElement;
beforeEach(() => {
  document.body.replaceChildren((box = document.createElement('div')));
});

describe('the reader’s phrase list', () => {
  it('lists phrases alphabetically with meaning, category and intensity', () => {
    renderEntryList(box, [GRAVE, CORDIAL], { edit: vi.fn(), remove: vi.fn() });
    expect([...box.querySelectorAll('.phrase')].map((p) => p.textContent)).toEqual([
      'quoted(cordial talks)',
      'quoted(grave concern)',
    ]);
    expect(box.querySelector('.meta')?.textContent).toBe('categoryDiplomatic · intensityOf(1)');
  });

  it('edits or deletes the entry whose button was pressed, named for screen readers', () => {
    const edit = vi.fn<(e: Entry) => void>();
    const remove = vi.fn<(e: Entry) => void>();
    renderEntryList(box, [GRAVE, CORDIAL], { edit, remove });
    const buttons = [...box.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'optionsEditNamed(cordial talks)',
      'optionsDeleteNamed(cordial talks)',
      'optionsEditNamed(grave concern)',
      'optionsDeleteNamed(grave concern)',
    ]);
    buttons[3]?.click();
    expect(remove).toHaveBeenCalledWith(GRAVE);
    buttons[0]?.click();
    expect(edit).toHaveBeenCalledWith(CORDIAL);
  });

  it('says so when the reader has no phrases', () => {
    renderEntryList(box, [], { edit: vi.fn(), remove: vi.fn() });
    expect(box.textContent).toBe('optionsNoPhrases');
  });

  it('shows a meaning holding HTML as text', () => {
    const evil = entry('evil', ['evil'], '<img src=x onerror=alert(1)>');
    renderEntryList(box, [evil], { edit: vi.fn(), remove: vi.fn() });
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('.meaning')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('the built-in glossary browser', () => {
  it('finds built-in entries by phrase or meaning, accents and case ignored', () => {
    const none = new Map();
    expect(findBuiltins([pack], none, 'GRAVE').map((f) => f.entry.id)).toEqual(['grave-concern']);
    expect(findBuiltins([pack], none, 'polité').map((f) => f.entry.id)).toEqual(['cordial']);
    expect(findBuiltins([pack], none, 'friendly').map((f) => f.entry.id)).toEqual(['cordial']);
  });

  it('lists the entries the reader changed when nothing is typed', () => {
    const changed = new Map([['cordial', { hidden: true }]]);
    expect(findBuiltins([pack], changed, '').map((f) => f.entry.id)).toEqual(['cordial']);
  });

  it('shows a re-worded meaning with the original beside it, and offers to restore it', () => {
    const a = actions();
    const overrides = new Map([['grave-concern', { meaning: 'we will act' }]]);
    renderBuiltins(box, { packs: [pack], overrides, query: 'grave', editing: null }, a);
    expect(box.querySelector('.meaning')?.textContent).toBe('we will act');
    expect(box.textContent).toContain('optionsWas(we are about to act)');
    [...box.querySelectorAll('button')].find((b) => b.textContent === 'optionsRestore')?.click();
    expect(a.restore).toHaveBeenCalledWith('grave-concern');
  });

  it('hides an entry, and offers to show a hidden one again', () => {
    const a = actions();
    renderBuiltins(box, { packs: [pack], overrides: new Map(), query: 'grave', editing: null }, a);
    box.querySelector<HTMLButtonElement>('button')?.click();
    expect(a.setHidden).toHaveBeenCalledWith('grave-concern', true);
    const hidden = new Map([['grave-concern', { hidden: true }]]);
    renderBuiltins(box, { packs: [pack], overrides: hidden, query: 'grave', editing: null }, a);
    expect(box.querySelector('button')?.textContent).toBe('optionsShow');
  });

  it('re-words an entry through a labelled form', () => {
    const a = actions();
    renderBuiltins(
      box,
      { packs: [pack], overrides: new Map(), query: 'grave', editing: 'grave-concern' },
      a,
    );
    const meaning = box.querySelector<HTMLInputElement>('#rw-grave-concern-meaning');
    expect(meaning?.labels?.[0]?.textContent).toBe('optionsFieldMeaning');
    meaning!.value = '  military action is near ';
    box.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(a.saveReword).toHaveBeenCalledWith('grave-concern', {
      meaning: 'military action is near',
      explanation: '',
    });
  });

  it('says how many more entries a broad search found than it shows', () => {
    const many: Pack = {
      ...pack,
      entries: Array.from({ length: 45 }, (_, i) => entry(`talk-${i}`, [`talk ${i}`], 'x')),
    };
    renderBuiltins(
      box,
      { packs: [many], overrides: new Map(), query: 'talk', editing: null },
      actions(),
    );
    expect(box.querySelectorAll('li.entry')).toHaveLength(40);
    expect(box.textContent).toContain('optionsBuiltinMore(40,45)');
  });
});

describe('the switched-off sites', () => {
  it('lists the sites sorted and switches the chosen one back on', () => {
    const onRemove = vi.fn();
    renderSites(box, ['zeit.de', 'bbc.co.uk'], onRemove);
    expect([...box.querySelectorAll('.site')].map((s) => s.textContent)).toEqual([
      'bbc.co.uk',
      'zeit.de',
    ]);
    box.querySelectorAll('button')[1]?.click();
    expect(onRemove).toHaveBeenCalledWith('zeit.de');
  });

  it('says Subtext is on everywhere when no site is switched off', () => {
    renderSites(box, [], vi.fn());
    expect(box.textContent).toBe('optionsNoSites');
  });
});

describe('keepFocus', () => {
  it('puts the keyboard focus back on the same button of the same item after a re-render', () => {
    const draw = (label: string) =>
      renderSites(
        box,
        ['a.example', 'b.example'],
        vi.fn(() => label),
      );
    draw('first');
    for (const li of box.querySelectorAll('li')) li.dataset.id = li.textContent ?? '';
    box.querySelectorAll('button')[1]?.focus();
    keepFocus(box, () => {
      draw('second');
      for (const li of box.querySelectorAll('li')) li.dataset.id = li.textContent ?? '';
    });
    expect(document.activeElement).toBe(box.querySelectorAll('button')[1]);
  });
});
