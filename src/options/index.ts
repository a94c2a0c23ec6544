/**
 * The options page, connected part. Reads settings and the glossary snapshot (`glossary:get`),
 * renders each section with the pure renderers, and turns every change into a message to the
 * background, the only writer. Changes made elsewhere (another tab, the popup, another browser
 * through sync) arrive through storage events and re-render the page.
 */
import type { Entry } from '../core/entry';
import { send, type GlossarySnapshot, type SettingsPatch } from '../shared/messages';
import { loadSettings, onSettingsChange, type Settings } from '../shared/settings';
import { onGlossaryChange } from '../shared/glossary-source';
import { loadGlossary } from '../shared/glossary-store';
import type { Override } from '../shared/store-layout';
import { applyI18n, byId, t } from '../shared/ui/dom';
import { setupBuiltins } from './builtins-section';
import { renderCategories, renderPacks } from './packs';
import { readLook, renderLookControls, renderSample } from './look';
import { errorText, keepFocus, showNotice } from './notice';
import { setupPhrases } from './phrases-section';
import { renderSites } from './sites';
import { setupTransfer } from './transfer-section';

interface Model {
  settings: Settings;
  snapshot: GlossarySnapshot;
  effective: Entry[];
}

const failed = (err: unknown) =>
  showNotice(document, t('optionsFailed', errorText(err)), { error: true });

function update(patch: SettingsPatch): void {
  send('settings:update', { patch }).catch(failed);
}

const isDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

async function main(): Promise<void> {
  applyI18n();
  const settings = await loadSettings();
  const m: Model = {
    settings,
    snapshot: await send('glossary:get', {}),
    effective: (await loadGlossary(settings)).entries,
  };

  const phrases = setupPhrases(document, {
    readerEntries: () => m.snapshot.entries,
    effective: () => m.effective,
  });
  setupTransfer(document);

  const builtins = setupBuiltins(document, {
    packs: () => m.snapshot.packs,
    overrides: () => new Map<string, Override>(Object.entries(m.snapshot.overrides)),
  });

  const renderSettings = () => {
    const s = m.settings;
    const packs = byId<HTMLFieldSetElement>('packs');
    keepFocus(packs, () =>
      renderPacks(packs, m.snapshot.packs, s.disabledPacks, (id, on) =>
        update({
          disabledPacks: on ? s.disabledPacks.filter((p) => p !== id) : [...s.disabledPacks, id],
        }),
      ),
    );
    const categories = byId<HTMLFieldSetElement>('categories');
    keepFocus(categories, () =>
      renderCategories(categories, s.disabledCategories, (c, on) =>
        update({
          disabledCategories: on
            ? s.disabledCategories.filter((x) => x !== c)
            : [...s.disabledCategories, c],
        }),
      ),
    );
    const sites = byId('site-list');
    keepFocus(sites, () =>
      renderSites(sites, s.disabledSites, (hostname) =>
        send('site:set', { hostname, enabled: true }).catch(failed),
      ),
    );
    byId<HTMLInputElement>('enabled-switch').checked = s.enabled;
    renderLookControls(document, s);
    renderSample(document, s.underline, isDark());
  };

  const renderSnapshot = () => {
    phrases.refresh();
    builtins.refresh();
    byId<HTMLInputElement>('diagnostics-switch').checked = m.snapshot.diagnostics;
    if (m.snapshot.notice) showNotice(document, m.snapshot.notice);
  };

  renderSettings();
  renderSnapshot();
  void renderSyncStatus();

  byId<HTMLInputElement>('enabled-switch').addEventListener('change', (event) =>
    update({ enabled: (event.target as HTMLInputElement).checked }),
  );
  byId<HTMLInputElement>('diagnostics-switch').addEventListener('change', (event) =>
    send('diagnostics:set', { on: (event.target as HTMLInputElement).checked }).catch(failed),
  );
  wireLook(m);

  onSettingsChange((s) => {
    m.settings = s;
    renderSettings();
    void refreshGlossary();
  });
  const refreshGlossary = async () => {
    try {
      m.snapshot = await send('glossary:get', {});
      m.effective = (await loadGlossary(m.settings)).entries;
      renderSnapshot();
      void renderSyncStatus();
    } catch (err) {
      failed(err);
    }
  };
  onGlossaryChange(() => void refreshGlossary());
}

/** Style, colour, minimum and delay: the sample follows at once; saving waits for a pause,
 * because dragging the colour picker fires dozens of events and storage.sync limits writes. */
function wireLook(m: Model): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const delay = byId<HTMLInputElement>('look-delay');
  const onChange = () => {
    const look = readLook(document);
    byId<HTMLInputElement>('look-colour').disabled = byId<HTMLInputElement>('colour-auto').checked;
    delay.setAttribute('aria-invalid', String(look === null));
    if (!look) return;
    renderSample(document, look.underline, isDark());
    clearTimeout(timer);
    timer = setTimeout(() => update(look), 300);
  };
  for (const id of [
    'look-style',
    'look-min',
    'colour-auto',
    'colour-custom',
    'look-colour',
    'look-delay',
  ])
    byId(id).addEventListener(
      id === 'look-colour' || id === 'look-delay' ? 'input' : 'change',
      onChange,
    );
  window
    .matchMedia?.('(prefers-color-scheme: dark)')
    .addEventListener?.('change', () => renderSample(document, m.settings.underline, isDark()));
}

async function renderSyncStatus(): Promise<void> {
  const line = byId('sync-status');
  try {
    const status = await send('sync:status', {});
    line.className = status.mode === 'sync' ? 'sync' : 'sync local';
    line.textContent =
      status.mode === 'sync'
        ? status.bytesUsed !== undefined && status.bytesQuota
          ? t('optionsSyncOnUsage', [
              String(Math.ceil(status.bytesUsed / 1024)),
              String(Math.round(status.bytesQuota / 1024)),
            ])
          : t('optionsSyncOn')
        : (status.message ?? t('syncFellBackToLocal'));
  } catch (err) {
    line.className = 'sync local';
    line.textContent = t('optionsFailed', errorText(err));
  }
}

main().catch((err: unknown) => {
  applyI18n();
  showNotice(document, t('optionsLoadFailed', errorText(err)), { error: true });
});
