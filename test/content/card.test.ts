import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCard, placeCard } from '../../src/content/card';
import { cardModel, displayName, renderCard } from '../../src/content/card-view';
import { Teardown } from '../../src/content/teardown';
import { entry, useEnglishMessages } from './helpers';

beforeAll(useEnglishMessages);

const hostile = entry('hostile', ['grave concern'], 5, {
  meaning: '<img src=x onerror="window.__pwned=1">',
  explanation: '<b>bold?</b>',
  sources: [
    { title: 'Evil', url: 'javascript:alert(1)' },
    { title: 'Good', url: 'https://example.org/a' },
    { title: 'No link' },
  ],
});

const ladderEntries = [
  entry('concerned', ['(deeply|gravely) concerned'], 2, { ladder: { scale: 'un-feeling', step: 1, above: 'deplores' } }), // prettier-ignore
  entry('deplores', ['deplore[s]'], 3, { ladder: { scale: 'un-feeling', step: 2, below: 'concerned', above: 'condemns' } }), // prettier-ignore
  entry('condemns', ['=condemns *2 strongest terms'], 4, { ladder: { scale: 'un-feeling', step: 3, below: 'deplores' } }), // prettier-ignore
];
const lookup = (id: string) => ladderEntries.find((e) => e.id === id);

/** The card's shadow root is closed: keeps hold of the next one as it is created. */
function captureShadow() {
  const attach = Element.prototype.attachShadow;
  const out: { root: ShadowRoot | undefined; spy: ReturnType<typeof vi.spyOn> } = {
    root: undefined,
    spy: vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
      this: Element,
      init,
    ) {
      out.root = attach.call(this, init);
      return out.root;
    }),
  };
  return out;
}

describe('the card view', () => {
  it('shows markup in a meaning as text, never as elements', () => {
    const card = renderCard(
      document,
      cardModel(hostile, 'grave concern', () => undefined, 1, 1),
    );
    expect(card.querySelector('img, b')).toBeNull();
    expect(card.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(card.textContent).toContain('<b>bold?</b>');
  });

  it('links only http(s) sources and shows the others as plain titles', () => {
    const card = renderCard(
      document,
      cardModel(hostile, 'x', () => undefined, 1, 1),
    );
    const links = [...card.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Good', 'https://example.org/a'],
    ]);
    expect(links[0]!.rel).toBe('noopener noreferrer');
    expect(card.querySelector('.sources')!.textContent).toContain('Evil');
  });

  it('names the milder and stronger steps of the escalation ladder', () => {
    const card = renderCard(document, cardModel(ladderEntries[1]!, 'deplores', lookup, 2, 5));
    const ladder = card.querySelector('.ladder')!.textContent!;
    expect(ladder).toContain('un-feeling');
    expect(ladder).toContain('deeply concerned');
    expect(ladder).toContain('condemns … strongest terms');
    expect(card.querySelector('.position')!.textContent).toContain('2 of 5');
  });

  it('is a labelled dialog with a "Not a euphemism here" button', () => {
    const card = renderCard(document, cardModel(ladderEntries[0]!, 'deeply concerned', lookup, 1, 1)); // prettier-ignore
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.getAttribute('aria-labelledby')).toBe('subtext-phrase');
    expect(card.querySelector('[data-action="dismiss"]')!.textContent).toBe('Not a euphemism here');
  });

  it('reads an entry name out of its first pattern', () => {
    expect(displayName(entry('x', ['[free and] =frank (exchange|exchanges) of views']))).toBe(
      'free and frank exchange of views',
    );
  });
});

describe('placing the card', () => {
  const viewport = { width: 800, height: 600 };
  const size = { width: 300, height: 200 };

  it('goes below the phrase when there is room', () => {
    expect(placeCard({ top: 100, bottom: 120, left: 50 }, size, viewport)).toEqual({ top: 126, left: 50 }); // prettier-ignore
  });

  it('goes above a phrase near the bottom, and stays inside the right edge', () => {
    expect(placeCard({ top: 500, bottom: 520, left: 700 }, size, viewport)).toEqual({ top: 294, left: 492 }); // prettier-ignore
  });
});

describe('the card host', () => {
  let teardown: Teardown;
  const anchor = { top: 10, bottom: 30, left: 10, right: 100, width: 90, height: 20, x: 10, y: 10 } as DOMRect; // prettier-ignore
  const model = cardModel(ladderEntries[0]!, 'deeply concerned', lookup, 1, 1);

  beforeEach(() => {
    teardown = new Teardown();
    document.body.innerHTML = '<p>page</p><button id="before">x</button>';
  });
  afterEach(() => teardown.dispose());

  it('attaches to <html>, not <body>, only while open', () => {
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    const body = document.body.innerHTML;
    expect(document.querySelector('[data-subtext="card"]')).toBeNull();
    card.open(model, anchor, false);
    expect(document.documentElement.lastElementChild!.getAttribute('data-subtext')).toBe('card');
    expect(document.body.innerHTML).toBe(body);
    card.close();
    expect(document.querySelector('[data-subtext="card"]')).toBeNull();
  });

  it('cannot be taken over by a page that defined custom elements named like ours', () => {
    let constructed = 0;
    for (const name of ['subtext-card', 'subtext-host'])
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            constructed++;
            this.attachShadow({ mode: 'open' }).innerHTML = '<p>Subtext says: this means war</p>';
          }
        },
      );
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    expect(() => card.open(model, anchor, false)).not.toThrow();
    expect(card.isOpen).toBe(true);
    expect(constructed).toBe(0);
    expect(document.body.textContent).not.toContain('this means war');
  });

  it('keeps its content in a closed shadow root', () => {
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, false);
    expect(document.querySelector('[data-subtext="card"]')!.shadowRoot).toBeNull();
  });

  it('closes before the page is printed: the printout is the article', () => {
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, false);
    window.dispatchEvent(new Event('beforeprint'));
    expect(card.isOpen).toBe(false);
    expect(document.querySelector('[data-subtext="card"]')).toBeNull();
  });

  it('follows its phrase when the page scrolls, and closes once the phrase has left the screen (a second after the next-phrase command opened it)', async () => {
    const shadow = captureShadow();
    let at = anchor;
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, true, null, () => at); // as the next-phrase command opens it
    shadow.spy.mockRestore();
    const box = shadow.root!.querySelector<HTMLElement>('.card')!;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const top = box.style.top;
    at = { ...anchor, top: 200, bottom: 220, y: 200 } as DOMRect; // scrolled by 190 px
    document.dispatchEvent(new Event('scroll'));
    await frame();
    expect(card.isOpen).toBe(true);
    expect(parseFloat(box.style.top) - parseFloat(top)).toBe(190);
    // Off screen right after opening (the next-phrase command may still be scrolling to it): kept.
    at = { ...anchor, top: -500, bottom: -480, y: -500 } as DOMRect;
    document.dispatchEvent(new Event('scroll'));
    await frame();
    expect(card.isOpen).toBe(true);
    const now = performance.now();
    vi.spyOn(performance, 'now').mockReturnValue(now + 1_500);
    document.dispatchEvent(new Event('scroll'));
    await frame();
    vi.restoreAllMocks();
    expect(card.isOpen).toBe(false);
    // Opened by hover: closes as soon as its phrase is off screen.
    at = anchor;
    card.open(model, anchor, false, null, () => at);
    at = { ...anchor, top: 2_000, bottom: 2_020, y: 2_000 } as DOMRect;
    document.dispatchEvent(new Event('scroll'));
    await frame();
    expect(card.isOpen).toBe(false);
  });

  it('closes, without any scroll, once the page hides its phrase (a carousel moving on), and stays where there is no layout to tell', async () => {
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let at: DOMRect | null = anchor;
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, false, null, () => at);
    await wait(400);
    expect(card.isOpen).toBe(true);
    at = null; // no layout: cannot tell
    await wait(400);
    expect(card.isOpen).toBe(true);
    at = new DOMRect(); // hidden: no box
    await wait(400);
    expect(card.isOpen).toBe(false);
  });

  it('stays open over a phrase the page hid while the reader is in the card (a hover menu that closed)', async () => {
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const shadow = captureShadow();
    let at: DOMRect | null = anchor;
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, false, null, () => at);
    shadow.spy.mockRestore();
    shadow.root!.querySelector<HTMLElement>('.card')!.focus(); // the reader tabbed into it
    at = new DOMRect(); // the menu holding the phrase closed
    await wait(400);
    expect(card.isOpen).toBe(true);
  });

  it('closes when focus leaves it for the page, even where the page swallows clicks and keys', async () => {
    const input = document.body.appendChild(document.createElement('input'));
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, true);
    const host = document.querySelector<HTMLElement>('[data-subtext="card"]')!;
    expect(document.activeElement).toBe(host);
    input.focus();
    await new Promise((r) => setTimeout(r, 10));
    expect(card.isOpen).toBe(false);
    input.remove();
  });

  it('closes on Escape and on a click outside', () => {
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, false);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(card.isOpen).toBe(false);
    card.open(model, anchor, false);
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    expect(card.isOpen).toBe(false);
  });

  it('announces the phrase and its meaning through a live region', async () => {
    const shadow = captureShadow();
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    // Built when a card first opens, not on every page the reader visits.
    expect(shadow.spy).not.toHaveBeenCalled();
    card.open(model, anchor, false);
    shadow.spy.mockRestore();
    await new Promise((r) => setTimeout(r, 80));
    const live = shadow.root!.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toContain('deeply concerned');
    expect(live.textContent).toContain(model.meaning);
  });

  it('hands the phrase to onDismiss when "Not a euphemism here" is pressed', () => {
    const shadow = captureShadow();
    const onDismiss = vi.fn();
    const card = createCard(document, teardown, { onDismiss });
    card.open(model, anchor, false);
    shadow.spy.mockRestore();
    shadow.root!.querySelector<HTMLButtonElement>('[data-action="dismiss"]')!.click();
    expect(onDismiss).toHaveBeenCalledWith(model);
    expect(card.isOpen).toBe(false);
  });

  it('is removed by teardown and gives focus back', () => {
    const before = document.querySelector<HTMLButtonElement>('#before')!;
    before.focus();
    const card = createCard(document, teardown, { onDismiss: () => undefined });
    card.open(model, anchor, true);
    expect(document.activeElement!.getAttribute('data-subtext')).toBe('card');
    teardown.dispose();
    expect(document.querySelector('[data-subtext="card"]')).toBeNull();
    expect(document.activeElement).toBe(before);
  });
});
