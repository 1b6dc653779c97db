// The measured gain of an ablation: each variant against the baseline on the ablation's metric, read
// at the comparison point (the largest compare_at value every compared run reached, interpolated),
// with Welch's 95 % interval over seeds. For a scaling ablation the largest model size that has both
// arms is compared: a gain that vanishes with scale is not a gain. The best variant is reported.
import type Database from 'better-sqlite3';
import type { GainEstimate } from '../../../../shared/api/proposals-methods';
import { welchTTest } from '../../../../shared/stats';

interface AblationRow {
  id: string;
  title: string | null;
  metric: string | null;
  baseline: string | null;
  compareAt: string;
}

interface RunSeries {
  runId: string;
  variant: string;
  params: number | null;
  flopsPerToken: number | null;
  seriesPk: number;
}

export interface AblationGain {
  ablationId: string;
  gain: GainEstimate | null;
  /** Why there is no gain, when there is none. */
  note: string | null;
}

/** Losses, perplexities and error rates improve downwards; accuracies and scores upwards. */
export function metricDirection(metric: string): 'lower' | 'higher' {
  if (/(loss|perplexity|ppl|error|err|bpb|bits|nll|wer|cer)/i.test(metric)) return 'lower';
  if (/(acc|score|f1|exact|pass|win|bleu|rouge|auc|recall|precision)/i.test(metric)) return 'higher';
  return 'lower';
}

function statements(sqlite: Database.Database) {
  return {
    ablation: sqlite.prepare('SELECT id, title, metric, baseline, compare_at AS compareAt FROM ablations WHERE id = ?'),
    runs: sqlite.prepare(
      `SELECT r.id AS runId, r.variant AS variant, r.params AS params,
              CASE WHEN r.flops IS NOT NULL AND r.tokens > 0 THEN r.flops / r.tokens
                   WHEN r.params IS NOT NULL THEN 6 * r.params END AS flopsPerToken,
              s.pk AS seriesPk
       FROM runs r JOIN series s ON s.run_pk = r.pk AND s.key = ?
       WHERE r.ablation = ? AND r.variant IS NOT NULL`,
    ),
    // The last point by step is an index seek; tokens only grow along the final history.
    lastPoint: sqlite.prepare('SELECT step, tokens FROM points WHERE series_pk = ? ORDER BY step DESC LIMIT 1'),
    maxTokens: sqlite.prepare('SELECT max(tokens) AS tokens FROM points WHERE series_pk = ?'),
    stepBelow: sqlite.prepare('SELECT step AS x, value FROM points WHERE series_pk = ? AND step <= ? ORDER BY step DESC LIMIT 1'),
    stepAbove: sqlite.prepare('SELECT step AS x, value FROM points WHERE series_pk = ? AND step >= ? ORDER BY step ASC LIMIT 1'),
    tokensBelow: sqlite.prepare('SELECT tokens AS x, value FROM points WHERE series_pk = ? AND tokens <= ? ORDER BY step DESC LIMIT 1'),
    tokensAbove: sqlite.prepare('SELECT tokens AS x, value FROM points WHERE series_pk = ? AND tokens >= ? ORDER BY step ASC LIMIT 1'),
  };
}

type Statements = ReturnType<typeof statements>;
const cache = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let st = cache.get(sqlite);
  if (!st) {
    st = statements(sqlite);
    cache.set(sqlite, st);
  }
  return st;
}

/** How far a run got in the ablation's compare_at unit; null when it never logged that unit. */
function reachOf(st: Statements, run: RunSeries, compareAt: string): number | null {
  const last = st.lastPoint.get(run.seriesPk) as { step: number; tokens: number | null } | undefined;
  if (!last) return null;
  if (compareAt === 'step') return last.step;
  const tokens = last.tokens ?? (st.maxTokens.get(run.seriesPk) as { tokens: number | null }).tokens;
  if (tokens === null) return null;
  if (compareAt === 'flops') return run.flopsPerToken === null ? null : tokens * run.flopsPerToken;
  return tokens;
}

/** The run's metric at x, linearly between the points around it; NaN where it was NaN (stored as NULL). */
function valueAt(st: Statements, run: RunSeries, compareAt: string, x: number): number {
  const byStep = compareAt === 'step';
  const target = compareAt === 'flops' ? x / run.flopsPerToken! : x;
  type P = { x: number; value: number | null } | undefined;
  const below = (byStep ? st.stepBelow : st.tokensBelow).get(run.seriesPk, target) as P;
  const above = (byStep ? st.stepAbove : st.tokensAbove).get(run.seriesPk, target) as P;
  const point = below ?? above;
  if (!point) return Number.NaN;
  const v0 = below?.value ?? null;
  const v1 = above?.value ?? null;
  if (!below || !above || above.x === below.x) return (point.value ?? Number.NaN);
  if (v0 === null || v1 === null) return Number.NaN;
  return v0 + ((v1 - v0) * (target - below.x)) / (above.x - below.x);
}

function largestComparableSize(runs: RunSeries[], baseline: string): RunSeries[] | null {
  const bySize = new Map<number | null, RunSeries[]>();
  for (const run of runs) {
    const list = bySize.get(run.params) ?? [];
    list.push(run);
    bySize.set(run.params, list);
  }
  const sizes = [...bySize.keys()].sort((a, b) => (b ?? -1) - (a ?? -1));
  for (const size of sizes) {
    const group = bySize.get(size)!;
    if (group.some((r) => r.variant === baseline) && group.some((r) => r.variant !== baseline)) return group;
  }
  return null;
}

export function measureAblationGain(sqlite: Database.Database, ablationId: string): AblationGain {
  const st = prepared(sqlite);
  const ablation = st.ablation.get(ablationId) as AblationRow | undefined;
  const none = (note: string): AblationGain => ({ ablationId, gain: null, note });
  if (!ablation) return none(`ablation ${ablationId} is not in the cache`);
  if (!ablation.metric) return none('the ablation names no metric');
  if (!ablation.baseline) return none('the ablation names no baseline variant');
  const runs = st.runs.all(ablation.metric, ablationId) as RunSeries[];
  const group = largestComparableSize(runs, ablation.baseline);
  if (!group) return none(`no model size has runs of both the baseline "${ablation.baseline}" and another variant logging ${ablation.metric}`);
  const reaches = group.map((run) => reachOf(st, run, ablation.compareAt));
  const compared = group.filter((_, i) => reaches[i] !== null);
  if (!compared.some((r) => r.variant === ablation.baseline)) return none(`the baseline runs log no ${ablation.compareAt}`);
  const x = Math.min(...reaches.filter((r): r is number => r !== null));
  const valuesByVariant = new Map<string, number[]>();
  for (const run of compared) {
    const value = valueAt(st, run, ablation.compareAt, x);
    if (!Number.isFinite(value)) continue;
    valuesByVariant.set(run.variant, [...(valuesByVariant.get(run.variant) ?? []), value]);
  }
  const baselineValues = valuesByVariant.get(ablation.baseline) ?? [];
  if (baselineValues.length === 0) return none('every baseline run is non-finite at the comparison point');
  const better = metricDirection(ablation.metric);
  const sign = better === 'lower' ? -1 : 1;
  const baselineMean = baselineValues.reduce((s, v) => s + v, 0) / baselineValues.length;
  const scale = Math.abs(baselineMean) > 0 ? 100 / Math.abs(baselineMean) : null;
  let best: GainEstimate | null = null;
  for (const [variant, values] of valuesByVariant) {
    if (variant === ablation.baseline) continue;
    const welch = welchTTest(values, baselineValues);
    const gain = sign * welch.difference;
    const interval: [number, number] | null = welch.noiseEstimate
      ? sign > 0
        ? [welch.interval[0], welch.interval[1]]
        : [-welch.interval[1], -welch.interval[0]]
      : null;
    const estimate: GainEstimate = {
      ablationId,
      ablationTitle: ablation.title,
      metric: ablation.metric,
      better,
      variant,
      baseline: ablation.baseline,
      params: group[0]!.params,
      compareAt: ablation.compareAt,
      x,
      gain,
      interval,
      relativeGain: scale === null ? null : gain * scale,
      relativeInterval: interval && scale !== null ? [interval[0] * scale, interval[1] * scale] : null,
      variantSeeds: values.length,
      baselineSeeds: baselineValues.length,
      unproven: interval === null || (interval[0] <= 0 && interval[1] >= 0),
      note: welch.noiseEstimate ? null : welch.reason,
    };
    if (best === null || estimate.gain > best.gain) best = estimate;
  }
  if (!best) return none('no variant other than the baseline has a finite value at the comparison point');
  return { ablationId, gain: best, note: null };
}

/** The best gain among several ablations (in % of baseline, since their metrics may differ). */
export function bestGain(gains: readonly AblationGain[]): GainEstimate | null {
  let best: GainEstimate | null = null;
  for (const { gain } of gains) {
    if (gain && gain.relativeGain !== null && (best === null || gain.relativeGain > best.relativeGain!)) best = gain;
  }
  return best;
}
