// Starts a fresh background (as a browser would after a restart of the service worker) on a fake
// browser, and sends it messages as a given sender.
import { vi } from 'vitest';
import type { FakeBrowser } from '../fakes/browser';
import type { Envelope, MessageName, RequestOf, ResponseOf } from '../../src/shared/messages';

// Each start loads the whole background afresh: slow on a busy machine, so allow for it.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

export const OPTIONS_PAGE = {
  id: 'subtext-test',
  url: 'chrome-extension://subtext-test/options.html',
};
export const CONTENT_SCRIPT = {
  id: 'subtext-test',
  url: 'https://news.example/article',
  tab: { id: 7 },
  frameId: 0,
};

export interface Background {
  fake: FakeBrowser;
  /** Sends a message as `sender` (the options page unless given) and returns the answer. */
  send<N extends MessageName>(
    type: N,
    payload: RequestOf<N>,
    sender?: object,
  ): Promise<ResponseOf<N>>;
  /** Waits until queued background work (sync, badge) has settled. */
  settle(): Promise<void>;
}

/**
 * Loads src/background/index.ts into a fresh module registry. `seed` runs on the fake before the
 * background starts, to put a store in place as a previous session would have left it;
 * `keepStorage` simulates a restart of the worker: storage stays, memory and listeners go.
 */
export async function startBackground(
  seed: (fake: FakeBrowser) => void | Promise<void> = () => undefined,
  keepStorage = false,
): Promise<Background> {
  vi.resetModules();
  const fake = (await import('../../src/shared/browser')).default as unknown as FakeBrowser;
  // A restart keeps the browser's storage, not the worker's memory or listeners.
  const kept = keepStorage
    ? (['local', 'sync', 'session'] as const).map((a) => new Map(fake.storage[a].data))
    : null;
  fake.reset();
  if (kept)
    (['local', 'sync', 'session'] as const).forEach((a, i) => (fake.storage[a].data = kept[i]!));
  await seed(fake);
  await import('../../src/background/index');
  const send = async <N extends MessageName>(
    type: N,
    payload: RequestOf<N>,
    sender: object = OPTIONS_PAGE,
  ) => {
    const message: Envelope<N> = { type, payload };
    for (const answer of fake.runtime.onMessage.emit(message, sender))
      if (answer instanceof Promise) return (await answer) as ResponseOf<N>;
    throw new Error(`no listener answered ${type}`);
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  };
  await send('settings:get', {});
  await settle();
  return { fake, send, settle };
}
