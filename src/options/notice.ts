/**
 * The page's one status line: what just happened ("Saved", "Deleted" with Undo) or what went
 * wrong. A live region, so screen readers hear it without focus moving.
 */
import { h, fill, byId } from '../shared/ui/dom';

export interface NoticeOptions {
  error?: boolean;
  /** A button after the message, e.g. Undo; the notice clears when it is used. */
  action?: { label: string; run: () => void };
}

/** Shows `message`; an empty message clears the line. */
export function showNotice(doc: Document, message: string, options: NoticeOptions = {}): void {
  const notice = byId('notice', doc);
  notice.className = options.error ? 'notice error' : 'notice';
  if (!message) return fill(notice);
  const action = options.action;
  const button =
    action && h('button', { class: 'link', text: action.label, attrs: { type: 'button' } });
  button?.addEventListener('click', () => {
    fill(notice);
    action?.run();
  });
  fill(notice, h('span', { text: message }), button && ' ', button);
}

/** The message of anything thrown, for the notice line. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Re-renders `container` without losing the keyboard focus: a focused control inside an item
 * marked `data-id` is focused again in the new item with that id (same position among its
 * buttons), so toggling "Hide" does not throw a keyboard user back to the top of the page.
 */
export function keepFocus(container: Element, render: () => void): void {
  const active = container.ownerDocument.activeElement;
  const item = active && container.contains(active) ? active.closest('[data-id]') : null;
  const id = item?.getAttribute('data-id');
  const controls = item ? [...item.querySelectorAll('button, input, select, textarea')] : [];
  const at = active ? controls.indexOf(active) : -1;
  render();
  if (id === null || id === undefined) return;
  const again = [...container.querySelectorAll<HTMLElement>('[data-id]')].find(
    (el) => el.getAttribute('data-id') === id,
  );
  const next = again?.querySelectorAll<HTMLElement>('button, input, select, textarea');
  (next?.[Math.min(Math.max(at, 0), next.length - 1)] ?? again)?.focus();
}
