// Reads what eval-quality needs from the cache: which eval metrics exist, the ablations, the suites,
// and, per metric, every ablation run's points of it (step, tokens, value).
import type Database from 'better-sqlite3';
import type { EvalSuiteSpec } from '../../../../shared/domain/eval-quality';
import { STEPS, TOKENS, VALUES } from '../../points/point-chunk';
import { readSeriesPoints } from '../../points/read-series-points';

export interface AblationSpecRow {
  id: string;
  metric: string | null;
  baseline: string | null;
  compareAt: string;
  proposal: string | null;
}

/** One ablation run's series of one eval. NaN marks a missing tokens value or a NaN metric value. */
export interface EvalRunSeries {
  runId: string;
  ablation: string;
  variant: string;
  seed: number | null;
  params: number | null;
  /** Planned tokens (data.tokens): part of what makes two runs "otherwise identical". */
  plannedTokens: number | null;
  /** FLOPs per token, for compare_at: flops (run.json's flops / tokens, else 6·N). */
  flopsPerToken: number | null;
  steps: Float64Array;
  tokens: Float64Array;
  values: Float64Array;
}

function statements(sqlite: Database.Database) {
  return {
    keys: sqlite.prepare('SELECT key, count(*) AS runs FROM series GROUP BY key ORDER BY key'),
    suites: sqlite.prepare('SELECT prefix, name, kind FROM eval_suites ORDER BY prefix'),
    ablations: sqlite.prepare('SELECT id, metric, baseline, compare_at AS compareAt, proposal FROM ablations ORDER BY id'),
    measuring: sqlite.prepare(
      `SELECT s.key AS key, count(DISTINCT r.ablation) AS ablations
       FROM series s JOIN runs r ON r.pk = s.run_pk WHERE r.ablation IS NOT NULL GROUP BY s.key`,
    ),
    runs: sqlite.prepare(
      `SELECT r.id AS runId, r.ablation AS ablation, r.variant AS variant, r.seed AS seed, r.params AS params,
              r.tokens AS plannedTokens,
              CASE WHEN r.flops IS NOT NULL AND r.tokens > 0 THEN r.flops / r.tokens
                   WHEN r.params IS NOT NULL THEN 6 * r.params END AS flopsPerToken,
              s.pk AS seriesPk
       FROM series s JOIN runs r ON r.pk = s.run_pk
       WHERE s.key = ? AND r.ablation IS NOT NULL AND r.variant IS NOT NULL
       ORDER BY r.ablation, r.variant, r.params, r.id`,
    ),
    version: sqlite.prepare(
      `SELECT (SELECT count(*) || '|' || coalesce(max(synced_at), '') || '|' || coalesce(sum(point_count), 0) FROM runs)
           || '#' || (SELECT coalesce(group_concat(id || ':' || coalesce(metric, '') || ':' || coalesce(baseline, '') || ':' || compare_at || ':' || coalesce(proposal, ''), ','), '') FROM ablations)
           || '#' || (SELECT coalesce(group_concat(prefix || ':' || coalesce(kind, '') || ':' || coalesce(name, ''), ','), '') FROM eval_suites)
         AS version`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<Database.Database, Statements>();

function st(sqlite: Database.Database): Statements {
  let found = prepared.get(sqlite);
  if (!found) {
    found = statements(sqlite);
    prepared.set(sqlite, found);
  }
  return found;
}

/** Changes whenever a run, its points, an ablation or a suite changes: the key of the cached report. */
export function evalDataVersion(sqlite: Database.Database): string {
  return (st(sqlite).version.get() as { version: string }).version;
}

export function readSeriesKeys(sqlite: Database.Database): { key: string; runs: number }[] {
  return st(sqlite).keys.all() as { key: string; runs: number }[];
}

export function readEvalSuites(sqlite: Database.Database): EvalSuiteSpec[] {
  return st(sqlite).suites.all() as EvalSuiteSpec[];
}

export function readAblationSpecs(sqlite: Database.Database): AblationSpecRow[] {
  return st(sqlite).ablations.all() as AblationSpecRow[];
}

/** How many ablations have at least one run logging each key. */
export function readAblationsMeasuring(sqlite: Database.Database): Map<string, number> {
  const rows = st(sqlite).measuring.all() as { key: string; ablations: number }[];
  return new Map(rows.map((r) => [r.key, r.ablations]));
}

export function readAblationEvalRuns(sqlite: Database.Database, metric: string): EvalRunSeries[] {
  const s = st(sqlite);
  type Row = Omit<EvalRunSeries, 'steps' | 'tokens' | 'values'> & { seriesPk: number };
  return (s.runs.all(metric) as Row[]).map(({ seriesPk, ...run }) => {
    const points = readSeriesPoints(sqlite, seriesPk, {}, STEPS | TOKENS | VALUES);
    const n = points.length;
    return { ...run, steps: points.steps.subarray(0, n), tokens: points.tokens.subarray(0, n), values: points.values.subarray(0, n) };
  });
}
