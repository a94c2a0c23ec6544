/**
 * An in-memory stand-in for the webextension-polyfill `browser` object: storage areas with quotas
 * and change events, runtime messaging, the action badge and icon, tabs, context menus and
 * commands. Only what Subtext uses is faked;
 * anything else throws, so a test never passes by touching an API nobody implemented.
 */
type Listener<A extends unknown[]> = (...args: A) => unknown;

export class FakeEvent<A extends unknown[]> {
  readonly listeners = new Set<Listener<A>>();
  addListener(l: Listener<A>): void {
    this.listeners.add(l);
  }
  removeListener(l: Listener<A>): void {
    this.listeners.delete(l);
  }
  hasListener(l: Listener<A>): boolean {
    return this.listeners.has(l);
  }
  emit(...args: A): unknown[] {
    return [...this.listeners].map((l) => l(...args));
  }
}

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export interface FakeStorageArea {
  data: Map<string, unknown>;
  /** Bytes allowed in all, as JSON of key + value, like storage.sync's QUOTA_BYTES. */
  quotaBytes: number;
  quotaBytesPerItem: number;
  /** Set to make the next writes fail, as a full or broken store would. */
  failWrites: Error | null;
  get(keys?: string | string[] | Record<string, unknown> | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  clear(): Promise<void>;
  getBytesInUse(keys?: string | string[] | null): Promise<number>;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const itemBytes = (k: string, v: unknown): number => k.length + JSON.stringify(v).length;

function createArea(
  name: string,
  onChanged: FakeEvent<[Changes, string]>,
  quotaBytes: number,
  quotaBytesPerItem: number,
): FakeStorageArea {
  const area: FakeStorageArea = {
    data: new Map(),
    quotaBytes,
    quotaBytesPerItem,
    failWrites: null,
    async get(keys) {
      const out: Record<string, unknown> = {};
      if (keys == null) {
        for (const [k, v] of area.data) out[k] = clone(v);
      } else if (typeof keys === 'string' || Array.isArray(keys)) {
        for (const k of typeof keys === 'string' ? [keys] : keys)
          if (area.data.has(k)) out[k] = clone(area.data.get(k));
      } else {
        for (const [k, d] of Object.entries(keys))
          out[k] = area.data.has(k) ? clone(area.data.get(k)) : d;
      }
      return out;
    },
    async set(items) {
      if (area.failWrites) throw area.failWrites;
      let total = 0;
      const next = new Map(area.data);
      for (const [k, v] of Object.entries(items)) {
        if (itemBytes(k, v) > area.quotaBytesPerItem)
          throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded`);
        next.set(k, clone(v));
      }
      for (const [k, v] of next) total += itemBytes(k, v);
      if (total > area.quotaBytes) throw new Error(`QUOTA_BYTES quota exceeded`);
      const changes: Changes = {};
      for (const [k, v] of Object.entries(items))
        changes[k] = { oldValue: clone(area.data.get(k)), newValue: clone(v) };
      area.data = next;
      onChanged.emit(changes, name);
    },
    async remove(keys) {
      if (area.failWrites) throw area.failWrites;
      const changes: Changes = {};
      for (const k of typeof keys === 'string' ? [keys] : keys) {
        if (!area.data.has(k)) continue;
        changes[k] = { oldValue: clone(area.data.get(k)) };
        area.data.delete(k);
      }
      if (Object.keys(changes).length) onChanged.emit(changes, name);
    },
    async clear() {
      await area.remove([...area.data.keys()]);
    },
    async getBytesInUse(keys) {
      let n = 0;
      for (const [k, v] of area.data)
        if (keys == null || keys === k || (Array.isArray(keys) && keys.includes(k)))
          n += itemBytes(k, v);
      return n;
    },
  };
  return area;
}

export interface FakeTab {
  id: number;
  active: boolean;
  url?: string;
}

export interface FakeBrowser {
  storage: {
    local: FakeStorageArea;
    sync: FakeStorageArea & { QUOTA_BYTES: number; QUOTA_BYTES_PER_ITEM: number };
    session: FakeStorageArea;
    onChanged: FakeEvent<[Changes, string]>;
  };
  runtime: {
    id: string;
    onMessage: FakeEvent<[unknown, unknown]>;
    onInstalled: FakeEvent<[{ reason: string; previousVersion?: string }]>;
    onStartup: FakeEvent<[]>;
    sendMessage(message: unknown): Promise<unknown>;
    getURL(path: string): string;
    openOptionsPage(): Promise<void>;
    getManifest(): Record<string, unknown>;
  };
  i18n: { getMessage(name: string, subs?: string | string[]): string; getUILanguage(): string };
  action: {
    badge: Map<number | undefined, string>;
    setBadgeText(d: { text: string; tabId?: number }): Promise<void>;
    setBadgeBackgroundColor(d: { color: string; tabId?: number }): Promise<void>;
    /** Icon path set per tab (the 16 px one), as setIcon({ tabId, path }) left it. */
    icons: Map<number | undefined, string>;
    setIcon(d: { tabId?: number; path: Record<string, string> | string }): Promise<void>;
  };
  tabs: {
    list: FakeTab[];
    /** URLs opened with tabs.create. */
    created: string[];
    /** Messages sent to content scripts, in order. */
    sent: { tabId: number; message: unknown; frameId?: number }[];
    /** Answers tabs.sendMessage; by default no content script listens (the real error). */
    respond: (tabId: number, message: unknown) => Promise<unknown>;
    onUpdated: FakeEvent<[number, { status?: string; url?: string }, FakeTab | undefined]>;
    onRemoved: FakeEvent<[number, unknown]>;
    create(d: { url: string }): Promise<FakeTab>;
    query(q: { active?: boolean; lastFocusedWindow?: boolean }): Promise<FakeTab[]>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  contextMenus: {
    items: Map<string | number, Record<string, unknown>>;
    create(props: Record<string, unknown> & { id: string | number }): string | number;
    removeAll(): Promise<void>;
    onClicked: FakeEvent<[{ menuItemId: string | number; selectionText?: string }, unknown]>;
  };
  commands: { onCommand: FakeEvent<[string, FakeTab | undefined]> };
  /** Clears every area and listener: call in beforeEach for isolation. */
  reset(): void;
}

export function createFakeBrowser(): FakeBrowser {
  const onChanged = new FakeEvent<[Changes, string]>();
  const onMessage = new FakeEvent<[unknown, unknown]>();
  const noContentScript = async () => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  };
  const events: FakeEvent<never[]>[] = [];
  const event = <A extends unknown[]>() => {
    const e = new FakeEvent<A>();
    events.push(e as unknown as FakeEvent<never[]>);
    return e;
  };
  const sync = Object.assign(createArea('sync', onChanged, 102_400, 8_192), {
    QUOTA_BYTES: 102_400,
    QUOTA_BYTES_PER_ITEM: 8_192,
  });
  const fake: FakeBrowser = {
    storage: {
      local: createArea('local', onChanged, 10_485_760, Infinity),
      sync,
      session: createArea('session', onChanged, 10_485_760, Infinity),
      onChanged,
    },
    runtime: {
      id: 'subtext-test',
      onMessage,
      onInstalled: event(),
      onStartup: event(),
      async sendMessage(message) {
        // Like the real thing: the first listener that returns a promise answers.
        const sender = { id: 'subtext-test', url: 'chrome-extension://subtext-test/options.html' };
        for (const r of onMessage.emit(message, sender)) if (r instanceof Promise) return r;
        return undefined;
      },
      getURL: (path) => `chrome-extension://subtext-test/${path.replace(/^\//, '')}`,
      openOptionsPage: async () => undefined,
      getManifest: () => ({ manifest_version: 3, name: 'Subtext', version: '0.0.0-test' }),
    },
    i18n: {
      getMessage: (name, subs) =>
        subs === undefined ? name : `${name}(${(Array.isArray(subs) ? subs : [subs]).join(',')})`,
      getUILanguage: () => 'en',
    },
    action: {
      badge: new Map(),
      async setBadgeText({ text, tabId }) {
        fake.action.badge.set(tabId, text);
      },
      setBadgeBackgroundColor: async () => undefined,
      icons: new Map(),
      async setIcon({ tabId, path }) {
        fake.action.icons.set(tabId, typeof path === 'string' ? path : (path['16'] ?? ''));
      },
    },
    tabs: {
      list: [],
      created: [],
      sent: [],
      respond: noContentScript,
      onUpdated: event(),
      onRemoved: event(),
      async create({ url }) {
        fake.tabs.created.push(url);
        const tab = { id: 1000 + fake.tabs.created.length, active: true, url };
        fake.tabs.list.push(tab);
        return tab;
      },
      async query({ active }) {
        return fake.tabs.list.filter((t) => active === undefined || t.active === active);
      },
      async sendMessage(tabId, message, options) {
        fake.tabs.sent.push({ tabId, message, frameId: options?.frameId });
        return fake.tabs.respond(tabId, message);
      },
    },
    contextMenus: {
      items: new Map(),
      create(props) {
        if (fake.contextMenus.items.has(props.id))
          throw new Error(`Cannot create item with duplicate id ${props.id}`);
        fake.contextMenus.items.set(props.id, props);
        return props.id;
      },
      async removeAll() {
        fake.contextMenus.items.clear();
      },
      onClicked: event(),
    },
    commands: { onCommand: event() },
    reset() {
      for (const a of [fake.storage.local, fake.storage.sync, fake.storage.session]) {
        a.data.clear();
        a.failWrites = null;
      }
      onChanged.listeners.clear();
      onMessage.listeners.clear();
      for (const e of events) e.listeners.clear();
      fake.action.badge.clear();
      fake.action.icons.clear();
      fake.tabs.list = [];
      fake.tabs.created = [];
      fake.tabs.sent = [];
      fake.tabs.respond = noContentScript;
      fake.contextMenus.items.clear();
    },
  };
  return fake;
}
