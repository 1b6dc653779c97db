// The Ablations page: each ablation's variants at the comparison point — the ablation's metric at the
// largest compare_at value all its runs reached — with the value, the delta against the baseline, the seed
// spread, Welch's 95 % interval (only with 2+ seeds per arm; otherwise "no noise estimate") and a verdict.
// An ablation run at several model sizes is compared size by size: a gain has to hold with scale.
import type Database from 'better-sqlite3';
import type { AblationAtSize, AblationDetail, AblationSummary, VariantAtPoint } from '../../../../shared/domain/run-views';
import { valueAtComparisonPoint } from '../../../../shared/series';
import { welchTTest, welchVerdict, type BetterDirection } from '../../../../shared/stats';
import { metricDirection } from '../../../../shared/domain/metric-direction';
import type { TrustOf } from '../runs/eval-trust';
import { eq } from 'drizzle-orm';
import { runs as runsTable } from '../../db/schema';
import { loadStoredRuns, toRunRow } from '../runs/run-rows';
import { flopsPerToken } from '../series/run-axis';
import { reachOf, sliceAround, type CompareAt, type ComparedRun } from './comparison-slices';

interface AblationRow {
  id: string;
  title: string | null;
  question: string | null;
  owner: string | null;
  proposal: string | null;
  metric: string | null;
  compareAt: string;
  baseline: string | null;
}

interface RunOfAblation extends ComparedRun {
  params: number | null;
}

export class AblationNotFoundError extends Error {
  constructor(id: string) {
    super(`No ablation "${id}" in the cache.`);
    this.name = 'AblationNotFoundError';
  }
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

function compareUnit(value: string): CompareAt {
  return value === 'step' || value === 'flops' ? value : 'tokens';
}

function variantsAtPoint(values: { runId: string; variant: string; value: number }[], order: string[], baseline: string | null, better: BetterDirection): VariantAtPoint[] {
  const finite = (variant: string) => values.filter((v) => v.variant === variant && Number.isFinite(v.value)).map((v) => v.value);
  const baselineValues = baseline ? finite(baseline) : [];
  return order.map((variant) => {
    const mine = values.filter((v) => v.variant === variant);
    const ok = finite(variant);
    const n = ok.length;
    const mean = n > 0 ? ok.reduce((s, v) => s + v, 0) / n : NaN;
    const std = n > 1 ? Math.sqrt(ok.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : NaN;
    const isBaseline = variant === baseline;
    const base: VariantAtPoint = {
      variant,
      isBaseline,
      runIds: mine.map((v) => v.runId),
      values: mine.map((v) => finiteOrNull(v.value)),
      n,
      mean: finiteOrNull(mean),
      std: finiteOrNull(std),
      min: n > 0 ? Math.min(...ok) : null,
      max: n > 0 ? Math.max(...ok) : null,
      delta: null,
      interval: null,
      pValue: null,
      verdict: null,
      noiseNote: null,
    };
    if (isBaseline || baseline === null) return base;
    if (n === 0 || baselineValues.length === 0) {
      return { ...base, noiseNote: n === 0 ? 'no run of this variant has a finite value here' : 'no baseline run has a finite value here' };
    }
    const welch = welchTTest(ok, baselineValues);
    return {
      ...base,
      delta: welch.difference,
      interval: welch.noiseEstimate ? [welch.interval[0], welch.interval[1]] : null,
      pValue: welch.noiseEstimate ? welch.pValue : null,
      verdict: welchVerdict(welch, better),
      noiseNote: welch.noiseEstimate ? null : welch.reason,
    };
  });
}

function atSize(sqlite: Database.Database, runs: RunOfAblation[], unit: CompareAt, baseline: string | null, better: BetterDirection): AblationAtSize {
  const params = runs[0]?.params ?? null;
  const reaches = runs.map((run) => reachOf(sqlite, run, unit));
  const reached = runs.filter((_, i) => reaches[i] !== null);
  const skipped = runs.filter((_, i) => reaches[i] === null).map((r) => r.runId);
  const order = [...new Set(runs.map((r) => r.variant))].sort((a, b) => (a === baseline ? -1 : b === baseline ? 1 : a.localeCompare(b)));
  const empty = (note: string): AblationAtSize => ({ params, x: null, variants: [], note });
  if (reached.length === 0) return empty(`no run logged ${unit === 'flops' ? 'tokens (or its FLOPs are unknown)' : unit}`);
  const x = Math.min(...(reaches.filter((r) => r !== null) as number[]));
  const point = valueAtComparisonPoint(reached.map((run) => sliceAround(sqlite, run, unit, x)));
  if (!point.ok) return empty(point.reason);
  const notes = [skipped.length > 0 ? `left out (no ${unit}): ${skipped.join(', ')}` : '', baseline && !runs.some((r) => r.variant === baseline) ? `no run of the baseline "${baseline}" at this size` : '']
    .filter(Boolean)
    .join('; ');
  return { params, x: point.x, variants: variantsAtPoint(point.runs, order, baseline, better), note: notes || null };
}

function summarize(sqlite: Database.Database, ablation: AblationRow, trust: TrustOf): AblationSummary {
  const unit = compareUnit(ablation.compareAt);
  const better = ablation.metric ? metricDirection(ablation.metric) : 'lower';
  const allRuns = sqlite.prepare('SELECT count(*) FROM runs WHERE ablation = ?').pluck().get(ablation.id) as number;
  const summary: AblationSummary = {
    id: ablation.id,
    title: ablation.title,
    question: ablation.question,
    owner: ablation.owner,
    proposal: ablation.proposal,
    metric: ablation.metric,
    compareAt: unit,
    baseline: ablation.baseline,
    better,
    trust: ablation.metric ? trust(ablation.metric) : null,
    runCount: allRuns,
    sizes: [],
    note: null,
  };
  if (!ablation.metric) return { ...summary, note: 'the ablation names no metric' };
  const runs = (
    sqlite
      .prepare(
        `SELECT r.id AS runId, r.variant, r.params, r.tokens, r.flops, s.pk AS seriesPk
         FROM runs r JOIN series s ON s.run_pk = r.pk AND s.key = ? AND s.point_count > 0
         WHERE r.ablation = ? AND r.variant IS NOT NULL ORDER BY r.params, r.id`,
      )
      .all(ablation.metric, ablation.id) as { runId: string; variant: string; params: number | null; tokens: number | null; flops: number | null; seriesPk: number }[]
  ).map((r) => ({ runId: r.runId, variant: r.variant, params: r.params, seriesPk: r.seriesPk, flopsPerToken: flopsPerToken(r) }));
  if (runs.length === 0) return { ...summary, note: `no run of this ablation has logged ${ablation.metric} yet` };
  const sizes = [...new Set(runs.map((r) => r.params))].sort((a, b) => (a ?? 0) - (b ?? 0));
  return { ...summary, sizes: sizes.map((size) => atSize(sqlite, runs.filter((r) => r.params === size), unit, ablation.baseline, better)) };
}

const ABLATION_COLUMNS = 'id, title, question, owner, proposal, metric, compare_at AS compareAt, baseline';

export function listAblationResults(sqlite: Database.Database, trust: TrustOf): AblationSummary[] {
  const rows = sqlite.prepare(`SELECT ${ABLATION_COLUMNS} FROM ablations ORDER BY id`).all() as AblationRow[];
  return rows.map((row) => summarize(sqlite, row, trust));
}

export function ablationDetail(sqlite: Database.Database, id: string, trust: TrustOf, now = Date.now()): AblationDetail {
  const row = sqlite.prepare(`SELECT ${ABLATION_COLUMNS} FROM ablations WHERE id = ?`).get(id) as AblationRow | undefined;
  if (!row) throw new AblationNotFoundError(id);
  const runs = loadStoredRuns(sqlite, eq(runsTable.ablation, id), runsTable.variant, runsTable.seed, runsTable.id).map((run) => toRunRow(run, now, null, []));
  return { ...summarize(sqlite, row, trust), runs };
}
