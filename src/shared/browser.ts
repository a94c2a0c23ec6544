/**
 * The one import of webextension-polyfill. Everything else imports `browser` from here, so unit
 * tests can fake the whole extension API at this seam (test/setup-browser.ts), and the polyfill
 * can be dropped in one place once every target has a native promise-based `browser`.
 */
import browser from 'webextension-polyfill';

export default browser;
export type { Browser, Runtime, Storage, Tabs } from 'webextension-polyfill';
