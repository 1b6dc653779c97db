// `tessera serve`: the app in a browser, on this machine or (with a token) for a meeting-room screen.
import fs from 'node:fs';
import { appLayout, dataDirFiles, defaultDataDir } from '../../core/config/app-layout';
import { resolveStore } from '../../core/config/resolve-store';
import { readSettings, writeSettings } from '../../core/config/settings-file';
import { storeAccessOf } from '../../core/config/store-access';
import { startCoreWorker } from '../../core/host/core-client';
import { isLoopbackHost } from '../../server/request-auth';
import { startHttpServer } from '../../server/http-server';
import { CliUsageError, optionalString, parseIntegerFlag, type CliCommand } from '../cli-command';
import { cliAppRoot, cliVersion } from '../cli-runtime';
import { parseStoreAccessFlags, storeAccessHelp, storeAccessOptions, storeFormatOf } from '../store-access-flags';

/** Why the server could not listen, in words that say what to do. */
function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use (another Tessera or another program): choose another with --port, or --port 0 for any free one.`;
    case 'EACCES':
      return `Port ${port} on ${host} needs privileges this user does not have: choose a port above 1023 with --port.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `--host ${host} is not an address of this machine.`;
    default:
      return `Cannot listen on ${host}:${port}: ${error.message}`;
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the app over HTTP (browser mode, shared screens).',
  usage: 'tessera serve [--db FILE] [--store URL] [--map T=FIELD,…] [--ssh-key FILE] [--port N] [--host H] [--token T] [--allow-write] [--no-watch]',
  flagHelp: [
    '--db FILE           SQLite cache (default: $TESSERA_HOME/cache.sqlite, TESSERA_HOME defaults to ~/.tessera)',
    '--store URL         lab store: a folder, file://…, sftp://user@host/path, tensorboard:…, mlflow:… or wandb:… (default: the configured store, else the demo lab)',
    '--port N            port (default 4777; 0 picks a free one)',
    '--host H            address to bind (default 127.0.0.1); any other needs --token',
    '--token T           every request must carry this token (header, cookie, or ?token= once)',
    '--allow-write       allow methods that write (decisions, sync, settings); read-only otherwise',
    '--no-watch          sync once at start, then only on request (no watching, no polling)',
    ...storeAccessHelp,
  ],
  options: {
    ...storeAccessOptions,
    db: { type: 'string' },
    store: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    'allow-write': { type: 'boolean' },
    'no-watch': { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const host = optionalString(values, 'host') ?? '127.0.0.1';
    const token = optionalString(values, 'token') ?? null;
    const port = parseIntegerFlag(values, 'port', 0, 65535) ?? 4777;
    if (!isLoopbackHost(host) && token === null) {
      throw new CliUsageError(`--host ${host} would expose the app beyond this machine: give --token T as well.`);
    }
    if (token !== null && token.length < 8) throw new CliUsageError('--token must be at least 8 characters.');
    const dataDir = defaultDataDir();
    const files = dataDirFiles(dataDir);
    const dbFile = optionalString(values, 'db') ?? files.dbFile;
    const settings = readSettings(files.settingsFile);
    const log = (message: string) => io.stderr(`${message}\n`);
    const store = await resolveStore({ requested: optionalString(values, 'store'), settings, demoLabDir: files.demoLabDir, log });
    const storeAccess = storeAccessOf(settings, parseStoreAccessFlags(values, storeFormatOf(store.storeUrl)));
    if (!optionalString(values, 'store')) writeSettings(files.settingsFile, { ...settings, storeUrl: store.storeUrl, isDemo: store.isDemo });
    fs.mkdirSync(files.outboxDir, { recursive: true });
    const layout = appLayout(cliAppRoot());
    const core = await startCoreWorker(
      `${layout.workerDir}/core-worker.mjs`,
      {
        dbFile,
        storeUrl: store.storeUrl,
        isDemo: store.isDemo,
        migrationsDir: layout.migrationsDir,
        settingsFile: files.settingsFile,
        outboxDir: files.outboxDir,
        watch: values['no-watch'] !== true,
        pollIntervalMs: settings.pollIntervalMs,
        storeAccess,
        version: cliVersion(),
        workerDir: layout.workerDir,
      },
      log,
    );
    let server: Awaited<ReturnType<typeof startHttpServer>>;
    try {
      server = await startHttpServer({ core, rendererDir: layout.rendererDir, host, port, token, allowWrite: values['allow-write'] === true, log });
    } catch (error) {
      // Without a server the core has nobody to answer: stop it, so the command ends.
      await core.close();
      throw new Error(listenFailure(error as NodeJS.ErrnoException, host, port));
    }
    const shownUrl = token ? `${server.url}?token=${encodeURIComponent(token)}` : server.url;
    log(`Tessera is serving ${store.isDemo ? 'the demo lab' : store.storeUrl} (${values['allow-write'] ? 'read-write' : 'read-only'}).`);
    io.stdout(`${shownUrl}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await core.close();
    return 0;
  },
};
