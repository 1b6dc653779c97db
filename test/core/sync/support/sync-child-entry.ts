// A child process that syncs a store into a cache, for the crash test (which kills it) and for
// the reference sync. Bundled with esbuild by the test. Args: dbFile storeDir migrationsDir chunkBytes.
import { openCacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../../electron/core/sync/sync-folder';

const [dbFile, storeDir, migrationsDir, chunkBytes] = process.argv.slice(2) as [string, string, string, string];
const db = openCacheDatabase({ file: dbFile, migrationsDir });
process.stdout.write('started\n');
const summary = await syncFolder(db, storeDir, { chunkBytes: Number(chunkBytes) });
db.close();
process.stdout.write(`done ${JSON.stringify({ durationMs: summary.durationMs, points: summary.points, bytesRead: summary.bytesRead, parsedInWorker: summary.parsedInWorker })}\n`);
