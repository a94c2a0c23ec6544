import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { activate, type Activation } from '../../src/content/activation';
import type { ScanPass } from '../../src/content/scan-session';
import { setTaskRecorder } from '../../src/content/scheduler';
import { underlineCss } from '../../src/shared/underline-style';
import {
  entry,
  highlighted,
  installFakeHighlights,
  literalGlossary,
  removeFakeHighlights,
  settings,
  settle,
  useEnglishMessages,
} from './helpers';

const glossary = () =>
  literalGlossary([
    entry('grave-concern', ['grave concern'], 4),
    entry('constructive', ['constructive'], 1),
  ]);

let registry: Map<string, Set<AbstractRange>>;
let activation: Activation | null = null;
let counts: number[];
let passes: ScanPass[];

/** The CSS of Subtext's underline stylesheet: a constructed sheet, or the <style> fallback. */
const sheet = () =>
  [...document.querySelectorAll('style[data-subtext]')].map((s) => s.textContent).join('') ||
  document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('');

/** Called as each pass ends (after its last paint, before any later batch can run). */
let passEnded: ((p: ScanPass) => void) | null = null;

function start(forceMarks = false): Activation {
  activation = activate({
    doc: document,
    settings: settings({ hoverDelayMs: 0 }),
    glossary: glossary(),
    onCount: (n) => counts.push(n),
    onPass: (p) => {
      passes.push(p);
      passEnded?.(p);
    },
    forceMarks,
  });
  return activation;
}

beforeAll(useEnglishMessages);
beforeEach(() => {
  registry = installFakeHighlights();
  counts = [];
  passes = [];
  document.head.innerHTML = '<title>t</title>';
  document.body.innerHTML =
    '<main><p>We note <em>grave</em> concern.</p><p>Talks were constructive.</p></main>';
});
afterEach(() => {
  passEnded = null;
  activation?.teardown.dispose();
  activation = null;
  removeFakeHighlights();
});

describe('an activation', () => {
  it('decodes a document the page replaced wholesale (document.open/write) and drops the old ranges', async () => {
    const a = start();
    await a.scanned;
    const html = document.createElement('html');
    html.innerHTML = '<head><title>t</title></head><body><p>Talks were constructive.</p></body>';
    document.replaceChild(html, document.documentElement);
    await settle(50);
    await settle(50);
    expect(highlighted(registry)).toEqual(['constructive']);
    for (const h of registry.values()) for (const r of h) expect(r.collapsed).toBe(false);
    expect(counts.at(-1)).toBe(1);
  });

  it('puts its underlines back on scroll when the page emptied the highlight registry', async () => {
    const a = start();
    await a.scanned;
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
    // The page clears every highlight (its own and ours) without touching the DOM.
    registry.clear();
    expect(highlighted(registry)).toEqual([]);
    window.dispatchEvent(new Event('scroll'));
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
  });

  it('underlines the page and reports the count for the badge', async () => {
    const a = start();
    await a.scanned;
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
    expect(counts).toEqual([2]);
  });

  it('answers the popup with the phrases in document order', async () => {
    const a = start();
    await a.scanned;
    expect(a.report()).toEqual({
      url: location.href,
      active: true,
      matches: [
        { entryId: 'grave-concern', text: 'grave concern', index: 0 },
        { entryId: 'constructive', text: 'constructive', index: 1 },
      ],
    });
  });

  it('steps through phrases from the keyboard relay, wrapping around, with the card open', async () => {
    // prettier-ignore
    const a = start();
    await a.scanned;
    expect(a.reveal({ step: 1 })).toEqual({ index: 0 });
    expect(a.reveal({ step: 1 })).toEqual({ index: 1 });
    expect(a.reveal({ step: 1 })).toEqual({ index: 0 });
    expect(a.reveal({ step: -1 })).toEqual({ index: 1 });
    expect(document.querySelector('[data-subtext="card"]')).not.toBeNull();
    expect(a.reveal({ entryId: 'grave-concern' })).toEqual({ index: 0 });
  });

  it('picks up a paragraph appended later, as infinite scroll does', async () => {
    const a = start();
    await a.scanned;
    const p = document.createElement('p');
    p.textContent = 'Another grave concern.';
    document.querySelector('main')!.append(p);
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern', 'grave concern']);
    expect(counts.at(-1)).toBe(3);
    expect(passes.map((x) => x.kind)).toEqual(['initial', 'incremental']);
  });

  it('does no work for its own card appearing in the page', async () => {
    const a = start();
    await a.scanned;
    a.reveal({ step: 1 });
    await settle(10);
    expect(passes.map((x) => x.kind)).toEqual(['initial']);
  });

  it('leaves the page exactly as it was when switched off, card open and all', async () => {
    const head = document.head.innerHTML;
    const body = document.body.innerHTML;
    const a = start();
    await a.scanned;
    a.reveal({ step: 1 });
    a.teardown.dispose();
    expect(document.head.innerHTML).toBe(head);
    expect(document.body.innerHTML).toBe(body);
    expect(document.documentElement.lastElementChild).toBe(document.body);
    expect([...registry.keys()]).toEqual([]);
    expect(counts.at(-1)).toBe(0);
  });

  it('leaves the page as it was with the <subtext-mark> fallback too', async () => {
    removeFakeHighlights();
    const body = document.body.innerHTML;
    const a = start(true);
    await a.scanned;
    expect(document.querySelectorAll('subtext-mark')).toHaveLength(3);
    await settle(10);
    expect(passes.map((x) => x.kind)).toEqual(['initial']);
    a.teardown.dispose();
    expect(document.body.innerHTML).toBe(body);
  });

  it('stops reacting to the page once torn down', async () => {
    const a = start();
    await a.scanned;
    a.teardown.dispose();
    document.querySelector('main')!.append(Object.assign(document.createElement('p'), { textContent: 'grave concern' })); // prettier-ignore
    await settle(10);
    expect(passes).toHaveLength(1);
    expect(registry.size).toBe(0);
  });

  it('takes every underline off when the page turns designMode on, and puts them back once it is off', async () => {
    const a = start();
    await a.scanned;
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
    try {
      // No node changes: the reader's caret in the now editable page is the first sign.
      document.designMode = 'on';
      document.dispatchEvent(new Event('selectionchange'));
      await settle(10);
      expect(highlighted(registry)).toEqual([]);
      expect(counts.at(-1)).toBe(0);
      // Typing in it underlines nothing.
      document.querySelector('p')!.append(' Talks were constructive.');
      await settle(10);
      expect(highlighted(registry)).toEqual([]);
    } finally {
      document.designMode = 'off';
    }
    document.querySelector('main')!.append(document.createElement('hr'));
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive', 'constructive', 'grave concern']);
    expect(counts.at(-1)).toBe(3);
  });

  it('takes every underline off, not just the edited one, when the reader types in a page made editable', async () => {
    const a = start();
    await a.scanned;
    try {
      document.designMode = 'on';
      (document.querySelector('em')!.firstChild as Text).data = 'grave!';
      await settle(10);
      expect(highlighted(registry)).toEqual([]);
    } finally {
      document.designMode = 'off';
    }
  });

  it('changes to the dark-page underline colours when the page switches to a dark theme', async () => {
    document.body.style.background = '#ffffff';
    const a = start();
    await a.scanned;
    const underline = settings({ hoverDelayMs: 0 }).underline;
    expect(sheet()).toBe(underlineCss(underline, false));
    // A theme toggle: one attribute of <body>, no node added or removed.
    document.body.style.background = '#111111';
    await settle(700);
    expect(sheet()).toBe(underlineCss(underline, true));
    document.body.style.background = '';
  });

  it('keeps an underline look the reader changed when it scans the page again', async () => {
    const a = start();
    await a.scanned;
    const underline = { ...settings({ hoverDelayMs: 0 }).underline, color: '#123456' };
    a.restyle(underline);
    expect(sheet()).toContain('#123456');
    await a.rescan(); // as a glossary change, an SPA navigation or a language switch does
    expect(sheet()).toContain('#123456');
  });

  it('rescans after a history navigation', async () => {
    const a = start();
    await a.scanned;
    history.pushState({}, '', '/next-article');
    document.querySelector('main')!.innerHTML = '<p>Only constructive words here.</p>';
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive']);
    expect(passes.filter((x) => x.kind === 'initial').length).toBe(2);
    history.replaceState({}, '', '/');
  });
});

/**
 * Ranges are static (src/content/page-model.ts): the browser does not move them when the page
 * edits its text, so whatever an edit moves must come off the page inside the mutation
 * observer's callback, before the next frame paints over other words.
 */
describe('an activation on a page that edits itself', () => {
  /** Lets the mutation observer's callback run (a microtask), but no frame or drain. */
  const observerRan = () => Promise.resolve();
  /** Paragraphs for a first pass of several tasks (the tests below act between its tasks). */
  const PARAGRAPHS = 400;
  /** Phrases underlined other than "constructive" (the filler paragraphs' phrase). */
  const others = () => highlighted(registry).filter((t) => t !== 'constructive');

  /**
   * Scans PARAGRAPHS filler paragraphs followed by `tail`, running `steps` one per task of the
   * first pass once its matching began (the walk is done). Returns how many steps ran and the
   * phrases other than the filler's that were underlined when the first pass ended: read there,
   * before the batch the steps queued can put anything right.
   *
   * The pass's clock is the test's: every read of `performance.now()` advances it by a tenth of a
   * millisecond, so each slice holds about the same few dozen paragraphs on any machine and the
   * tail is matched several tasks after the steps ran. (With the real clock a fast run matched
   * the tail before the first step, and the race these tests are about did not happen.)
   */
  async function scanActingMidPass(
    tail: string,
    steps: (() => void)[],
  ): Promise<{ ran: number; atPassEnd: string[] }> {
    document.body.innerHTML = Array.from({ length: PARAGRAPHS }, (_, i) => `<p>${i}: talks were constructive.</p>`).join('') + tail; // prettier-ignore
    let ran = 0;
    let tasks = 0;
    let stepsAt = -1;
    let atPassEnd: string[] | null = null;
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 0.1));
    setTaskRecorder(() => {
      tasks += 1;
      if (ran < steps.length && registry.get('subtext-1')?.size) {
        steps[ran++]!();
        stepsAt = tasks;
      }
    });
    passEnded = (p) => void (p.kind === 'initial' && (atPassEnd ??= others()));
    try {
      await start().scanned;
    } finally {
      setTaskRecorder(null);
      now.mockRestore();
    }
    // The race happened: the pass went on for several tasks after the last step.
    expect(tasks - stepsAt).toBeGreaterThan(3);
    expect(atPassEnd).not.toBeNull();
    return { ran, atPassEnd: atPassEnd! };
  }
  /** The very same range objects (StaticRange has no own properties for toEqual to compare). */
  const expectSameRanges = (now: AbstractRange[], before: AbstractRange[]) => {
    expect(now).toHaveLength(before.length);
    const was = new Set(before);
    expect(now.filter((r) => !was.has(r))).toHaveLength(0);
  };
  const p2 = () => document.querySelectorAll('p')[1]!;

  beforeEach(() => {
    document.body.innerHTML =
      '<main><p>We note <em>grave</em> concern.</p><p>Talks were constructive. <span>1</span> views</p></main>';
  });

  it('takes a phrase off before the next frame when the page rewrites its text, and puts back what still matches', async () => {
    const a = start();
    await a.scanned;
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
    (p2().firstChild as Text).data = 'Talks were not constructive. ';
    await observerRan();
    // Not "not construc": the old offsets over the new text.
    expect(highlighted(registry)).toEqual(['grave concern']);
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
    expect(counts.at(-1)).toBe(2);
  });

  it('closes the card, before the next frame, when the page rewrites its phrase', async () => {
    const a = start();
    await a.scanned;
    expect(a.reveal({ entryId: 'constructive' })).not.toBeNull();
    const card = () => document.querySelector('[data-subtext="card"]');
    expect(card()).not.toBeNull();
    (p2().firstChild as Text).data = 'Talks were not constructive. ';
    await observerRan();
    await Promise.resolve(); // the microtask the card closes in
    expect(card()).toBeNull();
  });

  it('keeps the underlines of a paragraph whose counter ticks', async () => {
    const a = start();
    await a.scanned;
    const ranges = () => [...registry.values()].flatMap((h) => [...h]);
    const before = ranges();
    for (let i = 2; i < 5; i++) {
      p2().querySelector('span')!.textContent = String(i);
      await observerRan();
      expectSameRanges(ranges(), before);
    }
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
  });

  it('leaves no stale underline on a paragraph edited while out of the page and put back', async () => {
    const a = start();
    await a.scanned;
    const p = p2();
    p.remove();
    await observerRan();
    (p.firstChild as Text).data = 'Talks were never productive. ';
    document.querySelector('main')!.append(p);
    await observerRan();
    expect(highlighted(registry)).toEqual(['grave concern']);
    await settle(10);
    expect(highlighted(registry)).toEqual(['grave concern']);
    expect(counts.at(-1)).toBe(1);
  });

  it("holds no range into text the page replaced (an element's textContent set)", async () => {
    document.body.innerHTML = '<main><p>We voiced <span>grave concern</span> today.</p></main>';
    const a = start();
    await a.scanned;
    expect(highlighted(registry)).toEqual(['grave concern']);
    document.querySelector('span')!.textContent = 'no concern';
    await observerRan();
    const ranges = [...registry.values()].flatMap((h) => [...h]);
    expect(ranges.filter((r) => !r.startContainer.isConnected)).toEqual([]);
    expect(ranges).toEqual([]);
  });

  it('takes off a phrase whose text node the page moves to another paragraph and edits', async () => {
    const a = start();
    await a.scanned;
    const t = p2().firstChild as Text;
    document.querySelector('p')!.append(t);
    t.data = ' Talks were not constructive.';
    await observerRan();
    // Not "not construc": the old offsets over the new text.
    expect(highlighted(registry).filter((x) => x !== 'grave concern')).toEqual([]);
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
  });

  it('keeps a phrase split across tags underlined while a counter after it ticks', async () => {
    document.body.innerHTML = '<main><p>We note <em>grave</em> concern. Updated <span>1</span> minutes ago.</p></main>'; // prettier-ignore
    const a = start();
    await a.scanned;
    const ranges = () => [...registry.values()].flatMap((h) => [...h]);
    const before = ranges();
    expect(highlighted(registry)).toEqual(['grave concern']);
    document.querySelector('span')!.textContent = '2';
    await observerRan();
    expectSameRanges(ranges(), before);
  });

  it('keeps thousands of underlines in one block in place while a counter in it ticks', async () => {
    document.body.innerHTML = `<main><p>${'Talks were constructive. '.repeat(5000)}<span>1</span></p></main>`; // prettier-ignore
    const a = start();
    await a.scanned;
    const ranges = () => [...registry.values()].flatMap((h) => [...h]);
    const before = ranges();
    expect(before).toHaveLength(5000);
    document.querySelector('span')!.textContent = '2';
    await observerRan();
    expectSameRanges(ranges(), before);
  }, 30_000);

  it('takes off the phrases of a paragraph moved where no observer hears it, then edited', async () => {
    const a = start();
    await a.scanned;
    const p = p2();
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(p);
    await observerRan();
    // Edited in a later task: nothing observes a shadow root Subtext never walked.
    (p.firstChild as Text).data = 'Talks were not constructive. ';
    expect(highlighted(registry)).toEqual(['grave concern']);
    const q = document.querySelector('p')!;
    document.documentElement.append(q); // outside <body>
    await observerRan();
    expect(highlighted(registry)).toEqual([]);
    q.remove();
    await settle(10);
    // The batch walked the new host, shadow root and all: its phrase, at its new offsets.
    expect(highlighted(registry)).toEqual(['constructive']);
  });

  it('takes off a phrase split across tags when the page inserts words inside it', async () => {
    const a = start();
    await a.scanned;
    document.querySelector('em')!.after(document.createTextNode(' and deep'));
    await observerRan();
    // Not "grave and deep concern", which the old boundaries now span.
    expect(highlighted(registry)).toEqual(['constructive']);
    await settle(10);
    expect(highlighted(registry)).toEqual(['constructive']);
  });

  it('leaves a paragraph the page takes out, edits and puts back during the first pass to the next batch', async () => {
    const tail = '<p id="x">We voiced grave concern.</p><p id="end">end</p>';
    const x = () => document.querySelector('#x')!;
    let taken: Element | null = null;
    const { ran, atPassEnd } = await scanActingMidPass(tail, [
      () => (taken = x()).remove(),
      // Edited while out of the page (unobserved), then put back.
      () => {
        (taken!.firstChild as Text).data = 'We voiced no concern at all, gravely.';
        document.querySelector('#end')!.before(taken!);
      },
    ]);
    expect(ran).toBe(2);
    // Not "no concern at", the old offsets over the new text.
    expect(atPassEnd).toEqual([]);
    await settle(10);
    expect(others()).toEqual([]);
  }, 30_000);

  it('takes off what it painted of a long paragraph the page edits while the pass still reads it', async () => {
    const sentences = Array.from({ length: 3000 }, (_, i) => `Sentence ${i} voiced grave concern.`); // prettier-ignore
    document.body.innerHTML = `<main><p id="long">${sentences.join(' ')}</p></main>`;
    const text = document.querySelector('#long')!.firstChild as Text;
    let edited = false;
    let afterEdit: string[] = [];
    setTaskRecorder(() => {
      // Some of the paragraph is painted, the rest still to read.
      if (edited || !registry.get('subtext-4')?.size) return;
      edited = true;
      text.data = 'Moved along: ' + text.data;
      // After the observer's callback, before the pass goes on.
      void Promise.resolve().then(() => (afterEdit = highlighted(registry)));
    });
    try {
      const a = start();
      await a.scanned;
      expect(edited).toBe(true);
      // Nothing painted at the old offsets (they would now cover "along: Sente" and the like).
      expect(afterEdit).toEqual([]);
      expect(highlighted(registry).filter((t) => t !== 'grave concern')).toEqual([]);
    } finally {
      setTaskRecorder(null);
    }
    await settle(10);
    expect(highlighted(registry)).toHaveLength(3000);
    expect(new Set(highlighted(registry))).toEqual(new Set(['grave concern']));
  }, 30_000);

  it('leaves a paragraph taken out of a section, edited and put back alone during the first pass to the next batch', async () => {
    const tail = '<section id="x"><p id="y">We voiced grave concern.</p></section><p id="end">end</p>'; // prettier-ignore
    let y: Element | null = null;
    const { ran, atPassEnd } = await scanActingMidPass(tail, [
      () => {
        y = document.querySelector('#y');
        document.querySelector('#x')!.remove();
      },
      // Its paragraph edited (unobserved) and put back alone.
      () => {
        (y!.firstChild as Text).data = 'We voiced no concern at all, gravely.';
        document.querySelector('#end')!.before(y!);
      },
    ]);
    expect(ran).toBe(2);
    expect(atPassEnd).toEqual([]);
    await settle(10);
    expect(others()).toEqual([]);
  }, 30_000);

  it('leaves a paragraph the page edits in the middle of the first pass to the next batch', async () => {
    // Edited after the page was walked, before the last paragraph is matched.
    const { ran, atPassEnd } = await scanActingMidPass(
      '<p id="last">We voiced grave concern.</p>',
      [
        () => void ((document.querySelector('#last')!.firstChild as Text).data = 'We voiced no concern at all, gravely.'), // prettier-ignore
      ],
    );
    expect(ran).toBe(1);
    // Not "no concern a", the old offsets over the new text.
    expect(atPassEnd).toEqual([]);
    await settle(10);
    expect(others()).toEqual([]);
    expect(counts.at(-1)).toBe(PARAGRAPHS);
  }, 30_000);
});
