// The runs of a scaling scope as fit observations: N = model.params, D = data.tokens, C = the run's
// compute.flops or 6·N·D, L = the metric's final value (the last point, or the mean of the last k %
// of points). Runs that cannot be a point of the fit are kept aside with the reason; excluded runs
// stay in the list, marked, so the page can show them and undo.
import type Database from 'better-sqlite3';
import { finalMetricValue, type ScalingObservation, type TrainingCurve, type TrainingCurvePoint } from '../../../shared/scaling';
import { STEPS, TOKENS, VALUES } from '../points/point-chunk';
import { readSeriesPoints } from '../points/read-series-points';
import type { FitExclusion } from './fit-exclusions';
import { resolveScalingScope, type ResolvedScalingScope, type ScalingScopeQuery } from './scaling-scope';

export interface ScalingDataQuery {
  scope: ScalingScopeQuery;
  metric: string;
  lastPercent?: number;
  exclusions: readonly FitExclusion[];
}

export interface ObservedRun {
  id: string;
  name: string | null;
  variant: string | null;
  N: number;
  D: number;
  /** Training compute: compute.flops when given, else 6·N·D. */
  C: number;
  L: number;
  /** compute.flops when run.json gave it (observations then use it as their compute). */
  flops?: number;
  excluded: boolean;
  exclusionReason: string | null;
  excludedAt: string | null;
  seriesPk: number;
  /** Points of the metric's series: with the fields above, what the fit and the envelope read. */
  points: number;
}

export interface SkippedRun {
  runId: string;
  name: string | null;
  reason: string;
}

export interface ScalingData {
  scope: ResolvedScalingScope;
  metric: string;
  lastPercent: number | null;
  runs: ObservedRun[];
  skipped: SkippedRun[];
}

/** A run that stopped before this share of its planned tokens has no final loss yet. */
const COMPLETE_SHARE = 0.95;

interface RunRow {
  id: string;
  name: string | null;
  variant: string | null;
  params: number | null;
  tokens: number | null;
  flops: number | null;
  flopsGiven: number;
  state: string | null;
  lastTokens: number | null;
  seriesPk: number | null;
  pointCount: number | null;
  lastValue: number | null;
}

const positive = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;

function describeNonFinite(value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function readScalingData(sqlite: Database.Database, query: ScalingDataQuery): ScalingData {
  const scope = resolveScalingScope(sqlite, query.scope);
  const { metric } = query;
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.name, r.variant, r.params, r.tokens, r.flops, r.flops_given AS flopsGiven, r.state,
         r.last_tokens AS lastTokens, s.pk AS seriesPk, s.point_count AS pointCount, s.last_value AS lastValue
       FROM runs r LEFT JOIN series s ON s.run_pk = r.pk AND s.key = @metric
       WHERE ${scope.where} ORDER BY r.id`,
    )
    .all({ ...scope.params, metric }) as RunRow[];
  const exclusions = new Map(query.exclusions.map((e) => [e.runId, e]));
  const runs: ObservedRun[] = [];
  const skipped: SkippedRun[] = [];

  for (const row of rows) {
    const skip = (reason: string) => skipped.push({ runId: row.id, name: row.name, reason });
    if (!positive(row.params)) {
      skip(row.params === null ? 'run.json gives no model.params (N)' : `model.params is ${row.params}, expected a number > 0`);
      continue;
    }
    if (!positive(row.tokens)) {
      skip(row.tokens === null ? 'run.json gives no data.tokens (D)' : `data.tokens is ${row.tokens}, expected a number > 0`);
      continue;
    }
    if (row.seriesPk === null || !row.pointCount) {
      skip(`logged no ${metric}`);
      continue;
    }
    if (!Number.isFinite(row.lastValue ?? NaN)) {
      skip(`diverged: the last value of ${metric} is ${describeNonFinite(row.lastValue)}`);
      continue;
    }
    if (row.state === 'running') {
      skip('still running: its last value is not a final loss');
      continue;
    }
    if (row.lastTokens !== null && row.lastTokens < COMPLETE_SHARE * row.tokens) {
      skip(`stopped at ${Math.round((100 * row.lastTokens) / row.tokens)} % of its data.tokens`);
      continue;
    }
    let L = row.lastValue!;
    if (query.lastPercent !== undefined) {
      const read = readSeriesPoints(sqlite, row.seriesPk!, {}, STEPS | VALUES);
      const values = Array.from(read.values.subarray(0, read.length));
      L = finalMetricValue(values, query.lastPercent);
    }
    if (!(L > 0)) {
      skip(`final ${metric} is ${L}, expected a loss > 0`);
      continue;
    }
    const exclusion = exclusions.get(row.id);
    const given = row.flopsGiven === 1 && positive(row.flops);
    runs.push({
      id: row.id,
      name: row.name,
      variant: row.variant,
      N: row.params,
      D: row.tokens,
      C: given ? row.flops! : 6 * row.params * row.tokens,
      L,
      ...(given ? { flops: row.flops! } : {}),
      excluded: exclusion !== undefined,
      exclusionReason: exclusion?.reason ?? null,
      excludedAt: exclusion?.at ?? null,
      seriesPk: row.seriesPk,
      points: row.pointCount,
    });
  }
  return { scope, metric, lastPercent: query.lastPercent ?? null, runs, skipped };
}

/** What the fit sees: the runs not excluded, as plain observations. */
export function fitObservations(runs: readonly ObservedRun[]): ScalingObservation[] {
  return runs
    .filter((r) => !r.excluded)
    .map((r) => (r.flops !== undefined ? { id: r.id, N: r.N, D: r.D, L: r.L, flops: r.flops } : { id: r.id, N: r.N, D: r.D, L: r.L }));
}

/**
 * Whole training curves of the runs in the fit, for the loss envelope: every point with a token
 * count and a finite value, at FLOPs = tokens × (the run's FLOPs per token). A run that logged no token counts
 * contributes its final point at (C, L).
 */
export function readTrainingCurves(sqlite: Database.Database, runs: readonly ObservedRun[]): TrainingCurve[] {
  return runs
    .filter((r) => !r.excluded)
    .map((r) => {
      const flopsPerToken = r.C / r.D;
      const points: TrainingCurvePoint[] = [];
      const curve = readSeriesPoints(sqlite, r.seriesPk, {}, STEPS | TOKENS | VALUES);
      for (let i = 0; i < curve.length; i++) {
        const tokens = curve.tokens[i]!;
        const value = curve.values[i]!;
        if (tokens > 0 && Number.isFinite(value)) points.push({ flops: tokens * flopsPerToken, loss: value });
      }
      if (points.length === 0) points.push({ flops: r.C, loss: r.L });
      return { id: r.id, N: r.N, points };
    });
}
