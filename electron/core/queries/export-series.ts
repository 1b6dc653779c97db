// A run's final history of one metric, as `tessera export` prints it: [[step, value], …] in step
// order, with non-finite values written as the format's strings ("NaN", "Infinity", "-Infinity").
// For a source that keeps every entry (MLflow), every entry: several at one step in the order logged.
import type Database from 'better-sqlite3';
import { STEPS, VALUES } from '../points/point-chunk';
import { readSeriesPoints } from '../points/read-series-points';

export type ExportedValue = number | 'NaN' | 'Infinity' | '-Infinity';
export type ExportedPoint = [step: number, value: ExportedValue];

export class SeriesNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeriesNotFoundError';
  }
}

/** A value as the format writes it; null (a NaN in a table that cannot hold one) is "NaN" too. */
export function exportedValue(value: number | null): ExportedValue {
  if (value === null || Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function exportSeries(sqlite: Database.Database, runId: string, metricKey: string): ExportedPoint[] {
  const run = sqlite.prepare('SELECT pk FROM runs WHERE id = ?').pluck().get(runId) as number | undefined;
  if (run === undefined) throw new SeriesNotFoundError(`No run "${runId}" in the cache. Run "tessera runs" to list them.`);
  const seriesPk = sqlite.prepare('SELECT pk FROM series WHERE run_pk = ? AND key = ?').pluck().get(run, metricKey) as number | undefined;
  if (seriesPk === undefined) {
    const keys = sqlite.prepare('SELECT key FROM series WHERE run_pk = ? AND point_count > 0 ORDER BY key').pluck().all(run) as string[];
    throw new SeriesNotFoundError(
      `Run "${runId}" has no metric "${metricKey}". Its metrics: ${keys.length > 0 ? keys.join(', ') : 'none yet'}.`,
    );
  }
  // A source that keeps every entry (MLflow) has them all, in logged order within a step; otherwise the points are the history.
  const entries = sqlite.prepare('SELECT step, value FROM logged_entries WHERE series_pk = ? ORDER BY step, seq').raw().all(seriesPk) as Array<[number, number | null]>;
  if (entries.length > 0) return entries.map(([step, value]) => [step, exportedValue(value)]);
  const points = readSeriesPoints(sqlite, seriesPk, {}, STEPS | VALUES);
  const out: ExportedPoint[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) out[i] = [points.steps[i]!, exportedValue(points.values[i]!)];
  return out;
}

/** [[step, value], …] as JSON text, -0 written as -0.0 (JSON.stringify would print 0 and lose its sign). */
export function exportedJson(points: readonly ExportedPoint[]): string {
  return `[${points.map(([step, value]) => `[${step},${exportedText(value)}]`).join(',')}]`;
}

/** One value as text: -0 as -0.0, non-finite values as their quoted names. */
export function exportedText(value: ExportedValue, quote = true): string {
  if (typeof value === 'string') return quote ? JSON.stringify(value) : value;
  return Object.is(value, -0) ? '-0.0' : String(value);
}
