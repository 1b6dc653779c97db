// Messages between the core and its compute worker thread (scaling fits and bootstraps).
import type { ScalingDataQuery } from '../queries/scaling-observations';

export interface ComputeWorkerInit {
  dbFile: string;
  migrationsDir: string;
  nativeBinding?: string;
}

export type ComputeTask =
  | {
      kind: 'scaling-fit';
      query: ScalingDataQuery;
      /** Bootstrap resamples (0: the fit alone). */
      bootstrap: number;
      seed: number;
      /** Identifies the data and exclusions: fits of the same base are reused across bootstrap sizes. */
      baseKey: string;
    }
  | {
      kind: 'ablation-scaling';
      query: ScalingDataQuery;
      E: 'shared' | 'free';
      targetCompute?: number;
      resamples: number;
      seed: number;
    };

export type ComputeRequest = { type: 'run'; id: number; task: ComputeTask } | { type: 'cancel'; id: number } | { type: 'stop' };

/** `scope`: the task names runs that are not in the cache; `cancelled`: a fit stopped before its end; `internal`: a bug or a broken cache. */
export type ComputeFailureKind = 'scope' | 'cancelled' | 'internal';

export type ComputeReply =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; kind: ComputeFailureKind; message: string }
  | { type: 'stopped' };
