// search and triedBefore through the single API entry: validation of filters, not-found, plain JSON.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../electron/core/api/handlers';
import { createSearchHandlers } from '../../../electron/core/api/search-handlers';
import { createSearchClient, type SearchClient } from '../../../electron/core/search/search-client';
import type { SearchResult, TriedBefore } from '../../../shared/api/search-methods';
import { createSearchLab, migrationsDir, type SearchLab } from '../search/search-lab-fixture';

const workerFile = path.resolve(__dirname, '..', '..', '..', 'dist', 'core', 'search-worker.mjs');
let lab: SearchLab;
let search: SearchClient;
let handlers: Handlers;
beforeAll(async () => {
  lab = await createSearchLab();
  // The search handlers need only the search worker, which reads the cache on its own connection.
  search = createSearchClient(workerFile, { dbFile: lab.cache.file, migrationsDir });
  handlers = createSearchHandlers({ search }) as unknown as Handlers;
});
afterAll(async () => {
  await search.close();
  lab.cache.close();
});
const call = (method: string, input: unknown) => dispatchApiCall(handlers, method, input, { transport: 'test', canWrite: false });

describe('search over the API', () => {
  it('returns ranked hits as plain JSON with a default limit', async () => {
    const result = await call('search', { query: 'warmup' });
    expect(result.ok).toBe(true);
    const value = (result as { value: SearchResult }).value;
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    expect(value.hits.map((hit) => hit.id)).toEqual(['p-warmup', '01JA0000000000000000000001']);
  });

  it('refuses an unknown kind, an impossible date and a range that ends before it starts, naming the field', async () => {
    const kind = await call('search', { query: 'x', kinds: ['person'] });
    expect(kind).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'kinds[0]' }] } });
    const day = await call('search', { query: 'x', from: '2026-02-30' });
    expect(day).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'from' }] } });
    const backwards = await call('search', { query: 'x', from: '2026-10-10', to: '2026-09-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((backwards as { error: { message: string } }).error.message).toMatch(/to \(2026-09-01\) is before from/);
  });
});

describe('triedBefore over the API', () => {
  it('answers for a proposal in the cache', async () => {
    const result = await call('triedBefore', { proposalId: 'p-sweep' });
    expect(result.ok).toBe(true);
    expect((result as { value: TriedBefore }).value.proposalId).toBe('p-sweep');
  });

  it('says which proposal is missing', async () => {
    const result = await call('triedBefore', { proposalId: 'p-missing' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((result as { error: { message: string } }).error.message).toContain('proposals/p-missing.md');
  });
});
