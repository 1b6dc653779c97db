// The storage benchmark's sync of one store into a fresh cache, in a process of its own so that its peak
// memory is the sync's. Args: store cacheFile migrationsDir. Prints one JSON line: the sync's points and
// time, a no-op re-sync, the cache's bytes per table (dbstat), and the process' peak RSS.
import fs from 'node:fs';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';

const [store, cacheFile, migrationsDir] = process.argv.slice(2) as [string, string, string];
const cache = openCacheDatabase({ file: cacheFile, migrationsDir });
const started = performance.now();
const first = await syncFolder(cache, store);
const syncMs = performance.now() - started;
const noopStarted = performance.now();
const again = await syncFolder(cache, store);
const noopMs = performance.now() - noopStarted;
if (again.bytesRead !== 0) throw new Error(`a no-op re-sync read ${again.bytesRead} bytes`);
cache.sqlite.pragma('wal_checkpoint(TRUNCATE)');
const tables = cache.sqlite.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
const points = cache.sqlite.prepare('SELECT coalesce(sum(point_count), 0) FROM series').pluck().get() as number;
cache.close();
process.stdout.write(
  `${JSON.stringify({
    points,
    syncPoints: first.points,
    bytesRead: first.bytesRead,
    syncMs,
    noopMs,
    fileBytes: fs.statSync(cacheFile).size,
    tables,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
