// Upgrades a cache written before the chunked point storage: the rows of the old `points` table (one per
// point) move into point_chunks, a batch of series per transaction, and the series' chart summary is rebuilt
// for the new bucket size. A kill at any moment leaves every batch either converted or untouched, and
// the next open goes on where it stopped. The converted chunks keep each point's tokens and time in the
// series (as the old rows did); a fresh sync of the store keeps them once per run and step instead.
import type Database from 'better-sqlite3';
import { removeSeriesSummary, updateSeriesSummary } from '../series-summary/update-series-summary';
import { openSeriesChunk } from './open-chunk';
import { STEPS, TIMES, TOKENS, VALUES } from './point-chunk';

const LEGACY_BATCH = 65536;
const BATCH_POINTS = 250_000;

export interface ConversionProgress {
  seriesDone: number;
  seriesTotal: number;
  pointsDone: number;
}

/** Whether the old table still holds points (a cache that is new, or done converting, answers fast). */
export function hasLegacyPoints(sqlite: Database.Database): boolean {
  // Both tables must exist: a cache migrated only part way (as the migration tests make) has no chunks yet.
  const tables = sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('points', 'point_chunks')").pluck().get();
  return tables === 2 && sqlite.prepare('SELECT 1 FROM points LIMIT 1').get() !== undefined;
}

function convertSeries(sqlite: Database.Database, seriesPk: number, rows: Database.Statement): number {
  const chunk = openSeriesChunk(sqlite, seriesPk, STEPS | VALUES | TOKENS | TIMES);
  let count = 0;
  // No chunks exist yet: a series is converted whole in its batch's transaction, or not at all.
  // In batches: the chunk writes cannot run while a read of the same connection is still iterating.
  for (let after = -Infinity; ; ) {
    const batch = rows.all(seriesPk, after) as [number, number | null, number | null, number | null][];
    for (const [step, tokens, time, value] of batch) chunk.append(step, value ?? NaN, tokens ?? NaN, time ?? NaN);
    count += batch.length;
    if (batch.length < LEGACY_BATCH) break;
    after = batch[batch.length - 1]![0];
  }
  chunk.flush();
  return count;
}

/** Moves every legacy point into chunks; returns how many points moved. Safe to call on any cache. */
export function convertLegacyPoints(sqlite: Database.Database, onProgress?: (progress: ConversionProgress) => void): number {
  if (!hasLegacyPoints(sqlite)) return 0;
  const seriesList = sqlite.prepare('SELECT DISTINCT series_pk FROM points ORDER BY series_pk').pluck().all() as number[];
  const exists = sqlite.prepare('SELECT 1 FROM series WHERE pk = ?').pluck();
  const rows = sqlite.prepare(`SELECT step, tokens, time, value FROM points WHERE series_pk = ? AND step > ? ORDER BY step LIMIT ${LEGACY_BATCH}`).raw();
  const drop = sqlite.prepare('DELETE FROM points WHERE series_pk = ?');
  const progress: ConversionProgress = { seriesDone: 0, seriesTotal: seriesList.length, pointsDone: 0 };
  onProgress?.(progress);
  const counted = sqlite.prepare('SELECT count(*) FROM points WHERE series_pk = ?').pluck();
  // Series go in batches of about BATCH_POINTS points, one transaction each: few commits, bounded work lost to a kill.
  for (let next = 0; next < seriesList.length; ) {
    sqlite.transaction(() => {
      let points = 0;
      while (next < seriesList.length && points < BATCH_POINTS) {
        const seriesPk = seriesList[next++]!;
        // Points whose series is gone were orphans: nothing reads them, they are only dropped.
        let moved: number;
        if (exists.get(seriesPk) !== undefined) {
          moved = convertSeries(sqlite, seriesPk, rows);
          progress.pointsDone += moved;
          removeSeriesSummary(sqlite, seriesPk);
          updateSeriesSummary(sqlite, seriesPk, -Infinity);
        } else moved = counted.get(seriesPk) as number;
        points += moved + 1;
        drop.run(seriesPk);
        progress.seriesDone++;
      }
    })();
    onProgress?.(progress);
  }
  // The old rows' pages go back to the file system: the cache is a fraction of its old size.
  sqlite.exec('VACUUM');
  return progress.pointsDone;
}
