import { afterEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { COUNT, END_STEP, FIELDS, MAX, MIN, REP_STEP, REP_Y, START_STEP, TOKENS_DROPS, TOKENS_GAPS, quarterHigh, quarterLow, quarterStart } from '../../../electron/core/series-summary/bucket-record';
import { readChunkRange, readSummaryState } from '../../../electron/core/series-summary/summary-chunks';
import { BUCKETS_PER_CHUNK, bucketPoints } from '../../../electron/core/series-summary/summary-levels';
import { removeSeriesSummary, updateSeriesSummary } from '../../../electron/core/series-summary/update-series-summary';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { createCache, deletePointsFrom, insertRun, insertSeries, readRawPoints, writePoints, type RawPoint } from './cache-fixture';
import { randomSeries } from './random-series';

const caches: CacheDatabase[] = [];
afterEach(() => caches.splice(0).forEach((c) => c.close()));

function setup(): { cache: CacheDatabase; seriesPk: number } {
  const cache = createCache();
  caches.push(cache);
  const runPk = insertRun(cache, { id: 'r-1' });
  return { cache, seriesPk: insertSeries(cache, runPk, 'train/loss') };
}

/** Every stored row of a series' summary except the generation counter. */
function snapshot(cache: CacheDatabase, seriesPk: number) {
  const state = cache.sqlite.prepare('SELECT point_count, level_count, hex(totals) AS totals FROM series_summaries WHERE series_pk = ?').get(seriesPk);
  const chunks = cache.sqlite
    .prepare('SELECT level, chunk, end_step, hex(data) AS data FROM series_summary_chunks WHERE series_pk = ? ORDER BY level, chunk')
    .all(seriesPk);
  return { state, chunks };
}

function rebuiltSnapshot(cache: CacheDatabase, seriesPk: number) {
  removeSeriesSummary(cache.sqlite, seriesPk);
  updateSeriesSummary(cache.sqlite, seriesPk, 0);
  return snapshot(cache, seriesPk);
}

describe('updateSeriesSummary', () => {
  it('never gives a series a generation it had before, even after its summary was removed or emptied', () => {
    // The chart's caches are keyed by series and generation: a generation seen again would serve old points.
    const { cache, seriesPk } = setup();
    const generation = () => readSummaryState(cache.sqlite, seriesPk)?.generation;
    const seen: number[] = [];
    const points = randomSeries({ count: 5_000, seed: 3, maxStride: 2 });
    writePoints(cache, seriesPk, points);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    seen.push(generation()!);
    // Points placed again (MLflow): the summary is removed, then built from the new points.
    removeSeriesSummary(cache.sqlite, seriesPk);
    expect(readSummaryState(cache.sqlite, seriesPk)).toMatchObject({ pointCount: 0, levelCount: 0 });
    seen.push(generation()!);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    seen.push(generation()!);
    // Every point superseded (a restart at the first step), then new ones in a later sync.
    deletePointsFrom(cache, seriesPk, points[0]!.step);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    expect(readSummaryState(cache.sqlite, seriesPk)).toMatchObject({ pointCount: 0, levelCount: 0 });
    seen.push(generation()!);
    writePoints(cache, seriesPk, points.slice(0, 3_000));
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    seen.push(generation()!);
    expect(readSummaryState(cache.sqlite, seriesPk)?.pointCount).toBe(3_000);
    for (let i = 1; i < seen.length; i++) expect(seen[i], `generation ${i}`).toBeGreaterThan(seen[i - 1]!);
  });

  it('builds levels whose buckets hold the exact count, extremes and edges of their points', () => {
    const { cache, seriesPk } = setup();
    const points = randomSeries({ count: 320_000, seed: 7, maxStride: 3 });
    writePoints(cache, seriesPk, points);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    const state = readSummaryState(cache.sqlite, seriesPk)!;
    expect(state.pointCount).toBe(320_000);
    expect(state.levelCount).toBe(3); // 256, 1024 and 4096 points per bucket; 16384 would not fill one chunk
    for (let level = 0; level < state.levelCount; level++) {
      const size = bucketPoints(level);
      const buckets = Math.ceil(points.length / size);
      const { records } = readChunkRange(cache.sqlite, seriesPk, level, 0, Math.ceil(buckets / BUCKETS_PER_CHUNK) - 1);
      for (const b of [0, 1, Math.floor(buckets / 2), buckets - 1]) {
        const slice = points.slice(b * size, (b + 1) * size);
        const finite = slice.filter((p) => Number.isFinite(p.value));
        const at = b * FIELDS;
        expect(records[at + COUNT]).toBe(slice.length);
        expect(records[at + START_STEP]).toBe(slice[0].step);
        expect(records[at + END_STEP]).toBe(slice[slice.length - 1].step);
        const min = Math.min(...finite.map((p) => p.value));
        const max = Math.max(...finite.map((p) => p.value));
        expect(records[at + MIN + REP_Y]).toBe(min);
        expect(records[at + MAX + REP_Y]).toBe(max);
        expect(records[at + MIN + REP_STEP]).toBe(finite.find((p) => p.value === min)!.step);
        // Quarters: a quarter of the points each, with their own extremes and first step.
        for (let q = 0; q < 4; q++) {
          const part = slice.slice((q * size) / 4, ((q + 1) * size) / 4).filter((p) => Number.isFinite(p.value));
          if (part.length === 0) continue;
          expect(records[at + quarterLow(q)]).toBe(Math.min(...part.map((p) => p.value)));
          expect(records[at + quarterHigh(q)]).toBe(Math.max(...part.map((p) => p.value)));
          if (q > 0) expect(records[at + quarterStart(q)]).toBe(slice[(q * size) / 4].step);
        }
      }
    }
    expect(state.totals[COUNT]).toBe(320_000);
    expect(state.totals[TOKENS_GAPS]).toBe(0);
    expect(state.totals[TOKENS_DROPS]).toBe(0);
  });

  it('after appends and restarts in any order, holds exactly what one build from scratch gives', () => {
    const { cache, seriesPk } = setup();
    const rand = createSeededRandom(13).next;
    let points: RawPoint[] = [];
    let nextStep = 0;
    for (let round = 0; round < 40; round++) {
      const restart = points.length > 0 && rand() < 0.3;
      let fromStep: number;
      if (restart) {
        // A restart from a checkpoint: everything at or after the resume step is superseded.
        fromStep = points[Math.floor(rand() * points.length)].step;
        deletePointsFrom(cache, seriesPk, fromStep);
        points = points.filter((p) => p.step < fromStep);
        nextStep = fromStep;
      } else fromStep = nextStep;
      const added = randomSeries({ count: 1 + Math.floor(rand() * (rand() < 0.2 ? 96_000 : 4800)), seed: round + 100, firstStep: nextStep, maxStride: 2 });
      points.push(...added);
      nextStep = added[added.length - 1].step + 1;
      writePoints(cache, seriesPk, added);
      updateSeriesSummary(cache.sqlite, seriesPk, fromStep);
      const incremental = snapshot(cache, seriesPk);
      expect(incremental).toEqual(rebuiltSnapshot(cache, seriesPk));
    }
    expect(readRawPoints(cache, seriesPk).length).toBe(points.length);
    expect(readSummaryState(cache.sqlite, seriesPk)!.pointCount).toBe(points.length);
    expect(readSummaryState(cache.sqlite, seriesPk)!.levelCount).toBeGreaterThanOrEqual(2);
  });

  it('counts tokens that go missing or fall back, so the chart knows when tokens cannot order the buckets', () => {
    const { cache, seriesPk } = setup();
    const points = randomSeries({ count: 3000, seed: 3 });
    points[1500] = { ...points[1500], tokens: null };
    points[2000] = { ...points[2000], tokens: points[1990].tokens! - 1 };
    writePoints(cache, seriesPk, points);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    const { totals } = readSummaryState(cache.sqlite, seriesPk)!;
    expect(totals[TOKENS_GAPS]).toBe(1);
    expect(totals[TOKENS_DROPS]).toBe(1);
  });

  it('empties the summary when the series shrinks to nothing and keeps none for short series', () => {
    const { cache, seriesPk } = setup();
    writePoints(cache, seriesPk, randomSeries({ count: 80_000, seed: 5 }));
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    expect(readSummaryState(cache.sqlite, seriesPk)!.levelCount).toBe(2);
    deletePointsFrom(cache, seriesPk, 8000);
    updateSeriesSummary(cache.sqlite, seriesPk, 8000);
    const state = readSummaryState(cache.sqlite, seriesPk)!;
    expect(state.levelCount).toBe(0);
    expect(state.pointCount).toBe(8000);
    expect(cache.sqlite.prepare('SELECT count(*) FROM series_summary_chunks WHERE series_pk = ?').pluck().get(seriesPk)).toBe(0);
    deletePointsFrom(cache, seriesPk, 0);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    // Nothing left to summarise: an empty state (kept for its generation) and no chunks.
    expect(readSummaryState(cache.sqlite, seriesPk)).toMatchObject({ pointCount: 0, levelCount: 0, generation: state.generation + 1 });
    expect(cache.sqlite.prepare('SELECT count(*) FROM series_summary_chunks WHERE series_pk = ?').pluck().get(seriesPk)).toBe(0);
  });
});
