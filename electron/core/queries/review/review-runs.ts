// Runs for the review: finished, failed (or killed) and diverged since the review started, and the
// ones stale now. "When" comes from the store: status.json's updated_at for a state change, the
// first non-finite point's logged `time` for a divergence (the status time, then created_at, when
// the metrics log no time).
import { firstPointWhere } from '../../points/point-lookups';
import type Database from 'better-sqlite3';
import { encodeNumber } from '../../../../shared/api/json-number';
import type { DivergedRun, ReviewRun, StaleRun } from '../../../../shared/api/review-methods';
import { STALE_AFTER_MS } from '../runs/run-rows';
import { loadEvalTrust } from '../runs/eval-trust';
import { getSeries } from '../series/get-series';
import { storeTimeMs } from './review-start';

interface RunDbRow {
  pk: number;
  id: string;
  name: string | null;
  owner: string | null;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  proposal: string | null;
  params: number | null;
  state: string | null;
  stateUpdatedAt: string | null;
  message: string | null;
  lastStep: number | null;
  createdAt: string;
}

const RUN_SQL = `SELECT pk, id, name, owner, group_name AS "group", ablation, variant, proposal, params, state,
  state_updated_at AS stateUpdatedAt, state_message AS message, last_step AS lastStep, created_at AS createdAt FROM runs`;

/** Width of a diverged run's curve on a slide, in chart columns. */
const CURVE_WIDTH = 640;
const LOSS_KEY = /loss/i;

/** Eval losses say more than the training loss; among several, the first by name. */
function mainLossKey(keys: readonly string[]): string | null {
  const losses = keys.filter((k) => LOSS_KEY.test(k)).sort();
  return losses.find((k) => k.startsWith('eval/')) ?? losses.find((k) => k === 'train/loss') ?? losses[0] ?? null;
}

function reviewRun(sqlite: Database.Database, row: RunDbRow): ReviewRun {
  const series = sqlite.prepare('SELECT key, last_value AS lastValue, point_count AS n FROM series WHERE run_pk = ?').all(row.pk) as {
    key: string;
    lastValue: number | null;
    n: number;
  }[];
  const key = mainLossKey(series.filter((s) => s.n > 0).map((s) => s.key));
  const last = series.find((s) => s.key === key);
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    group: row.group,
    ablation: row.ablation,
    variant: row.variant,
    proposal: row.proposal,
    params: row.params,
    state: row.state,
    stateUpdatedAt: row.stateUpdatedAt,
    message: row.message,
    lastStep: row.lastStep,
    // A NaN is stored as NULL.
    loss: key && last ? { metric: key, value: encodeNumber(last.lastValue ?? Number.NaN) } : null,
  };
}

function inWindow(ms: number | null, sinceMs: number, nowMs: number): ms is number {
  return ms !== null && ms > sinceMs && ms <= nowMs;
}

export interface ReviewRuns {
  finished: ReviewRun[];
  failed: ReviewRun[];
  diverged: DivergedRun[];
  stale: StaleRun[];
}

export function reviewRuns(sqlite: Database.Database, sinceMs: number, nowMs: number): ReviewRuns {
  const rows = sqlite.prepare(`${RUN_SQL} WHERE state IS NOT NULL`).all() as RunDbRow[];
  const byNewest = (a: RunDbRow, b: RunDbRow) => (storeTimeMs(b.stateUpdatedAt) ?? 0) - (storeTimeMs(a.stateUpdatedAt) ?? 0) || a.id.localeCompare(b.id);
  const changed = (state: string[]) =>
    rows.filter((r) => state.includes(r.state!) && inWindow(storeTimeMs(r.stateUpdatedAt), sinceMs, nowMs)).sort(byNewest);
  const stale = rows
    .filter((r) => r.state === 'running')
    .map((r) => ({ row: r, updated: storeTimeMs(r.stateUpdatedAt) }))
    .filter((r): r is { row: RunDbRow; updated: number } => r.updated !== null && nowMs - r.updated > STALE_AFTER_MS)
    .sort((a, b) => a.updated - b.updated)
    .map(({ row, updated }): StaleRun => ({ ...reviewRun(sqlite, row), silentForMs: nowMs - updated }));
  return {
    finished: changed(['finished']).map((r) => reviewRun(sqlite, r)),
    failed: changed(['failed', 'killed']).map((r) => reviewRun(sqlite, r)),
    diverged: divergedRuns(sqlite, sinceMs, nowMs),
    stale,
  };
}

function divergedRuns(sqlite: Database.Database, sinceMs: number, nowMs: number): DivergedRun[] {
  const candidates = sqlite
    .prepare(
      `SELECT s.pk AS seriesPk, s.key, s.non_finite_count AS nonFinite, r.id AS runId FROM series s JOIN runs r ON r.pk = s.run_pk
       WHERE s.non_finite_count > 0 ORDER BY r.id, s.key`,
    )
    .all() as { seriesPk: number; key: string; nonFinite: number; runId: string }[];
  const runOf = sqlite.prepare(`${RUN_SQL} WHERE id = ?`);
  const trust = loadEvalTrust(sqlite);
  const firstByRun = new Map<string, { key: string; step: number; atMs: number | null; nonFinite: number; row: RunDbRow }>();
  for (const c of candidates) {
    if (!LOSS_KEY.test(c.key)) continue;
    const found = firstPointWhere(sqlite, c.seriesPk, (p, i) => !Number.isFinite(p.values[i]!));
    if (!found) continue;
    const point = { step: found.step, time: Number.isNaN(found.time) ? null : found.time };
    const row = runOf.get(c.runId) as RunDbRow;
    const atMs = point.time !== null ? point.time * 1000 : (storeTimeMs(row.stateUpdatedAt) ?? storeTimeMs(row.createdAt));
    const seen = firstByRun.get(c.runId);
    if (!seen || point.step < seen.step) firstByRun.set(c.runId, { key: c.key, step: point.step, atMs, nonFinite: c.nonFinite, row });
  }
  const out: DivergedRun[] = [];
  for (const [runId, first] of firstByRun) {
    if (!inWindow(first.atMs, sinceMs, nowMs)) continue;
    const curve = getSeries(sqlite, { runIds: [runId], metrics: [first.key], width: CURVE_WIDTH, x: 'step', xLog: false, smoothing: 0 }, trust).series[0] ?? null;
    out.push({
      ...reviewRun(sqlite, first.row),
      metric: first.key,
      firstNonFiniteStep: first.step,
      divergedAt: new Date(first.atMs).toISOString(),
      nonFiniteCount: first.nonFinite,
      curve,
    });
  }
  return out.sort((a, b) => Date.parse(b.divergedAt!) - Date.parse(a.divergedAt!) || a.id.localeCompare(b.id));
}
