/**
 * Small DOM helpers for the extension pages: build elements with text only (never HTML, so a
 * meaning holding `<img onerror=…>` shows as text), and fill static HTML from `_locales`.
 */
import browser from '../browser';

/** A localized string; falls back to the key so a missing translation shows, never a blank. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}

/**
 * Creates an element. `text` and string children become text nodes; attributes set to `false`
 * or `undefined` are left out, `true` becomes an empty attribute.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** Replaces everything inside `parent` with `children`. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

/**
 * Fills the static page from `_locales`: `data-i18n` sets the text, `data-i18n-<attr>` sets an
 * attribute (placeholder, aria-label, title). Also sets `<html lang>` to the interface language.
 */
export function applyI18n(root: Document | Element = document): void {
  for (const node of root.querySelectorAll<HTMLElement>('*')) {
    for (const attr of [...node.attributes]) {
      if (!attr.name.startsWith('data-i18n')) continue;
      const target = attr.name.slice('data-i18n'.length).replace(/^-/, '');
      const text = t(attr.value);
      if (target) node.setAttribute(target, text);
      else node.textContent = text;
    }
  }
  if (root instanceof Document) root.documentElement.lang = browser.i18n.getUILanguage();
}

/** Looks up an element the page's HTML must have; a missing one is a build mistake, so say which. */
export function byId<T extends HTMLElement = HTMLElement>(
  id: string,
  root: Document = document,
): T {
  const node = root.getElementById(id);
  if (!node) throw new Error(`Subtext: the page has no #${id}`);
  return node as T;
}
