// Placing points below a series' last step (a source that logs steps in any order, MLflow): the
// series is cut at the lowest placed step and its old points from there are written again with the
// placed ones merged in, so a flush rewrites its tail once however many points it placed.
//
// The rule at a step is the one the writer applies to a single point, folded over the points placed
// there in the order they were placed, starting from the point already stored: a placed point replaces
// the one there unless that one was logged later (both times known and the stored one's greater).
import type Database from 'better-sqlite3';
import { isNonFinite, type OpenChunk } from './open-chunk';
import { ALL_COLUMNS, readSeriesPoints } from './read-series-points';

export interface PlacedPoint {
  step: number;
  /** NaN when the entry has no time. */
  time: number;
  value: number;
}

export interface PlacementResult {
  /** Points the series gained (new steps). */
  added: number;
  /** Change of the series' count of NaN and ±Infinity values. */
  nonFiniteChange: number;
  /** Placed points that were written (not outranked by a later-logged one). */
  written: number;
  /** Whether any point that was there was replaced. */
  replaced: boolean;
  nonFiniteWritten: boolean;
}

interface Current {
  tokens: number;
  time: number;
  value: number;
}

export function mergePlacedPoints(sqlite: Database.Database, seriesPk: number, chunk: OpenChunk, placed: readonly PlacedPoint[]): PlacementResult {
  const result: PlacementResult = { added: 0, nonFiniteChange: 0, written: 0, replaced: false, nonFiniteWritten: false };
  if (placed.length === 0) return result;
  // Stable by step: points placed at one step keep the order they were placed in.
  const order = placed.map((_, i) => i).sort((a, b) => placed[a]!.step - placed[b]!.step || a - b);
  const from = placed[order[0]!]!.step;
  chunk.flush();
  const old = readSeriesPoints(sqlite, seriesPk, { from }, ALL_COLUMNS);
  const removed = chunk.truncateFrom(from);
  let appended = 0;
  let nonFinite = 0;
  const put = (step: number, p: Current) => {
    chunk.append(step, p.value, p.tokens, p.time);
    appended++;
    if (isNonFinite(p.value)) nonFinite++;
  };
  let i = 0;
  let k = 0;
  while (i < old.length || k < order.length) {
    const nextPlaced = k < order.length ? placed[order[k]!]!.step : Infinity;
    if (i < old.length && old.steps[i]! < nextPlaced) {
      put(old.steps[i]!, { tokens: old.tokens[i]!, time: old.times[i]!, value: old.values[i]! });
      i++;
      continue;
    }
    const step = nextPlaced;
    let current: Current | null = null;
    if (i < old.length && old.steps[i] === step) {
      current = { tokens: old.tokens[i]!, time: old.times[i]!, value: old.values[i]! };
      i++;
    }
    for (; k < order.length && placed[order[k]!]!.step === step; k++) {
      const p = placed[order[k]!]!;
      if (current && current.time > p.time) continue;
      if (current) result.replaced = true;
      current = { tokens: NaN, time: p.time, value: p.value };
      result.written++;
      if (isNonFinite(p.value)) result.nonFiniteWritten = true;
    }
    put(step, current!);
  }
  result.added = appended - removed.points;
  result.nonFiniteChange = nonFinite - removed.nonFinite;
  return result;
}
