// One bucket of the multi-resolution summary as a fixed run of Float64 fields, so a chunk of buckets is one
// Float64Array and decoding costs nothing. A bucket covers consecutive points (by step); it keeps what the
// chart needs to place it on any x axis: its first and last point in step, tokens and time, the points with
// the first, last, lowest and highest finite value, and the first and last NaN, +Infinity and -Infinity.
// NaN marks an absent field (a rep with no finite value, a point without tokens).

export const FIELDS = 62;

export const COUNT = 0;
/** Step, tokens and time of the bucket's first and last point, whatever its value. */
export const START_STEP = 1;
export const END_STEP = 2;
export const START_TOKENS = 3;
export const END_TOKENS = 4;
export const START_TIME = 5;
export const END_TIME = 6;
/** Points without tokens / time, and points whose tokens / time is lower than the point before. */
export const TOKENS_GAPS = 7;
export const TOKENS_DROPS = 8;
export const TIME_GAPS = 9;
export const TIME_DROPS = 10;

/** A representative point: value, step, tokens, time. */
export const REP_Y = 0;
export const REP_STEP = 1;
export const REP_TOKENS = 2;
export const REP_TIME = 3;
export const FIRST = 11;
export const LAST = 15;
export const MIN = 19;
export const MAX = 23;

/** Non-finite kinds in the order of shared/series' markers: NaN, +Infinity, -Infinity. */
export const MARKER_KINDS = ['nan', 'inf', '-inf'] as const;
/** Marker k: first at MARKERS + 6k, last at MARKERS + 6k + 3, each as step, tokens, time. */
export const MARKERS = 27;

export function markerField(kind: number, last: boolean): number {
  return MARKERS + 6 * kind + (last ? 3 : 0);
}

/**
 * The bucket's four quarters (16 points at level 0, the four children above): each quarter's lowest and
 * highest finite value, and where quarters 1–3 start (step, tokens, time). A bucket straddling a column
 * edge then shows which quarter on which side could hold a column's extreme, so the chart query opens
 * only that quarter, and often nothing.
 */
export const QUARTERS = 45;
export const QUARTER_COUNT = 4;
/** Points per quarter of a level-0 bucket (BASE_BUCKET_POINTS = 256 points). */
export const QUARTER_POINTS = 64;

export function quarterLow(q: number): number {
  return QUARTERS + 2 * q;
}

export function quarterHigh(q: number): number {
  return QUARTERS + 2 * q + 1;
}

/** Start of quarter q (1–3) as step, tokens, time; quarter 0 starts at the bucket's start. */
export function quarterStart(q: number): number {
  return QUARTERS + 8 + 3 * (q - 1);
}

export function markerKindOf(y: number): number {
  return y === Infinity ? 1 : y === -Infinity ? 2 : 0;
}

/** Sets a record to "no points". */
export function clearRecord(out: Float64Array, at: number): void {
  out.fill(NaN, at, at + FIELDS);
  out[at + COUNT] = 0;
  out[at + TOKENS_GAPS] = 0;
  out[at + TOKENS_DROPS] = 0;
  out[at + TIME_GAPS] = 0;
  out[at + TIME_DROPS] = 0;
}

function setRep(out: Float64Array, at: number, y: number, step: number, tokens: number, time: number): void {
  out[at + REP_Y] = y;
  out[at + REP_STEP] = step;
  out[at + REP_TOKENS] = tokens;
  out[at + REP_TIME] = time;
}

function setMarker(out: Float64Array, at: number, step: number, tokens: number, time: number): void {
  out[at] = step;
  out[at + 1] = tokens;
  out[at + 2] = time;
}

import type { PointColumns } from '../points/read-series-points';

export type { PointColumns };

/**
 * Summarizes points [start, end) of `points` into the record at `at`. `prevTokens`/`prevTime` belong to
 * the point just before `start` (NaN when there is none), so drops across bucket edges are counted once.
 * Ties keep the earliest point, as M4 does when points arrive in x order.
 */
export function summarizePoints(
  points: PointColumns,
  start: number,
  end: number,
  prevTokens: number,
  prevTime: number,
  out: Float64Array,
  at: number,
): void {
  clearRecord(out, at);
  const { steps, values, tokens, times } = points;
  let lastTokens = prevTokens;
  let lastTime = prevTime;
  for (let i = start; i < end; i++) {
    const step = steps[i];
    const y = values[i];
    const tk = tokens[i];
    const tm = times[i];
    if (i === start) {
      out[at + START_STEP] = step;
      out[at + START_TOKENS] = tk;
      out[at + START_TIME] = tm;
    }
    if (Number.isNaN(tk)) out[at + TOKENS_GAPS]++;
    else {
      if (tk < lastTokens) out[at + TOKENS_DROPS]++;
      lastTokens = tk;
    }
    if (Number.isNaN(tm)) out[at + TIME_GAPS]++;
    else {
      if (tm < lastTime) out[at + TIME_DROPS]++;
      lastTime = tm;
    }
    if (Number.isFinite(y)) {
      if (Number.isNaN(out[at + FIRST + REP_STEP])) {
        setRep(out, at + FIRST, y, step, tk, tm);
        setRep(out, at + MIN, y, step, tk, tm);
        setRep(out, at + MAX, y, step, tk, tm);
      } else {
        if (y < out[at + MIN + REP_Y]) setRep(out, at + MIN, y, step, tk, tm);
        if (y > out[at + MAX + REP_Y]) setRep(out, at + MAX, y, step, tk, tm);
      }
      setRep(out, at + LAST, y, step, tk, tm);
    } else {
      const kind = markerKindOf(y);
      const first = at + markerField(kind, false);
      if (Number.isNaN(out[first])) setMarker(out, first, step, tk, tm);
      setMarker(out, at + markerField(kind, true), step, tk, tm);
    }
  }
  const n = end - start;
  // Quarters of a full bucket, so a bucket still filling has its quarters where they will stay.
  const quarter = QUARTER_POINTS;
  for (let q = 0; q < QUARTER_COUNT; q++) {
    const qs = start + q * quarter;
    const qe = Math.min(end, qs + quarter);
    let low = Infinity;
    let high = -Infinity;
    for (let i = qs; i < qe; i++) {
      const y = values[i];
      if (!Number.isFinite(y)) continue;
      if (y < low) low = y;
      if (y > high) high = y;
    }
    out[at + quarterLow(q)] = low <= high ? low : NaN;
    out[at + quarterHigh(q)] = low <= high ? high : NaN;
    if (q > 0) {
      const s0 = at + quarterStart(q);
      if (qs < end) {
        out[s0] = steps[qs];
        out[s0 + 1] = tokens[qs];
        out[s0 + 2] = times[qs];
      }
    }
  }
  out[at + COUNT] = n;
  if (n > 0) {
    out[at + END_STEP] = steps[end - 1];
    out[at + END_TOKENS] = tokens[end - 1];
    out[at + END_TIME] = times[end - 1];
  }
}

function copyFields(from: Float64Array, fromAt: number, to: Float64Array, toAt: number, count: number): void {
  for (let k = 0; k < count; k++) to[toAt + k] = from[fromAt + k];
}

/** Merges records [first, first + n) of `src` (consecutive in step) into the record at `at` of `out`; the first four are its quarters. */
export function mergeRecords(src: Float64Array, first: number, n: number, out: Float64Array, at: number): void {
  clearRecord(out, at);
  let any = false;
  for (let b = first; b < first + n; b++) {
    const s = b * FIELDS;
    const q = b - first;
    if (q < QUARTER_COUNT) {
      out[at + quarterLow(q)] = src[s + MIN + REP_Y];
      out[at + quarterHigh(q)] = src[s + MAX + REP_Y];
      if (q > 0) {
        out[at + quarterStart(q)] = src[s + START_STEP];
        out[at + quarterStart(q) + 1] = src[s + START_TOKENS];
        out[at + quarterStart(q) + 2] = src[s + START_TIME];
      }
    }
    const count = src[s + COUNT];
    if (!(count > 0)) continue;
    if (!any) {
      any = true;
      out[at + START_STEP] = src[s + START_STEP];
      out[at + START_TOKENS] = src[s + START_TOKENS];
      out[at + START_TIME] = src[s + START_TIME];
    }
    out[at + COUNT] += count;
    out[at + END_STEP] = src[s + END_STEP];
    out[at + END_TOKENS] = src[s + END_TOKENS];
    out[at + END_TIME] = src[s + END_TIME];
    out[at + TOKENS_GAPS] += src[s + TOKENS_GAPS];
    out[at + TOKENS_DROPS] += src[s + TOKENS_DROPS];
    out[at + TIME_GAPS] += src[s + TIME_GAPS];
    out[at + TIME_DROPS] += src[s + TIME_DROPS];
    if (!Number.isNaN(src[s + FIRST + REP_STEP])) {
      if (Number.isNaN(out[at + FIRST + REP_STEP])) {
        copyFields(src, s + FIRST, out, at + FIRST, 4);
        copyFields(src, s + MIN, out, at + MIN, 4);
        copyFields(src, s + MAX, out, at + MAX, 4);
      } else {
        if (src[s + MIN + REP_Y] < out[at + MIN + REP_Y]) copyFields(src, s + MIN, out, at + MIN, 4);
        if (src[s + MAX + REP_Y] > out[at + MAX + REP_Y]) copyFields(src, s + MAX, out, at + MAX, 4);
      }
      copyFields(src, s + LAST, out, at + LAST, 4);
    }
    for (let kind = 0; kind < 3; kind++) {
      const first = markerField(kind, false);
      if (Number.isNaN(src[s + first])) continue;
      if (Number.isNaN(out[at + first])) copyFields(src, s + first, out, at + first, 3);
      copyFields(src, s + markerField(kind, true), out, at + markerField(kind, true), 3);
    }
  }
}
