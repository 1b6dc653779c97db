// A child process that opens a cache the way every Tessera process does (migrating it to the
// migrations it is given), for the migration crash test that kills it. Args: dbFile migrationsDir.
// It reports how long the open took and how large the WAL had grown before closing checkpoints it.
import fs from 'node:fs';
import { openCacheDatabase } from '../../../../electron/core/db/open-cache-database';

const [dbFile, migrationsDir] = process.argv.slice(2) as [string, string];
process.stdout.write('migrating\n');
const started = performance.now();
const cache = openCacheDatabase({ file: dbFile, migrationsDir });
const migrateMs = performance.now() - started;
const walBytes = fs.statSync(`${dbFile}-wal`).size;
cache.close();
process.stdout.write(`done ${JSON.stringify({ migrateMs, walBytes })}\n`);
