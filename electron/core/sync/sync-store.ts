// Syncs any kind of store: the lab store, a TensorBoard log directory, an MLflow store or W&B runs, each
// by its own engine. A cache mirrors one store; when the format it mirrors changes (Settings now
// point at an MLflow store), what the old one put there is taken out first, as the cache can
// always be rebuilt. Fit exclusions, which are the user's own, stay.
import type Database from 'better-sqlite3';
import type { FieldMapping } from '../sources/field-mapping';
import type { StoreFormat } from '../store-access/store-url';
import { syncSourceStore } from './sources/sync-source-store';
import { StoreEntityWriter } from './store-entity-writer';
import { inTransaction } from './sync-context';
import { syncLabStore, type SyncLabStoreOptions } from './sync-lab-store';
import type { SyncSummary } from './sync-summary';

export interface SyncStoreOptions extends SyncLabStoreOptions {
  format: StoreFormat;
  /** TensorBoard and MLflow: which param or tag gives params, tokens, flops, group, ablation, variant, seed. */
  fieldMapping?: FieldMapping;
}

const FORMAT_KEY = 'source_format';
const SOURCE_FILE_KINDS = "('tensorboard-events', 'mlflow-metrics', 'mlflow-text', 'wandb-records', 'mlflow-sqlite', 'mlflow-sqlite-run')";

/** The format whose content the cache holds; null when it is empty. Caches older than the key hold a lab store. */
function heldFormat(sqlite: Database.Database): StoreFormat | null {
  const recorded = sqlite.prepare('SELECT value FROM cache_state WHERE key = ?').pluck().get(FORMAT_KEY) as StoreFormat | undefined;
  if (recorded) return recorded;
  const labStore =
    sqlite.prepare("SELECT 1 FROM runs WHERE source = 'labstore' LIMIT 1").get() !== undefined ||
    sqlite.prepare(`SELECT 1 FROM sync_files WHERE kind NOT IN ${SOURCE_FILE_KINDS} LIMIT 1`).get() !== undefined;
  return labStore ? 'labstore' : null;
}

/** Empties everything a store put in the cache (runs through the writer, so the series hooks hear of it). */
export function clearStoreContent(sqlite: Database.Database): void {
  const entities = new StoreEntityWriter(sqlite);
  for (const pk of sqlite.prepare('SELECT pk FROM runs').pluck().all() as number[]) entities.removeRun(pk);
  entities.replaceTeam(null);
  for (const table of ['ablations', 'proposals', 'events', 'sync_files', 'sync_issues']) sqlite.prepare(`DELETE FROM ${table}`).run();
  sqlite.prepare("DELETE FROM cache_state WHERE key IN ('store_name', 'last_sync_at')").run();
}

/** What an emptied cache held, so the app refreshes those views. */
export interface ClearedContent {
  runs: string[];
  ablations: string[];
  proposals: string[];
  events: string[];
}

/** Makes the cache hold `format`'s content; says what was taken out when it held another format. */
export function claimCacheForFormat(sqlite: Database.Database, format: StoreFormat): ClearedContent | null {
  return inTransaction(sqlite, () => {
    const held = heldFormat(sqlite);
    let cleared: ClearedContent | null = null;
    if (held !== null && held !== format) {
      const ids = (table: string) => sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as string[];
      cleared = { runs: ids('runs'), ablations: ids('ablations'), proposals: ids('proposals'), events: ids('events') };
      clearStoreContent(sqlite);
    }
    // A lab-store cache carries no marker, so it stays exactly what syncLabStore alone would make.
    if (format === 'labstore') sqlite.prepare('DELETE FROM cache_state WHERE key = ?').run(FORMAT_KEY);
    else sqlite.prepare('INSERT OR REPLACE INTO cache_state (key, value) VALUES (?, ?)').run(FORMAT_KEY, format);
    return cleared;
  });
}

export async function syncStore(options: SyncStoreOptions): Promise<SyncSummary> {
  const cleared = claimCacheForFormat(options.db.sqlite, options.format);
  const summary = options.format === 'labstore' ? await syncLabStore(options) : await syncSourceStore({ ...options, format: options.format });
  if (!cleared) return summary;
  const merge = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  const kept = new Set(summary.changed.runs);
  summary.changed = {
    runs: summary.changed.runs,
    removedRuns: merge(summary.changed.removedRuns, cleared.runs.filter((id) => !kept.has(id))),
    ablations: merge(summary.changed.ablations, cleared.ablations),
    proposals: merge(summary.changed.proposals, cleared.proposals),
    events: merge(summary.changed.events, cleared.events),
    team: true,
    issues: true,
  };
  return summary;
}
