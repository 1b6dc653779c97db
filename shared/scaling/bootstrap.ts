// Bootstrap over runs: each resample draws every group's runs with replacement (groups, e.g. the
// arms of an ablation, are resampled jointly but independently) and refits. Resampling is done
// as a multiplicity per run, so refits reuse the same objective with new weights.
// The loop yields to the event loop every few milliseconds so progress messages and a
// cancellation can get through when it runs in a worker.
import { createSeededRandom } from '../random/seeded-random';
import type { CancellationFlag, ProgressCallback } from './types';

export interface BootstrapControl {
  /** Number of resamples (default 1,000). */
  resamples?: number;
  /** Seed of the resampling; the same seed gives the same intervals. */
  seed?: number;
  onProgress?: ProgressCallback;
  /** Checked between resamples; when set, the bootstrap stops and returns what it has. */
  signal?: CancellationFlag;
  /** How often to yield to the event loop, in milliseconds (default 25). */
  yieldEveryMs?: number;
  /**
   * How to yield (default: a 0 ms timeout). In Node a thread running two bootstraps that yield by
   * timeouts never reaches its messages (each timeout's slice makes the next one due), so a
   * cancellation would wait for both to end: the compute worker passes setImmediate instead.
   */
  yieldToEventLoop?: () => Promise<void>;
}

export interface BootstrapSummary {
  requested: number;
  /** Resamples refitted (successfully or not) before the end or a cancellation. */
  completed: number;
  /** Refits that produced no finite optimum; they are left out of the intervals. */
  failed: number;
  cancelled: boolean;
  seed: number;
}

export const DEFAULT_RESAMPLES = 1000;

/**
 * Runs `refit` on `resamples` resamples of groups of the given sizes. `refit` receives one
 * multiplicity array per group (how many times each run was drawn) and returns a sample, or
 * null when the refit failed.
 */
export async function runBootstrap<T>(
  groupSizes: readonly number[],
  refit: (multiplicity: readonly Float64Array[]) => T | null,
  control: BootstrapControl = {},
): Promise<{ samples: T[]; summary: BootstrapSummary }> {
  const requested = Math.max(0, Math.floor(control.resamples ?? DEFAULT_RESAMPLES));
  const seed = control.seed ?? 1;
  const rng = createSeededRandom(seed);
  const multiplicity = groupSizes.map((n) => new Float64Array(n));
  const samples: T[] = [];
  const yieldEveryMs = control.yieldEveryMs ?? 25;
  const yieldNow = control.yieldToEventLoop ?? yieldToEventLoop;
  let failed = 0;
  let completed = 0;
  let cancelled = false;
  let sliceStart = Date.now();

  for (let r = 0; r < requested; r++) {
    if (control.signal?.aborted) {
      cancelled = true;
      break;
    }
    for (const counts of multiplicity) {
      counts.fill(0);
      const n = counts.length;
      for (let i = 0; i < n; i++) counts[rng.index(n)]!++;
    }
    const sample = refit(multiplicity);
    if (sample === null) failed++;
    else samples.push(sample);
    completed++;
    control.onProgress?.(completed, requested);
    if (Date.now() - sliceStart >= yieldEveryMs) {
      await yieldNow();
      sliceStart = Date.now();
    }
  }
  if (!cancelled && control.signal?.aborted && completed < requested) cancelled = true;
  return { samples, summary: { requested, completed, failed, cancelled, seed } };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
