// The x axis of one run: FLOPs per token from run.json (compute.flops / data.tokens when both are
// given, else 6·N), and the run's start (its earliest logged time) for relative time.
import type Database from 'better-sqlite3';
import { runStartTime } from '../../points/point-lookups';
import { baseOf, type XAxisMap, type XKind } from './x-axis';

export { runStartTime };

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
