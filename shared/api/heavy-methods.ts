// Methods whose work grows with the lab: fits and bootstraps (the compute worker), full-text search and
// "Tried before?" (the search worker). `serve` runs only a few of one client's at a time, so a client
// cannot fill the machine; the rest wait their turn, and are dropped if the client leaves meanwhile.
import type { MethodName } from './contract';

export const HEAVY_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'getScalingFit',
  'predictAt',
  'getAblationScaling',
  'getReviewScalingChange',
  'search',
  'triedBefore',
]);
