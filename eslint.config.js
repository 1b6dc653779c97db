// Lint, and the boundaries the architecture depends on: shared/ imports no Node, DOM or Electron;
// renderer/ imports no Node or Electron; only the window and IPC files import electron.
// Rules that need the resolved import graph (layers, pages apart, no cycles) are in scripts/lint/import-rules.mjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'stream', 'util', 'url', 'zlib', 'events', 'buffer'];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not allowed here.' }));
const nodePatterns = [{ regex: '^node:', message: 'Node built-ins are not allowed here.' }];
const electronPath = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nativePaths = ['better-sqlite3', 'drizzle-orm/better-sqlite3', 'ssh2', 'yaml'].map((name) => ({ name, message: 'Node-side libraries are not allowed here.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'native/**', 'migrations/**', 'test-output/**', '.tessera/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [electronPath] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodePaths, electronPath, ...nativePaths, { name: 'react', message: 'shared/ is UI-free.' }], patterns: nodePatterns }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodePaths, electronPath, ...nativePaths], patterns: [...nodePatterns, { regex: '/electron/(core|main|preload|server|cli)/', message: 'The renderer reaches the core only through the API client.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.mjs', '*.config.{ts,js}'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
