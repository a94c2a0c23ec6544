import { beforeEach, describe, expect, it } from 'vitest';
import {
  containerOf,
  indexBlock,
  indexBlocks,
  indexInSteps,
  type TextBlock,
} from '../../src/content/text-index';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const texts = (blocks: TextBlock[]) => blocks.map((b) => b.text.replace(/\s+/g, ' ').trim());

/** The text a range covers, read back from the DOM, proving offsets map to the right nodes. */
function covered(block: TextBlock, phrase: string): string {
  const start = block.text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  return (block.rangeFor(start, start + phrase.length, true) as Range).toString();
}

beforeEach(() => {
  document.body.innerHTML = '';
  document.designMode = 'off';
});

describe('indexBlocks', () => {
  it('joins a phrase split across inline tags into one flow', () => {
    const [block] = indexBlocks(page('<p>a free and <em>frank</em> <a href="#">exchange</a></p>'));
    expect(block!.text).toBe('a free and frank exchange');
    expect(covered(block!, 'free and frank exchange')).toBe('free and frank exchange');
  });

  it('keeps each paragraph, list item, cell and heading as its own flow', () => {
    const blocks = indexBlocks(
      page(
        '<h2>grave</h2><p>concern</p><ul><li>one</li><li>two</li></ul>' +
          '<table><tr><td>free and</td><td>frank</td></tr></table>',
      ),
    );
    expect(texts(blocks)).toEqual(['grave', 'concern', 'one', 'two', 'free and', 'frank']);
  });

  it('splits a parent flow around a nested block so no phrase crosses it', () => {
    const blocks = indexBlocks(page('<div>grave <p>middle</p> concern</div>'));
    expect(texts(blocks)).toEqual(['grave', 'middle', 'concern']);
    expect(blocks[0]!.container).toBe(blocks[2]!.container);
  });

  it('reads <br> as a space that belongs to no text node', () => {
    const [block] = indexBlocks(page('<p>grave<br>concern</p>'));
    expect(block!.text).toBe('grave concern');
    expect(block!.nodes).toHaveLength(2);
    expect(covered(block!, 'grave concern')).toBe('graveconcern');
    const start = block!.locate(5);
    expect(start.node.data).toBe('concern');
    expect(start.offset).toBe(0);
  });

  it('does not index script, style, noscript, template, form fields or editors', () => {
    const blocks = indexBlocks(
      page(
        '<p>kept</p><script>grave concern</script><style>p{}</style><noscript>x</noscript>' +
          '<template><p>grave concern</p></template><textarea>grave concern</textarea>' +
          '<select><option>grave concern</option></select><input value="grave concern">' +
          '<div contenteditable="true"><p>grave concern</p></div>' +
          '<div contenteditable=""><p>grave concern</p></div>' +
          '<div contenteditable="plaintext-only">grave concern</div>' +
          '<div role="textbox">grave concern</div>',
      ),
    );
    expect(texts(blocks)).toEqual(['kept']);
  });

  it('indexes contenteditable="false" outside any editor like any other text', () => {
    expect(texts(indexBlocks(page('<p contenteditable="false">grave concern</p>')))).toEqual([
      'grave concern',
    ]);
  });

  it('indexes text whose contenteditable value makes no editor ("inherit", "no", " true")', () => {
    const blocks = indexBlocks(
      page(
        '<p contenteditable="inherit">grave concern</p><p contenteditable="no">grave concern</p>' +
          '<p contenteditable="0">grave concern</p><p contenteditable=" true">grave concern</p>' +
          '<p contenteditable="TRUE">in an editor</p>',
      ),
    );
    // The browser agrees: isContentEditable is false for the first four.
    expect(texts(blocks)).toEqual(Array(4).fill('grave concern'));
  });

  it('skips [hidden] and inline display:none, but keeps aria-hidden text that is on screen', () => {
    const blocks = indexBlocks(
      page(
        '<p hidden>a</p><p style="color: red; display : none">b</p>' +
          '<p aria-hidden="true">grave concern</p>',
      ),
    );
    expect(texts(blocks)).toEqual(['grave concern']);
  });

  it('reports the elements an inline style hides, so the page can be watched for showing them', () => {
    const root = page(
      '<p>grave concern</p><div id="menu" style="display: none"><p>constructive</p></div>' +
        '<p id="p">a <span id="more" style="DISPLAY:none">constructive</span> b</p>' +
        '<script style="display:none">x</script><p hidden>a</p>',
    );
    const index = indexInSteps(root);
    index.run();
    expect(index.hidden.map((el) => el.id)).toEqual(['menu', 'more']);
    // A walk that starts inside hidden content reports the element that hides it.
    const inner = indexInSteps(root.querySelector('#menu p')!);
    expect(inner.run()).toEqual([]);
    expect(inner.hidden.map((el) => el.id)).toEqual(['menu']);
  });

  it('indexes page text inside the <subtext-mark> fallback, and a page element named like ours', () => {
    const blocks = indexBlocks(
      page(
        '<p>free and <subtext-mark>frank</subtext-mark> exchange</p><subtext-card>grave concern</subtext-card>',
      ),
    );
    expect(texts(blocks)).toEqual(['free and frank exchange', 'grave concern']);
  });

  it('enters open shadow roots as a tree of their own', () => {
    const host = page('<p>light text</p><div id="host"></div>').querySelector('#host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>grave <b>concern</b></p>';
    const blocks = indexBlocks(document.body);
    expect(texts(blocks)).toEqual(['light text', 'grave concern']);
    expect(containerOf(blocks[1]!.nodes[0]!)).toBe(blocks[1]!.container);
    expect(covered(blocks[1]!, 'grave concern')).toBe('grave concern');
  });

  it('does not enter closed shadow roots, which the page has chosen to keep private', () => {
    const host = page('<div id="host"></div>').querySelector('#host')!;
    host.attachShadow({ mode: 'closed' }).innerHTML = '<p>grave concern</p>';
    expect(indexBlocks(document.body)).toEqual([]);
  });

  it('maps every offset back to the text node and position it came from', () => {
    const [block] = indexBlocks(page('<p>ab<i>cd</i>ef</p>'));
    for (let i = 0; i < block!.text.length; i++) {
      const { node, offset } = block!.locate(i);
      expect(node.data[offset]).toBe(block!.text[i]);
      expect(block!.offsetOf(node, offset)).toBe(i);
    }
    const end = block!.locate(4, true);
    expect([end.node.data, end.offset]).toEqual(['cd', 2]);
  });

  it('makes static ranges by default and live ones on request', () => {
    const [block] = indexBlocks(page('<p>grave concern</p>'));
    expect(block!.rangeFor(0, 5)).toBeInstanceOf(StaticRange);
    expect(block!.rangeFor(0, 5, true)).toBeInstanceOf(Range);
  });

  it('returns nothing for a document in design mode', () => {
    page('<p>grave concern</p>');
    document.designMode = 'on';
    expect(indexBlocks(document)).toEqual([]);
  });

  it('drops flows that hold only whitespace', () => {
    expect(indexBlocks(page('<div>\n  <p>x</p>\n  </div>')).map((b) => b.text)).toEqual(['x']);
  });

  it('indexes a text node or an inline element on its own, under its block container', () => {
    const p = page('<p>free and <em>frank</em></p>').querySelector('p')!;
    const [fromEm] = indexBlocks(p.querySelector('em')!);
    expect(fromEm!.text).toBe('frank');
    expect(fromEm!.container).toBe(p);
    expect(indexBlocks(p.firstChild!)[0]!.text).toBe('free and ');
  });
});

describe('indexBlock', () => {
  it("re-indexes only a container's own runs, not its nested blocks", () => {
    const div = page('<div>grave <p>inner</p> concern <span>here</span></div>').querySelector(
      'div',
    )!;
    expect(texts(indexBlock(div))).toEqual(['grave', 'concern here']);
  });

  it('returns nothing for a container inside an editor', () => {
    const p = page('<div contenteditable><p>grave concern</p></div>').querySelector('p')!;
    expect(indexBlock(p)).toEqual([]);
  });
});

describe('indexInSteps', () => {
  it('walks a page in pieces and gives exactly the runs of one walk, in the same order', () => {
    const body = page(
      '<main>lead <span>inline <p>nested in inline</p> tail</span><section>' +
        '<div><p>grave</p> loose <em>text</em><ul><li>one</li><li>two</li></ul></div>' +
        '<article><h2>title</h2><p>free and <b>frank</b></p></article></section> end</main>' +
        '<div id="host"></div><textarea>skip</textarea><p>last</p>' +
        '<div>filler</div>'.repeat(2000),
    );
    body.querySelector('#host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>in shadow</p>';
    const key = (b: TextBlock) =>
      `${texts([b])[0]}@${(b.container as Element).localName ?? '#shadow'}`;
    const whole = indexBlocks(body).map(key);
    const index = indexInSteps(body);
    let steps = 1;
    // A deadline already passed: each step walks only its first few hundred nodes.
    while (!index.step(-Infinity)) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(index.blocks.map(key)).toEqual(whole);
  });

  it('walks a page nested fifty thousand elements deep without overflowing the stack', () => {
    // jsdom itself recurses on insertion, so the deep page is a minimal node tree: just what the
    // walk reads (Chromium builds such trees from real pages, e.g. the hostile deep-nesting page).
    type Fake = Record<string, unknown>;
    const doc = { designMode: 'off' };
    const el = (name: string): Fake => ({
      nodeType: 1,
      localName: name,
      firstChild: null,
      nextSibling: null,
      parentNode: null,
      shadowRoot: null,
      ownerDocument: doc,
      matches: () => false,
      hasAttribute: () => false,
      getAttribute: () => null,
    });
    const root = el('body');
    let parent = root;
    for (let i = 0; i < 50000; i++) {
      const child = el(i % 2 ? 'div' : 'span');
      child.parentNode = parent;
      parent.firstChild = child;
      parent = child;
    }
    parent.firstChild = { nodeType: 3, data: 'a grave concern at the bottom', parentNode: parent };
    const index = indexInSteps(root as unknown as Element);
    while (!index.step(Infinity));
    expect(texts(index.blocks)).toEqual(['a grave concern at the bottom']);
    expect(indexBlocks(root as unknown as Element).length).toBe(1);
  });
});
