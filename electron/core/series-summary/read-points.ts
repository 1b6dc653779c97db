// The reads the summary and the chart query make of a series' points, over its compressed chunks
// (electron/core/points): after a step, and whole level-0 buckets (keeping only the points that could
// still change a pixel column's extremes).
import type Database from 'better-sqlite3';
import { SERIES_CHUNK_POINTS } from '../points/point-chunk';
import { readChunkRuns, type ChunkDecoder } from '../points/read-chunk-runs';
import { readSeriesPoints } from '../points/read-series-points';
import { BASE_BUCKET_POINTS } from './summary-levels';
import type { PointColumns } from './bucket-record';

/** Points of a series with afterStep < step ≤ upToStep, in step order. */
export function readPointsAfter(sqlite: Database.Database, seriesPk: number, afterStep = -Infinity, upToStep = Infinity): PointColumns {
  return readSeriesPoints(sqlite, seriesPk, { from: afterStep, to: upToStep, fromExclusive: true });
}

// A series' point chunk k is its level-0 bucket k: opening buckets reads their chunks by number.
if (SERIES_CHUNK_POINTS !== BASE_BUCKET_POINTS) throw new Error('a point chunk must hold one level-0 summary bucket');

/** Level-0 buckets [first, last] and the steps wanted in them; with below/above, only the points outside that band. */
export interface BucketProbe {
  first: number;
  last: number;
  fromStep: number;
  toStep: number;
  below?: number;
  above?: number;
}

/** Points of whole level-0 buckets (sorted runs), read by chunk number; probes with a band keep only what can matter. */
export function readBucketPoints(sqlite: Database.Database, seriesPk: number, runs: readonly BucketProbe[], want?: number, decoder: ChunkDecoder | null = null): PointColumns {
  const banded = runs.length > 0 && runs.every((r) => r.below !== undefined);
  return readChunkRuns(
    sqlite,
    seriesPk,
    runs.map((r) => ({ firstChunk: r.first, lastChunk: r.last, fromStep: r.fromStep, toStep: r.toStep })),
    banded ? (value, r) => !(value >= runs[r]!.below! && value <= runs[r]!.above!) : null,
    want,
    decoder,
  );
}
