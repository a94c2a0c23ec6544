/**
 * Puts Subtext's stylesheet into the page without adding a node to it: one constructed
 * CSSStyleSheet appended to `adoptedStyleSheets` of the document and of each open shadow root that
 * holds underlines (document styles do not reach into shadow trees). The page's own adopted sheets
 * are kept; ours is filtered out again on teardown. Where constructed sheets are missing or
 * refused, a `<style data-subtext>` element goes into `<head>` (or the shadow root) instead.
 */
import type { Teardown } from './teardown';

type StyleRoot = Document | ShadowRoot;

export interface PageStyle {
  /** Makes sure `root` has the stylesheet (idempotent; re-adds it if the page dropped it). */
  adoptInto(root: StyleRoot): void;
  /** Replaces the CSS everywhere it was adopted. */
  update(css: string): void;
  /**
   * Puts the sheet back into every root it was adopted into that dropped it (a component that
   * resets its shadow root's `adoptedStyleSheets` would otherwise lose its underlines), and
   * forgets shadow roots that left the page.
   */
  heal(): void;
}

function makeSheet(doc: Document, css: string): CSSStyleSheet | null {
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    return null;
  }
}

/** Creates the page style, owned by `teardown`, and adopts it into `doc`. */
export function createPageStyle(doc: Document, css: string, teardown: Teardown): PageStyle {
  let text = css;
  const sheet = makeSheet(doc, css);
  const adopted = new WeakMap<StyleRoot, 'sheet' | 'element'>();
  /** Shadow roots holding the constructed sheet, to heal (the document is healed always). */
  const shadowRoots = new Set<ShadowRoot>();
  const elements: HTMLStyleElement[] = [];

  const adoptSheet = (root: StyleRoot): boolean => {
    if (!sheet || !Array.isArray(root.adoptedStyleSheets)) return false;
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      return false;
    }
    teardown.add(() => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    });
    return true;
  };

  const adoptElement = (root: StyleRoot): void => {
    const style = doc.createElement('style');
    style.setAttribute('data-subtext', '');
    style.textContent = text;
    const parent = root.nodeType === 9 ? ((root as Document).head ?? doc.documentElement) : root;
    parent.appendChild(style);
    elements.push(style);
    teardown.add(() => style.remove());
  };

  const style: PageStyle = {
    adoptInto(root) {
      if (teardown.isDisposed) return;
      const how = adopted.get(root);
      // Frameworks sometimes assign a fresh adoptedStyleSheets array: put ours back when dropped.
      if (how === 'sheet' && sheet && !root.adoptedStyleSheets.includes(sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      // A shadow root healing forgot (its host had left the page) is healed again once back.
      if (how === 'sheet' && root.nodeType === 11) shadowRoots.add(root as ShadowRoot);
      if (how) return;
      if (adoptSheet(root)) {
        adopted.set(root, 'sheet');
        if (root.nodeType === 11) shadowRoots.add(root as ShadowRoot);
      } else {
        adoptElement(root);
        adopted.set(root, 'element');
      }
    },
    heal() {
      style.adoptInto(doc);
      for (const root of shadowRoots)
        if (root.host?.isConnected) style.adoptInto(root);
        else shadowRoots.delete(root);
    },
    update(css) {
      text = css;
      sheet?.replaceSync(css);
      for (const el of elements) el.textContent = css;
    },
  };
  style.adoptInto(doc);
  teardown.add(() => shadowRoots.clear());
  return style;
}
