import { beforeEach, describe, expect, it, vi } from 'vitest';
import { groupMatches, readPage, type PhraseGroup } from '../../src/popup/group';
import { searchGlossary } from '../../src/popup/search';
import {
  renderPage,
  renderReading,
  renderSearch,
  renderSwitches,
  showPosition,
  type PopupActions,
} from '../../src/popup/view';
import { applyI18n } from '../../src/shared/ui/dom';
import { CORDIAL, FRANK, GRAVE, entry } from './entries';
import { loadPage } from './page';

const glossary = new Map([FRANK, GRAVE, CORDIAL].map((e) => [e.id, e]));
const m = (entryId: string, text: string, index: number) => ({ entryId, text, index });
const noActions: PopupActions = { reveal: () => undefined };
const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;

function showPage(matches: ReturnType<typeof m>[], actions = noActions, entries = glossary) {
  const groups = groupMatches(matches, entries);
  const reading = readPage(groups);
  renderPage(document, { kind: 'page', groups, reading }, actions);
  renderReading(document, reading);
  return groups;
}

beforeEach(() => {
  loadPage('popup/popup.html');
});

describe('the popup’s phrase list', () => {
  it('lists each decoded entry once, with how often it was found and what it means', () => {
    showPage([
      m('frank-exchange', 'frank exchange of views', 0),
      m('grave-concern', 'grave concern', 1),
      m('frank-exchange', 'frank exchange of views', 2),
    ]);
    const items = [...document.querySelectorAll('.phrases li')];
    expect(items).toHaveLength(2);
    expect(items[0]?.querySelector('.phrase-text')?.textContent).toBe('quoted(grave concern)');
    expect(items[0]?.querySelector('.meaning')?.textContent).toBe('we are about to act');
    expect(items[1]?.querySelector('.count')?.textContent).toBe('2');
    expect(items[1]?.textContent).toContain('popupFoundTimes(2)');
  });

  it('shows a meaning holding HTML as text, never as markup', () => {
    const evil = entry('evil', ['evil phrase'], '<img src=x onerror="alert(1)">');
    showPage([m('evil', '<b>evil</b> phrase', 0)], noActions, new Map([['evil', evil]]));
    expect(document.querySelector('.phrases img, .phrases b')).toBeNull();
    expect(text('.phrases .meaning')).toBe('<img src=x onerror="alert(1)">');
    expect(text('.phrases .phrase-text')).toBe('quoted(<b>evil</b> phrase)');
  });

  it('asks to reveal the clicked phrase, and then shows which occurrence is on screen', () => {
    const reveal = vi.fn<(g: PhraseGroup) => void>();
    const [group] = showPage([m('cordial', 'cordial talks', 4), m('cordial', 'cordial talks', 9)], {
      reveal,
    });
    document.querySelector<HTMLButtonElement>('.phrase')?.click();
    expect(reveal).toHaveBeenCalledWith(expect.objectContaining({ entryId: 'cordial' }));
    showPosition(document, group!, 9);
    expect(text('.phrase .position')).toBe('popupPosition(2,2)');
  });

  it('says so when no diplomatic language was decoded on the page', () => {
    showPage([]);
    expect(text('#page-body')).toContain('popupEmpty');
    expect(document.querySelector('.phrases')).toBeNull();
    expect(document.getElementById('reading')?.hidden).toBe(true);
  });

  it('says the page cannot be read where content scripts cannot run', () => {
    renderPage(document, { kind: 'unavailable' }, noActions);
    expect(text('.status-title')).toBe('popupUnavailable');
    expect(text('.status-hint')).toBe('popupUnavailableHint');
  });

  it('tells apart “off on this site” from “off everywhere”', () => {
    renderPage(document, { kind: 'off', everywhere: false }, noActions);
    expect(text('.status-title')).toBe('popupOffHere');
    renderPage(document, { kind: 'off', everywhere: true }, noActions);
    expect(text('.status-title')).toBe('popupOffEverywhere');
  });

  it('says the page is not running when it should be but its script did not start', () => {
    renderPage(document, { kind: 'inactive' }, noActions);
    expect(text('.status-title')).toBe('popupNotRunning');
    expect(text('.status-hint')).toBe('popupNotRunningHint');
  });

  it('marks the list busy while the page is being read', () => {
    renderPage(document, { kind: 'loading' }, noActions);
    expect(document.getElementById('page')?.getAttribute('aria-busy')).toBe('true');
    showPage([]);
    expect(document.getElementById('page')?.getAttribute('aria-busy')).toBe('false');
  });
});

describe('the reading line', () => {
  it('names the strongest signal with its meaning, then the counts per category', () => {
    showPage([
      m('cordial', 'friendly talks', 0),
      m('grave-concern', 'grave concern', 1),
      m('frank-exchange', 'frank exchange of views', 2),
    ]);
    expect(text('#reading strong')).toBe('quoted(grave concern)');
    expect(text('#reading .strongest-meaning')).toBe('we are about to act');
    expect(text('#reading .by-category')).toBe('categoryDiplomatic 2 · categoryUn 1');
  });
});

describe('the switches', () => {
  it('names the site and turns the site switch off where Subtext is off', () => {
    renderSwitches(document, { hostname: 'news.example', site: false, everywhere: true });
    const site = document.getElementById('site-switch') as HTMLInputElement;
    expect(site.checked).toBe(false);
    expect(site.disabled).toBe(false);
    expect(text('#site-label')).toBe('popupOnSite(news.example)');
  });

  it('disables the site switch while Subtext is off everywhere, or when there is no site', () => {
    renderSwitches(document, { hostname: 'news.example', site: true, everywhere: false });
    expect((document.getElementById('site-switch') as HTMLInputElement).disabled).toBe(true);
    expect((document.getElementById('everywhere-switch') as HTMLInputElement).checked).toBe(false);
    renderSwitches(document, { hostname: null, site: false, everywhere: true });
    expect((document.getElementById('site-switch') as HTMLInputElement).disabled).toBe(true);
  });

  it('labels every switch and input of the page', () => {
    for (const input of document.querySelectorAll('input'))
      expect(input.labels?.length, input.id).toBeGreaterThan(0);
  });
});

describe('the glossary search', () => {
  it('lists hits with phrase, meaning and category, as text', () => {
    const evil = entry('evil', ['frank <script>'], '<img src=x onerror=alert(1)>');
    renderSearch(document, 'frank', searchGlossary([FRANK, evil], 'frank'));
    const results = [...document.querySelectorAll('.result')];
    expect(results).toHaveLength(2);
    const meanings = results.map((r) => r.querySelector('.meaning')?.textContent);
    expect(meanings).toEqual(['<img src=x onerror=alert(1)>', 'a row']);
    expect(results[1]?.querySelector('.category')?.textContent).toBe('categoryDiplomatic');
    expect(document.querySelector('#search-results img, #search-results script')).toBeNull();
  });

  it('says when nothing matches, and clears when the query is emptied', () => {
    renderSearch(document, 'zzz', []);
    expect(text('#search-results')).toBe('popupNoResults(zzz)');
    renderSearch(document, '', []);
    expect(text('#search-results')).toBe('');
  });
});

describe('applyI18n', () => {
  it('fills every marked text and attribute of the page from the locale', () => {
    applyI18n(document);
    expect(text('#page-heading')).toBe('popupOnThisPage');
    expect(document.getElementById('search-input')?.getAttribute('placeholder')).toBe(
      'popupSearchPlaceholder',
    );
    expect(document.title).toBe('popupTitle');
    expect(document.documentElement.lang).toBe('en');
  });
});
