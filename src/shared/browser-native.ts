/**
 * The content script's `browser`: the browser's own API, without webextension-polyfill. The
 * content script is parsed on every page a reader opens, and the polyfill is a tenth of it; the
 * few APIs the content script uses need almost nothing of it. The build swaps this file in for
 * the polyfill in the content script only (`scripts/build.ts`); the background and the extension
 * pages keep the polyfill, and unit tests fake the API at src/shared/browser.ts as before.
 *
 * Firefox has a native, promise-based `browser`. Chrome's `chrome.*` returns promises for
 * storage and sendMessage in Manifest V3; what it lacks is answering a message from a listener's
 * promise, which is done here with `sendResponse`, in the polyfill's format for rejections so
 * that the polyfill on the other side turns them back into errors.
 */
import type { Browser } from './browser';

declare const __SUBTEXT_BROWSER__: 'chrome' | 'firefox';

/** How webextension-polyfill sends a rejected promise across a message channel. */
const REJECTED = '__mozWebExtensionPolyfillReject__';

type Listener = (message: unknown, sender: unknown) => unknown;
type ChromeListener = (message: unknown, sender: unknown, reply: (a: unknown) => void) => boolean;
interface ChromeEvent<L> {
  addListener(l: L): void;
  removeListener(l: L): void;
}
interface ChromeApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    getManifest(): unknown;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: ChromeEvent<ChromeListener>;
  };
  storage: unknown;
  i18n: unknown;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

function fromChrome(chrome: ChromeApi): Browser {
  const wrapped = new Map<Listener, ChromeListener>();
  const runtime = {
    get id() {
      return chrome.runtime.id;
    },
    getURL: (path: string) => chrome.runtime.getURL(path),
    getManifest: () => chrome.runtime.getManifest(),
    async sendMessage(message: unknown): Promise<unknown> {
      const answer = (await chrome.runtime.sendMessage(message)) as Record<string, unknown> | null;
      if (answer && typeof answer === 'object' && answer[REJECTED] === true)
        throw new Error(String(answer.message));
      return answer;
    },
    onMessage: {
      addListener(listener: Listener): void {
        const w: ChromeListener = (message, sender, reply) => {
          let result: unknown;
          try {
            result = listener(message, sender);
          } catch (err) {
            result = Promise.reject(err);
          }
          // Like the polyfill: only a promise answers; anything else leaves the message to others.
          if (!isThenable(result)) return false;
          result.then(reply, (err: unknown) =>
            reply({ [REJECTED]: true, message: err instanceof Error ? err.message : String(err) }),
          );
          return true;
        };
        wrapped.set(listener, w);
        chrome.runtime.onMessage.addListener(w);
      },
      removeListener(listener: Listener): void {
        const w = wrapped.get(listener);
        if (w) chrome.runtime.onMessage.removeListener(w);
        wrapped.delete(listener);
      },
      hasListener: (listener: Listener) => wrapped.has(listener),
    },
  };
  // Getters: Chrome builds each namespace's bindings on first access (1-2 ms a page in a CPU
  // profile), and most pages never open a card, the only user of i18n.
  return {
    runtime,
    get storage() {
      return chrome.storage;
    },
    get i18n() {
      return chrome.i18n;
    },
  } as unknown as Browser;
}

const scope = globalThis as unknown as { browser?: Browser; chrome?: ChromeApi };
const browser: Browser =
  __SUBTEXT_BROWSER__ === 'firefox' && scope.browser ? scope.browser : fromChrome(scope.chrome!);

export default browser;
