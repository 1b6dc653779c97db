// Electron main process: starts the core in a worker thread, opens the locked-down window, wires IPC.
import { app, BrowserWindow, dialog } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { dataDirFiles } from '../core/config/app-layout';
import { resolveStore } from '../core/config/resolve-store';
import { readSettings, writeSettings } from '../core/config/settings-file';
import { storeAccessOf } from '../core/config/store-access';
import { startCoreWorker } from '../core/host/core-client';
import { DesktopConnection } from '../team-client/desktop-connection';
import { KnownServers } from '../team-client/known-servers';
import { TokenVault } from '../team-client/token-vault';
import { notifyAlerts } from './alert-notifier';
import { desktopPaths, missingNativeBindingMessage } from './desktop-paths';
import { connectIpc } from './ipc-bridge';
import { createMainWindow, lockDownSession } from './main-window';
import { safeStorageSealer } from './safe-storage-sealer';

app.enableSandbox();
const log = (message: string) => process.stderr.write(`${message}\n`);
let core: DesktopConnection | null = null;

async function start(): Promise<void> {
  const paths = desktopPaths();
  const missing = missingNativeBindingMessage(paths.nativeBinding);
  if (missing) {
    dialog.showErrorBox('Tessera cannot start', missing);
    app.exit(1);
    return;
  }
  const files = dataDirFiles(paths.dataDir);
  fs.mkdirSync(files.outboxDir, { recursive: true });
  const settings = readSettings(files.settingsFile);
  const store = await resolveStore({ settings, demoLabDir: files.demoLabDir, log });
  writeSettings(files.settingsFile, { ...settings, storeUrl: store.storeUrl, isDemo: store.isDemo });
  // The local core, or a team server the app was connected to: one client to the window either way.
  core = new DesktopConnection({
    startLocalCore: () =>
      startCoreWorker(
        path.join(paths.workerDir, 'core-worker.mjs'),
        {
          dbFile: files.dbFile,
          storeUrl: store.storeUrl,
          isDemo: store.isDemo,
          migrationsDir: paths.migrationsDir,
          settingsFile: files.settingsFile,
          outboxDir: files.outboxDir,
          nativeBinding: paths.nativeBinding,
          watch: true,
          pollIntervalMs: settings.pollIntervalMs,
          storeAccess: storeAccessOf(settings),
          version: app.getVersion(),
          workerDir: paths.workerDir,
        },
        log,
      ),
    knownServers: new KnownServers(files.knownServersFile),
    tokens: new TokenVault(files.tokenVaultFile, safeStorageSealer),
    savedServer: () => readSettings(files.settingsFile).teamServer ?? null,
    saveServer: (origin) => {
      const { teamServer: _previous, ...rest } = readSettings(files.settingsFile);
      writeSettings(files.settingsFile, origin ? { ...rest, teamServer: origin } : rest);
    },
    log,
  });
  await core.start();
  lockDownSession();
  const window = createMainWindow({ preloadFile: paths.preloadFile, indexHtml: paths.rendererIndex });
  const disconnect = connectIpc(core, window, paths.rendererIndex, core);
  const stopNotifying = notifyAlerts(core, window);
  window.on('closed', () => {
    stopNotifying();
    disconnect();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(start, (error: Error) => {
    dialog.showErrorBox('Tessera cannot start', error.message);
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
