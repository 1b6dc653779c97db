#!/usr/bin/env node
// Starts the built CLI. `npm install` builds it (postinstall); `npm run build` rebuilds it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'tessera.mjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('tessera: the app is not built yet. Run "npm install" (or "npm run build") in the project folder.\n');
  process.exit(1);
}
await import(bundle);
