/**
 * Writes the reader's settings: only the diff from the defaults, to storage.sync, or to
 * storage.local while sync refuses it (then the local copy wins, see src/shared/settings.ts).
 * A patch with an invalid value is refused as a whole with a message naming the field, so the
 * reader's other settings are never half-changed.
 */
import browser from '../shared/browser';
import type { SettingsPatch } from '../shared/messages';
import {
  SETTINGS_KEY,
  diffFromDefaults,
  isActiveOn,
  isHostname,
  normalizeHostname,
  readStoredSettings,
  repairSettings,
  type Settings,
} from '../shared/settings';
import { serialize } from './store-writer';

async function current(): Promise<Settings> {
  return repairSettings(await readStoredSettings()).settings;
}

async function write(settings: Settings): Promise<void> {
  const diff = diffFromDefaults(settings);
  try {
    await browser.storage.sync.set({ [SETTINGS_KEY]: diff });
    await browser.storage.local.remove(SETTINGS_KEY);
  } catch (err) {
    console.warn('Subtext: storage.sync refused the settings; keeping them on this device', err);
    await browser.storage.local.set({ [SETTINGS_KEY]: diff });
  }
}

function apply(base: Settings, patch: SettingsPatch): Settings {
  const candidate = {
    ...base,
    ...patch,
    underline: { ...base.underline, ...(patch.underline ?? {}) },
  } as Record<string, unknown>;
  for (const key of Object.keys(patch))
    if (!(key in base)) throw new Error(`Unknown setting "${key}"`);
  const { settings, problems } = repairSettings(candidate);
  if (problems.length) throw new Error(`Invalid value for ${problems.join(', ')}`);
  return settings;
}

/** Applies `patch` to the stored settings; rejects with a message when a value is invalid. */
export function updateSettings(patch: SettingsPatch): Promise<Settings> {
  return serialize(async () => {
    const next = apply(await current(), patch ?? {});
    await write(next);
    return next;
  });
}

/**
 * Switches Subtext on or off for `hostname`. Switching on also removes a parent domain that
 * covered it ("example.com" when enabling "news.example.com"), or the switch would not take.
 */
export function setSite(hostname: string, enabled: boolean): Promise<Settings> {
  return serialize(async () => {
    const host = normalizeHostname(String(hostname));
    if (!isHostname(host)) throw new Error(`"${hostname}" is not a site's hostname`);
    const s = await current();
    const covers = (site: string) => host === site || host.endsWith(`.${site}`);
    const sites = enabled
      ? s.disabledSites.filter((site) => !covers(site))
      : isActiveOn({ ...s, enabled: true }, host)
        ? [...s.disabledSites, host]
        : s.disabledSites;
    const next = apply(s, { disabledSites: sites });
    await write(next);
    return next;
  });
}
