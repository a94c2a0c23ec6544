import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEntry } from '../shared/entries';
import { CONTENT_SCRIPT, startBackground, type Background } from './start';

let bg: Background;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  bg = await startBackground();
});
afterEach(() => vi.restoreAllMocks());

describe('the sender check', () => {
  it('refuses changes from a content script and leaves the list as it was', async () => {
    const before = await bg.send('glossary:get', {});
    for (const [type, payload] of [
      ['entries:save', { entry: makeEntry('sneaky') }],
      ['entries:delete', { id: 'x' }],
      ['settings:update', { patch: { enabled: false } }],
      ['site:set', { hostname: 'example.org', enabled: false }],
      ['builtin:override', { id: 'x', override: { hidden: true } }],
      ['import:apply', { format: 'json', text: '[]', mode: 'replace' }],
      ['diagnostics:set', { on: true }],
    ] as const)
      await expect(bg.send(type, payload as never, CONTENT_SCRIPT), type).rejects.toThrow(
        /only accepted from Subtext's own pages/,
      );
    expect(await bg.send('glossary:get', {})).toEqual(before);
    expect((await bg.send('settings:get', {})).enabled).toBe(true);
  });

  it('refuses changes from another extension and from a web page posing with our id', async () => {
    const other = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };
    const page = { id: 'subtext-test', url: 'https://evil.example/', tab: { id: 3 } };
    for (const sender of [other, page])
      await expect(bg.send('diagnostics:set', { on: true }, sender)).rejects.toThrow();
  });

  it('lets a content script read the settings and the glossary', async () => {
    await expect(bg.send('settings:get', {}, CONTENT_SCRIPT)).resolves.toMatchObject({
      enabled: true,
    });
    await expect(bg.send('glossary:get', {}, CONTENT_SCRIPT)).resolves.toMatchObject({
      revision: 0,
    });
  });

  it('accepts changes from the options page', async () => {
    await expect(bg.send('diagnostics:set', { on: true })).resolves.toEqual({ on: true });
    expect((await bg.send('glossary:get', {})).diagnostics).toBe(true);
    expect(bg.fake.storage.local.data.get('subtext:diagnostics')).toBe(true);
  });

  it('ignores an unknown or malformed message without answering', () => {
    const answers = bg.fake.runtime.onMessage.emit({ type: 'nope', payload: {} }, CONTENT_SCRIPT);
    expect(answers.every((a) => a === undefined)).toBe(true);
    expect(
      bg.fake.runtime.onMessage.emit('junk', CONTENT_SCRIPT).every((a) => a === undefined),
    ).toBe(true);
  });
});

describe('settings messages', () => {
  it('stores only what differs from the defaults, in storage.sync', async () => {
    const s = await bg.send('settings:update', { patch: { underline: { style: 'wavy' } } });
    expect(s.underline).toEqual({ style: 'wavy', color: 'auto', minIntensity: 1 });
    expect(bg.fake.storage.sync.data.get('subtext:settings')).toEqual({
      underline: { style: 'wavy', color: 'auto', minIntensity: 1 },
    });
  });

  it('refuses an invalid value with a message naming it, changing nothing', async () => {
    await bg.send('settings:update', { patch: { hoverDelayMs: 500 } });
    await expect(
      bg.send('settings:update', { patch: { hoverDelayMs: 100, underline: { color: 'red' } } }),
    ).rejects.toThrow(/underline.color/);
    expect((await bg.send('settings:get', {})).hoverDelayMs).toBe(500);
  });

  it('refuses a list of sites holding one that is not a hostname', async () => {
    await expect(
      bg.send('settings:update', { patch: { disabledSites: ['ok.example', 'not a host'] } }),
    ).rejects.toThrow(/disabledSites/);
    expect((await bg.send('settings:get', {})).disabledSites).toEqual([]);
  });

  it('switches a site off and on again, including a parent domain that covered it', async () => {
    await bg.send('site:set', { hostname: 'Example.com', enabled: false });
    expect((await bg.send('settings:get', {})).disabledSites).toEqual(['example.com']);
    const s = await bg.send('site:set', { hostname: 'news.example.com', enabled: true });
    expect(s.disabledSites).toEqual([]);
  });

  it('refuses a hostname that is not one', async () => {
    await expect(bg.send('site:set', { hostname: 'not a host/', enabled: false })).rejects.toThrow(
      /not a site's hostname/,
    );
  });

  it('keeps the settings on this device when storage.sync refuses them', async () => {
    bg.fake.storage.sync.failWrites = new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    await bg.send('settings:update', { patch: { enabled: false } });
    expect(bg.fake.storage.local.data.get('subtext:settings')).toEqual({ enabled: false });
    expect((await bg.send('settings:get', {})).enabled).toBe(false);
    bg.fake.storage.sync.failWrites = null;
    await bg.send('settings:update', { patch: { hoverDelayMs: 10 } });
    expect(bg.fake.storage.local.data.has('subtext:settings')).toBe(false);
    expect(bg.fake.storage.sync.data.get('subtext:settings')).toEqual({
      enabled: false,
      hoverDelayMs: 10,
    });
  });
});
