// What the comparison point needs of one run, read without loading the run: how far it got in the
// ablation's compare_at unit, and its points on either side of a given x.
import type Database from 'better-sqlite3';
import type { ComparisonRun } from '../../../../shared/series';

export type CompareAt = 'step' | 'tokens' | 'flops';

export interface ComparedRun {
  runId: string;
  variant: string;
  seriesPk: number;
  /** Multiplies tokens into FLOPs; null when the run's FLOPs are unknown. */
  flopsPerToken: number | null;
}

function statements(sqlite: Database.Database) {
  return {
    lastStep: sqlite.prepare('SELECT step FROM points WHERE series_pk = ? ORDER BY step DESC LIMIT 1').pluck(),
    lastTokens: sqlite.prepare('SELECT tokens FROM points WHERE series_pk = ? AND tokens IS NOT NULL ORDER BY step DESC LIMIT 1').pluck(),
    stepAtOrBefore: sqlite.prepare('SELECT step AS x, value FROM points WHERE series_pk = ? AND step <= ? ORDER BY step DESC LIMIT 1'),
    stepAfter: sqlite.prepare('SELECT step AS x, value FROM points WHERE series_pk = ? AND step > ? ORDER BY step LIMIT 1'),
    tokensAtOrBefore: sqlite.prepare('SELECT tokens AS x, value FROM points WHERE series_pk = ? AND tokens <= ? ORDER BY step DESC LIMIT 1'),
    tokensAfter: sqlite.prepare('SELECT tokens AS x, value FROM points WHERE series_pk = ? AND tokens > ? ORDER BY step LIMIT 1'),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof statements>>();

function prepared(sqlite: Database.Database) {
  let st = cache.get(sqlite);
  if (!st) cache.set(sqlite, (st = statements(sqlite)));
  return st;
}

/** The largest compare_at value the run reached; null when it never logged that unit. */
export function reachOf(sqlite: Database.Database, run: ComparedRun, unit: CompareAt): number | null {
  const st = prepared(sqlite);
  if (unit === 'step') return (st.lastStep.get(run.seriesPk) as number | undefined) ?? null;
  const tokens = (st.lastTokens.get(run.seriesPk) as number | undefined) ?? null;
  if (tokens === null) return null;
  if (unit === 'flops') return run.flopsPerToken === null ? null : tokens * run.flopsPerToken;
  return tokens;
}

/**
 * The run's points around x (the last at or before it and the first after it), as valueAtComparisonPoint
 * takes them: interpolating between them equals interpolating the whole run there. NaN is stored as NULL.
 */
export function sliceAround(sqlite: Database.Database, run: ComparedRun, unit: CompareAt, x: number): ComparisonRun {
  const st = prepared(sqlite);
  const scale = unit === 'flops' ? run.flopsPerToken! : 1;
  const target = x / scale;
  const [before, after] = unit === 'step' ? [st.stepAtOrBefore, st.stepAfter] : [st.tokensAtOrBefore, st.tokensAfter];
  const rows = [before.get(run.seriesPk, target), after.get(run.seriesPk, target)].filter(Boolean) as { x: number; value: number | null }[];
  return {
    runId: run.runId,
    variant: run.variant,
    xs: rows.map((r) => (unit === 'flops' ? r.x * scale : r.x)),
    ys: rows.map((r) => r.value ?? NaN),
  };
}
