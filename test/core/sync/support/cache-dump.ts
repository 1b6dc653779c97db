// The cache's content by natural keys (run ids and metric keys, not row ids), without the times
// of the sync itself: what "the same database" means when comparing two syncs.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { allPointRows, orphanChunks } from '../../../helpers/cache-points';

/** SQL, or (for the points, which live in compressed chunks) a function that reads the rows. */
type DumpQuery = string | ((sqlite: Database.Database) => Iterable<unknown[]>);

const rowsOf = (sqlite: Database.Database, query: DumpQuery): Iterable<unknown[]> =>
  typeof query === 'string' ? (sqlite.prepare(query).raw().iterate() as Iterable<unknown[]>) : query(sqlite);

export const CACHE_DUMP_QUERIES: Record<string, DumpQuery> = {
  runs: `SELECT id, name, created_at, owner, group_name, ablation, variant, seed, proposal, params, non_embedding_params,
           active_params, arch, tokens, mixture, flops, flops_given, accelerator, chips, chip_hours, config_json, tags_json,
           raw_json, state, state_updated_at, state_message, last_step, last_tokens, last_time, point_count, source, source_fields_json
         FROM runs ORDER BY id`,
  series: `SELECT r.id, s.key, s.point_count, s.last_step, s.last_value, s.non_finite_count
           FROM series s JOIN runs r ON r.pk = s.run_pk ORDER BY r.id, s.key`,
  points: (sqlite) => allPointRows(sqlite),
  orphanPoints: (sqlite) => [[orphanChunks(sqlite)]],
  loggedEntries: `SELECT r.id, s.key, e.seq, e.step, e.time, quote(e.value)
                  FROM logged_entries e JOIN series s ON s.pk = e.series_pk JOIN runs r ON r.pk = s.run_pk ORDER BY r.id, s.key, e.seq`,
  ablations: 'SELECT * FROM ablations ORDER BY id',
  proposals: 'SELECT * FROM proposals ORDER BY id',
  people: 'SELECT * FROM people ORDER BY id',
  areas: 'SELECT * FROM areas ORDER BY name',
  phases: 'SELECT * FROM phases ORDER BY name',
  evalSuites: 'SELECT * FROM eval_suites ORDER BY prefix',
  events: 'SELECT * FROM events ORDER BY id',
  syncFiles: 'SELECT * FROM sync_files ORDER BY path',
  syncIssues: 'SELECT path, line, code, message, expected FROM sync_issues ORDER BY path, line, code, message',
  cacheState: "SELECT key, value FROM cache_state WHERE key <> 'last_sync_at' ORDER BY key",
  // What the points decide; not whether it was news to this cache (live), nor the clock's rules.
  alerts: `SELECT run_id, metric, rule, step, value, level, threshold, detail_json, point_time FROM alerts
           WHERE superseded = 0 AND rule NOT IN ('stalled', 'run-ended') ORDER BY run_id, metric, rule, step`,
};

export function dumpCache(sqlite: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(CACHE_DUMP_QUERIES).map(([table, query]) => [table, [...rowsOf(sqlite, query)]]));
}

/** Row count and a hash of every table's rows, streamed: for caches too big to hold in memory twice. */
export function digestCache(sqlite: Database.Database): Record<string, { rows: number; sha256: string }> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const [table, query] of Object.entries(CACHE_DUMP_QUERIES)) {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of rowsOf(sqlite, query)) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
      hash.update('\n');
      rows++;
    }
    out[table] = { rows, sha256: hash.digest('hex') };
  }
  return out;
}
