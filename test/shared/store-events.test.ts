import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchDiagnostics } from '../../src/content/diagnostics';
import { onGlossaryChange } from '../../src/shared/glossary-source';
import { onSettingsChange, SETTINGS_KEY } from '../../src/shared/settings';
import {
  deliverStoreChange,
  fromBackground,
  receiveStoreChange,
} from '../../src/shared/store-events';
import { fake } from './fake';

beforeEach(() => {
  fake.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('a content script hears of changes from the background, not from storage', () => {
  it('takes the new settings when the background reports the settings key changed', async () => {
    const seen: boolean[] = [];
    const off = onSettingsChange((s) => seen.push(s.enabled), fromBackground);
    // A write alone reaches no content script: it waits for the background's report.
    await fake.storage.sync.set({ [SETTINGS_KEY]: { enabled: false } });
    await tick();
    expect(seen).toEqual([]);
    deliverStoreChange([SETTINGS_KEY], 'sync');
    await vi.waitFor(() => expect(seen).toEqual([false]));
    off();
    deliverStoreChange([SETTINGS_KEY], 'sync');
    await tick();
    expect(seen).toEqual([false]);
  });

  it('restarts on a new revision of the reader’s list, and ignores keys it does not follow', async () => {
    const cb = vi.fn();
    const off = onGlossaryChange(cb, fromBackground);
    deliverStoreChange(['subtext:compiled', 'subtext:reader'], 'local');
    expect(cb).not.toHaveBeenCalled();
    deliverStoreChange(['subtext:revision'], 'local');
    expect(cb).toHaveBeenCalledTimes(1);
    off();
  });

  it('turns the diagnostics on and off by reading the flag again when told', async () => {
    const d = watchDiagnostics(fromBackground);
    await d.ready;
    expect(d.isOn).toBe(false);
    await fake.storage.local.set({ 'subtext:diagnostics': true });
    deliverStoreChange(['subtext:diagnostics'], 'local');
    await vi.waitFor(() => expect(d.isOn).toBe(true));
    await fake.storage.local.remove('subtext:diagnostics');
    deliverStoreChange(['subtext:diagnostics'], 'local');
    await vi.waitFor(() => expect(d.isOn).toBe(false));
    d.stop();
  });

  it('hears reports from this extension only', () => {
    const cb = vi.fn();
    const off = onGlossaryChange(cb, fromBackground);
    receiveStoreChange({ keys: ['subtext:revision'], area: 'local' }, { id: 'another-extension' });
    receiveStoreChange({ keys: ['subtext:revision'], area: 'local' }, {});
    expect(cb).not.toHaveBeenCalled();
    receiveStoreChange({ keys: ['subtext:revision'], area: 'local' }, { id: fake.runtime.id });
    expect(cb).toHaveBeenCalledTimes(1);
    off();
  });

  it('refuses a malformed report with an error', () => {
    expect(() => deliverStoreChange('subtext:settings', 'sync')).toThrow(/list of storage keys/);
    expect(() => deliverStoreChange([SETTINGS_KEY], 7)).toThrow(/storage area/);
  });
});
