/**
 * The options page as a whole, connected to a stand-in background: the context menu's deep link,
 * saving with errors from the store, delete with undo, and the sync status line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Pack } from '../../src/core/entry';
import { GRAVE, entry } from '../popup/entries';
import { loadPage } from '../popup/page';
import { stubBackground, until, type Stub } from './background-stub';
import browser from '../../src/shared/browser';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../src/shared/settings';

const mine = entry('my-row', ['blunt talks'], 'a row', {
  category: 'custom',
  explanation: 'Blunt is as far as a read-out goes.',
});
const pack: Pack & { enabled: boolean } = {
  id: 'un',
  version: 1,
  title: 'UN',
  description: '',
  entries: [GRAVE],
  enabled: true,
};
let stub: Stub;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const submit = () =>
  $<HTMLFormElement>('entry-form').dispatchEvent(new Event('submit', { cancelable: true }));

beforeAll(async () => {
  loadPage('options/options.html');
  history.replaceState(null, '', '/options.html#add=grave%20(very)%20concern');
  stub = stubBackground({
    'glossary:get': () => ({
      packs: [pack],
      entries: [mine],
      overrides: {},
      revision: 1,
      diagnostics: false,
    }),
    'sync:status': () => ({ mode: 'local', message: 'Kept on this device only.' }),
    'entries:save': ({ entry: e }) =>
      e.meaning === 'too vague'
        ? { ok: false, errors: [{ field: 'patterns[0]', message: 'matches too much' }] }
        : { ok: true, id: 'my-grave-very-concern' },
    'entries:delete': () => ({ ok: true }),
    'import:preview': ({ text }) => ({
      added: text.includes('bad') ? [] : ['useful-talks'],
      changed: [],
      removed: [],
      unchanged: [],
      errors: text.includes('bad')
        ? [{ line: 2, field: 'intensity', message: 'must be 1 to 5' }]
        : [],
    }),
    'import:apply': () => ({
      added: ['useful-talks'],
      changed: [],
      removed: [],
      unchanged: [],
      errors: [],
      applied: true,
    }),
    // Like the background: store the new settings, which fires storage.onChanged.
    'settings:update': async ({ patch }) => {
      const settings = { ...DEFAULT_SETTINGS, ...patch } as Settings;
      await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
      return settings;
    },
  });
  await import('../../src/options/index');
  await until(() => !$('entry-form').hidden, 'the form to open');
});

describe('the options page', () => {
  it('opens the entry form pre-filled from the context menu’s link, ready for the meaning', () => {
    expect($<HTMLTextAreaElement>('f-patterns').value).toBe('grave very concern');
    expect($<HTMLTextAreaElement>('f-sample').value).toBe('grave (very) concern');
    expect(document.activeElement?.id).toBe('f-meaning');
    expect(location.hash).toBe('');
  });

  it('asks for a meaning on save without sending anything', () => {
    $<HTMLTextAreaElement>('f-explanation').value = 'Said before acting.';
    submit();
    expect($('f-meaning-error').textContent).toBe('optionsErrorNoMeaning');
    expect(document.activeElement?.id).toBe('f-meaning');
    expect(stub.of('entries:save')).toEqual([]);
  });

  it('shows the store’s refusal on the field it names and keeps everything typed', async () => {
    $<HTMLInputElement>('f-meaning').value = 'too vague';
    submit();
    await until(() => !$('f-patterns-error').hidden, 'the patterns error');
    expect($('f-patterns-error').textContent).toBe('matches too much');
    expect($<HTMLTextAreaElement>('f-patterns').value).toBe('grave very concern');
    expect($('entry-form').hidden).toBe(false);
  });

  it('saves a new entry without an id, so the store names it, and closes the form', async () => {
    $<HTMLInputElement>('f-meaning').value = 'they mean it';
    submit();
    await until(() => $('entry-form').hidden, 'the form to close');
    const [, sent] = stub.of('entries:save');
    expect(sent).toMatchObject({
      entry: { patterns: ['grave very concern'], meaning: 'they mean it', category: 'custom' },
    });
    expect(sent?.entry.id).toBeUndefined();
    expect(sent?.replaceId).toBeUndefined();
    expect($('notice').textContent).toBe('optionsSaved(grave very concern)');
  });

  it('edits an entry in place, sending its id to replace', async () => {
    [...document.querySelectorAll<HTMLButtonElement>('#entry-list button')]
      .find((b) => b.textContent === 'optionsEdit')
      ?.click();
    expect($('form-heading').textContent).toBe('optionsFormEditHeading');
    $<HTMLInputElement>('f-meaning').value = 'an open row';
    submit();
    await until(() => $('entry-form').hidden, 'the form to close');
    expect(stub.of('entries:save').at(-1)).toMatchObject({
      entry: { id: 'my-row', meaning: 'an open row' },
      replaceId: 'my-row',
    });
  });

  it('deletes an entry and brings it back with Undo', async () => {
    [...document.querySelectorAll<HTMLButtonElement>('#entry-list button')]
      .find((b) => b.textContent === 'optionsDelete')
      ?.click();
    await until(() => stub.of('entries:delete').length, 'the delete');
    expect(stub.of('entries:delete')).toEqual([{ id: 'my-row' }]);
    const undo = await until(() => document.querySelector<HTMLButtonElement>('#notice button'));
    undo.click();
    await until(() => stub.of('entries:save').at(-1)?.entry.id === 'my-row', 'the undo');
    expect(stub.of('entries:save').at(-1)).toEqual({ entry: mine });
  });

  it('shows why the list is kept on this device only', async () => {
    await until(() => $('sync-status').textContent, 'the sync status');
    expect($('sync-status').textContent).toBe('Kept on this device only.');
  });

  it('lists the built-in packs with their phrase counts, all on', () => {
    const box = $('packs').querySelector('input') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect($('packs').textContent).toContain('optionsPackCount(1)');
  });

  it('switches a pack off and keeps the keyboard focus on its checkbox when the page re-renders', async () => {
    const box = () => $('packs').querySelector<HTMLInputElement>('input[value="un"]')!;
    const before = box();
    before.focus();
    before.click();
    await until(() => stub.of('settings:update').length, 'settings:update');
    expect(stub.of('settings:update')).toEqual([{ patch: { disabledPacks: ['un'] } }]);
    await until(() => box() !== before, 'the packs to re-render');
    expect(box().checked).toBe(false);
    expect(document.activeElement).toBe(box());
  });

  it('applies an import only after a clean preview, and exactly what was previewed', async () => {
    const text = $<HTMLTextAreaElement>('import-text');
    const apply = $<HTMLButtonElement>('import-apply');
    const preview = () =>
      $<HTMLFormElement>('import-form').dispatchEvent(new Event('submit', { cancelable: true }));
    const csv = 'phrase,meaning\nuseful talks,nothing agreed';
    text.value = csv;
    text.dispatchEvent(new Event('input'));
    expect($<HTMLSelectElement>('import-format').value).toBe('csv');
    expect(apply.disabled).toBe(true);
    preview();
    await until(() => !apply.disabled, 'Apply to be enabled');
    expect($('import-result').textContent).toContain('optionsImportAdded(1)');

    text.value = `${csv}\nbad row,x`;
    text.dispatchEvent(new Event('input'));
    expect(apply.disabled).toBe(true);
    expect($('import-result').textContent).toBe('');
    preview();
    await until(() => $('import-result').textContent, 'the preview');
    expect($('import-result').querySelector('tbody')?.textContent).toBe('2intensitymust be 1 to 5');
    expect(apply.disabled).toBe(true);

    text.value = csv;
    text.dispatchEvent(new Event('input'));
    preview();
    await until(() => !apply.disabled, 'Apply to be enabled');
    apply.click();
    await until(() => stub.of('import:apply').length, 'import:apply');
    expect(stub.of('import:apply')).toEqual([{ format: 'csv', text: csv, mode: 'merge' }]);
    await until(() => $('notice').textContent === 'optionsImportDone', 'the notice');
  });
});
