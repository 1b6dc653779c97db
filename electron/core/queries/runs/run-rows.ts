// Runs as the pages show them: every identifying field, the status with staleness, the tags, and
// the config keys asked for as columns.
import type Database from 'better-sqlite3';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ConfigValue, RunRow, RunStatus } from '../../../../shared/domain/run-views';
import { runs } from '../../db/schema';
import { typedCache, type RunRecord } from '../../db/typed-cache';
import { canonicalIsoTime, isIsoTime } from '../../store/iso-time';
import { flattenConfig, parseJsonObject } from './flatten-config';

/**
 * A run as the pages read it: the schema's row (RunRecord) without what only the config view, the
 * mapping preview and the sync read (run.json as read, the source's fields, the sync time).
 */
export type StoredRun = Omit<RunRecord, 'rawJson' | 'sourceFieldsJson' | 'syncedAt' | 'nonEmbeddingParams' | 'activeParams' | 'lastTime'>;

/** A running run that has not reported for this long is shown as stale. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

const { rawJson: _raw, sourceFieldsJson: _fields, syncedAt: _synced, nonEmbeddingParams: _nonEmbedding, activeParams: _active, lastTime: _lastTime, ...storedRunColumns } =
  getTableColumns(runs);

export function runStatus(state: string | null, updatedAt: string | null, now: number): RunStatus {
  if (state === 'running') {
    const stale = isIsoTime(updatedAt) && now - Date.parse(canonicalIsoTime(updatedAt)) > STALE_AFTER_MS;
    return stale ? 'stale' : 'running';
  }
  if (state === 'finished' || state === 'failed' || state === 'killed') return state;
  return 'unknown';
}

export function parseTags(text: string): string[] {
  const tags = parseJsonObject(text);
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export function toRunRow(run: StoredRun, now: number, config: Map<string, ConfigValue> | null, columns: readonly string[]): RunRow {
  const values: Record<string, ConfigValue> = {};
  if (columns.length > 0) {
    const flat = config ?? flattenConfig(parseJsonObject(run.configJson));
    for (const key of columns) values[key] = flat.get(key) ?? null;
  }
  return {
    id: run.id,
    name: run.name,
    owner: run.owner,
    group: run.group,
    ablation: run.ablation,
    variant: run.variant,
    seed: run.seed,
    proposal: run.proposal,
    createdAt: run.createdAt,
    params: run.params,
    tokens: run.tokens,
    flops: run.flops,
    flopsGiven: run.flopsGiven,
    arch: run.arch,
    mixture: run.mixture,
    accelerator: run.accelerator,
    chips: run.chips,
    chipHours: run.chipHours,
    status: runStatus(run.state, run.stateUpdatedAt, now),
    statusMessage: run.stateMessage,
    statusUpdatedAt: run.stateUpdatedAt,
    lastStep: run.lastStep,
    lastTokens: run.lastTokens,
    pointCount: run.pointCount,
    tags: parseTags(run.tagsJson),
    source: run.source,
    values,
  };
}

/** The runs `where` selects (all of them without), in `orderBy`'s order. */
export function loadStoredRuns(sqlite: Database.Database, where?: SQL, ...orderBy: Array<SQL | SQLiteColumn>): StoredRun[] {
  const query = typedCache(sqlite).select(storedRunColumns).from(runs).where(where).$dynamic();
  return orderBy.length > 0 ? query.orderBy(...orderBy).all() : query.all();
}

/** The runs of these ids, in the order given; ids the cache does not hold are left out. */
export function loadRunsByIds(sqlite: Database.Database, ids: readonly string[]): StoredRun[] {
  // json_each rather than IN (?, ?, …): a page may ask for more runs than SQLite takes parameters.
  const found = loadStoredRuns(sqlite, sql`${runs.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const run = byId.get(id);
    return run ? [run] : [];
  });
}
