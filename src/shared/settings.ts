/**
 * The reader's settings: defaults live in code, `storage.sync` holds only what the reader changed
 * (key `subtext:settings`), so a new default reaches every reader who never touched it. Whatever
 * storage holds is repaired field by field on read: one bad value falls back to its default and
 * the rest of the reader's choices survive.
 *
 * Only the background writes settings (messages `settings:update`, `site:set`); every context may
 * read them. When `storage.sync` refuses a write (quota, rate limit), the background keeps the
 * settings in `storage.local` under the same key; that copy wins until a sync write succeeds again.
 */
import browser from './browser';
import { repairSettings, SETTINGS_KEY, DEFAULT_SETTINGS, type Settings } from './settings-model';
import { fromStorage, type StoreEvents } from './store-events';

export * from './settings-model';

/** Reads the stored settings diff: the local fall-back copy when there is one, else sync. */
export async function readStoredSettings(): Promise<unknown> {
  const [local, sync] = await Promise.all([
    browser.storage.local.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>),
    browser.storage.sync.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>),
  ]);
  return local[SETTINGS_KEY] ?? sync[SETTINGS_KEY];
}

/**
 * The reader's settings: defaults merged with what storage holds, repaired if corrupt. Never
 * throws: an unreadable store gives the defaults.
 */
export async function loadSettings(): Promise<Settings> {
  try {
    const { settings, problems } = repairSettings(await readStoredSettings());
    if (problems.length)
      console.warn(`Subtext: ignored invalid settings (${problems.join(', ')}); using defaults`);
    return settings;
  } catch (err) {
    console.warn('Subtext: could not read settings; using defaults', err);
    return structuredClone(DEFAULT_SETTINGS);
  }
}

/**
 * Calls `cb` with the new settings whenever they change in any context (heard through `events`:
 * content scripts pass `fromBackground`, see store-events.ts). Returns an unsubscribe.
 */
export function onSettingsChange(
  cb: (s: Settings) => void,
  events: StoreEvents = fromStorage,
): () => void {
  // Reads are async: a later change may resolve first, so only the newest read is delivered.
  let latest = 0;
  return events((keys, area) => {
    if ((area !== 'sync' && area !== 'local') || !keys.has(SETTINGS_KEY)) return;
    const mine = ++latest;
    void loadSettings().then((s) => {
      if (mine === latest) cb(s);
    });
  });
}
