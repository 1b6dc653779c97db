// The x axis of one run: FLOPs per token from run.json (compute.flops / data.tokens when both are
// given, else 6·N), and the run's start (its earliest logged time) for relative time.
import type Database from 'better-sqlite3';
import { baseOf, type XAxisMap, type XKind } from './x-axis';

export interface RunAxisFacts {
  params: number | null;
  tokens: number | null;
  flops: number | null;
}

export function flopsPerToken(run: RunAxisFacts): number | null {
  if (run.flops !== null && run.tokens !== null && run.flops > 0 && run.tokens > 0) return run.flops / run.tokens;
  if (run.params !== null && run.params > 0) return 6 * run.params;
  return null;
}

const startStatements = new WeakMap<Database.Database, Database.Statement>();

/** The earliest `time` any series of the run logged first; null when it logged none. */
export function runStartTime(sqlite: Database.Database, runPk: number): number | null {
  let st = startStatements.get(sqlite);
  if (!st) {
    st = sqlite
      .prepare(
        `SELECT min((SELECT p.time FROM points p WHERE p.series_pk = s.pk AND p.time IS NOT NULL ORDER BY p.step LIMIT 1))
         FROM series s WHERE s.run_pk = ?`,
      )
      .pluck();
    startStatements.set(sqlite, st);
  }
  return (st.get(runPk) as number | null) ?? null;
}

/** The axis for a run, or why it cannot have one. */
export function runAxis(
  sqlite: Database.Database,
  run: RunAxisFacts & { pk: number; id: string },
  kind: XKind,
  log: boolean,
): { axis: XAxisMap } | { note: string } {
  const base = baseOf(kind);
  if (kind === 'flops') {
    const rate = flopsPerToken(run);
    if (rate === null) return { note: `run ${run.id} gives neither compute.flops with data.tokens nor model.params, so its FLOPs are unknown` };
    return { axis: { kind, base, scale: rate, offset: 0, log } };
  }
  if (kind === 'relative-time') {
    const start = runStartTime(sqlite, run.pk);
    if (start === null) return { note: `run ${run.id} logged no time` };
    return { axis: { kind, base, scale: 1, offset: -start, log } };
  }
  return { axis: { kind, base, scale: 1, offset: 0, log } };
}
