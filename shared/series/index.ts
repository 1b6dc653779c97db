// Pure series functions for charts and comparisons: M4 reduction, smoothing, alignment, seeds and deltas.
export type {
  NumericArray,
  Series,
  PixelRange,
  SeriesPoint,
  NonFiniteKind,
  NonFiniteMarker,
  ReducedSeries,
} from './types';
export { reduceM4 } from './m4';
export {
  mergeBucketsM4,
  summarizeBucket,
  summarizeBucketsByX,
  type BucketSummary,
  type KeyedBucketSummary,
} from './m4-buckets';
export { smoothEma, MAX_SMOOTHING_WEIGHT } from './smoothing';
export { interpolateAt, alignSeries, commonGrid, type GridSpec } from './interpolate';
export { aggregateSeeds, aggregateOnGrid, type SeedAggregate } from './seed-aggregate';
export { deltaVsBaseline, deltaOfAggregates, type DeltaBand, type DeltaSeries } from './delta';
export {
  valueAtComparisonPoint,
  type ComparisonRun,
  type ComparisonPoint,
  type VariantAtComparison,
} from './comparison-point';
