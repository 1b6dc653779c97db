// The Runs page's table: every run that passes the filters, sorted by any field or config key, with the
// values of the config keys shown as columns, counts for each filter's choices, and every config key known.
import type Database from 'better-sqlite3';
import type { ConfigValue, Facet, RunFacets, RunList, RunRow, RunStatus } from '../../../../shared/domain/run-views';
import { flattenConfig, parseJsonObject } from './flatten-config';
import { loadStoredRuns, parseTags, runStatus, toRunRow, type StoredRun } from './run-rows';

export interface RunTableQuery {
  ids?: string[];
  text?: string;
  tags?: string[];
  group?: string;
  owner?: string;
  status?: RunStatus[];
  ablation?: string;
  proposal?: string;
  sort?: { key: string; dir: 'asc' | 'desc' };
  columns: string[];
  limit?: number;
  offset: number;
}

function countFacet(values: Iterable<string | null>): Facet[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function textOf(run: StoredRun, tags: string[]): string {
  return [run.id, run.name, run.owner, run.group, run.ablation, run.variant, run.proposal, run.arch, run.mixture, run.stateMessage, ...tags]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

function compareValues(a: ConfigValue | undefined, b: ConfigValue | undefined): number {
  const missingA = a === null || a === undefined;
  const missingB = b === null || b === undefined;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function sortValue(row: RunRow, key: string): ConfigValue | undefined {
  if (key in row.values) return row.values[key];
  const field = (row as unknown as Record<string, unknown>)[key];
  if (Array.isArray(field)) return field.join(',');
  return field as ConfigValue | undefined;
}

export function listRunTable(sqlite: Database.Database, query: RunTableQuery, now = Date.now()): RunList {
  const stored = loadStoredRuns(sqlite);
  const tagsOf = new Map<number, string[]>();
  const configOf = new Map<number, Map<string, ConfigValue>>();
  const keyCounts = new Map<string, number>();
  for (const run of stored) {
    tagsOf.set(run.pk, parseTags(run.tagsJson));
    const config = flattenConfig(parseJsonObject(run.configJson));
    configOf.set(run.pk, config);
    for (const key of config.keys()) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
  }
  const facets: RunFacets = {
    owners: countFacet(stored.map((r) => r.owner)),
    groups: countFacet(stored.map((r) => r.group)),
    tags: countFacet(stored.flatMap((r) => tagsOf.get(r.pk)!)),
    ablations: countFacet(stored.map((r) => r.ablation)),
    proposals: countFacet(stored.map((r) => r.proposal)),
    statuses: countFacet(stored.map((r) => runStatus(r.state, r.stateUpdatedAt, now))),
  };
  const needle = query.text?.trim().toLowerCase() ?? '';
  const statuses = query.status && query.status.length > 0 ? new Set(query.status) : null;
  const ids = query.ids ? new Set(query.ids) : null;
  const matched = stored.filter((run) => {
    const tags = tagsOf.get(run.pk)!;
    if (ids && !ids.has(run.id)) return false;
    if (query.group !== undefined && run.group !== query.group) return false;
    if (query.owner !== undefined && run.owner !== query.owner) return false;
    if (query.ablation !== undefined && run.ablation !== query.ablation) return false;
    if (query.proposal !== undefined && run.proposal !== query.proposal) return false;
    if (query.tags && !query.tags.every((t) => tags.includes(t))) return false;
    if (statuses && !statuses.has(runStatus(run.state, run.stateUpdatedAt, now))) return false;
    if (needle && !needle.split(/\s+/).every((word) => textOf(run, tags).includes(word))) return false;
    return true;
  });
  const sortKey = query.sort?.key ?? 'createdAt';
  // A config key sorted by comes along in `values`, so the page can show what it sorted by.
  const columns = !query.columns.includes(sortKey) && keyCounts.has(sortKey) ? [...query.columns, sortKey] : query.columns;
  let rows = matched.map((run) => toRunRow(run, now, configOf.get(run.pk)!, columns));
  const direction = (query.sort?.dir ?? 'desc') === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const primary = compareValues(sortValue(a, sortKey), sortValue(b, sortKey));
    // Missing values stay last whichever way the column is sorted.
    const missing = sortValue(a, sortKey) == null || sortValue(b, sortKey) == null;
    return (missing ? primary : direction * primary) || a.id.localeCompare(b.id);
  });
  const total = rows.length;
  if (query.offset > 0 || query.limit !== undefined) rows = rows.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit);
  return {
    total: stored.length,
    matched: total,
    runs: rows,
    facets,
    configKeys: [...keyCounts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}
