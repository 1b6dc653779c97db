import { describe, expect, it } from 'vitest';
import { mergeBucketsM4, reduceM4, summarizeBucket, summarizeBucketsByX, type BucketSummary } from '../../../shared/series';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { spikySeries } from './spiky-series';

describe('bucket summaries', () => {
  it('summarize first, last, min, max, count and the first divergence of each kind per x bucket', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = [4, 2, NaN, 6, NaN, Infinity, 1];
    const buckets = summarizeBucketsByX(xs, ys, { origin: 0, bucketWidth: 2 });
    expect(buckets).toEqual([
      { key: 0, count: 2, firstX: 0, firstY: 4, lastX: 1, lastY: 2, minX: 1, minY: 2, maxX: 0, maxY: 4, markers: [] },
      { key: 1, count: 2, firstX: 3, firstY: 6, lastX: 3, lastY: 6, minX: 3, minY: 6, maxX: 3, maxY: 6, markers: [{ x: 2, kind: 'nan' }] },
      {
        key: 2, count: 2, firstX: null, firstY: null, lastX: null, lastY: null, minX: null, minY: null, maxX: null, maxY: null,
        markers: [{ x: 4, kind: 'nan' }, { x: 5, kind: 'inf' }],
      },
      { key: 3, count: 1, firstX: 6, firstY: 1, lastX: 6, lastY: 1, minX: 6, minY: 1, maxX: 6, maxY: 1, markers: [] },
    ]);
  });

  it('rejects a bucket with a first point but no min, naming the bucket', () => {
    const broken = { count: 1, firstX: 0, firstY: 1, lastX: 0, lastY: 1, minX: null, minY: null, maxX: 0, maxY: 1 };
    expect(() => mergeBucketsM4([broken], { x0: 0, x1: 1, width: 1 })).toThrow(/bucket 0/);
  });
});

describe('mergeBucketsM4 equals reduceM4 on the raw data when buckets are finer than pixel columns', () => {
  it('holds for power-of-two x buckets aligned with the columns (the sync-time levels)', () => {
    const rng = createSeededRandom(11).next;
    for (let trial = 0; trial < 100; trial++) {
      const width = 1 + Math.floor(rng() * 200);
      const columnWidth = 2 ** (1 + Math.floor(rng() * 6));
      const n = 20 + Math.floor(rng() * 4000);
      const { ys } = spikySeries(trial + 1000, n);
      // Integer steps with gaps, like a metric logged every few steps.
      const xs = new Float64Array(n);
      for (let i = 1; i < n; i++) xs[i] = xs[i - 1] + 1 + Math.floor(rng() * 3);
      const range = { x0: 0, x1: width * columnWidth, width };
      for (const perColumn of [1, 2, columnWidth]) {
        const buckets = summarizeBucketsByX(xs, ys, { origin: 0, bucketWidth: columnWidth / perColumn });
        expect(mergeBucketsM4(buckets, range)).toEqual(reduceM4(xs, ys, range));
      }
    }
  });

  it('holds for random contiguous buckets inside each column of random zoomed ranges', () => {
    const rng = createSeededRandom(12).next;
    for (let trial = 0; trial < 150; trial++) {
      const { xs, ys } = spikySeries(trial + 2000, 30 + Math.floor(rng() * 3000));
      const span = xs[xs.length - 1] - xs[0];
      const x0 = xs[0] - span * 0.1 + rng() * span * 0.5;
      const x1 = x0 + rng() * span;
      const width = 1 + Math.floor(rng() * 400);
      const range = { x0, x1, width };
      const scale = x1 > x0 ? width / (x1 - x0) : 0;
      const groupOf = (x: number) => (x < x0 ? -1 : x > x1 ? width : Math.min(width - 1, Math.floor((x - x0) * scale)));
      const buckets: BucketSummary[] = [];
      let start = 0;
      for (let i = 1; i <= xs.length; i++) {
        const boundary = i === xs.length || groupOf(xs[i]) !== groupOf(xs[i - 1]) || rng() < 0.3;
        if (boundary) {
          buckets.push(summarizeBucket(xs, ys, start, i));
          start = i;
        }
      }
      expect(mergeBucketsM4(buckets, range)).toEqual(reduceM4(xs, ys, range));
    }
  });
});

describe('mergeBucketsM4 with buckets coarser than the columns', () => {
  it('still shows the series extremes and every kind of divergence', () => {
    const rng = createSeededRandom(13).next;
    for (let trial = 0; trial < 50; trial++) {
      const { xs, ys } = spikySeries(trial + 3000, 500 + Math.floor(rng() * 3000));
      const width = 10 + Math.floor(rng() * 100);
      const range = { x0: xs[0], x1: xs[xs.length - 1], width };
      const bucketWidth = ((range.x1 - range.x0) / width) * (1.5 + rng() * 5);
      const merged = mergeBucketsM4(summarizeBucketsByX(xs, ys, { origin: xs[0], bucketWidth }), range);
      const finite = Array.from(ys).filter(Number.isFinite);
      const drawn = merged.points.map((p) => p.y);
      expect(Math.min(...drawn)).toBe(Math.min(...finite));
      expect(Math.max(...drawn)).toBe(Math.max(...finite));
      expect(new Set(merged.markers.map((m) => m.kind))).toEqual(new Set(reduceM4(xs, ys, range).markers.map((m) => m.kind)));
      expect(merged.points.length).toBeLessThanOrEqual(4 * width);
    }
  });
});
