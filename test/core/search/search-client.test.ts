// The search worker under its time budget: a query past it, or one its caller left, is stopped (the
// worker thread ended), the caller gets a clear error, and the next query is answered by a new worker;
// a query still waiting its turn when its caller leaves is never run.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchClient, SearchTaskError, type SearchClient } from '../../../electron/core/search/search-client';
import type { SearchResult } from '../../../shared/api/search-methods';
import { createSearchLab, migrationsDir, type SearchLab } from './search-lab-fixture';

const workerFile = path.resolve(__dirname, '..', '..', '..', 'dist', 'core', 'search-worker.mjs');
const warmup = { kind: 'search', options: { query: 'warmup', limit: 10 } } as const;
let lab: SearchLab;
let search: SearchClient;

beforeAll(async () => {
  lab = await createSearchLab();
  search = createSearchClient(workerFile, { dbFile: lab.cache.file, migrationsDir });
});
afterAll(async () => {
  await search.close();
  lab.cache.close();
});

const hitsOf = (result: SearchResult) => result.hits.map((hit) => hit.id);

describe('the search worker', () => {
  it('answers a query as the query function does', async () => {
    expect(hitsOf(await search.run<SearchResult>(warmup))).toEqual(['p-warmup', '01JA0000000000000000000001']);
  });

  it('stops a query past its budget, says so, and answers the next one with a new worker', async () => {
    // 1 ms: a fresh worker cannot even open the cache in that time.
    await search.close();
    search = createSearchClient(workerFile, { dbFile: lab.cache.file, migrationsDir });
    const late = await search.run(warmup, { budgetMs: 1 }).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(SearchTaskError);
    expect(late).toMatchObject({ kind: 'over-budget', message: expect.stringMatching(/took longer than 0.001 s and was stopped/) });
    expect(hitsOf(await search.run<SearchResult>(warmup))).toEqual(['p-warmup', '01JA0000000000000000000001']);
  });

  it('stops the running query when its caller leaves, and drops a waiting one without running it', async () => {
    const running = new AbortController();
    const waiting = new AbortController();
    const first = search.run(warmup, { signal: running.signal }).catch((error: unknown) => error);
    const second = search.run(warmup, { signal: waiting.signal }).catch((error: unknown) => error);
    const third = search.run<SearchResult>(warmup);
    waiting.abort();
    running.abort();
    expect(await first).toMatchObject({ kind: 'cancelled' });
    expect(await second).toMatchObject({ kind: 'cancelled' });
    expect(hitsOf(await third)).toEqual(['p-warmup', '01JA0000000000000000000001']);
    const gone = new AbortController();
    gone.abort();
    await expect(search.run(warmup, { signal: gone.signal })).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
