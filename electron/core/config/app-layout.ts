// Where the built app keeps its parts, from one root: the repository in development, the
// unpacked resources folder in a packaged desktop app.
import os from 'node:os';
import path from 'node:path';

export interface AppLayout {
  root: string;
  migrationsDir: string;
  rendererDir: string;
  /** Built worker entry points: core-worker.mjs, sync-worker.mjs. */
  workerDir: string;
}

export function appLayout(root: string): AppLayout {
  return {
    root,
    migrationsDir: path.join(root, 'migrations'),
    rendererDir: path.join(root, 'dist', 'renderer'),
    workerDir: path.join(root, 'dist', 'core'),
  };
}

/** The CLI's and browser mode's data folder: $TESSERA_HOME, or ~/.tessera. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TESSERA_HOME && env.TESSERA_HOME.length > 0 ? path.resolve(env.TESSERA_HOME) : path.join(os.homedir(), '.tessera');
}

export interface DataDirFiles {
  dbFile: string;
  settingsFile: string;
  outboxDir: string;
  demoLabDir: string;
  /** A team server's people and their token hashes (`tessera token`, `serve --users`). */
  usersFile: string;
  /** A team server's record of every write. */
  auditLogFile: string;
  /** The desktop app's trusted self-signed team-server certificates (like SSH's known_hosts). */
  knownServersFile: string;
  /** The desktop app's team-server tokens, sealed by the OS keychain where there is one. */
  tokenVaultFile: string;
}

export function dataDirFiles(dataDir: string): DataDirFiles {
  return {
    dbFile: path.join(dataDir, 'cache.sqlite'),
    settingsFile: path.join(dataDir, 'settings.json'),
    outboxDir: path.join(dataDir, 'outbox'),
    demoLabDir: path.join(dataDir, 'demo-lab'),
    usersFile: path.join(dataDir, 'users.json'),
    auditLogFile: path.join(dataDir, 'audit.log'),
    knownServersFile: path.join(dataDir, 'known-servers.json'),
    tokenVaultFile: path.join(dataDir, 'team-tokens.json'),
  };
}
