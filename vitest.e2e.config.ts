import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian's headless Chromium against a real `tessera serve`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
