import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/entry';
import { pieces } from '../../src/content/pieces';
import { ScanSession, type ScanPass } from '../../src/content/scan-session';
import { setTaskRecorder } from '../../src/content/scheduler';
import { Teardown } from '../../src/content/teardown';
import {
  entry,
  highlighted,
  installFakeHighlights,
  literalGlossary,
  removeFakeHighlights,
  settings,
} from './helpers';

const glossaryEntries = [
  entry('frank-exchange', ['free and frank exchange of views'], 3),
  entry('grave-concern', ['grave concern'], 4),
  entry('constructive', ['constructive'], 1),
];

let registry: Map<string, Set<AbstractRange>>;
let teardown: Teardown;

function start(
  opts: { forceMarks?: boolean; minIntensity?: 1 | 2 | 3 | 4 | 5; entries?: Entry[] } = {},
) {
  const glossary = literalGlossary(opts.entries ?? glossaryEntries);
  const passes: ScanPass[] = [];
  const s = settings();
  s.underline.minIntensity = opts.minIntensity ?? 1;
  const session = new ScanSession({
    doc: document,
    glossary,
    settings: s,
    teardown,
    forceMarks: opts.forceMarks,
    onPass: (p) => passes.push(p),
  });
  return { session, glossary, passes };
}

beforeEach(() => {
  registry = installFakeHighlights();
  teardown = new Teardown();
  document.body.innerHTML = '';
});
afterEach(() => {
  teardown.dispose();
  removeFakeHighlights();
});

describe('a full scan', () => {
  it('paints a long page in a few batches, the first after its first slice, not after every slice', async () => {
    // Enough paragraphs for a pass of more than 20 tasks, even in jsdom.
    document.body.innerHTML = Array.from({ length: 6000 }, (_, i) => `<p>${i}: we noted grave concern and constructive talks.</p>`).join(''); // prettier-ignore
    const { session } = start();
    const painted = () => [...registry.values()].reduce((n, h) => n + h.size, 0);
    // The number of underlines at the end of each task of the pass.
    const sizes: number[] = [];
    setTaskRecorder(() => sizes.push(painted()));
    try {
      await session.scanAll();
    } finally {
      setTaskRecorder(null);
    }
    expect(painted()).toBe(12000);
    const changes = sizes.filter((n, i) => n !== (i ? sizes[i - 1] : 0)).length;
    expect(sizes.length).toBeGreaterThan(20);
    // The top of the page shows after the first slice of matching; then a batch every 250 ms.
    expect(sizes.find((n) => n > 0)).toBeLessThan(12000 / 4);
    expect(changes).toBeLessThan(sizes.length / 4);
  }, 30_000);

  it('underlines a phrase split across <em> and <a>, in the highlight of its intensity', async () => {
    document.body.innerHTML = '<p>a free and <em>frank</em> <a href="#">exchange</a> of views</p>';
    const { session } = start();
    await session.scanAll();
    expect(highlighted(registry)).toEqual(['free and frank exchange of views']);
    expect(registry.get('subtext-3')?.size).toBe(1);
    expect(session.model.count).toBe(1);
  });

  it('leaves the page HTML byte-identical', async () => {
    const html = '<p>We have <b>grave</b> concern.</p><ul><li>constructive talks</li></ul>';
    document.body.innerHTML = html;
    const { session } = start();
    await session.scanAll();
    expect(session.model.count).toBe(2);
    expect(document.body.innerHTML).toBe(html);
  });

  it('does not underline inside a textarea or a contenteditable editor', async () => {
    document.body.innerHTML =
      '<textarea>grave concern</textarea><div contenteditable="true">grave concern</div><p>grave concern</p>';
    const { session } = start();
    await session.scanAll();
    expect(session.model.all().map((r) => r.block.container)).toEqual([document.querySelector('p')]); // prettier-ignore
  });

  it('finds every phrase of a huge paragraph without sentence ends once, across its cuts', async () => {
    // No sentence end: the text is cut at the first space 4,000 characters in, which falls
    // inside "grave concern"; each piece is read a little further, so that phrase is still found
    // whole, and only once. More phrases follow, cut wherever the spaces fall.
    const text =
      'x'.repeat(3_994) + ' grave concern' + ' they voiced grave concern, at length,'.repeat(400);
    expect(pieces(text)[1]).toBe(4_001);
    document.body.innerHTML = `<p>${text}</p>`;
    const { session } = start();
    await session.scanAll();
    const records = session.model.all();
    expect(records.map((r) => r.start)).toContain(3_995);
    expect(records).toHaveLength(401);
    expect(new Set(records.map((r) => r.start)).size).toBe(401);
    expect(records.every((r) => r.text === 'grave concern')).toBe(true);
  });

  it('chooses across a cut as it would in the whole block (a phrase across the cut rules out the overlapping one)', async () => {
    const entries = [
      entry('ab', ['alpha bravo'], 3),
      entry('bc', ['bravo charlie'], 3),
      entry('cd', ['charlie delta'], 3),
    ];
    const text = 'x'.repeat(3_994) + ' alpha bravo charlie delta' + ' filler,'.repeat(400);
    expect(pieces(text)[1]).toBe(4_001); // inside "alpha bravo"
    document.body.innerHTML = `<p>${text}</p>`;
    const { session } = start({ entries });
    await session.scanAll();
    expect(session.model.all().map((r) => r.text)).toEqual(['alpha bravo', 'charlie delta']);
  });

  it('reports what it scanned: characters, matches and blocks', async () => {
    document.body.innerHTML = '<p>grave concern</p><p>nothing here</p>';
    const { session, passes } = start();
    await session.scanAll();
    expect(passes).toEqual([
      expect.objectContaining({ kind: 'initial', textChars: 25, matches: 1, blocks: 2 }),
    ]);
  });

  it("skips phrases milder than the reader's minimum intensity", async () => {
    document.body.innerHTML = '<p>constructive talks, grave concern</p>';
    const { session } = start({ minIntensity: 3 });
    await session.scanAll();
    expect(highlighted(registry)).toEqual(['grave concern']);
  });

  it('unregisters every highlight on teardown', async () => {
    document.body.innerHTML = '<p>grave concern</p>';
    const { session } = start();
    await session.scanAll();
    teardown.dispose();
    expect([...registry.keys()].filter((k) => k.startsWith('subtext'))).toEqual([]);
  });
});

describe('an incremental update', () => {
  it('matches an appended paragraph without re-matching the others', async () => {
    document.body.innerHTML = '<p>grave concern</p><p>other text</p>';
    const { session, glossary } = start();
    await session.scanAll();
    glossary.seen.length = 0;
    const p = document.createElement('p');
    p.textContent = 'constructive talks';
    document.body.append(p);
    await session.update({ own: new Set([document.body]), subtrees: new Set([p]), hadRemovals: false }); // prettier-ignore
    expect(glossary.seen).toEqual(['constructive talks']);
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
  });

  it('re-matches only the paragraph whose text changed', async () => {
    document.body.innerHTML = '<p id="a">grave concern</p><p id="b">plain words</p>';
    const { session, glossary } = start();
    await session.scanAll();
    glossary.seen.length = 0;
    const text = document.querySelector('#b')!.firstChild as Text;
    text.data = 'a constructive meeting';
    await session.update({ own: new Set([text]), subtrees: new Set(), hadRemovals: false });
    expect(glossary.seen).toEqual(['a constructive meeting']);
    expect(highlighted(registry)).toEqual(['constructive', 'grave concern']);
  });

  it('drops the ranges of removed nodes', async () => {
    document.body.innerHTML = '<p id="a">grave concern</p><p id="b">constructive</p>';
    const { session } = start();
    await session.scanAll();
    document.querySelector('#a')!.remove();
    await session.update({ own: new Set([document.body]), subtrees: new Set(), hadRemovals: true }); // prettier-ignore
    expect(highlighted(registry)).toEqual(['constructive']);
    expect(session.model.count).toBe(1);
  });

  it('drops the phrases of a block that became an editor', async () => {
    document.body.innerHTML = '<div><p>grave concern</p></div>';
    const { session } = start();
    await session.scanAll();
    const div = document.querySelector('div')!;
    div.setAttribute('contenteditable', 'true');
    await session.update({ own: new Set(), subtrees: new Set([div]), hadRemovals: false });
    expect(session.model.count).toBe(0);
  });

  it.each([3, 12])(
    're-decodes the paragraphs inside %i sections the page moved, once each',
    async (n) => {
      document.body.innerHTML = Array.from(
        { length: n },
        (_, i) => `<section><p>Item ${i}: grave concern.</p></section>`,
      ).join('');
      const { session } = start();
      await session.scanAll();
      const sections = [...document.querySelectorAll('section')];
      const wrapper = document.createElement('div');
      wrapper.append(...sections); // removed from the body, added to the wrapper
      document.body.append(wrapper);
      sections[0]!.querySelector('p')!.textContent = 'Item 0: constructive.';
      await session.update({ own: new Set([document.body]), subtrees: new Set(sections), hadRemovals: true }); // prettier-ignore
      expect(session.model.count).toBe(n);
      expect(highlighted(registry).sort()).toEqual(
        ['constructive', ...Array<string>(n - 1).fill('grave concern')].sort(),
      );
    },
  );

  it('keeps the other underlines when the page rewrites many decoded paragraphs at once', async () => {
    document.body.innerHTML = Array.from({ length: 100 }, (_, i) => `<p>P${i}: grave concern.</p>`).join(''); // prettier-ignore
    const { session } = start();
    await session.scanAll();
    const texts = [...document.querySelectorAll('p')].slice(0, 60).map((p) => p.firstChild as Text);
    for (const t of texts) t.data = t.data.replace('grave concern', 'constructive');
    await session.update({ own: new Set(texts), subtrees: new Set(), hadRemovals: false });
    const all = highlighted(registry);
    expect(all.filter((t) => t === 'constructive')).toHaveLength(60);
    expect(all.filter((t) => t === 'grave concern')).toHaveLength(40);
    expect(session.model.count).toBe(100);
  });

  it('yields to the page while re-reading one block of 20,000 inline elements, before matching it', async () => {
    const spans = Array.from({ length: 20_000 }, (_, i) => `<span>w${i} </span>`).join('');
    document.body.innerHTML = `<div id="big">${spans}</div>`;
    const { session, passes } = start();
    await session.scanAll();
    const text = document.querySelector('#big span')!.firstChild as Text;
    text.data = 'grave concern ';
    const tasks: [number, number][] = [];
    setTaskRecorder((a, b) => tasks.push([a, b]));
    try {
      await session.update({ own: new Set([text]), subtrees: new Set(), hadRemovals: false });
    } finally {
      setTaskRecorder(null);
    }
    const pass = passes.at(-1)!;
    expect(pass.kind).toBe('incremental');
    expect(highlighted(registry)).toEqual(['grave concern']);
    // Stretches that ended before matching began: the walk of the block was cut into tasks.
    const walking = tasks.filter(([, end]) => end <= pass.start + pass.indexMs);
    expect(walking.length).toBeGreaterThan(0);
  });
  it('yields to the page while reading 1,500 small subtrees added at once, before matching them', async () => {
    document.body.innerHTML = Array.from({ length: 1500 }, (_, i) => `<p>Comment ${i}:</p>`).join(''); // prettier-ignore
    const { session, passes } = start();
    await session.scanAll();
    // A component per comment, as a page adds them: each far under the walk's 256-node clock check.
    const added = [...document.querySelectorAll('p')].map((p) => {
      const span = document.createElement('span');
      span.textContent = ' grave concern.';
      return p.appendChild(span);
    });
    const tasks: [number, number][] = [];
    setTaskRecorder((a, b) => tasks.push([a, b]));
    try {
      await session.update({ own: new Set(), subtrees: new Set(added), hadRemovals: false });
    } finally {
      setTaskRecorder(null);
    }
    const pass = passes.at(-1)!;
    expect(highlighted(registry)).toHaveLength(1500);
    const walking = tasks.filter(([, end]) => end <= pass.start + pass.indexMs);
    expect(walking.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('"not a euphemism here"', () => {
  it('hides the phrase and keeps it hidden when its block is re-indexed', async () => {
    document.body.innerHTML = '<p>grave concern and constructive</p>';
    const { session } = start();
    await session.scanAll();
    const record = session.model.all().find((r) => r.entry.id === 'grave-concern')!;
    session.dismiss(record);
    expect(highlighted(registry)).toEqual(['constructive']);
    const text = document.querySelector('p')!.firstChild as Text;
    text.appendData('!');
    await session.update({ own: new Set([text]), subtrees: new Set(), hadRemovals: false });
    expect(highlighted(registry)).toEqual(['constructive']);
  });
});

describe('the <subtext-mark> fallback', () => {
  it('wraps phrases where the Highlight API is missing and restores the exact page on teardown', async () => {
    // prettier-ignore
    removeFakeHighlights();
    const html = '<p>a free and <em>frank</em> exchange of views, grave concern</p>';
    document.body.innerHTML = html;
    const nodes = [...document.querySelectorAll('p, em')].flatMap((e) => [...e.childNodes]);
    const { session } = start({ forceMarks: true });
    await session.scanAll();
    expect([...document.querySelectorAll('subtext-mark')].map((m) => m.textContent)).toEqual([
      'free and ',
      'frank',
      ' exchange of views',
      'grave concern',
    ]);
    teardown.dispose();
    expect(document.body.innerHTML).toBe(html);
    const after = [...document.querySelectorAll('p, em')].flatMap((e) => [...e.childNodes]);
    expect(after).toEqual(nodes);
  });
});
