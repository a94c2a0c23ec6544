/**
 * The one handle that owns every side effect Subtext has on a page: listeners, observers, timers,
 * highlights, stylesheets and the card host. Switching Subtext off for a site disposes it, and the
 * page is left as it was. Children let a part (one scan session) be disposed alone while the
 * whole tree still goes when the root does.
 */
export class Teardown {
  private readonly controller = new AbortController();
  private cleanups = new Set<() => void>();

  /** Aborted when this handle is disposed: pass it to addEventListener and fetch-like APIs. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isDisposed(): boolean {
    return this.controller.signal.aborted;
  }

  /**
   * Registers `cleanup` to run on dispose (newest first); runs it now if already disposed.
   * Returns a function that unregisters it (for effects that ended on their own, like a timer).
   */
  add(cleanup: () => void): () => void {
    if (this.isDisposed) {
      cleanup();
      return () => undefined;
    }
    this.cleanups.add(cleanup);
    return () => void this.cleanups.delete(cleanup);
  }

  /** addEventListener whose listener goes away on dispose. */
  listen<K extends string>(
    target: EventTarget,
    type: K,
    listener: (event: Event) => void,
    options: AddEventListenerOptions = {},
  ): void {
    if (this.isDisposed) return;
    target.addEventListener(type, listener, { ...options, signal: this.signal });
  }

  /** setTimeout that is cleared on dispose. Returns a cancel function. */
  timeout(fn: () => void, ms: number): () => void {
    const id = setTimeout(() => {
      forget();
      if (!this.isDisposed) fn();
    }, ms);
    const forget = this.add(() => clearTimeout(id));
    return () => {
      forget();
      clearTimeout(id);
    };
  }

  /** A handle disposed with this one, or on its own earlier. */
  child(): Teardown {
    const c = new Teardown();
    c.add(this.add(() => c.dispose()));
    return c;
  }

  /**
   * Runs every cleanup once, newest first. A failing cleanup is logged and the rest still run, so
   * one broken step never leaves the page half restored.
   */
  dispose(): void {
    if (this.isDisposed) return;
    this.controller.abort();
    const list = [...this.cleanups];
    this.cleanups.clear();
    for (let i = list.length - 1; i >= 0; i--) {
      try {
        list[i]!();
      } catch (err) {
        console.warn('Subtext: a cleanup step failed', err);
      }
    }
  }
}
