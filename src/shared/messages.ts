/**
 * One typed message map for every context. `MessageMap` names each message with its request and
 * response; `send` sends to the background, `sendToTab` to a tab's content script, and
 * `createDispatcher` checks each message's shape on receipt and ignores unknown ones with a warning.
 *
 * Messages that change state (marked `mutates: true` in MESSAGE_RULES) are only honoured from the
 * extension's own pages (popup, options), never from content scripts: see `isTrustedSender`.
 */
import browser, { type Runtime } from './browser';

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
}

export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}

/** Messages that change settings or lists: only the extension's own pages may send them. */
export const MUTATING_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>([]);

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
