// Facts about the running CLI bundle: where the app's files are and its version.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundle lives at <root>/dist/cli/tessera.mjs. */
export function cliAppRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function cliVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(cliAppRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
