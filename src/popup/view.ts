/**
 * The popup's pure part: renders the page's phrases, the reading line, the switches and the search
 * results from state. It never talks to the browser; `index.ts` feeds it and handles its actions.
 */
import { h, fill, t, byId } from '../shared/ui/dom';
import type { PageReading, PhraseGroup } from './group';
import { categoryLabel } from '../shared/ui/phrase';
import type { SearchHit } from './search';

/** What the popup knows about the tab it was opened on. */
export type PageState =
  | { kind: 'loading' }
  /** Content scripts cannot run here: browser pages, extension stores, or a tab opened before install. */
  | { kind: 'unavailable' }
  | { kind: 'off'; everywhere: boolean }
  /** Switched on, but the page's content script is not running (it failed, or is restarting). */
  | { kind: 'inactive' }
  | { kind: 'page'; groups: PhraseGroup[]; reading: PageReading };

export interface SwitchState {
  /** Null when the page has no site to switch (unavailable pages). */
  hostname: string | null;
  site: boolean;
  everywhere: boolean;
}

export interface PopupActions {
  reveal(group: PhraseGroup): void;
}

/** The intensity as a row of five marks, with its value spelled out for screen readers. */
export function intensityMarks(intensity: number): HTMLElement {
  const marks = h('span', { class: 'marks', attrs: { 'aria-hidden': 'true' } });
  for (let i = 1; i <= 5; i++) marks.append(h('span', { class: i <= intensity ? 'on' : 'off' }));
  return h(
    'span',
    { class: `intensity i${intensity}` },
    marks,
    h('span', { class: 'vh', text: t('intensityOf', String(intensity)) }),
  );
}

function phraseItem(group: PhraseGroup, actions: PopupActions): HTMLLIElement {
  const count = String(group.count);
  const button = h(
    'button',
    { class: 'phrase', attrs: { type: 'button', 'data-entry': group.entryId } },
    h(
      'span',
      { class: 'phrase-head' },
      h('span', { class: 'phrase-text', text: t('quoted', group.text) }),
      h('span', { class: 'count', text: count, attrs: { 'aria-hidden': 'true' } }),
      h('span', {
        class: 'vh',
        text: group.count === 1 ? t('popupFoundOnce') : t('popupFoundTimes', count),
      }),
    ),
    h('span', {
      class: group.meaning === null ? 'meaning unknown' : 'meaning',
      text: group.meaning ?? t('popupEntryGone'),
    }),
    h(
      'span',
      { class: 'phrase-foot' },
      intensityMarks(group.intensity),
      group.category && h('span', { class: 'category', text: categoryLabel(group.category) }),
      h('span', { class: 'position', attrs: { 'aria-live': 'polite' } }),
    ),
  );
  button.addEventListener('click', () => actions.reveal(group));
  return h('li', {}, button);
}

/** Fills the page section: a status message, or the list of phrase groups. */
export function renderPage(doc: Document, state: PageState, actions: PopupActions): void {
  const body = byId('page-body', doc);
  const status = (key: string, hint?: string) =>
    fill(
      body,
      h(
        'div',
        { class: `status status-${state.kind}` },
        h('p', { class: 'status-title', text: t(key) }),
        hint && h('p', { class: 'status-hint', text: t(hint) }),
      ),
    );
  byId('page', doc).setAttribute('aria-busy', String(state.kind === 'loading'));
  if (state.kind === 'loading') return status('popupLoading');
  if (state.kind === 'unavailable') return status('popupUnavailable', 'popupUnavailableHint');
  if (state.kind === 'inactive') return status('popupNotRunning', 'popupNotRunningHint');
  if (state.kind === 'off')
    return status(
      state.everywhere ? 'popupOffEverywhere' : 'popupOffHere',
      state.everywhere ? 'popupOffEverywhereHint' : 'popupOffHereHint',
    );
  if (!state.groups.length) return status('popupEmpty', 'popupEmptyHint');
  fill(body, h('ol', { class: 'phrases' }, ...state.groups.map((g) => phraseItem(g, actions))));
}

/** Shows "2 of 5" on a group after the page scrolled to one of its matches. */
export function showPosition(doc: Document, group: PhraseGroup, index: number): void {
  const at = group.indices.indexOf(index);
  for (const node of doc.querySelectorAll<HTMLElement>('.phrase .position')) node.textContent = '';
  const button = [...doc.querySelectorAll<HTMLElement>('.phrase')].find(
    (b) => b.dataset.entry === group.entryId,
  );
  const slot = button?.querySelector('.position');
  if (slot && at >= 0) slot.textContent = t('popupPosition', [String(at + 1), String(group.count)]);
}

/** The one-line reading of the page; empty when there is nothing to read. */
export function renderReading(doc: Document, reading: PageReading | null): void {
  const line = byId('reading', doc);
  if (!reading?.total) {
    line.hidden = true;
    line.replaceChildren();
    return;
  }
  line.hidden = false;
  const strongest = reading.strongest;
  fill(
    line,
    strongest &&
      h(
        'span',
        { class: 'strongest' },
        h('span', { class: 'label', text: t('popupStrongest') }),
        ' ',
        h('strong', { text: t('quoted', strongest.text) }),
        ' — ',
        h('span', { class: 'strongest-meaning', text: strongest.meaning ?? '' }),
      ),
    h(
      'span',
      { class: 'by-category' },
      reading.byCategory.map((c) => `${categoryLabel(c.category)} ${c.count}`).join(' · '),
    ),
  );
}

/** Sets the two switches; the site switch is disabled while Subtext is off everywhere. */
export function renderSwitches(doc: Document, state: SwitchState): void {
  const site = byId<HTMLInputElement>('site-switch', doc);
  const everywhere = byId<HTMLInputElement>('everywhere-switch', doc);
  everywhere.checked = state.everywhere;
  site.checked = state.site;
  site.disabled = !state.hostname || !state.everywhere;
  byId('site-label', doc).textContent = state.hostname
    ? t('popupOnSite', state.hostname)
    : t('popupOnThisSite');
}

/** Search results: phrase, meaning and category of each hit, or a "nothing found" line. */
export function renderSearch(doc: Document, query: string, hits: readonly SearchHit[]): void {
  const box = byId('search-results', doc);
  if (!query.trim()) return fill(box);
  if (!hits.length)
    return fill(box, h('p', { class: 'status-hint', text: t('popupNoResults', query) }));
  fill(
    box,
    h('p', { class: 'vh', text: t('popupResultCount', String(hits.length)) }),
    h('ul', { class: 'results' }, ...hits.map(searchItem)),
  );
}

function searchItem({ entry, phrase, pattern }: SearchHit): HTMLLIElement {
  return h(
    'li',
    { class: 'result' },
    h(
      'span',
      { class: 'phrase-head' },
      h('span', { class: 'phrase-text', text: t('quoted', phrase) }),
      intensityMarks(entry.intensity),
    ),
    h('span', { class: 'meaning', text: entry.meaning }),
    // The pattern as written shows the variants the phrase covers ("(frank|candid) talks").
    pattern !== phrase && h('code', { class: 'variants', text: pattern }),
    h('span', { class: 'category', text: categoryLabel(entry.category) }),
  );
}
