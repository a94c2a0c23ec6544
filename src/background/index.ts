/**
 * The background: a Chrome service worker or a Firefox event page. It owns storage (the only
 * writer), answers the typed messages, keeps the badge, the context menu and the shortcuts.
 *
 * Either kind may be stopped whenever it is idle, and restarted by the next event, so: every
 * listener is added synchronously at the top level (or the waking event is missed), nothing lives
 * only in memory (per-tab counts are in storage.session), and the store is checked at each start.
 */
import browser from '../shared/browser';
import { createDispatcher, type Handlers } from '../shared/messages';
import { onGlossaryChange } from '../shared/glossary-source';
import { loadGlossary } from '../shared/glossary-store';
import { loadSettings, onSettingsChange } from '../shared/settings';
import { KEYS } from '../shared/store-layout';
import { recordCount, watchTabs } from './badge';
import { watchCommands } from './commands';
import { compiledForPage, refreshCompiledCache } from './compiled-cache';
import { createMenus, watchMenus } from './context-menu';
import { glossaryHandlers } from './glossary-handlers';
import { setSite, updateSettings } from './settings-store';
import { initStore } from './store-writer';
import { getSyncStatus, reconcile, watchSync } from './sync';
import { watchStoreForTabs } from './tab-broadcast';

/** Resolves once the store is migrated and repaired; every handler waits for it (not for sync). */
const ready = initStore();
void ready.then(() => reconcile('start'));
// The compiled glossary the content scripts restore instead of compiling (compiled-cache.ts).
const refreshCache = () => void ready.catch(() => undefined).then(refreshCompiledCache);
refreshCache();
onGlossaryChange(refreshCache);
onSettingsChange(refreshCache);

const handlers: Handlers = {
  ...glossaryHandlers,
  'page:count': ({ count }, sender) => recordCount(count, sender),
  'settings:get': () => loadSettings(),
  'entry:details': async ({ id }) => {
    if (typeof id !== 'string') throw new Error('"id" must be a string');
    const e = (await loadGlossary()).entries.find((x) => x.id === id);
    return e ? { meaning: e.meaning, explanation: e.explanation, sources: e.sources } : null;
  },
  'glossary:compiled': compiledForPage,
  'settings:update': ({ patch }) => updateSettings(patch),
  'site:set': ({ hostname, enabled }) => setSite(hostname, enabled),
  'diagnostics:set': async ({ on }) => {
    if (typeof on !== 'boolean') throw new Error('"on" must be true or false');
    if (on) await browser.storage.local.set({ [KEYS.diagnostics]: true });
    else await browser.storage.local.remove(KEYS.diagnostics);
    return { on };
  },
  'sync:status': () => getSyncStatus(),
};

/** Every handler runs after start-up work, so no message sees a store mid-migration. */
const whenReady: Handlers = Object.fromEntries(
  Object.entries(handlers).map(([name, handle]) => [
    name,
    async (payload: never, sender: never) => {
      await ready.catch(() => undefined);
      return (handle as (p: never, s: never) => unknown)(payload, sender);
    },
  ]),
) as Handlers;

browser.runtime.onMessage.addListener(createDispatcher(whenReady));
browser.runtime.onInstalled.addListener(() => {
  void initStore();
  void createMenus();
});
browser.runtime.onStartup.addListener(() => void createMenus());
watchTabs();
watchMenus();
watchCommands();
watchSync();
watchStoreForTabs();
