// The desktop app's connection as electron/main builds it, minus Electron: the real local core worker
// (dist/core), the known-servers file, the token vault with a stand-in keychain, and the saved choice.
import fs from 'node:fs';
import path from 'node:path';
import { startCoreWorker } from '../../../electron/core/host/core-client';
import { DesktopConnection } from '../../../electron/team-client/desktop-connection';
import { KnownServers } from '../../../electron/team-client/known-servers';
import { TokenVault, type SecretSealer } from '../../../electron/team-client/token-vault';
import { repoRoot } from '../../e2e/support/start-serve';

export interface DesktopAppFiles {
  home: string;
  knownServers: string;
  vault: string;
  settings: string;
}

export function desktopAppFiles(home: string): DesktopAppFiles {
  fs.mkdirSync(home, { recursive: true });
  return { home, knownServers: path.join(home, 'known-servers.json'), vault: path.join(home, 'team-tokens.json'), settings: path.join(home, 'settings.json') };
}

export function desktopConnection(files: DesktopAppFiles, localStore: string, sealer: SecretSealer): DesktopConnection {
  return new DesktopConnection({
    startLocalCore: () =>
      startCoreWorker(
        path.join(repoRoot, 'dist', 'core', 'core-worker.mjs'),
        {
          dbFile: path.join(files.home, 'cache.sqlite'),
          storeUrl: localStore,
          isDemo: false,
          migrationsDir: path.join(repoRoot, 'migrations'),
          settingsFile: path.join(files.home, 'core-settings.json'),
          outboxDir: path.join(files.home, 'outbox'),
          watch: false,
          version: 'test',
          workerDir: path.join(repoRoot, 'dist', 'core'),
        },
        () => {},
      ),
    knownServers: new KnownServers(files.knownServers),
    tokens: new TokenVault(files.vault, sealer),
    savedServer: () => (fs.existsSync(files.settings) ? ((JSON.parse(fs.readFileSync(files.settings, 'utf8')) as { teamServer?: string }).teamServer ?? null) : null),
    saveServer: (origin) => fs.writeFileSync(files.settings, JSON.stringify(origin ? { teamServer: origin } : {})),
    log: () => {},
  });
}
