/**
 * Stands in for the background in jsdom tests of the extension pages: answers the typed messages
 * the page sends with canned replies and records every request, so a test can assert what the
 * page asked for. Answers follow the contract in src/shared/messages.ts.
 */
import browser from '../../src/shared/browser';
import type { MessageName, RequestOf, ResponseOf } from '../../src/shared/messages';

export type Replies = {
  [N in MessageName]?: (payload: RequestOf<N>) => ResponseOf<N> | Promise<ResponseOf<N>>;
};

export interface Stub {
  calls: { type: MessageName; payload: unknown }[];
  of<N extends MessageName>(type: N): RequestOf<N>[];
}

/** Registers `replies` as the background's message handlers. */
export function stubBackground(replies: Replies): Stub {
  const calls: Stub['calls'] = [];
  browser.runtime.onMessage.addListener(((message: { type: MessageName; payload: unknown }) => {
    calls.push(message);
    const reply = replies[message.type] as ((p: unknown) => unknown) | undefined;
    if (!reply) return Promise.reject(new Error(`no reply stubbed for ${message.type}`));
    return Promise.resolve(reply(message.payload));
  }) as never);
  return {
    calls,
    of: <N extends MessageName>(type: N) =>
      calls.filter((c) => c.type === type).map((c) => c.payload as RequestOf<N>),
  };
}

/** Waits until `check` returns something truthy (the page works asynchronously). */
export async function until<T>(
  check: () => T,
  what = 'condition',
  ms = 3000,
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
