import { afterEach, describe, expect, it } from 'vitest';
import { forEachSliced } from '../../src/content/scheduler';

type Global = { scheduler?: { yield: () => Promise<void> } };

afterEach(() => {
  delete (globalThis as Global).scheduler;
});

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('yielding to the page during a long scan', () => {
  it("lets the page's own timers run even where scheduler.yield jumps ahead of them", async () => {
    // Like Chromium, whose yield continuations run before any timer: a yield that resolves at once.
    (globalThis as Global).scheduler = { yield: () => Promise.resolve() };
    let ticks = 0;
    const tick = (): void => {
      ticks++;
      timer = setTimeout(tick, 0);
    };
    let timer = setTimeout(tick, 0);
    try {
      const items = Array.from({ length: 100 }, (_, i) => i);
      const { done } = await forEachSliced(items, () => busy(3), new AbortController().signal);
      expect(done).toBe(true);
      // ~300 ms of work in 8 ms slices: the page's timer must have had several turns meanwhile.
      expect(ticks).toBeGreaterThanOrEqual(3);
    } finally {
      clearTimeout(timer);
    }
  });
});
