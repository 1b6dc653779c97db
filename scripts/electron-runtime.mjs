// Facts about the Electron runtime shared by setup-desktop and start: is its binary there,
// and is better-sqlite3 built for its ABI.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronVersion() {
  return require('electron/package.json').version;
}

/** The Electron executable, or null when its download was skipped or failed. */
export function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

export const electronNativeDir = path.join(root, 'native', 'electron');
export const electronNativeBinding = path.join(electronNativeDir, 'better_sqlite3.node');

export function electronNativeStamp() {
  const sqliteVersion = require('better-sqlite3/package.json').version;
  return `electron-${electronVersion()}-better-sqlite3-${sqliteVersion}-${process.platform}-${process.arch}`;
}

export function electronNativeReady() {
  const stampFile = path.join(electronNativeDir, 'stamp.txt');
  return fs.existsSync(electronNativeBinding) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === electronNativeStamp();
}
