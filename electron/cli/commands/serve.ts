// `tessera serve`: the app in a browser, on this machine, for a meeting-room screen (one shared
// token), or as the team's server (a token per person, HTTPS, an audit log of every write).
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { appLayout, dataDirFiles, defaultDataDir } from '../../core/config/app-layout';
import { resolveStore } from '../../core/config/resolve-store';
import { readSettings, writeSettings } from '../../core/config/settings-file';
import { storeAccessOf } from '../../core/config/store-access';
import { startCoreWorker } from '../../core/host/core-client';
import { PersonTokenRegistry } from '../../server/access/person-token-registry';
import { openAuditLog } from '../../server/audit-log';
import { isLoopbackHost } from '../../server/request-auth';
import { startHttpServer } from '../../server/http-server';
import { readTlsFiles } from '../tls-flags';
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
  summary: 'Serve the app over HTTP(S): browser mode, shared screens, the team server.',
  usage:
    'tessera serve [--db FILE] [--store URL] [--map T=FIELD,…] [--ssh-key FILE] [--port N] [--host H] [--token T] [--users FILE] ' +
    '[--tls-cert FILE --tls-key FILE | --insecure-http] [--audit-log FILE] [--max-connections N] [--allow-write [--allow-setup]] [--no-watch]',
  flagHelp: [
    '--db FILE           SQLite cache (default: $TESSERA_HOME/cache.sqlite, TESSERA_HOME defaults to ~/.tessera)',
    '--store URL         lab store: a folder, file://…, sftp://user@host/path, tensorboard:…, mlflow:… or wandb:… (default: the configured store, else the demo lab)',
    '--port N            port (default 4777; 0 picks a free one)',
    '--host H            address to bind (default 127.0.0.1); any other needs --token or --users, and TLS or --insecure-http',
    '--token T           every request must carry this token (header, cookie, or ?token= once); beside --users it is a read-only room display',
    '--users FILE        the team server: each person signs in with their own token (tessera token add); events carry the token\'s person',
    '--tls-cert FILE     serve HTTPS with this certificate (PEM; with --tls-key)',
    '--tls-key FILE      the certificate\'s private key (PEM)',
    '--insecure-http     allow plain HTTP on a non-loopback --host (only behind a proxy that terminates TLS)',
    '--audit-log FILE    record every write (who, what, when, from where); default $TESSERA_HOME/audit.log with --token or --users',
    '--max-connections N connections held at once before new ones are answered 503 (default: from the open-file limit)',
    '--allow-write       allow methods that write (decisions, sync, settings); read-only otherwise; viewer tokens never write',
    '--allow-setup       with --users: writers\' tokens may also change the server\'s sources, SSH key and trusted hosts (else only its admins, here)',
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
    users: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'insecure-http': { type: 'boolean' },
    'audit-log': { type: 'string' },
    'max-connections': { type: 'string' },
    'allow-write': { type: 'boolean' },
    'allow-setup': { type: 'boolean' },
    'no-watch': { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const host = optionalString(values, 'host') ?? '127.0.0.1';
    const token = optionalString(values, 'token') ?? null;
    const port = parseIntegerFlag(values, 'port', 0, 65535) ?? 4777;
    const usersFile = optionalString(values, 'users') ?? null;
    const maxConnections = parseIntegerFlag(values, 'max-connections', 1, 1_000_000);
    if (values['allow-setup'] === true && (usersFile === null || values['allow-write'] !== true)) {
      throw new CliUsageError('--allow-setup lets writers\' tokens change how the server is set up: it needs --users FILE and --allow-write.');
    }
    if (!isLoopbackHost(host) && token === null && usersFile === null) {
      throw new CliUsageError(`--host ${host} would expose the app beyond this machine: give --users FILE (a token per person) or --token T as well.`);
    }
    if (token !== null && token.length < 8) throw new CliUsageError('--token must be at least 8 characters.');
    const tls = readTlsFiles(optionalString(values, 'tls-cert'), optionalString(values, 'tls-key'));
    if (!isLoopbackHost(host) && tls === null && values['insecure-http'] !== true) {
      throw new CliUsageError(
        `--host ${host} without TLS would send every token in the clear: give --tls-cert FILE --tls-key FILE, or --insecure-http when a proxy in front of it terminates TLS.`,
      );
    }
    const dataDir = defaultDataDir();
    const files = dataDirFiles(dataDir);
    const log = (message: string) => io.stderr(`${message}\n`);
    // Read before anything starts: a users file that cannot be used stops serve with its reason.
    const users = usersFile === null ? null : new PersonTokenRegistry(usersFile, log);
    if (users && users.activeCount() === 0) log(`${usersFile} has no valid token yet: add one with "tessera token add PERSON --users ${usersFile}".`);
    const auditFile = optionalString(values, 'audit-log') ?? (token !== null || users ? files.auditLogFile : null);
    const audit = auditFile === null ? null : openAuditLog(auditFile);
    const dbFile = optionalString(values, 'db') ?? files.dbFile;
    const settings = readSettings(files.settingsFile);
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
      server = await startHttpServer({
        core,
        rendererDir: layout.rendererDir,
        host,
        port,
        token,
        users,
        allowWrite: values['allow-write'] === true,
        allowSetup: values['allow-setup'] === true,
        audit,
        tls,
        ...(maxConnections === undefined ? {} : { maxConnections }),
        log,
      });
    } catch (error) {
      // Without a server the core has nobody to answer: stop it, so the command ends.
      await core.close();
      throw new Error(listenFailure(error as NodeJS.ErrnoException, host, port));
    }
    // With people's own tokens there is no one URL to hand out: each signs in on the page.
    const shownUrl = token && !users ? `${server.url}?token=${encodeURIComponent(token)}` : server.url;
    log(
      `Tessera is serving ${store.isDemo ? 'the demo lab' : store.storeUrl} (${values['allow-write'] ? 'read-write' : 'read-only'})` +
        `${users ? `, people's tokens from ${usersFile}` : ''}${audit ? `, writes recorded in ${audit.file}` : ''}.`,
    );
    // What people compare before trusting a self-signed certificate in the desktop app.
    if (tls) log(`HTTPS certificate SHA-256 fingerprint: ${new X509Certificate(tls.cert).fingerprint256}`);
    io.stdout(`${shownUrl}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await core.close();
    audit?.close();
    return 0;
  },
};
