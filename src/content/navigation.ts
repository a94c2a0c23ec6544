/**
 * Notices single-page-app navigations. A content script cannot see the page's own
 * `history.pushState` calls (Chrome runs it in an isolated world, so patching `history` would only
 * patch our copy), so the URL is compared instead: on `popstate`, on the Navigation API's
 * `navigatesuccess` where present, and whenever a mutation batch is drained (an SPA route change
 * rewrites the page, so a drain follows). The fragment is ignored: `#section` links are not
 * navigations to a new article.
 */
import type { Teardown } from './teardown';

const withoutHash = (href: string): string => href.replace(/#.*$/, '');

export interface UrlWatch {
  /** Compares the URL now; calls `onChange` once per change. */
  check(): void;
}

/** Watches `view`'s URL, owned by `teardown`. */
export function watchUrl(
  view: Window,
  teardown: Teardown,
  onChange: (url: string) => void,
): UrlWatch {
  let last = withoutHash(view.location.href);
  const check = (): void => {
    if (teardown.isDisposed) return;
    const now = withoutHash(view.location.href);
    if (now === last) return;
    last = now;
    onChange(view.location.href);
  };
  teardown.listen(view, 'popstate', check);
  const nav = (view as Window & { navigation?: EventTarget }).navigation;
  if (nav && typeof nav.addEventListener === 'function')
    teardown.listen(nav, 'navigatesuccess', check);
  return { check };
}
