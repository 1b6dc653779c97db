// An ablation's verdicts now and as they stood at an earlier instant, recomputed from the data: as
// of time T a run counts when it was created by T, and a point when it was logged by T (its
// `time`; a point without one counts from the run's status time, else its created_at). The rule is
// the Ablations page's (queries/ablations/ablation-results): each model size compares every variant
// with the baseline at the comparison point (the largest compare_at value all its runs reached), and
// welchVerdict over seeds decides better / worse / within noise. That query reads the cache as it is;
// this one needs every point with its time, to cut the data at T.
import type Database from 'better-sqlite3';
import type { AblationChange, VerdictCell } from '../../../../shared/api/review-methods';
import { valueAtComparisonPoint, type ComparisonRun } from '../../../../shared/series';
import { welchTTest, welchVerdict } from '../../../../shared/stats';
import { readSeriesPoints } from '../../points/read-series-points';
import { metricDirection } from '../../../../shared/domain/metric-direction';
import { flopsPerToken } from '../series/run-axis';
import { storeTimeMs } from './review-start';

interface AblationDbRow {
  id: string;
  title: string | null;
  question: string | null;
  proposal: string | null;
  metric: string | null;
  baseline: string | null;
  compareAt: string;
}

interface TimedRun {
  id: string;
  variant: string;
  params: number | null;
  createdMs: number;
  xs: Float64Array;
  ys: Float64Array;
  /** Epoch ms per point. */
  times: Float64Array;
}

export interface AblationData {
  ablation: AblationDbRow & { metric: string; baseline: string };
  better: 'lower' | 'higher';
  runs: TimedRun[];
}

/** The ablation's runs with every point of its metric, in its compare_at unit; null when it names no metric or baseline. */
export function readAblationData(sqlite: Database.Database, id: string): AblationData | null {
  const ablation = sqlite
    .prepare('SELECT id, title, question, proposal, metric, baseline, compare_at AS compareAt FROM ablations WHERE id = ?')
    .get(id) as AblationDbRow | undefined;
  if (!ablation || !ablation.metric || !ablation.baseline) return null;
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.variant, r.params, r.tokens, r.flops, r.created_at AS createdAt, r.state_updated_at AS stateUpdatedAt, s.pk AS seriesPk
       FROM runs r JOIN series s ON s.run_pk = r.pk AND s.key = ? WHERE r.ablation = ? AND r.variant IS NOT NULL ORDER BY r.id`,
    )
    .all(ablation.metric, id) as {
    id: string;
    variant: string;
    params: number | null;
    tokens: number | null;
    flops: number | null;
    createdAt: string;
    stateUpdatedAt: string | null;
    seriesPk: number;
  }[];
  const runs = rows.map((row): TimedRun => {
    const createdMs = storeTimeMs(row.createdAt) ?? 0;
    const untimedMs = storeTimeMs(row.stateUpdatedAt) ?? createdMs;
    const perToken = flopsPerToken(row);
    const points = readSeriesPoints(sqlite, row.seriesPk);
    const n = points.length;
    const xs = new Float64Array(n);
    const ys = points.values.slice(0, n);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const tokens = points.tokens[i]!;
      xs[i] =
        ablation.compareAt === 'step'
          ? points.steps[i]!
          : ablation.compareAt === 'flops'
            ? perToken === null
              ? Number.NaN
              : tokens * perToken
            : tokens;
      const time = points.times[i]!;
      times[i] = Number.isNaN(time) ? untimedMs : time * 1000;
    }
    return { id: row.id, variant: row.variant, params: row.params, createdMs, xs, ys, times };
  });
  return { ablation: { ...ablation, metric: ablation.metric, baseline: ablation.baseline }, better: metricDirection(ablation.metric), runs };
}

type SizedRun = ComparisonRun & { params: number | null };

/** The runs as of `asOfMs` (every point when null): only what was logged by then, runs created by then. */
function runsAsOf(runs: readonly TimedRun[], asOfMs: number | null): SizedRun[] {
  const out: SizedRun[] = [];
  for (const run of runs) {
    if (asOfMs !== null && run.createdMs > asOfMs) continue;
    const keep: number[] = [];
    for (let i = 0; i < run.xs.length; i++) if ((asOfMs === null || run.times[i]! <= asOfMs) && Number.isFinite(run.xs[i])) keep.push(i);
    if (keep.length === 0) continue;
    out.push({
      runId: run.id,
      variant: run.variant,
      params: run.params,
      xs: Float64Array.from(keep, (i) => run.xs[i]!),
      ys: Float64Array.from(keep, (i) => run.ys[i]!),
    });
  }
  return out;
}

/** Every variant against the baseline at every model size that has both, as of `asOfMs` (now when null). */
export function verdictCells(data: AblationData, asOfMs: number | null): VerdictCell[] {
  const { baseline } = data.ablation;
  const bySize = new Map<number | null, SizedRun[]>();
  for (const run of runsAsOf(data.runs, asOfMs)) bySize.set(run.params, [...(bySize.get(run.params) ?? []), run]);
  const cells: VerdictCell[] = [];
  const sizes = [...bySize.keys()].sort((a, b) => (a ?? -1) - (b ?? -1));
  for (const params of sizes) {
    const group = bySize.get(params)!;
    if (!group.some((r) => r.variant === baseline) || !group.some((r) => r.variant !== baseline)) continue;
    const point = valueAtComparisonPoint(group);
    if (!point.ok) continue;
    const finite = (variant: string) => point.variants.find((v) => v.variant === variant)?.values.filter(Number.isFinite) ?? [];
    const base = finite(baseline);
    if (base.length === 0) continue;
    for (const v of point.variants) {
      if (v.variant === baseline) continue;
      const values = finite(v.variant);
      if (values.length === 0) continue;
      const welch = welchTTest(values, base);
      cells.push({
        params,
        variant: v.variant,
        x: point.x,
        delta: welch.difference,
        interval: welch.noiseEstimate ? [welch.interval[0], welch.interval[1]] : null,
        variantSeeds: values.length,
        baselineSeeds: base.length,
        verdict: welchVerdict(welch, data.better),
      });
    }
  }
  return cells;
}

const cellKey = (c: { params: number | null; variant: string }) => `${c.params ?? 'none'}|${c.variant}`;

/** The ablation's verdicts now and at `sinceMs`, when they differ; null when nothing changed or there is no verdict now. */
export function ablationChangeSince(data: AblationData, sinceMs: number, nowMs: number): AblationChange | null {
  const before = verdictCells(data, sinceMs);
  const now = verdictCells(data, nowMs);
  if (now.length === 0) return null;
  const beforeByKey = new Map(before.map((c) => [cellKey(c), c]));
  const nowByKey = new Map(now.map((c) => [cellKey(c), c]));
  const keys = [...new Set([...beforeByKey.keys(), ...nowByKey.keys()])];
  const moves = keys
    .map((key) => {
      const b = beforeByKey.get(key);
      const n = nowByKey.get(key);
      const ref = (n ?? b)!;
      return { params: ref.params, variant: ref.variant, before: b?.verdict ?? null, now: n?.verdict ?? null };
    })
    .filter((m) => m.before !== m.now)
    .sort((a, b) => (a.params ?? -1) - (b.params ?? -1) || a.variant.localeCompare(b.variant));
  if (moves.length === 0) return null;
  const { ablation } = data;
  return {
    id: ablation.id,
    title: ablation.title,
    question: ablation.question,
    proposal: ablation.proposal,
    metric: ablation.metric,
    better: data.better,
    baseline: ablation.baseline,
    compareAt: ablation.compareAt,
    change: before.length === 0 ? 'new' : 'changed',
    before,
    now,
    moves,
  };
}

export function ablationChanges(sqlite: Database.Database, sinceMs: number, nowMs: number): AblationChange[] {
  const ids = sqlite.prepare('SELECT id FROM ablations ORDER BY id').pluck().all() as string[];
  const changes: AblationChange[] = [];
  for (const id of ids) {
    const data = readAblationData(sqlite, id);
    const change = data && ablationChangeSince(data, sinceMs, nowMs);
    if (change) changes.push(change);
  }
  return changes;
}
