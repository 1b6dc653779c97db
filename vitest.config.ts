import { defineConfig } from 'vitest/config';

// Unit and integration tests: plain Node, real SQLite files, real folders on disk.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
