// Seeds and deltas for the Compare page: runs of one variant drawn as their mean with a min–max or
// ±1 sd band, and each variant minus the baseline at matched x. Each run enters as the same reduced
// (and, when asked, smoothed) series the chart draws, with its non-finite points as NaN so a seed that
// diverged is counted as such, interpolated at one x per pixel column.
import type Database from 'better-sqlite3';
import type { DeltaBandKind, DeltaResult, GroupBy, SeedBand, SeedGroupResult, XKind } from '../../../../shared/domain/run-views';
import { aggregateOnGrid, deltaOfAggregates, type NumericArray, type Series } from '../../../../shared/series';
import type { TrustOf } from '../runs/eval-trust';
import { loadRunsByIds, type StoredRun } from '../runs/run-rows';
import { getSeries } from './get-series';

export interface GroupedChartQuery {
  runIds: readonly string[];
  metric: string;
  width: number;
  from?: number;
  to?: number;
  x: XKind;
  xLog: boolean;
  smoothing: number;
  groupBy: GroupBy;
}

interface RunGroup {
  key: string;
  label: string;
  runIds: string[];
}

/** Runs of one variant (same ablation and variant label), one group name, or each run alone. */
export function groupRuns(runs: readonly StoredRun[], groupBy: GroupBy): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  const ablations = new Set(runs.map((r) => r.ablation).filter(Boolean));
  for (const run of runs) {
    let key = `run:${run.id}`;
    let label = run.name ?? run.id;
    if (groupBy === 'variant' && run.variant !== null) {
      key = `variant:${run.ablation ?? ''}/${run.variant}`;
      label = ablations.size > 1 && run.ablation ? `${run.ablation} · ${run.variant}` : run.variant;
    } else if (groupBy === 'group' && run.group !== null) {
      key = `group:${run.group}`;
      label = run.group;
    }
    const group = groups.get(key) ?? { key, label, runIds: [] };
    group.runIds.push(run.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const orNull = (values: NumericArray) => Array.from(values, (v) => (Number.isFinite(v) ? v : null));

/** Each run's chart line with its markers as NaN points, in x order. */
function runLines(sqlite: Database.Database, query: GroupedChartQuery, trust: TrustOf) {
  const result = getSeries(sqlite, { ...query, runIds: query.runIds, metrics: [query.metric] }, trust);
  const lines = new Map<string, Series>();
  for (const s of result.series) {
    const line = s.smoothed ?? { xs: s.xs, ys: s.ys };
    const pairs: [number, number][] = line.xs.map((x, i) => [x, line.ys[i]]);
    for (const x of s.markerXs) pairs.push([x, NaN]);
    pairs.sort((a, b) => a[0] - b[0]);
    if (pairs.length > 0) lines.set(s.runId, { xs: pairs.map((p) => p[0]), ys: pairs.map((p) => p[1]) });
  }
  return { lines, from: result.from, to: result.to };
}

/** One x per pixel column across [from, to], evenly spaced on the axis as drawn (log-spaced on a log axis). */
function pixelGrid(query: GroupedChartQuery, from: number, to: number): Float64Array {
  const count = Math.max(2, Math.min(query.width, 4096));
  const lo = query.xLog ? Math.log10(from) : from;
  const hi = query.xLog ? Math.log10(to) : to;
  const grid = Float64Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
  if (query.xLog) for (let i = 0; i < count; i++) grid[i] = 10 ** grid[i];
  grid[0] = from;
  grid[count - 1] = to;
  return grid;
}

export function seedGroups(sqlite: Database.Database, query: GroupedChartQuery & { band: SeedBand }, trust: TrustOf): SeedGroupResult {
  const runs = loadRunsByIds(sqlite, query.runIds);
  const { lines, from, to } = runLines(sqlite, query, trust);
  const groups = groupRuns(runs, query.groupBy).flatMap((group) => {
    const members = group.runIds.filter((id) => lines.has(id));
    if (members.length === 0 || from === null || to === null) return [];
    const agg = aggregateOnGrid(members.map((id) => lines.get(id)!), pixelGrid(query, from, to));
    const lower = query.band === 'min-max' ? agg.min : agg.mean.map((m, i) => m - agg.std[i]);
    const upper = query.band === 'min-max' ? agg.max : agg.mean.map((m, i) => m + agg.std[i]);
    return [{ ...group, runIds: members, xs: Array.from(agg.xs), mean: orNull(agg.mean), lower: orNull(lower), upper: orNull(upper), counts: Array.from(agg.count) }];
  });
  return { x: query.x, band: query.band, from, to, groups };
}

export function seedDeltas(
  sqlite: Database.Database,
  query: GroupedChartQuery & { baselineRunIds: readonly string[]; band: DeltaBandKind },
  trust: TrustOf,
): DeltaResult {
  const baselineSet = new Set(query.baselineRunIds);
  const allIds = [...new Set([...query.runIds, ...query.baselineRunIds])];
  const runs = loadRunsByIds(sqlite, allIds);
  const { lines, from, to } = runLines(sqlite, { ...query, runIds: allIds }, trust);
  const baselineRuns = runs.filter((r) => baselineSet.has(r.id));
  const baselineLines = baselineRuns.flatMap((r) => (lines.has(r.id) ? [lines.get(r.id)!] : []));
  const baselineLabel = groupRuns(baselineRuns, query.groupBy).map((g) => g.label).join(', ') || 'baseline';
  const deltas =
    from === null || to === null || baselineLines.length === 0
      ? []
      : groupRuns(runs.filter((r) => !baselineSet.has(r.id)), query.groupBy).flatMap((group) => {
          const members = group.runIds.filter((id) => lines.has(id));
          if (members.length === 0) return [];
          const gridXs = pixelGrid(query, from, to);
          const d = deltaOfAggregates(aggregateOnGrid(members.map((id) => lines.get(id)!), gridXs), aggregateOnGrid(baselineLines, gridXs), query.band);
          return [{ ...group, runIds: members, xs: Array.from(d.xs), delta: orNull(d.delta), lower: orNull(d.lower), upper: orNull(d.upper) }];
        });
  return { x: query.x, band: query.band, baselineLabel, baselineRunIds: baselineRuns.map((r) => r.id), from, to, deltas };
}
