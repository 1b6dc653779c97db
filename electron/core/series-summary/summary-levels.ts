// The shape of the multi-resolution summary. Level L groups 256·4^L consecutive points per bucket and
// stores buckets 64 to a chunk row. A level exists once the series fills at least one chunk of it, so
// short series have no summary (reading them whole is as fast) and the coarsest level has 64 to 255 buckets.
// A level-0 record is 62 doubles, compressed field by field in its chunk (summary-chunks): at 256 points a
// bucket the whole summary costs a fraction of a byte a point, where raw records at 64 cost 10.

export const BASE_BUCKET_POINTS = 256;
export const LEVEL_FACTOR = 4;
export const BUCKETS_PER_CHUNK = 64;
export const MAX_LEVELS = 10;

export function bucketPoints(level: number): number {
  return BASE_BUCKET_POINTS * LEVEL_FACTOR ** level;
}

/** How many levels a series of `pointCount` points keeps. */
export function levelCountFor(pointCount: number): number {
  let levels = 0;
  while (levels < MAX_LEVELS && pointCount >= BUCKETS_PER_CHUNK * bucketPoints(levels)) levels++;
  return levels;
}
