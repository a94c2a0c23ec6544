/**
 * The popup as a whole: the tab's report comes from a stand-in content script, the glossary from
 * storage, and clicks turn into messages to the tab and to a stand-in background.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import browser from '../../src/shared/browser';
import type { Envelope } from '../../src/shared/messages';
import { stubBackground, until, type Stub } from '../options/background-stub';
import { CORDIAL, GRAVE } from './entries';
import { loadPage } from './page';

const toTab: Envelope[] = [];
let stub: Stub;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

beforeAll(async () => {
  loadPage('popup/popup.html');
  await browser.storage.local.set({
    'subtext:reader': {
      entries: [GRAVE, CORDIAL].map((entry) => ({ id: entry.id, updatedAt: 1, entry })),
      overrides: [],
    },
  });
  Object.assign(browser, {
    tabs: {
      query: vi.fn(async () => [{ id: 7 }]),
      sendMessage: vi.fn(async (tabId: number, message: Envelope) => {
        if (tabId !== 7) throw new Error('Could not establish connection');
        toTab.push(message);
        if (message.type === 'page:report')
          return {
            url: 'https://news.example/story',
            active: true,
            matches: [
              { entryId: 'cordial', text: 'cordial talks', index: 0 },
              { entryId: 'grave-concern', text: 'grave concern', index: 1 },
              { entryId: 'cordial', text: 'friendly talks', index: 2 },
            ],
          };
        if (message.type === 'page:reveal')
          return { index: (message.payload as { index: number }).index };
        return undefined;
      }),
    },
  });
  stub = stubBackground({
    'site:set': () => ({}) as never,
    'settings:update': () => ({}) as never,
  });
  await import('../../src/popup/index');
  await until(() => document.querySelector('.phrases'), 'the phrase list');
});

describe('the popup on a news page', () => {
  it('lists the page’s phrases, strongest first, with their meanings from the glossary', () => {
    const items = [...document.querySelectorAll('.phrases li')];
    expect(items.map((li) => li.querySelector('.meaning')?.textContent)).toEqual([
      'we are about to act',
      'cool and polite',
    ]);
    expect(items[1]?.querySelector('.count')?.textContent).toBe('2');
    expect($('reading').hidden).toBe(false);
  });

  it('names the site on its switch, switched on', () => {
    expect($('site-label').textContent).toBe('popupOnSite(news.example)');
    expect($<HTMLInputElement>('site-switch').checked).toBe(true);
  });

  it('goes to the first occurrence on a click, and to the next one on the next click', async () => {
    const cordial = document.querySelectorAll<HTMLButtonElement>('.phrase')[1]!;
    cordial.click();
    await until(() => cordial.querySelector('.position')?.textContent, 'the position');
    cordial.click();
    await until(() => toTab.filter((m) => m.type === 'page:reveal').length === 2);
    expect(toTab.filter((m) => m.type === 'page:reveal').map((m) => m.payload)).toEqual([
      { entryId: 'cordial', index: 0 },
      { entryId: 'cordial', index: 2 },
    ]);
    await until(() => cordial.querySelector('.position')?.textContent === 'popupPosition(2,2)');
  });

  it('switches Subtext off for this site through the background', async () => {
    const site = $<HTMLInputElement>('site-switch');
    site.click();
    await until(() => stub.of('site:set').length, 'site:set');
    expect(stub.of('site:set')).toEqual([{ hostname: 'news.example', enabled: false }]);
  });

  it('switches Subtext off everywhere through the background', async () => {
    $<HTMLInputElement>('everywhere-switch').click();
    await until(() => stub.of('settings:update').length, 'settings:update');
    expect(stub.of('settings:update')).toEqual([{ patch: { enabled: false } }]);
  });

  it('searches the whole glossary as the reader types', () => {
    const search = $<HTMLInputElement>('search-input');
    search.value = 'polite';
    search.dispatchEvent(new Event('input'));
    const meanings = [...document.querySelectorAll('#search-results .meaning')].map(
      (m) => m.textContent,
    );
    expect(meanings).toContain('cool and polite');
  });
});
