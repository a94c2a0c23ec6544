/**
 * The toolbar popup, connected part: asks the tab's content script for its report (`page:report`),
 * reads settings and the effective glossary, and hands them to the pure renderers in view.ts.
 * Clicks become messages: `page:reveal` to the tab, `site:set` / `settings:update` to the
 * background (the only writer). It re-reads when settings or the glossary change elsewhere.
 *
 * `popup.html?tab=<id>` shows the report of that tab instead of the active one: the end-to-end
 * tests open the popup as a page, where the active tab would be the popup itself.
 */
import browser from '../shared/browser';
import { send, sendToTab, type PageReport } from '../shared/messages';
import { isActiveOn, loadSettings, onSettingsChange, type Settings } from '../shared/settings';
import { onGlossaryChange } from '../shared/glossary-source';
import { loadGlossary } from '../shared/glossary-store';
import type { Entry } from '../core/entry';
import { applyI18n, byId, t } from '../shared/ui/dom';
import { groupMatches, nextIndex, readPage, type PhraseGroup } from './group';
import { searchGlossary } from './search';
import { renderPage, renderReading, renderSearch, renderSwitches, showPosition } from './view';

interface Model {
  tabId: number | null;
  settings: Settings;
  entries: Entry[];
  /** Null when the tab has no content script to answer (see PageState 'unavailable'). */
  report: PageReport | null;
  loaded: boolean;
}

async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function hostnameOf(report: PageReport | null): string | null {
  try {
    const url = report && new URL(report.url);
    return url && /^https?:$/.test(url.protocol) && url.hostname ? url.hostname : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  applyI18n();
  const model: Model = {
    tabId: await targetTabId(),
    settings: await loadSettings(),
    entries: [],
    report: null,
    loaded: false,
  };
  /** The last match shown per entry, so the next click on it goes on to the following one. */
  const shown = new Map<string, number>();
  const error = byId('error');
  const showError = (err: unknown) => {
    error.hidden = false;
    error.textContent = t('popupActionFailed', err instanceof Error ? err.message : String(err));
  };

  const actions = {
    async reveal(group: PhraseGroup) {
      if (model.tabId === null) return;
      try {
        const index = nextIndex(group, shown.get(group.entryId));
        const res = await sendToTab(model.tabId, 'page:reveal', { entryId: group.entryId, index });
        if (!res) return;
        shown.set(group.entryId, res.index);
        showPosition(document, group, res.index);
      } catch (err) {
        showError(err);
      }
    },
  };

  const render = () => {
    const hostname = hostnameOf(model.report);
    const { settings, report } = model;
    renderSwitches(document, {
      hostname,
      site: hostname ? isActiveOn({ ...settings, enabled: true }, hostname) : false,
      everywhere: settings.enabled,
    });
    if (!model.loaded) return renderPage(document, { kind: 'loading' }, actions);
    if (!report) {
      renderReading(document, null);
      return renderPage(document, { kind: 'unavailable' }, actions);
    }
    if (!report.active) {
      renderReading(document, null);
      // The settings say why it is off; if they say it should be on, the page is not running.
      const on = hostname ? isActiveOn(settings, hostname) : settings.enabled;
      return renderPage(
        document,
        on ? { kind: 'inactive' } : { kind: 'off', everywhere: !settings.enabled },
        actions,
      );
    }
    const groups = groupMatches(report.matches, new Map(model.entries.map((e) => [e.id, e])));
    const reading = readPage(groups);
    renderReading(document, reading);
    renderPage(document, { kind: 'page', groups, reading }, actions);
  };

  const fetchReport = async () => {
    model.report =
      model.tabId === null
        ? null
        : await sendToTab(model.tabId, 'page:report', {}).catch(() => null);
    model.loaded = true;
    shown.clear();
    render();
  };
  /** The tab re-scans on its own after a change; ask again once it has had time to. */
  const refreshSoon = () => {
    for (const ms of [150, 600, 1500]) setTimeout(() => void fetchReport(), ms);
  };

  render();
  model.entries = (await loadGlossary(model.settings)).entries;
  await fetchReport();

  onSettingsChange((s) => {
    model.settings = s;
    void loadGlossary(s).then((g) => (model.entries = g.entries));
    render();
    refreshSoon();
  });
  onGlossaryChange(() => {
    void loadGlossary(model.settings).then((g) => {
      model.entries = g.entries;
      refreshSoon();
    });
  });

  const site = byId<HTMLInputElement>('site-switch');
  site.addEventListener('change', () => {
    const hostname = hostnameOf(model.report);
    if (!hostname) return;
    send('site:set', { hostname, enabled: site.checked }).catch((err: unknown) => {
      showError(err);
      render();
    });
  });
  const everywhere = byId<HTMLInputElement>('everywhere-switch');
  everywhere.addEventListener('change', () => {
    send('settings:update', { patch: { enabled: everywhere.checked } }).catch((err: unknown) => {
      showError(err);
      render();
    });
  });

  const search = byId<HTMLInputElement>('search-input');
  search.addEventListener('input', () =>
    renderSearch(document, search.value, searchGlossary(model.entries, search.value)),
  );

  byId('open-options').addEventListener('click', (event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage().then(() => window.close());
  });
}

void main();
