// Methods of the Runs, Compare and Ablations pages: the run table, run details, chart series at a
// pixel width (M4 over the multi-resolution summary), seed groups, deltas, config diffs and ablations.
import { z } from 'zod';
import {
  RUN_STATUSES,
  X_KINDS,
  type AblationDetail,
  type AblationSummary,
  type ConfigDiff,
  type DeltaResult,
  type HistoryResult,
  type MetricInfo,
  type RunDetail,
  type RunList,
  type SeedGroupResult,
  type SeriesResult,
} from '../domain/run-views';
import { MAX_SMOOTHING_WEIGHT } from '../series';
import { defineMethod } from './define-method';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a run or ablation id');
const metric = z.string().min(1).max(512);
const runIds = z.array(id).min(1).max(200);

/** Shared by every chart method: the visible range at a pixel width, in one x unit. */
const chartView = {
  width: z.number().int().min(1).max(8192),
  from: z.number().finite().optional(),
  to: z.number().finite().optional(),
  x: z.enum(X_KINDS).default('step'),
  xLog: z.boolean().default(false),
  smoothing: z.number().min(0).max(MAX_SMOOTHING_WEIGHT).default(0),
};

/** The longest text filter of the runs list (the filter box stops there too). */
export const RUN_TEXT_FILTER_MAX = 200;

export const runsMethods = {
  /** Runs that pass every given filter, sorted; all of them unless `limit` is given. */
  listRuns: defineMethod<RunList>()({
    input: z
      .object({
        /** Only these runs (the Compare page's selection). */
        ids: z.array(id).max(10_000).optional(),
        text: z.string().max(RUN_TEXT_FILTER_MAX).optional(),
        tags: z.array(z.string().max(200)).max(50).optional(),
        group: z.string().max(200).optional(),
        owner: z.string().max(200).optional(),
        status: z.array(z.enum(RUN_STATUSES)).max(RUN_STATUSES.length).optional(),
        ablation: z.string().max(200).optional(),
        proposal: z.string().max(200).optional(),
        sort: z.object({ key: z.string().max(300), dir: z.enum(['asc', 'desc']) }).strict().optional(),
        columns: z.array(z.string().max(300)).max(50).default([]),
        limit: z.number().int().min(1).max(100_000).optional(),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  }),
  getRun: defineMethod<RunDetail>()({ input: z.object({ runId: id }).strict() }),
  /** Metric keys of the given runs (all runs when none are given), with eval-trust badges. */
  listMetrics: defineMethod<{ metrics: MetricInfo[] }>()({
    input: z.object({ runIds: z.array(id).max(10_000).optional() }).strict(),
  }),
  getSeries: defineMethod<SeriesResult>()({
    input: z.object({ runIds, metrics: z.array(metric).min(1).max(20), ...chartView }).strict(),
  }),
  getSeedGroups: defineMethod<SeedGroupResult>()({
    input: z
      .object({ runIds, metric, ...chartView, band: z.enum(['min-max', 'std']).default('min-max'), groupBy: z.enum(['variant', 'group', 'none']).default('variant') })
      .strict(),
  }),
  getDeltas: defineMethod<DeltaResult>()({
    input: z
      .object({
        runIds,
        baselineRunIds: runIds,
        metric,
        ...chartView,
        band: z.enum(['standard-error', 'min-max']).default('standard-error'),
        groupBy: z.enum(['variant', 'group', 'none']).default('variant'),
      })
      .strict(),
  }),
  /** Every logged point of one metric of the runs (the full-history export); refused above HISTORY_MAX_POINTS. */
  getHistory: defineMethod<HistoryResult>()({ input: z.object({ runIds, metric }).strict() }),
  getConfigDiff: defineMethod<ConfigDiff>()({ input: z.object({ runIds }).strict() }),
  listAblations: defineMethod<{ ablations: AblationSummary[] }>()({ input: z.object({}).strict() }),
  getAblation: defineMethod<AblationDetail>()({ input: z.object({ id }).strict() }),
};
