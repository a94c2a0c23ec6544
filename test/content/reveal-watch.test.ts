import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_VEILED,
  MAX_WATCHED,
  RevealWatch,
  VEIL_CHECK_MS,
} from '../../src/content/reveal-watch';
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
  document.body.className = '';
  vi.useRealTimers();
});

/** A paragraph on the page. */
const para = () => document.body.appendChild(document.createElement('p'));

function watch(visible: (el: Element) => boolean) {
  const t = new Teardown();
  teardowns.push(t);
  const view = { ResizeObserver: FakeResizeObserver, MutationObserver } as unknown as Window &
    typeof globalThis;
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

  it('says when a hidden phrase went unwatched (past the bound), until cleared', () => {
    const { w } = watch(() => true);
    for (let i = 0; i < MAX_WATCHED; i++) w.watch(para());
    expect(w.missesSome).toBe(false);
    w.watch(para());
    expect(w.missesSome).toBe(true);
    w.clear();
    expect(w.missesSome).toBe(false);
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
    expect(w.missesSome).toBe(true);
  });

  describe('text hidden by visibility, which no resize reveals', () => {
    /** Lets the attribute observer deliver, then the check's delay pass. */
    const settle = async () => {
      await Promise.resolve();
      vi.advanceTimersByTime(VEIL_CHECK_MS);
    };

    it('checks a rendered block whose phrase is hidden again when a class changes, and reports it once shown', async () => {
      vi.useFakeTimers();
      let visible = false;
      const { w, shown, ro } = watch(() => visible);
      const p = para();
      w.watch(p);
      ro().resize(p, 300, 40); // a box, but the phrase is not visible: veiled
      expect(w.veiledSize).toBe(1);
      document.body.className = 'unrelated';
      await settle();
      expect(shown).toEqual([]);
      visible = true;
      p.className = 'revealed';
      await settle();
      expect(shown).toEqual([[p]]);
      expect(w.size).toBe(0);
      expect(w.veiledSize).toBe(0);
      p.className = 'again';
      await settle();
      expect(shown).toHaveLength(1);
    });

    it('checks once per interval however many attributes change, and stops watching attributes when nothing is veiled', async () => {
      vi.useFakeTimers();
      let checks = 0;
      const { w, ro } = watch(() => (checks++, false));
      const p = para();
      w.watch(p);
      ro().resize(p, 300, 40);
      checks = 0;
      for (let i = 0; i < 50; i++) {
        document.body.className = `frame-${i}`;
        await Promise.resolve();
      }
      vi.advanceTimersByTime(VEIL_CHECK_MS);
      expect(checks).toBe(1);
      p.remove();
      document.body.className = 'gone';
      await settle();
      expect(w.veiledSize).toBe(0);
      checks = 0;
      document.body.className = 'after';
      await settle();
      expect(checks).toBe(0);
    });

    it('sees attribute changes inside an open shadow root that holds a veiled block', async () => {
      vi.useFakeTimers();
      let visible = false;
      const { w, shown, ro } = watch(() => visible);
      const host = para();
      const root = host.attachShadow({ mode: 'open' });
      const inner = root.appendChild(document.createElement('p'));
      w.watch(inner, root);
      ro().resize(host, 300, 40);
      visible = true;
      inner.setAttribute('style', 'visibility: visible');
      await settle();
      expect(shown).toEqual([[host]]);
    });

    it('checks a bounded number of veiled blocks', () => {
      const { w, ro } = watch(() => false);
      for (let i = 0; i < MAX_VEILED + 5; i++) {
        const p = para();
        w.watch(p);
        ro().resize(p, 300, 40);
      }
      expect(w.size).toBe(MAX_VEILED + 5);
      expect(w.veiledSize).toBe(MAX_VEILED);
    });
  });
});
