import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { createCard } from '../../src/content/card';
import { cardModel } from '../../src/content/card-view';
import { watchDiagnostics } from '../../src/content/diagnostics';
import { watchMutations, type Touch } from '../../src/content/mutation-queue';
import { claimNode } from '../../src/content/own-nodes';
import { watchUrl } from '../../src/content/navigation';
import type { ChangeSet, ScanPass } from '../../src/content/scan-session';
import { Backoff, forEachSliced, setTaskRecorder, TaskClock } from '../../src/content/scheduler';
import { Teardown } from '../../src/content/teardown';
import { entry, settle } from './helpers';

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
  document.body.innerHTML = '<main><p id="a">one</p></main>';
});
afterEach(() => teardown.dispose());

describe('the mutation queue', () => {
  it('batches a burst of mutations into one drain with the changed roots', async () => {
    const drains: ChangeSet[] = [];
    watchMutations(document.body, teardown, (c) => void drains.push(c));
    const main = document.querySelector('main')!;
    const added: HTMLElement[] = [];
    for (let i = 0; i < 200; i++) {
      const p = document.createElement('p');
      p.textContent = `story ${i}`;
      main.append(p);
      added.push(p);
    }
    (document.querySelector('#a')!.firstChild as Text).data = 'changed';
    await settle();
    expect(drains).toHaveLength(1);
    expect(drains[0]!.subtrees.size).toBe(200);
    expect(drains[0]!.own.has(main)).toBe(true);
    expect(drains[0]!.own.has(document.querySelector('#a')!.firstChild!)).toBe(true);
  });

  it('tells what changed inside the observer callback, before any frame, without our own nodes', async () => {
    const touches: Touch[] = [];
    const drain = vi.fn();
    watchMutations(document.body, teardown, drain, undefined, (t) => void touches.push(t));
    const a = document.querySelector('#a')!;
    (a.firstChild as Text).data = 'changed';
    const p = document.createElement('p');
    document.querySelector('main')!.append(p);
    a.remove();
    document.body.append(claimNode(document.createElement('subtext-mark')));
    await Promise.resolve();
    expect(drain).not.toHaveBeenCalled();
    expect(touches).toHaveLength(1);
    const [t] = touches;
    expect(t!.edited).toEqual([a.firstChild]);
    expect(t!.parents).toEqual([document.querySelector('main'), document.querySelector('main')]);
    expect(t!.removed).toEqual([a]);
  });

  it('notes removals so disconnected blocks can be dropped', async () => {
    const drains: ChangeSet[] = [];
    watchMutations(document.body, teardown, (c) => void drains.push(c));
    document.querySelector('#a')!.remove();
    await settle();
    expect(drains[0]!.hadRemovals).toBe(true);
  });

  it("ignores Subtext's own card and marks coming and going", async () => {
    const drain = vi.fn();
    watchMutations(document.documentElement, teardown, drain);
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(cardModel(entry('talks', ['constructive talks'], 1), 'constructive talks', () => undefined, 1, 1), new DOMRect(10, 10, 90, 20), false); // prettier-ignore
    card.close();
    const mark = claimNode(document.createElement('subtext-mark')); // as the fallback painter does
    document.body.append(mark);
    mark.remove();
    await settle();
    expect(drain).not.toHaveBeenCalled();
  });

  it('treats a page element named like ours as page content', async () => {
    const drain = vi.fn();
    watchMutations(document.body, teardown, drain);
    document.body.append(document.createElement('subtext-card'));
    await settle();
    expect(drain).toHaveBeenCalledTimes(1);
  });

  it('does not watch inline styles, which an animation writes every frame (text they hide is watched until shown)', async () => {
    const drain = vi.fn();
    watchMutations(document.body, teardown, drain);
    const p = document.querySelector<HTMLElement>('#a')!;
    for (let i = 0; i < 100; i++) p.style.transform = `translateX(${i}px)`;
    p.setAttribute('style', 'display: none');
    await settle();
    expect(drain).not.toHaveBeenCalled();
    p.hidden = true; // the hidden attribute is still watched
    await settle();
    expect(drain).toHaveBeenCalledTimes(1);
  });

  it('stops observing on teardown', async () => {
    const drain = vi.fn();
    watchMutations(document.body, teardown, drain);
    teardown.dispose();
    document.body.append(document.createElement('p'));
    await settle();
    expect(drain).not.toHaveBeenCalled();
  });

  it('drops records taken right after Subtext changed the DOM itself', async () => {
    const drain = vi.fn();
    const queue = watchMutations(document.body, teardown, drain);
    document.body.append(document.createElement('p'));
    queue.discardPending();
    await settle();
    expect(drain).not.toHaveBeenCalled();
  });
});

describe('back-off', () => {
  it('handles a first change at once and waits longer while changes keep coming', () => {
    const b = new Backoff(50, 1000, 1000);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 7; i++) {
      waits.push(b.next(now));
      now += waits.at(-1)! + 5;
      b.ran(now);
    }
    expect(waits).toEqual([0, 50, 100, 200, 400, 800, 1000]);
  });

  it('starts again from zero after a quiet spell', () => {
    const b = new Backoff(50, 1000, 1000);
    b.next(0);
    b.ran(0);
    expect(b.next(10)).toBe(50);
    b.ran(60);
    expect(b.next(5000)).toBe(0);
  });
});

describe('time slices', () => {
  it('yields to the page between slices and reports the longest stretch and the busy time', async () => {
    let between = 0;
    const timer = setInterval(() => between++, 0);
    const items = Array.from({ length: 40 }, (_, i) => i);
    const busy = () => {
      const end = performance.now() + 1;
      while (performance.now() < end);
    };
    let slices = 0;
    const began = performance.now();
    const result = await forEachSliced(items, busy, teardown.signal, {
      budgetMs: 4,
      afterSlice: () => slices++,
    });
    const total = performance.now() - began;
    clearInterval(timer);
    expect(result.done).toBe(true);
    // 40 items of 1 ms with a 4 ms budget: at most ~5 items a slice, however loaded the machine.
    expect(slices).toBeGreaterThanOrEqual(8);
    expect(between).toBeGreaterThan(0);
    result.clock.pause();
    expect(result.clock.longestMs).toBeLessThan(total / 2);
    // 40 ms of work in all: the busy time counts it, and is no more than the time that passed.
    expect(result.clock.busyMs).toBeGreaterThanOrEqual(40);
    expect(result.clock.busyMs).toBeLessThanOrEqual(total + 1);
  });

  it('hands every stretch to the task recorder while one is set', async () => {
    const tasks: [number, number][] = [];
    setTaskRecorder((start, end) => tasks.push([start, end]));
    try {
      const busy = () => {
        const end = performance.now() + 1;
        while (performance.now() < end);
      };
      const { clock } = await forEachSliced(Array.from({ length: 12 }, (_, i) => i), busy, teardown.signal, { budgetMs: 3 }); // prettier-ignore
      clock.pause();
      expect(tasks.length).toBeGreaterThanOrEqual(3);
      // Stretches do not overlap, and their sum is the clock's busy time.
      for (let i = 1; i < tasks.length; i++) expect(tasks[i]![0]).toBeGreaterThanOrEqual(tasks[i - 1]![1]); // prettier-ignore
      const sum = tasks.reduce((a, [s, e]) => a + e - s, 0);
      expect(sum).toBeCloseTo(clock.busyMs, 6);
    } finally {
      setTaskRecorder(null);
    }
  });

  it('stops when its teardown is disposed', async () => {
    const seen: number[] = [];
    const run = forEachSliced(
      Array.from({ length: 100 }, (_, i) => i),
      (i) => {
        seen.push(i);
        const end = performance.now() + 1;
        while (performance.now() < end);
        if (i === 5) teardown.dispose();
      },
      teardown.signal,
      { budgetMs: 2 },
    );
    expect((await run).done).toBe(false);
    expect(seen.length).toBeLessThan(100);
  });
});

describe('SPA navigation', () => {
  afterEach(() => history.replaceState({}, '', '/'));

  it('reports a pushState navigation on the next check, once', () => {
    const changed = vi.fn();
    const watch = watchUrl(window, teardown, changed);
    history.pushState({}, '', '/article-2');
    watch.check();
    watch.check();
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('ignores a change of fragment only', () => {
    const changed = vi.fn();
    const watch = watchUrl(window, teardown, changed);
    history.pushState({}, '', '#comments');
    watch.check();
    expect(changed).not.toHaveBeenCalled();
  });

  it('checks by itself on popstate', () => {
    const changed = vi.fn();
    watchUrl(window, teardown, changed);
    history.pushState({}, '', '/elsewhere');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(changed).toHaveBeenCalledTimes(1);
  });
});

describe('diagnostics', () => {
  const pass: ScanPass = {
    kind: 'initial',
    start: 0,
    textChars: 120,
    matches: 3,
    blocks: 4,
    longestTaskMs: 2,
    busyMs: 5,
    indexMs: 1,
  };

  beforeEach(() => performance.clearMeasures('subtext:scan'));

  it('records no measure while the flag is off (the default)', async () => {
    const d = watchDiagnostics();
    await d.ready;
    d.record(pass);
    expect(performance.getEntriesByName('subtext:scan')).toHaveLength(0);
    d.stop();
  });

  it('records subtext:scan with its detail once storage.local holds the flag', async () => {
    await browser.storage.local.set({ 'subtext:diagnostics': true });
    const d = watchDiagnostics();
    await d.ready;
    d.record(pass);
    const [m] = performance.getEntriesByName('subtext:scan') as PerformanceMeasure[];
    expect(m!.detail).toEqual({ textChars: 120, matches: 3, blocks: 4, kind: 'initial', longestTaskMs: 2, busyMs: 5, indexMs: 1 }); // prettier-ignore
    await browser.storage.local.set({ 'subtext:diagnostics': false });
    await vi.waitFor(() => expect(d.isOn).toBe(false));
    d.record(pass);
    expect(performance.getEntriesByName('subtext:scan')).toHaveLength(1);
    d.stop();
    await browser.storage.local.remove('subtext:diagnostics');
  });

  it('records each task of ours as subtext:task while the flag is on, and none once it is off', async () => {
    performance.clearMeasures('subtext:task');
    await browser.storage.local.set({ 'subtext:diagnostics': true });
    const d = watchDiagnostics();
    await d.ready;
    const clock = new TaskClock();
    await clock.yield();
    clock.pause();
    expect(performance.getEntriesByName('subtext:task')).toHaveLength(2);
    await browser.storage.local.set({ 'subtext:diagnostics': false });
    await vi.waitFor(() => expect(d.isOn).toBe(false));
    const after = new TaskClock();
    after.pause();
    expect(performance.getEntriesByName('subtext:task')).toHaveLength(2);
    d.stop();
    await browser.storage.local.remove('subtext:diagnostics');
  });
});
