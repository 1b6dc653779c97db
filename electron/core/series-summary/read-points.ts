// Reads points straight into Float64Arrays. Materializing one JS row per point costs about a microsecond;
// feeding them to a user-defined aggregate costs a fifth of that, so bulk reads go through `tessera_points`.
import type Database from 'better-sqlite3';
import type { PointColumns } from './bucket-record';

class PointSink implements PointColumns {
  length = 0;
  steps: Float64Array;
  values: Float64Array;
  tokens: Float64Array;
  times: Float64Array;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.steps = new Float64Array(size);
    this.values = new Float64Array(size);
    this.tokens = new Float64Array(size);
    this.times = new Float64Array(size);
  }

  push(step: number, value: number | null, tokens: number | null, time: number | null): void {
    if (this.length === this.steps.length) this.grow();
    const i = this.length++;
    this.steps[i] = step;
    // SQLite cannot store NaN: the cache writes a NaN value as NULL.
    this.values[i] = value ?? NaN;
    this.tokens[i] = tokens ?? NaN;
    this.times[i] = time ?? NaN;
  }

  private grow(): void {
    const size = this.steps.length * 2;
    const widen = (from: Float64Array) => {
      const to = new Float64Array(size);
      to.set(from);
      return to;
    };
    this.steps = widen(this.steps);
    this.values = widen(this.values);
    this.tokens = widen(this.tokens);
    this.times = widen(this.times);
  }
}

let sink: PointSink | null = null;
const prepared = new WeakMap<Database.Database, { after: Database.Statement; ranges: Database.Statement; probes: Database.Statement }>();

function statements(sqlite: Database.Database) {
  let st = prepared.get(sqlite);
  if (!st) {
    const step = (_total: unknown, step: number, value: number | null, tokens: number | null, time: number | null): void => {
      sink!.push(step, value, tokens, time);
    };
    // The typings know aggregates of one argument only; this one takes four.
    sqlite.aggregate('tessera_points', { start: 0, step: step as unknown as (total: number, next: number) => void, result: () => sink?.length ?? 0 });
    st = {
      after: sqlite
        .prepare(
          `SELECT tessera_points(step, value, tokens, time) FROM
             (SELECT step, value, tokens, time FROM points WHERE series_pk = ? AND step > ? AND step <= ? ORDER BY step)`,
        )
        .pluck(),
      // CROSS JOIN keeps json_each outside, so each range is one index seek.
      ranges: sqlite
        .prepare(
          `SELECT tessera_points(p.step, p.value, p.tokens, p.time)
           FROM json_each(?) AS r CROSS JOIN points AS p
           WHERE p.series_pk = ? AND p.step >= r.value ->> 0 AND p.step <= r.value ->> 1`,
        )
        .pluck(),
      // Only the points that could still be a column's new extreme (or are non-finite) leave SQLite. The probes
      // are unpacked once (MATERIALIZED): extracting JSON per scanned row would cost more than the scan.
      probes: sqlite
        .prepare(
          `WITH r AS MATERIALIZED (
             SELECT value ->> 0 AS lo, value ->> 1 AS hi, coalesce(value ->> 2, 9e999) AS below, coalesce(value ->> 3, -9e999) AS above
             FROM json_each(?))
           SELECT tessera_points(p.step, p.value, p.tokens, p.time)
           FROM r CROSS JOIN points AS p
           WHERE p.series_pk = ? AND p.step >= r.lo AND p.step <= r.hi AND (p.value IS NULL OR NOT (p.value >= r.below AND p.value <= r.above))`,
        )
        .pluck(),
    };
    prepared.set(sqlite, st);
  }
  return st;
}

function collect(capacity: number, run: () => void): PointColumns {
  const previous = sink;
  const out = new PointSink(capacity);
  sink = out;
  try {
    run();
  } finally {
    sink = previous;
  }
  return out;
}

/** Points of a series with afterStep < step ≤ upToStep, in step order. */
export function readPointsAfter(
  sqlite: Database.Database,
  seriesPk: number,
  afterStep = -Infinity,
  upToStep = Infinity,
  expected = 1024,
): PointColumns {
  const st = statements(sqlite);
  const lo = Number.isFinite(afterStep) ? afterStep : -9e15;
  const hi = Number.isFinite(upToStep) ? upToStep : 9e15;
  return collect(expected, () => st.after.get(seriesPk, lo, hi));
}

/** Points with step in any of the inclusive ranges, which must be sorted and disjoint; in step order. */
export function readPointRanges(
  sqlite: Database.Database,
  seriesPk: number,
  ranges: readonly (readonly [number, number])[],
  expected = 1024,
): PointColumns {
  if (ranges.length === 0) return collect(0, () => undefined);
  const st = statements(sqlite);
  return collect(expected, () => st.ranges.get(JSON.stringify(ranges), seriesPk));
}

/** A step range and the values a point there must beat to matter: below `below` or above `above` (null: any). */
export interface PointProbe {
  fromStep: number;
  toStep: number;
  below: number | null;
  above: number | null;
}

/** Points in the probes' step ranges that are non-finite or lie outside their (below, above) band, in step order. */
export function readProbedPoints(sqlite: Database.Database, seriesPk: number, probes: readonly PointProbe[]): PointColumns {
  if (probes.length === 0) return collect(0, () => undefined);
  const st = statements(sqlite);
  const json = JSON.stringify(probes.map((p) => [p.fromStep, p.toStep, p.below, p.above]));
  return collect(probes.length * 4, () => st.probes.get(json, seriesPk));
}
