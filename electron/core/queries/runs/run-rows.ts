// Runs as the pages show them: every identifying field, the status with staleness, the tags, and
// the config keys asked for as columns.
import type Database from 'better-sqlite3';
import type { ConfigValue, RunRow, RunStatus } from '../../../../shared/domain/run-views';
import { canonicalIsoTime, isIsoTime } from '../../store/iso-time';
import { STALE_AFTER_MS } from '../list-runs';
import { flattenConfig, parseJsonObject } from './flatten-config';

export interface StoredRun {
  pk: number;
  id: string;
  name: string | null;
  owner: string | null;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  seed: number | null;
  proposal: string | null;
  createdAt: string;
  params: number | null;
  tokens: number | null;
  flops: number | null;
  flopsGiven: number;
  arch: string | null;
  mixture: string | null;
  accelerator: string | null;
  chips: number | null;
  chipHours: number | null;
  state: string | null;
  stateUpdatedAt: string | null;
  stateMessage: string | null;
  lastStep: number | null;
  lastTokens: number | null;
  pointCount: number;
  tagsJson: string;
  configJson: string;
  source: string;
}

export const RUN_COLUMNS = `pk, id, name, owner, group_name AS "group", ablation, variant, seed, proposal, created_at AS createdAt,
  params, tokens, flops, flops_given AS flopsGiven, arch, mixture, accelerator, chips, chip_hours AS chipHours,
  state, state_updated_at AS stateUpdatedAt, state_message AS stateMessage, last_step AS lastStep,
  last_tokens AS lastTokens, point_count AS pointCount, tags_json AS tagsJson, config_json AS configJson, source`;

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
    flopsGiven: run.flopsGiven === 1,
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

export function loadStoredRuns(sqlite: Database.Database, where = '', args: unknown[] = []): StoredRun[] {
  return sqlite.prepare(`SELECT ${RUN_COLUMNS} FROM runs ${where}`).all(...args) as StoredRun[];
}

export function loadRunsByIds(sqlite: Database.Database, ids: readonly string[]): StoredRun[] {
  const found = sqlite
    .prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as StoredRun[];
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
