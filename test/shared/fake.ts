// The fake browser behind src/shared/browser.ts (test/setup-browser.ts mocks the polyfill with it).
import browser from '../../src/shared/browser';
import type { FakeBrowser } from '../fakes/browser';

export const fake = browser as unknown as FakeBrowser;
