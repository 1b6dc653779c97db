// `tessera sync`: brings a cache in line with a lab store, once or watching it; a progress bar on
// a terminal, the counts and every sync issue with --json.
import path from 'node:path';
import { openCacheDatabase } from '../../core/db/open-cache-database';
import { openStoreTransport } from '../../core/store-access/open-store-transport';
import { formatSyncIssue } from '../../core/store/sync-issue';
import type { SyncLabStoreOptions } from '../../core/sync/sync-lab-store';
import type { SyncProgress } from '../../core/sync/sync-progress';
import type { SyncSummary } from '../../core/sync/sync-summary';
import { syncStore } from '../../core/sync/sync-store';
import { watchLabStore } from '../../core/sync/watch-lab-store';
import { parseIntegerFlag, requireString, type CliCommand, type CliIo } from '../cli-command';
import { alertsWithIds, formatAlertLine } from './alerts';
import { cliAppRoot } from '../cli-runtime';
import { parseStoreAccessFlags, storeAccessHelp, storeAccessOptions, storeFormatOf } from '../store-access-flags';

function progressBar(p: SyncProgress): string {
  const share = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 0;
  const width = 24;
  const filled = Math.round(Math.min(1, share) * width);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  return `sync [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.filesDone}/${p.filesTotal} files, ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB, ${p.runsNew} new and ${p.runsUpdated} updated runs`;
}

/** The --json answer: the cache's counts after the pass, every current issue, and what the pass did. */
export function syncJson(summary: SyncSummary) {
  return {
    runs: summary.totals.runs,
    points: summary.totals.points,
    proposals: summary.totals.proposals,
    ablations: summary.totals.ablations,
    events: summary.totals.events,
    issues: summary.issues,
    pass: {
      runsNew: summary.runs.new,
      runsUpdated: summary.runs.updated,
      runsRemoved: summary.runs.removed,
      pointsWritten: summary.points,
      filesScanned: summary.filesScanned,
      bytesRead: summary.bytesRead,
      durationMs: summary.durationMs,
    },
  };
}

function reportForPeople(summary: SyncSummary, io: CliIo): void {
  const t = summary.totals;
  io.stderr(
    `sync: ${summary.runs.new} new, ${summary.runs.updated} updated and ${summary.runs.removed} removed runs; ` +
      `${summary.points.toLocaleString('en-US')} points read in ${(summary.durationMs / 1000).toFixed(1)} s.\n` +
      `cache: ${t.runs} runs, ${t.points.toLocaleString('en-US')} points, ${t.proposals} proposals, ${t.ablations} ablations, ${t.events} events, ${t.issues} sync issues.\n`,
  );
  for (const issue of summary.issues) io.stderr(`  ${formatSyncIssue(issue)}\n`);
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Sync a store (lab store, TensorBoard, MLflow, W&B; folder or SFTP) into a SQLite cache (once, or keep watching it).',
  usage: 'tessera sync --store URL --db FILE [--map T=FIELD,…] [--ssh-key FILE] [--known-hosts FILE] [--watch] [--interval SECONDS] [--json]',
  flagHelp: [
    '--store URL         the store: a folder (local disk or mount), file://…, sftp://user@host[:port]/path;',
    '                    tensorboard:…, mlflow:… or wandb:… in front for a TensorBoard log directory, an MLflow store or W&B runs',
    '--db FILE           the SQLite cache to bring up to date (created if missing)',
    '--watch             keep syncing on changes (file-system events, and polling for network mounts)',
    '--interval SECONDS  polling period with --watch (default 10)',
    '--json              print the counts and every sync issue as JSON (with --watch: one line per change)',
    '                    with --watch, each alert the detectors find is printed as it fires (one line; with --json',
    '                    one {"alert": …} line), and the first pass prints those that fired just now',
    ...storeAccessHelp,
  ],
  options: {
    ...storeAccessOptions,
    store: { type: 'string' },
    db: { type: 'string' },
    watch: { type: 'boolean' },
    interval: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const store = requireString(values, 'store');
    const format = storeFormatOf(store);
    const access = parseStoreAccessFlags(values, format);
    const file = requireString(values, 'db');
    const intervalSeconds = parseIntegerFlag(values, 'interval', 1, 86_400) ?? 10;
    const json = values.json === true;
    const cache = openCacheDatabase({
      file,
      migrationsDir: path.join(cliAppRoot(), 'migrations'),
      onCorrupt: 'rebuild',
      onRebuilt: (movedTo) => io.stderr(`sync: the cache was damaged; moved it to ${movedTo} and rebuilding it from the store.\n`),
      onUpgradeProgress: (p) => io.stderr(`sync: converting the cache to compressed points: ${p.seriesDone} of ${p.seriesTotal} series, ${p.pointsDone} points\n`),
    });
    const { transport } = openStoreTransport(store, access, {
      onReconnect: (attempt, reason) => io.stderr(`sync: reconnecting to ${transport.location} (attempt ${attempt}): ${reason}\n`),
    });
    const pass = (options: SyncLabStoreOptions) => syncStore({ ...options, format, fieldMapping: access.fieldMapping });
    const onProgress = json || !io.interactive ? undefined : (p: SyncProgress) => io.stderr(`\r${progressBar(p)}\x1b[K${p.phase === 'done' ? '\n' : ''}`);
    // What fired: as it happens with --watch; history met by a cache's first sync is for `tessera alerts`.
    const printAlerts = (summary: SyncSummary) => {
      for (const alert of alertsWithIds(cache.sqlite, summary.alerts)) {
        if (!alert.live) continue;
        const { notify: _notify, ...fired } = alert;
        io.stdout(json ? `${JSON.stringify({ alert: fired })}\n` : `alert: ${formatAlertLine(alert)}\n`);
      }
    };
    const report = (summary: SyncSummary) => {
      if (json) io.stdout(`${JSON.stringify(syncJson(summary), null, values.watch ? undefined : 2)}\n`);
      else reportForPeople(summary, io);
    };
    try {
      if (!values.watch) {
        report(await pass({ db: cache, transport, onProgress }));
        return 0;
      }
      const watcher = watchLabStore({
        db: cache,
        transport,
        runPass: pass,
        onProgress,
        intervalMs: intervalSeconds * 1000,
        onChanged: report,
        onSynced: (summary) => printAlerts(summary),
        onError: (error) => io.stderr(`sync: ${error instanceof Error ? error.message : String(error)}\n`),
      });
      if (!json) io.stderr(`sync: watching ${transport.location} (${watcher.usingFsEvents ? 'file-system events and ' : ''}polling every ${intervalSeconds} s); Ctrl-C stops.\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await watcher.close();
      return 0;
    } finally {
      await transport.close?.();
      cache.close();
    }
  },
};
