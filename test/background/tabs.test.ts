import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDraft } from '../shared/entries';
import { CONTENT_SCRIPT, startBackground, type Background } from './start';

let bg: Background;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  bg = await startBackground();
});
afterEach(() => vi.restoreAllMocks());

const frame = (frameId: number, url = 'https://news.example/a', tabId = 7) => ({
  ...CONTENT_SCRIPT,
  url,
  frameId,
  tab: { id: tabId },
});
const count = (n: number, sender = frame(0)) => bg.send('page:count', { count: n }, sender);

describe('the badge', () => {
  it('shows the sum of the counts of every frame of the tab', async () => {
    await count(3);
    await count(2, frame(5, 'https://embed.example/x'));
    expect(bg.fake.action.badge.get(7)).toBe('5');
    await count(0, frame(5, 'https://embed.example/x'));
    expect(bg.fake.action.badge.get(7)).toBe('3');
  });

  it('keeps tabs apart and shortens large counts', async () => {
    await count(1200, frame(0, 'https://a.example/', 8));
    await count(4, frame(0, 'https://b.example/', 9));
    expect([bg.fake.action.badge.get(8), bg.fake.action.badge.get(9)]).toEqual(['999+', '4']);
  });

  it('clears when the tab starts loading another page', async () => {
    await count(3);
    bg.fake.tabs.onUpdated.emit(7, { status: 'loading' }, undefined);
    await bg.settle();
    expect(bg.fake.action.badge.get(7)).toBe('');
  });

  it('survives a restart of the service worker between two frames’ reports', async () => {
    await count(3);
    bg = await startBackground(() => undefined, true);
    await count(4, frame(2, 'https://embed.example/x'));
    expect(bg.fake.action.badge.get(7)).toBe('7');
  });

  it('forgets a tab once it is closed', async () => {
    await count(3);
    bg.fake.tabs.onRemoved.emit(7, {});
    await bg.settle();
    expect([...bg.fake.storage.session.data.keys()].some((k) => k.endsWith(':7'))).toBe(false);
  });
});

describe('the icon', () => {
  it('is greyed on a site where Subtext is off, and back when it is on again', async () => {
    await count(2);
    expect(bg.fake.action.icons.get(7)).toBe('icons/icon-16.png');
    await bg.send('site:set', { hostname: 'news.example', enabled: false });
    await bg.settle();
    expect(bg.fake.action.icons.get(7)).toBe('icons/icon-off-16.png');
    expect(bg.fake.action.badge.get(7)).toBe('');
    await bg.send('site:set', { hostname: 'news.example', enabled: true });
    await bg.settle();
    expect(bg.fake.action.icons.get(7)).toBe('icons/icon-16.png');
  });

  it('is greyed everywhere when Subtext is switched off', async () => {
    await count(2);
    await bg.send('settings:update', { patch: { enabled: false } });
    await bg.settle();
    expect(bg.fake.action.icons.get(7)).toBe('icons/icon-off-16.png');
  });
});

describe('the context menu', () => {
  it('is created on install with the selection in its title', async () => {
    bg.fake.runtime.onInstalled.emit({ reason: 'install' });
    await bg.settle();
    expect([...bg.fake.contextMenus.items.values()]).toEqual([
      expect.objectContaining({ title: 'contextMenuAdd(%s)', contexts: ['selection'] }),
    ]);
    bg.fake.runtime.onInstalled.emit({ reason: 'update' });
    await bg.settle();
    expect(bg.fake.contextMenus.items.size).toBe(1);
  });

  it('opens the entry form pre-filled with the selected phrase', async () => {
    bg.fake.runtime.onInstalled.emit({ reason: 'install' });
    await bg.settle();
    const [id] = bg.fake.contextMenus.items.keys();
    bg.fake.contextMenus.onClicked.emit(
      { menuItemId: id!, selectionText: '  grave\n concern & more ' },
      {},
    );
    await bg.settle();
    expect(bg.fake.tabs.created).toEqual([
      'chrome-extension://subtext-test/options.html#add=grave%20concern%20%26%20more',
    ]);
  });
});

describe('keyboard shortcuts', () => {
  it('asks the active tab to reveal the next and the previous phrase', async () => {
    bg.fake.tabs.list = [{ id: 4, active: true }];
    bg.fake.tabs.respond = async () => ({ index: 0 });
    bg.fake.commands.onCommand.emit('next-phrase', undefined);
    bg.fake.commands.onCommand.emit('previous-phrase', { id: 4, active: true });
    await bg.settle();
    expect(bg.fake.tabs.sent).toHaveLength(2);
    expect(bg.fake.tabs.sent).toEqual(
      expect.arrayContaining([
        { tabId: 4, frameId: 0, message: { type: 'page:reveal', payload: { step: 1 } } },
        { tabId: 4, frameId: 0, message: { type: 'page:reveal', payload: { step: -1 } } },
      ]),
    );
  });

  it('does nothing on a page without a content script', async () => {
    bg.fake.tabs.list = [{ id: 4, active: true }];
    bg.fake.commands.onCommand.emit('next-phrase', undefined);
    await bg.settle();
    expect(bg.fake.tabs.sent).toHaveLength(1);
  });
});

describe('telling open tabs of a change', () => {
  const told = () =>
    bg.fake.tabs.sent
      .filter((s) => (s.message as { type: string }).type === 'store:changed')
      .map((s) => ({ tabId: s.tabId, frameId: s.frameId, payload: (s.message as { payload: unknown }).payload })); // prettier-ignore

  it('tells every frame of every tab which followed keys changed, without their values', async () => {
    bg.fake.tabs.list = [
      { id: 3, active: true, url: 'https://a.example/' },
      { id: 4, active: false, url: 'https://b.example/' },
    ];
    bg.fake.tabs.sent = [];
    await bg.send('settings:update', { patch: { underline: { style: 'dotted' } } });
    await bg.settle();
    const settingsKey = 'subtext:settings';
    expect(told()).toEqual([
      { tabId: 3, frameId: undefined, payload: { keys: [settingsKey], area: 'sync' } },
      { tabId: 4, frameId: undefined, payload: { keys: [settingsKey], area: 'sync' } },
    ]);
  });

  it('tells them when the reader’s list changes, never sending the compiled glossary', async () => {
    bg.fake.tabs.list = [{ id: 3, active: true, url: 'https://a.example/' }];
    bg.fake.tabs.sent = [];
    expect(await bg.send('entries:save', { entry: makeDraft('quiet diplomacy') })).toMatchObject({ ok: true }); // prettier-ignore
    await bg.settle();
    const payloads = told().map((t) => t.payload as { keys: string[] });
    expect(payloads.some((p) => p.keys.includes('subtext:revision'))).toBe(true);
    expect(JSON.stringify(bg.fake.tabs.sent)).not.toContain('subtext:compiled');
    expect(JSON.stringify(bg.fake.tabs.sent)).not.toContain('quiet diplomacy');
  });

  it('sends nothing for a write of keys no tab follows', async () => {
    bg.fake.tabs.list = [{ id: 3, active: true, url: 'https://a.example/' }];
    bg.fake.tabs.sent = [];
    await bg.fake.storage.local.set({ 'subtext:compiled': { big: 'x'.repeat(1000) } });
    await bg.settle();
    expect(told()).toEqual([]);
  });
});
