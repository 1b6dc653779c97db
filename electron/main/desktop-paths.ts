// Where the desktop app finds its parts, in development (the repository) and packaged (resources/).
import { app } from 'electron';
import fs from 'node:fs';
import path from 'node:path';

export interface DesktopPaths {
  migrationsDir: string;
  rendererIndex: string;
  preloadFile: string;
  workerDir: string;
  /** better-sqlite3 built for Electron's ABI (Node's build in node_modules is for the CLI and tests). */
  nativeBinding: string;
  dataDir: string;
}

export function desktopPaths(): DesktopPaths {
  const appRoot = app.getAppPath();
  const packaged = app.isPackaged;
  const resources = process.resourcesPath;
  const unpackedRoot = packaged ? appRoot.replace(/app\.asar$/, 'app.asar.unpacked') : appRoot;
  return {
    migrationsDir: packaged ? path.join(resources, 'migrations') : path.join(appRoot, 'migrations'),
    rendererIndex: path.join(appRoot, 'dist', 'renderer', 'index.html'),
    preloadFile: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
    workerDir: path.join(unpackedRoot, 'dist', 'core'),
    nativeBinding: packaged
      ? path.join(resources, 'native', 'better_sqlite3.node')
      : path.join(appRoot, 'native', 'electron', 'better_sqlite3.node'),
    dataDir: app.getPath('userData'),
  };
}

export function missingNativeBindingMessage(file: string): string | null {
  if (fs.existsSync(file)) return null;
  return (
    `Tessera's database driver for Electron is missing (${file}).\n\n` +
    'Run "npm run setup:desktop" in the project folder: it builds better-sqlite3 for Electron next to the ' +
    "Node build the CLI and the tests use, so neither breaks the other."
  );
}
