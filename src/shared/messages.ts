/**
 * One typed message map for every context. `MessageMap` names each message with its request and
 * response; `send` sends to the background, `sendToTab` to a tab's content script, and
 * `createDispatcher` checks each message's shape on receipt and ignores unknown ones with a warning.
 *
 * Messages that change state (marked `mutates: true` in MESSAGE_RULES) are only honoured from the
 * extension's own pages (popup, options), never from content scripts: see `isTrustedSender`.
 */
import browser, { type Runtime } from './browser';
import type { Entry, Pack } from '../core/entry';
import type { PackedGlossary } from '../core/matcher';
import type { Settings } from './settings-model';
import type { Override } from './store-layout';

/** A decoded phrase on the page as the popup shows it. */
export interface PageMatch {
  entryId: string;
  text: string;
  /** Index among this page's matches in document order, for "go to" from the popup. */
  index: number;
}

export interface PageReport {
  url: string;
  matches: PageMatch[];
  /** False when Subtext is switched off for this site or everywhere. */
  active: boolean;
}

/** A field-level problem: `field` names the entry field (or `entry` for the whole). */
export interface FieldError {
  field: string;
  message: string;
}

/** An import problem: `line` is 1-based in the file (CSV row, or the JSON line of the entry). */
export interface ImportError extends FieldError {
  line: number;
}

/** `settings:update` takes any subset of the settings; `underline` may be partial too. */
export type SettingsPatch = Partial<Omit<Settings, 'underline'>> & {
  underline?: Partial<Settings['underline']>;
};

/** A reader's entry as the options form sends it: the store fills in what is missing. */
export type EntryDraft = Omit<Entry, 'id' | 'lang' | 'sources' | 'examples' | 'counterExamples'> &
  Partial<Pick<Entry, 'id' | 'lang' | 'sources' | 'examples' | 'counterExamples'>>;

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldError[] };

export interface ImportRequest {
  format: 'json' | 'csv';
  text: string;
  /** merge: add and update by id, keep the rest; replace: the file becomes the whole list. */
  mode: 'merge' | 'replace';
}

/** What an import would do (ids per kind), and every problem found; nothing applies if any. */
export interface ImportSummary {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  errors: ImportError[];
}

/** Everything the options page and the popup show about the glossary. */
export interface GlossarySnapshot {
  /** Built-in packs as shipped (overrides not applied), with whether each is on. */
  packs: (Pack & { enabled: boolean })[];
  /** The reader's own entries. */
  entries: Entry[];
  /** The reader's overrides of built-in entries, by entry id. */
  overrides: Record<string, Override>;
  revision: number;
  diagnostics: boolean;
  /** Set after a damaged store was repaired (`storeRepaired`), until the browser restarts. */
  notice?: string;
}

export interface SyncStatus {
  mode: 'sync' | 'local';
  /** Why the list is kept on this device only, in the reader's language. */
  message?: string;
  /** Bytes of storage.sync used by the reader's list, and the limit. */
  bytesUsed?: number;
  bytesQuota?: number;
}

/** Request and response of every message. Extend here; never send an unlisted name. */
export interface MessageMap {
  /** content → background: how many phrases this frame decoded (drives the badge). */
  'page:count': { request: { count: number }; response: void };
  /** popup → content script of the active tab: list this page's matches. */
  'page:report': { request: Record<string, never>; response: PageReport };
  /** popup/background → content script: scroll to match `index` (or the next/previous) and open its card. */
  'page:reveal': {
    request: { index?: number; step?: 1 | -1; entryId?: string };
    response: { index: number } | null;
  };
  /**
   * background → every frame of every tab: these keys the content scripts follow changed in this
   * storage area (store-events.ts; content scripts do not listen to `storage.onChanged`).
   */
  'store:changed': { request: { keys: string[]; area: string }; response: void };
  /** Any context → background: the effective settings. */
  'settings:get': { request: Record<string, never>; response: Settings };
  /** Extension pages → background: change some settings; answers the new settings. */
  'settings:update': { request: { patch: SettingsPatch }; response: Settings };
  /** Extension pages → background: switch Subtext on or off for one site. */
  'site:set': { request: { hostname: string; enabled: boolean }; response: Settings };
  /**
   * content → background: what a card says of an entry (the compiled glossary a page restores
   * holds no meaning, explanation or sources). Null for an unknown id.
   */
  'entry:details': {
    request: { id: string };
    response: Pick<Entry, 'meaning' | 'explanation' | 'sources'> | null;
  };
  /**
   * content → background: answers once the compiled glossary in `storage.local` is up to date
   * (the background compiles at start and after each change; a page opened meanwhile waits for
   * it). When it could not be stored (storage full), `ready` is false and the answer carries it;
   * `packed` is null when the list does not compile.
   */
  'glossary:compiled': {
    request: Record<string, never>;
    response: { ready: true } | { ready: false; packed: PackedGlossary | null };
  };
  /** Any context → background: packs, the reader's entries and overrides, the revision. */
  'glossary:get': { request: Record<string, never>; response: GlossarySnapshot };
  /** Extension pages → background: add an entry, or replace `replaceId` (which may rename it). */
  'entries:save': { request: { entry: EntryDraft; replaceId?: string }; response: SaveResult };
  'entries:delete': { request: { id: string }; response: { ok: boolean } };
  /** Extension pages → background: hide or re-word a built-in entry; `null` restores it. */
  'builtin:override': {
    request: { id: string; override: Omit<Override, 'packVersion'> | null };
    response: { ok: true } | { ok: false; errors: FieldError[] };
  };
  'import:preview': { request: ImportRequest; response: ImportSummary };
  /** Applies the import only when it has no errors; `applied` says whether it did. */
  'import:apply': { request: ImportRequest; response: ImportSummary & { applied: boolean } };
  export: { request: { format: 'json' | 'csv' }; response: { text: string; filename: string } };
  'diagnostics:set': { request: { on: boolean }; response: { on: boolean } };
  'sync:status': { request: Record<string, never>; response: SyncStatus };
}

export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}

/** Messages that change settings or lists: only the extension's own pages may send them. */
export const MUTATING_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>([
  'settings:update',
  'site:set',
  'entries:save',
  'entries:delete',
  'builtin:override',
  'import:apply',
  'diagnostics:set',
]);

/** Sends a message to the background and returns its typed answer. */
export async function send<N extends MessageName>(
  type: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N>> {
  return (await browser.runtime.sendMessage({
    type,
    payload,
  } satisfies Envelope<N>)) as ResponseOf<N>;
}

/** Sends a message to the content script of one tab (top frame unless `frameId` is given). */
export async function sendToTab<N extends MessageName>(
  tabId: number,
  type: N,
  payload: RequestOf<N>,
  frameId = 0,
): Promise<ResponseOf<N>> {
  return (await browser.tabs.sendMessage(tabId, { type, payload } satisfies Envelope<N>, {
    frameId,
  })) as ResponseOf<N>;
}

/** True when the sender is one of this extension's own pages (not a content script, not another extension). */
export function isTrustedSender(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL(''))) return false;
  return Boolean(sender.url?.startsWith(browser.runtime.getURL('')));
}

export type Handlers = {
  [N in MessageName]?: (
    payload: RequestOf<N>,
    sender: Runtime.MessageSender,
  ) => ResponseOf<N> | Promise<ResponseOf<N>>;
};

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    typeof (message as { payload?: unknown }).payload === 'object' &&
    (message as { payload?: unknown }).payload !== null
  );
}

/**
 * Returns a runtime.onMessage listener that routes known messages to `handlers`. Unknown or
 * malformed messages are ignored (a warning, no answer), so another listener may answer them;
 * mutating messages from untrusted senders are refused with an error.
 */
export function createDispatcher(handlers: Handlers) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    if (!isEnvelope(message)) {
      console.warn('Subtext: ignoring malformed message', message);
      return undefined;
    }
    const handler = handlers[message.type] as
      ((p: unknown, s: Runtime.MessageSender) => unknown) | undefined;
    if (!handler) return undefined;
    if (MUTATING_MESSAGES.has(message.type) && !isTrustedSender(sender))
      return Promise.reject(
        new Error(`Subtext: "${message.type}" is only accepted from Subtext's own pages`),
      );
    return Promise.resolve(handler(message.payload, sender));
  };
}
