import { afterEach, describe, expect, it } from 'vitest';
import { hasText, whenReadable, whenShown, whenText } from '../../src/content/frame-gate';

function frame(body: string): Document {
  const doc = document.implementation.createHTMLDocument('frame');
  doc.body.innerHTML = body;
  return doc;
}

describe('a frame without text (ad slot, player, tracker)', () => {
  it('is told apart from one with text to read', () => {
    expect(hasText(frame('<script>var ad = "grave concern";</script><img src="x.png"> \n'))).toBe(false); // prettier-ignore
    expect(hasText(frame('<div hidden>We note with grave concern.</div><style>p{}</style>'))).toBe(false); // prettier-ignore
    expect(hasText(frame('<div><span>  </span><p>We note with <b>grave</b> concern.</p></div>'))).toBe(true); // prettier-ignore
  });

  it('counts an open shadow root as text rather than searching it', () => {
    const doc = frame('<x-widget></x-widget>');
    doc.querySelector('x-widget')!.attachShadow({ mode: 'open' });
    expect(hasText(doc)).toBe(true);
  });

  it('waits until the page puts text in it, then goes on', async () => {
    const doc = frame('<script>1</script>');
    let ready = false;
    const gate = whenText(doc);
    void gate.ready.then(() => (ready = true));
    doc.body.appendChild(doc.createElement('img'));
    await new Promise((r) => setTimeout(r, 700));
    expect(ready).toBe(false);
    doc.body.appendChild(doc.createElement('p')).textContent = 'A frank exchange of views.';
    await new Promise((r) => setTimeout(r, 700));
    expect(ready).toBe(true);
  });

  it('stops watching when cancelled', async () => {
    const doc = frame('');
    let ready = false;
    const gate = whenText(doc);
    void gate.ready.then(() => (ready = true));
    gate.cancel();
    doc.body.appendChild(doc.createElement('p')).textContent = 'Constructive talks.';
    await new Promise((r) => setTimeout(r, 700));
    expect(ready).toBe(false);
  });
});

/** A stand-in for the browser's IntersectionObserver: the test says when the frame is on screen. */
class FakeObserver {
  static last: FakeObserver | null = null;
  observed: Element[] = [];
  disconnected = false;
  constructor(readonly cb: (entries: { isIntersecting: boolean }[]) => void) {
    FakeObserver.last = this;
  }
  observe(target: Element): void {
    this.observed.push(target);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  show(isIntersecting: boolean): void {
    if (!this.disconnected) this.cb([{ isIntersecting }]);
  }
}

describe('a frame off screen (an embed far down a live blog, a hidden widget)', () => {
  const view = window as unknown as { IntersectionObserver?: unknown };
  const original = view.IntersectionObserver;
  afterEach(() => {
    view.IntersectionObserver = original;
    FakeObserver.last = null;
    document.body.innerHTML = '';
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('waits until its document is on screen', async () => {
    view.IntersectionObserver = FakeObserver;
    let ready = false;
    void whenShown(document).ready.then(() => (ready = true));
    const observer = FakeObserver.last!;
    expect(observer.observed).toEqual([document.documentElement, document.body]);
    observer.show(false);
    await tick();
    expect(ready).toBe(false);
    observer.show(true);
    await tick();
    expect(ready).toBe(true);
    expect(observer.disconnected).toBe(true);
  });

  it('watches the new tree when the page replaces its document', async () => {
    view.IntersectionObserver = FakeObserver;
    void whenShown(document);
    const observer = FakeObserver.last!;
    const html = document.createElement('html');
    html.appendChild(document.createElement('body'));
    const old = document.replaceChild(html, document.documentElement);
    await tick();
    expect(observer.observed).toContain(html);
    expect(observer.observed).toContain(html.lastChild);
    document.replaceChild(old, html);
  });

  it('goes on at once where the browser cannot tell', async () => {
    view.IntersectionObserver = undefined;
    let ready = false;
    void whenShown(document).ready.then(() => (ready = true));
    await tick();
    expect(ready).toBe(true);
  });

  it('needs both text and being on screen, and stops watching when cancelled', async () => {
    view.IntersectionObserver = FakeObserver;
    document.body.innerHTML = '<p>Constructive talks.</p>';
    let ready = false;
    const gate = whenReadable(document);
    void gate.ready.then(() => (ready = true));
    await tick();
    expect(ready).toBe(false);
    gate.cancel();
    FakeObserver.last!.show(true);
    await tick();
    expect(ready).toBe(false);

    const again = whenReadable(document);
    void again.ready.then(() => (ready = true));
    await tick();
    FakeObserver.last!.show(true);
    await tick();
    expect(ready).toBe(true);
  });
});
