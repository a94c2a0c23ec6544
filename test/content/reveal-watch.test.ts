import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WATCHED, RevealWatch } from '../../src/content/reveal-watch';
import { Teardown } from '../../src/content/teardown';

/** A ResizeObserver the test drives: `resize(el, w, h)` reports a new box for a watched element. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(
    private readonly cb: (entries: { target: Element; contentRect: DOMRectReadOnly }[]) => void,
  ) {
    FakeResizeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  resize(el: Element, width: number, height: number) {
    if (this.targets.has(el))
      this.cb([{ target: el, contentRect: new DOMRect(0, 0, width, height) }]);
  }
}

const teardowns: Teardown[] = [];
afterEach(() => {
  for (const t of teardowns.splice(0)) t.dispose();
  FakeResizeObserver.all = [];
  document.body.innerHTML = '';
});

/** A paragraph on the page. */
const para = () => document.body.appendChild(document.createElement('p'));

function watch(visible: (el: Element) => boolean) {
  const t = new Teardown();
  teardowns.push(t);
  const view = { ResizeObserver: FakeResizeObserver } as unknown as Window & typeof globalThis;
  const shown: Element[][] = [];
  const w = new RevealWatch(view, t, visible, (els) => shown.push(els));
  return { w, t, shown, ro: () => FakeResizeObserver.all[0]! };
}

describe('watching hidden phrases until the page shows them', () => {
  it('reports an element once it gets a box and can be seen, and stops watching it', () => {
    const { w, shown, ro } = watch(() => true);
    const p = para();
    w.watch(p);
    w.watch(p);
    expect(w.size).toBe(1);
    ro().resize(p, 0, 0); // still not rendered
    expect(shown).toEqual([]);
    ro().resize(p, 300, 40);
    expect(shown).toEqual([[p]]);
    expect(w.size).toBe(0);
    ro().resize(p, 310, 40);
    expect(shown).toHaveLength(1);
  });

  it('keeps watching an element that has a box but is still hidden (visibility), without reporting it', () => {
    let visible = false;
    const { w, shown, ro } = watch(() => visible);
    const p = para();
    w.watch(p);
    ro().resize(p, 300, 40);
    expect(shown).toEqual([]);
    expect(w.size).toBe(1);
    visible = true;
    ro().resize(p, 300, 60);
    expect(shown).toEqual([[p]]);
  });

  it('watches a phrase in an inline element through its block, which is what gets a box', () => {
    const hidden = new Set<Element>();
    const { w, shown, ro } = watch((el) => !hidden.has(el));
    const p = para();
    const a = p.appendChild(document.createElement('a'));
    hidden.add(a);
    w.watch(a, p);
    ro().resize(p, 300, 40); // the block is shown, the link in it still hidden
    expect(shown).toEqual([]);
    hidden.delete(a);
    ro().resize(p, 300, 60);
    expect(shown).toEqual([[p]]);
  });

  it('watches a bounded number of blocks, dropping those that left the page, and nothing after teardown', () => {
    const { w, t, shown, ro } = watch(() => true);
    const els = Array.from({ length: MAX_WATCHED }, () => para());
    for (const el of els) w.watch(el);
    const late = para();
    w.watch(late);
    expect(w.size).toBe(MAX_WATCHED);
    els[0]!.remove();
    w.watch(late);
    expect(w.size).toBe(MAX_WATCHED);
    ro().resize(late, 300, 40);
    expect(shown).toEqual([[late]]);
    t.dispose();
    expect(w.size).toBe(0);
    ro().resize(els[1]!, 300, 40);
    expect(shown).toHaveLength(1);
  });

  it('does nothing where there is no ResizeObserver', () => {
    const t = new Teardown();
    teardowns.push(t);
    const w = new RevealWatch(
      {} as Window & typeof globalThis,
      t,
      () => true,
      () => undefined,
    );
    w.watch(document.createElement('p'));
    expect(w.size).toBe(0);
  });
});
