/**
 * The text index: one flat string per run of inline text, with a map from string offsets back to
 * the page's text nodes. Matching runs on the flat string, so a phrase split by `<em>` or `<a>`
 * still matches, and a phrase never spans two blocks because each block's text is its own string.
 *
 * Pure DOM (no extension APIs, no layout): the CLI and `npm run eval` run it under jsdom.
 *
 * Blockness is decided by tag name, not by `getComputedStyle`, which is absent in jsdom and forces
 * style recalculation in browsers. The rule (documented in docs/content-script.md):
 * - a BLOCK_TAGS element starts a new flow; text around it in its parent forms separate runs;
 * - SKIP_TAGS elements, `[hidden]`, editors (`contenteditable` "", "true", "plaintext-only"), `role=textbox`
 *   and an inline `display:none` are not indexed at all (an element hidden by its inline style is
 *   reported in `SteppedIndex.hidden`, so the page can be watched for showing it; Subtext's card host is no page text
 *   either: it sits outside `<body>` and has only a closed shadow root; the fallback
 *   `<subtext-mark>` wraps page text and is indexed like any inline element);
 * - `aria-hidden` is indexed: the text is still on screen for sighted readers;
 * - `<br>` reads as one space that belongs to no text node;
 * - an open shadow root is its own tree: its text is indexed as separate runs whose container is
 *   the ShadowRoot (a Range cannot span two trees);
 * - everything else (including unknown custom elements) is inline.
 */

/** Elements that begin and end a text flow (rendered as block or atomic boxes by default). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'button', 'caption', 'center', 'dd',
  'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend',
  'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'search', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]); // prettier-ignore

/** Elements whose content is not page prose, or not rendered as such. */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'datalist', 'head', 'title', 'meta', 'link', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'canvas', 'video', 'audio', 'svg', 'math', 'img', 'picture', 'map', 'code', 'kbd', 'samp',
]); // prettier-ignore

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;
const HIDDEN_STYLE = /display\s*:\s*none/i;

/** Where a run's text lives: its nearest block element, or the root of its (shadow) tree. */
export type Container = Element | ShadowRoot | Document;

/** One run of inline text: `text` is the concatenation of `nodes` (plus a space per `<br>`). */
export class TextBlock {
  constructor(
    /** The block element (or tree root) this run belongs to; re-indexing works per container. */
    readonly container: Container,
    readonly text: string,
    /** The run's text nodes in document order. */
    readonly nodes: readonly Text[],
    /** `starts[i]` is the offset in `text` where `nodes[i]` begins. */
    readonly starts: readonly number[],
  ) {}

  /** Index of the last node that starts at or before `offset` (strictly before, for an end). */
  private nodeAt(offset: number, isEnd: boolean): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = this.starts[mid]!;
      if (isEnd ? s < offset : s <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Index in `nodes` of the node a text offset lies in, as {@link locate} picks it: a start offset
   * at the end of a node (or on a `<br>` space) belongs to the next node.
   */
  nodeIndex(offset: number, isEnd = false): number {
    const i = this.nodeAt(offset, isEnd);
    const local = offset - this.starts[i]!;
    return !isEnd && local >= this.nodes[i]!.data.length && i + 1 < this.nodes.length ? i + 1 : i;
  }

  /**
   * The DOM position of a text offset. A start offset lying on a `<br>` space moves to the next
   * node; an end offset maps to the end of the node it falls in, so ranges stay tight.
   */
  locate(offset: number, isEnd = false): { node: Text; offset: number } {
    const i = this.nodeIndex(offset, isEnd);
    const node = this.nodes[i]!;
    const local = offset - this.starts[i]!;
    return { node, offset: Math.max(0, Math.min(local, node.data.length)) };
  }

  /** The text offset of a DOM position inside this run, or -1 when `node` is not one of its nodes. */
  offsetOf(node: Node, offsetInNode: number): number {
    const i = this.nodes.indexOf(node as Text);
    return i < 0 ? -1 : this.starts[i]! + offsetInNode;
  }

  /**
   * A range over `text[start, end)`. Static by default (cheap: the browser does not update it on
   * every DOM change; the live-page code re-indexes changed blocks instead); `live` for geometry.
   */
  rangeFor(start: number, end: number, live = false): AbstractRange {
    const a = this.locate(start);
    const b = this.locate(end, true);
    const doc = a.node.ownerDocument;
    if (!live && typeof StaticRange === 'function') {
      return new StaticRange({
        startContainer: a.node,
        startOffset: a.offset,
        endContainer: b.node,
        endOffset: b.offset,
      });
    }
    const range = doc.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }
}

/**
 * Elements that may be skipped for an attribute: one native selector match per element instead of
 * four attribute reads from page code (the walk visits every element of the page).
 */
const MAYBE_SKIPPED = '[hidden],[contenteditable],[role],[style]';
/**
 * The `contenteditable` values that make an editor, in any case but with no spaces around (an
 * enumerated attribute). Any other value ("inherit", "no", " true", a typo)
 * inherits, and the walk never enters an editor, so outside one it is not editable: the browser
 * reports `isContentEditable` false for it, and its text is indexed.
 */
const EDITABLE_VALUES = new Set(['', 'true', 'plaintext-only']);

/** True for elements whose subtree is never indexed (see the rule at the top of this file). */
export function isSkipped(el: Element): boolean {
  const tag = el.localName;
  if (SKIP_TAGS.has(tag)) return true;
  if (!el.matches(MAYBE_SKIPPED)) return false;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && EDITABLE_VALUES.has(editable.toLowerCase())) return true;
  if (el.getAttribute('role') === 'textbox') return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** True for an element whose own inline style hides it (a script may show it without a mutation we watch). */
export function hiddenByStyle(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName)) return false;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** The nearest element of `node` or its ancestors (within its tree) hidden by its inline style. */
function styleHiddenAncestor(node: Node): Element | null {
  for (let n: Node | null = node; n; n = n.parentNode)
    if (n.nodeType === ELEMENT_NODE && hiddenByStyle(n as Element)) return n as Element;
  return null;
}

/** True when `el` begins its own text flow. */
export function isBlock(el: Element): boolean {
  return BLOCK_TAGS.has(el.localName);
}

/** The container a node's text belongs to: nearest block ancestor-or-self, else its tree root. */
export function containerOf(node: Node): Container {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === ELEMENT_NODE && BLOCK_TAGS.has((n as Element).localName))
      return n as Element;
    if (n.nodeType === DOCUMENT_NODE) return n as Document;
    if (n.nodeType === DOCUMENT_FRAGMENT_NODE) return n as ShadowRoot;
  }
  return node.ownerDocument ?? (node as Document);
}

/** True when `node` or an ancestor (within its tree) is skipped, so its text is never indexed. */
export function isInSkipped(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode)
    if (n.nodeType === ELEMENT_NODE && isSkipped(n as Element)) return true;
  return false;
}

/** One element or tree root being walked: its next child to visit and what to do after. */
interface Frame {
  next: Node | null;
  /** An open shadow root still to walk (as its own container) once the children are done. */
  shadow: ShadowRoot | null;
  /** For a block frame: the outer run to restore when it ends; null for an inline element. */
  saved: readonly [Container, string, Text[], number[]] | null;
}

/**
 * One walk, iterative (an explicit stack, not recursion), so a page nested thousands of elements
 * deep cannot overflow the call stack. Kept as mutable fields on one object (one small frame per
 * element), because this is the floor the benchmark compares against.
 */
class Walker {
  readonly out: TextBlock[] = [];
  readonly hidden: Element[] = [];
  /** Open shadow roots entered so far. */
  readonly shadows: ShadowRoot[] = [];
  container: Container;
  text = '';
  nodes: Text[] = [];
  starts: number[] = [];
  private readonly stack: Frame[] = [];

  constructor(
    container: Container,
    /** When false, nested blocks and shadow roots are not entered (re-index one container). */
    readonly isDeep: boolean,
  ) {
    this.container = container;
  }

  flush(): void {
    if (this.nodes.length > 0 && /\S/.test(this.text))
      this.out.push(new TextBlock(this.container, this.text, this.nodes, this.starts));
    this.text = '';
    this.nodes = [];
    this.starts = [];
  }

  addText(t: Text): void {
    if (t.data.length === 0) return;
    this.nodes.push(t);
    this.starts.push(this.text.length);
    this.text += t.data;
  }

  private visitElement(el: Element): void {
    if (isSkipped(el)) {
      if (hiddenByStyle(el)) this.hidden.push(el);
      return;
    }
    if (el.localName === 'br') {
      if (this.nodes.length > 0) this.text += ' ';
      return;
    }
    if (BLOCK_TAGS.has(el.localName)) {
      this.flush();
      if (this.isDeep) this.openBlock(el, el);
      return;
    }
    const shadow = this.isDeep ? el.shadowRoot : null;
    this.stack.push({ next: el.firstChild, shadow, saved: null });
  }

  private openBlock(c: Container, node: Node): void {
    const saved = [this.container, this.text, this.nodes, this.starts] as const;
    this.container = c;
    this.text = '';
    this.nodes = [];
    this.starts = [];
    const shadow = node.nodeType === ELEMENT_NODE ? (node as Element).shadowRoot : null;
    this.stack.push({ next: node.firstChild, shadow, saved });
  }

  /**
   * Walks until the stack is empty, or until `deadline` (performance.now() value) has passed;
   * true when the walk is complete. The clock is read every 256 nodes only.
   */
  drain(deadline = Infinity): boolean {
    const stack = this.stack;
    let count = 0;
    while (stack.length > 0) {
      if ((++count & 255) === 0 && performance.now() > deadline) return false;
      const top = stack[stack.length - 1]!;
      const c = top.next;
      if (c) {
        top.next = c.nextSibling;
        if (c.nodeType === TEXT_NODE) this.addText(c as Text);
        else if (c.nodeType === ELEMENT_NODE) this.visitElement(c as Element);
        continue;
      }
      if (top.shadow) {
        // The host's shadow tree is walked after its children, inside the host's own run.
        const shadow = top.shadow;
        top.shadow = null;
        this.shadows.push(shadow);
        this.openBlock(shadow, shadow);
        continue;
      }
      stack.pop();
      const saved = top.saved;
      if (saved) {
        this.flush();
        // By index, not destructured: that would run the iterator protocol once per block.
        this.container = saved[0];
        this.text = saved[1];
        this.nodes = saved[2];
        this.starts = saved[3];
      }
    }
    return true;
  }

  /**
   * Starts a walk of `root` without running it (see {@link indexInSteps}): with `own`, its children
   * into the current run; else a text node into the run, an inline element's subtree into the
   * run, anything else (a block, a shadow root) as its own container.
   */
  begin(root: Node, own: boolean): void {
    if (own) this.stack.push({ next: root.firstChild, shadow: null, saved: null });
    else if (root.nodeType === TEXT_NODE) this.addText(root as Text);
    else if (root.nodeType === ELEMENT_NODE && !isBlock(root as Element))
      this.visitElement(root as Element);
    else this.openBlock(containerOf(root), root);
  }
}

/**
 * Indexes everything under `root` (a document, element, shadow root or text node) in one walk:
 * every run of inline text, in document order, each within one block. Skipped subtrees (see the
 * file comment) yield nothing; a document in design mode yields nothing.
 */
export function indexBlocks(root: Node): TextBlock[] {
  return indexInSteps(root).run();
}

/**
 * Re-indexes one container's own runs: its inline text, not entering nested blocks or shadow
 * roots (those are containers of their own). Used after a mutation inside `container`.
 */
export function indexBlock(container: Container): TextBlock[] {
  return indexInSteps(container, true).run();
}

/** A walk that runs in pieces (see {@link indexInSteps}). */
export interface SteppedIndex {
  /** Walks until `deadline` (a performance.now() value); true once the walk is complete. */
  step(deadline: number): boolean;
  /** Walks to the end; the runs found. */
  run(): TextBlock[];
  /** The runs found so far; all of them once `step` returned true. */
  readonly blocks: TextBlock[];
  /** Elements passed over (or the root's ancestor) because their inline style hides them. */
  readonly hidden: Element[];
  /** The open shadow roots the walk entered so far. */
  readonly shadows: readonly ShadowRoot[];
}

/**
 * The walk of `indexBlocks(root)`, or with `own` of `indexBlock(root)`, resumable: each `step`
 * walks nodes until its deadline, so a page with hundreds of thousands of nodes, or one block of
 * them, is indexed in time slices.
 */
export function indexInSteps(root: Node, own = false): SteppedIndex {
  const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  if (!own && root.nodeType === DOCUMENT_NODE) root = (root as Document).documentElement ?? root;
  const w = new Walker(own ? (root as Container) : containerOf(root), !own);
  const skip =
    doc?.designMode === 'on' ||
    (root.nodeType === ELEMENT_NODE
      ? isInSkipped(root)
      : root.nodeType === TEXT_NODE && !!root.parentNode && isInSkipped(root.parentNode));
  if (!skip && root.nodeType !== DOCUMENT_NODE) w.begin(root, own);
  else if (skip) {
    const hidden = styleHiddenAncestor(root);
    if (hidden) w.hidden.push(hidden);
  }
  const step = (deadline: number): boolean => {
    if (!w.drain(deadline)) return false;
    w.flush();
    return true;
  };
  return {
    step,
    run: () => (step(Infinity), w.out),
    blocks: w.out,
    hidden: w.hidden,
    shadows: w.shadows,
  };
}
