import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  diffFromDefaults,
  isActiveOn,
  loadSettings,
  onSettingsChange,
  repairSettings,
} from '../../src/shared/settings';
import { fake } from './fake';

beforeEach(() => {
  fake.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('loadSettings', () => {
  it('gives the defaults on a fresh install', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('merges what the reader changed over the defaults', async () => {
    fake.storage.sync.data.set(SETTINGS_KEY, { hoverDelayMs: 800, underline: { style: 'wavy' } });
    const s = await loadSettings();
    expect(s.hoverDelayMs).toBe(800);
    expect(s.underline).toEqual({ style: 'wavy', color: 'auto', minIntensity: 1 });
    expect(s.enabled).toBe(true);
  });

  it('keeps valid choices when one stored field is corrupt', async () => {
    fake.storage.sync.data.set(SETTINGS_KEY, {
      enabled: 'yes',
      disabledSites: ['bbc.co.uk', 42, 'not a host'],
      hoverDelayMs: 100,
    });
    const s = await loadSettings();
    expect(s.enabled).toBe(true);
    expect(s.disabledSites).toEqual(['bbc.co.uk']);
    expect(s.hoverDelayMs).toBe(100);
  });

  it('falls back to the defaults when the stored value is not an object', async () => {
    fake.storage.sync.data.set(SETTINGS_KEY, 'garbage');
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('prefers the local copy kept while storage.sync refused writes', async () => {
    fake.storage.sync.data.set(SETTINGS_KEY, { hoverDelayMs: 100 });
    fake.storage.local.data.set(SETTINGS_KEY, { hoverDelayMs: 900 });
    expect((await loadSettings()).hoverDelayMs).toBe(900);
  });

  it('gives the defaults when storage cannot be read at all', async () => {
    vi.spyOn(fake.storage.sync, 'get').mockRejectedValue(new Error('broken'));
    vi.spyOn(fake.storage.local, 'get').mockRejectedValue(new Error('broken'));
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('repairSettings', () => {
  it('refuses a colour that could escape a stylesheet', () => {
    const { settings, problems } = repairSettings({
      underline: { color: 'red;} body{display:none' },
    });
    expect(settings.underline.color).toBe('auto');
    expect(problems).toContain('underline.color');
  });

  it('accepts hex colours and drops unknown categories', () => {
    const { settings } = repairSettings({
      underline: { color: '#C0ffee' },
      disabledCategories: ['military', 'made-up'],
    });
    expect(settings.underline.color).toBe('#C0ffee');
    expect(settings.disabledCategories).toEqual(['military']);
  });

  it('keeps the valid sites of a list holding a bad one, and reports the list', () => {
    const { settings, problems } = repairSettings({ disabledSites: ['bbc.co.uk', 'not a host'] });
    expect(settings.disabledSites).toEqual(['bbc.co.uk']);
    expect(problems).toEqual(['disabledSites']);
  });

  it('does not report missing fields as problems', () => {
    expect(repairSettings({}).problems).toEqual([]);
    expect(repairSettings(undefined).problems).toEqual([]);
  });
});

describe('diffFromDefaults', () => {
  it('keeps only what differs from the defaults', () => {
    const s = { ...DEFAULT_SETTINGS, enabled: false, disabledSites: ['x.org'] };
    expect(diffFromDefaults(s)).toEqual({ enabled: false, disabledSites: ['x.org'] });
    expect(diffFromDefaults(DEFAULT_SETTINGS)).toEqual({});
  });
});

describe('isActiveOn', () => {
  const on = { ...DEFAULT_SETTINGS, disabledSites: ['example.com'] };

  it('is off on a disabled site and its subdomains, on elsewhere', () => {
    expect(isActiveOn(on, 'example.com')).toBe(false);
    expect(isActiveOn(on, 'News.Example.com.')).toBe(false);
    expect(isActiveOn(on, 'notexample.com')).toBe(true);
    expect(isActiveOn(on, 'bbc.co.uk')).toBe(true);
  });

  it('is off everywhere when Subtext is switched off', () => {
    expect(isActiveOn({ ...on, enabled: false }, 'bbc.co.uk')).toBe(false);
  });
});

describe('onSettingsChange', () => {
  it('delivers the new settings after a change and stops after unsubscribing', async () => {
    const seen: boolean[] = [];
    const off = onSettingsChange((s) => seen.push(s.enabled));
    await fake.storage.sync.set({ [SETTINGS_KEY]: { enabled: false } });
    await vi.waitFor(() => expect(seen).toEqual([false]));
    off();
    await fake.storage.sync.set({ [SETTINGS_KEY]: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([false]);
  });
});
