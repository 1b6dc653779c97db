// The full-history export: every stored point of a metric, per run, as logged — not the chart's reduction.
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryTooLargeError, runHistories } from '../../../../electron/core/queries/series/run-histories';
import { createCache, insertRun, insertSeries, writePoints, type RawPoint } from '../../series-summary/cache-fixture';
import { randomSeries } from '../../series-summary/random-series';

const cache = createCache();
afterAll(() => cache.close());

function runWith(id: string, metric: string, points: RawPoint[]): void {
  writePoints(cache, insertSeries(cache, insertRun(cache, { id }), metric), points);
}

const long = randomSeries({ count: 5000, seed: 3, tokensPerStep: 512 });
runWith('long', 'train/loss', long);
runWith('odd', 'train/loss', [
  { step: 20, tokens: 2048, time: 1_700_000_100, value: 2.5 },
  { step: 0, tokens: 0, time: 1_700_000_000, value: 3 },
  { step: 10, value: NaN },
  { step: 30, tokens: 3072, value: Infinity },
]);
runWith('eval-only', 'eval/loss', [{ step: 0, value: 1 }]);

describe('full history of a metric', () => {
  it('returns every stored point of each run in step order, missing tokens and times as null, non-finite values as text', () => {
    const { runs } = runHistories(cache.sqlite, ['odd', 'long'], 'train/loss');
    expect(runs.map((r) => r.runId)).toEqual(['odd', 'long']);
    expect(runs[0]).toEqual({
      runId: 'odd',
      steps: [0, 10, 20, 30],
      tokens: [0, null, 2048, 3072],
      times: [1_700_000_000, null, 1_700_000_100, null],
      values: [3, 'NaN', 2.5, 'Infinity'],
    });
    expect(runs[1]!.steps).toHaveLength(long.length);
    expect(runs[1]!.steps).toEqual([...long].sort((a, b) => a.step - b.step).map((p) => p.step));
  });

  it('gives a run that has not logged the metric (or is unknown) an empty history rather than failing', () => {
    const { runs } = runHistories(cache.sqlite, ['eval-only', 'nope'], 'train/loss');
    expect(runs.map((r) => [r.runId, r.steps.length])).toEqual([
      ['eval-only', 0],
      ['nope', 0],
    ]);
  });

  it('refuses more points than one export carries, before reading them, and says what to do instead', () => {
    expect(() => runHistories(cache.sqlite, ['long', 'odd'], 'train/loss', 5000)).toThrow(HistoryTooLargeError);
    expect(() => runHistories(cache.sqlite, ['long', 'odd'], 'train/loss', 5000)).toThrow(/5,004 points.*tessera export/);
    expect(runHistories(cache.sqlite, ['long'], 'train/loss', 5000).runs[0]!.steps).toHaveLength(5000);
  });
});
