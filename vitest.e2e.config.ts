import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension (dist/) in real headless Chromium and Firefox.
// One file at a time: browsers are heavy and these machines have two cores.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    retry: process.env.CI ? 1 : 0,
  },
});
