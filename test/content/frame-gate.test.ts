import { describe, expect, it } from 'vitest';
import { hasText, whenText } from '../../src/content/frame-gate';

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
