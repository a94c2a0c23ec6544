import { defineConfig } from 'vitest/config';

// Two projects: pure core code runs in Node, DOM code in jsdom. The browser APIs are faked at the
// one module that imports webextension-polyfill (src/shared/browser.ts), see test/setup-browser.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/glossary/**/*.test.ts',
            'test/scripts/**/*.test.ts',
            'bench/test/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: [
            'test/content/**/*.test.ts',
            'test/shared/**/*.test.ts',
            'test/background/**/*.test.ts',
            'test/popup/**/*.test.ts',
            'test/options/**/*.test.ts',
            'test/cli/**/*.test.ts',
          ],
          setupFiles: ['test/setup-browser.ts'],
        },
      },
    ],
  },
});
