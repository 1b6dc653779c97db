// Worker-thread entry of search and "Tried before?": FTS5 queries whose cost grows with what the store
// holds run here, on their own read-only cache connection, so the core thread that answers every call
// never waits for one. Better-sqlite3 cannot interrupt a query, so the core stops a query past its time
// budget by ending this thread (search-client.ts); it is started again for the next one.
import { parentPort, workerData } from 'node:worker_threads';
import { openCacheDatabase, type CacheDatabase } from '../db/open-cache-database';
import { searchLab } from '../search/search';
import { findTriedBefore } from '../search/tried-before';
import type { SearchReply, SearchRequest, SearchWorkerInit } from '../search/search-messages';

const port = parentPort;
if (!port) throw new Error('search-worker must run in a worker thread');
const init = workerData as SearchWorkerInit;
let cache: CacheDatabase | null = null;

port.on('message', (request: SearchRequest) => {
  if (request.type === 'stop') {
    cache?.close();
    port.close();
    return;
  }
  let reply: SearchReply;
  try {
    cache ??= openCacheDatabase({ file: init.dbFile, migrationsDir: init.migrationsDir, nativeBinding: init.nativeBinding, readonly: true });
    const { task } = request;
    const result = task.kind === 'search' ? searchLab(cache.sqlite, task.options) : findTriedBefore(cache.sqlite, task.proposalId, task.limit);
    reply = { type: 'done', id: request.id, result };
  } catch (error) {
    reply = { type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
