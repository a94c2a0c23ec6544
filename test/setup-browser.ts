// Replaces webextension-polyfill with an in-memory fake for every jsdom test: the real module throws
// outside an extension. Tests reach the fake's state through test/fakes/browser.ts.
import { vi } from 'vitest';
import { createFakeBrowser } from './fakes/browser';

vi.mock('webextension-polyfill', () => ({ default: createFakeBrowser() }));
