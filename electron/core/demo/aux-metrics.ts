// The extra per-line metrics of the year lab's long runs (year-plan), which run-builder writes: their own
// module, so the plan and the builder do not import each other.

const LAYER_NORMS = 16;

/** What a production job logs beside its loss: per-layer grad norms, update and parameter norms, throughput. */
export const AUX_METRIC_KEYS: readonly string[] = [
  ...Array.from({ length: LAYER_NORMS }, (_, i) => `train/grad_norm/layer_${String(i).padStart(2, '0')}`),
  'train/update_norm',
  'train/param_norm',
  'train/tokens_per_sec',
  'train/mfu',
];
