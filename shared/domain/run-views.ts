// What the Runs, Compare and Ablations pages show, as plain JSON: non-finite numbers travel as null
// (in value columns) or as marker kinds, never as NaN or Infinity.

export const X_KINDS = ['step', 'tokens', 'flops', 'time', 'relative-time'] as const;
export type XKind = (typeof X_KINDS)[number];

export const RUN_STATUSES = ['running', 'stale', 'finished', 'failed', 'killed', 'unknown'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type ConfigValue = string | number | boolean | null;

export interface RunRow {
  id: string;
  name: string | null;
  owner: string | null;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  seed: number | null;
  proposal: string | null;
  createdAt: string;
  params: number | null;
  tokens: number | null;
  flops: number | null;
  /** compute.flops came from run.json (otherwise 6·N·D). */
  flopsGiven: boolean;
  arch: string | null;
  mixture: string | null;
  accelerator: string | null;
  chips: number | null;
  chipHours: number | null;
  status: RunStatus;
  statusMessage: string | null;
  statusUpdatedAt: string | null;
  lastStep: number | null;
  lastTokens: number | null;
  pointCount: number;
  tags: string[];
  source: string;
  /** The config keys asked for as columns (flattened with dots), by key. */
  values: Record<string, ConfigValue>;
}

export interface Facet {
  value: string;
  count: number;
}

export interface RunFacets {
  owners: Facet[];
  groups: Facet[];
  tags: Facet[];
  ablations: Facet[];
  proposals: Facet[];
  statuses: Facet[];
}

export interface RunList {
  /** Runs in the cache. */
  total: number;
  /** Runs that pass the filters (the page may be a slice of them). */
  matched: number;
  runs: RunRow[];
  facets: RunFacets;
  /** Every config key any run has, with how many runs have it, most common first. */
  configKeys: Facet[];
}

export type EvalTrustKind = 'public' | 'internal';

/** A metric under one of team.yaml's eval suites. */
export interface EvalTrust {
  kind: EvalTrustKind;
  suite: string | null;
  prefix: string;
  label: string;
}

export interface MetricInfo {
  key: string;
  runCount: number;
  trust: EvalTrust | null;
}

export interface RunMetric {
  key: string;
  pointCount: number;
  lastStep: number | null;
  /** null when the last value was NaN; ±Infinity as strings. */
  lastValue: number | 'NaN' | 'Infinity' | '-Infinity' | null;
  nonFiniteCount: number;
  trust: EvalTrust | null;
}

export interface RunDetail {
  run: RunRow;
  /** Flattened config: run.json's `config` and every unknown top-level key. */
  config: { key: string; value: ConfigValue }[];
  /** run.json as read. */
  raw: unknown;
  metrics: RunMetric[];
}

export type NonFiniteKindName = 'nan' | 'inf' | '-inf';

/** One run's metric as the chart receives it: M4 per pixel column, markers for non-finite values. */
export interface ChartSeries {
  runId: string;
  metric: string;
  xs: number[];
  ys: number[];
  markerXs: number[];
  markerKinds: NonFiniteKindName[];
  /** The smoothed line (computed over every point, then reduced), when smoothing > 0. */
  smoothed: { xs: number[]; ys: number[] } | null;
  /** Points stored for the series. */
  pointCount: number;
  /** Points without a value in this x unit (no tokens or time logged). */
  unplaced: number;
  /** Points whose x is 0 or less, which a log x axis cannot place (tokens = 0 at the first step). */
  belowLogAxis: number;
  /** 'summary' when the multi-resolution summary answered, 'points' when raw points were read. */
  read: 'summary' | 'points';
  /** Why the series is empty, when it is. */
  note: string | null;
  trust: EvalTrust | null;
}

export interface SeriesResult {
  x: XKind;
  xLog: boolean;
  width: number;
  /** The x range reduced (the union of the series when not given); null when nothing has data. */
  from: number | null;
  to: number | null;
  smoothing: number;
  series: ChartSeries[];
}

/** The most points one full-history export carries; larger ones go through `tessera export`, run by run. */
export const HISTORY_MAX_POINTS = 2_000_000;

/** A logged value as JSON can carry it: non-finite values as the lab store writes them. */
export type HistoryValue = number | 'NaN' | 'Infinity' | '-Infinity';

/** One run's full history of a metric, every logged point in step order, as stored (no smoothing). */
export interface RunHistory {
  runId: string;
  steps: number[];
  /** null where the point has no tokens or time logged. */
  tokens: (number | null)[];
  times: (number | null)[];
  values: HistoryValue[];
}

export interface HistoryResult {
  metric: string;
  runs: RunHistory[];
}

export type SeedBand = 'min-max' | 'std';
export type GroupBy = 'variant' | 'group' | 'none';

/** Several runs of one variant: mean with a band, null where no run has a finite value. */
export interface SeedGroup {
  key: string;
  label: string;
  runIds: string[];
  xs: number[];
  mean: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Runs with a finite value at each x. */
  counts: number[];
}

export interface SeedGroupResult {
  x: XKind;
  band: SeedBand;
  from: number | null;
  to: number | null;
  groups: SeedGroup[];
}

export type DeltaBandKind = 'standard-error' | 'min-max';

export interface DeltaCurve {
  key: string;
  label: string;
  runIds: string[];
  xs: number[];
  delta: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}

export interface DeltaResult {
  x: XKind;
  band: DeltaBandKind;
  baselineLabel: string;
  baselineRunIds: string[];
  from: number | null;
  to: number | null;
  deltas: DeltaCurve[];
}

export interface ConfigDiff {
  runIds: string[];
  /** Keys whose values differ between the runs (missing counts as different), sorted. */
  rows: { key: string; values: ConfigValue[] }[];
  sameCount: number;
}

export type AblationVerdict = 'better' | 'worse' | 'within-noise' | 'no-noise-estimate';

export interface VariantAtPoint {
  variant: string;
  isBaseline: boolean;
  runIds: string[];
  /** Each run's value at the comparison point; null when it was not finite there. */
  values: (number | null)[];
  /** Finite values. */
  n: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  /** Mean minus the baseline mean (null for the baseline itself). */
  delta: number | null;
  /** 95 % Welch interval of the delta; null without a noise estimate. */
  interval: [number, number] | null;
  pValue: number | null;
  verdict: AblationVerdict | null;
  /** Why there is no interval. */
  noiseNote: string | null;
}

/** One model size of an ablation (an ablation run at several sizes is a scaling ablation). */
export interface AblationAtSize {
  params: number | null;
  /** The comparison point: the largest compare_at value every run of this size reached. */
  x: number | null;
  variants: VariantAtPoint[];
  note: string | null;
}

export interface AblationSummary {
  id: string;
  title: string | null;
  question: string | null;
  owner: string | null;
  proposal: string | null;
  metric: string | null;
  compareAt: 'step' | 'tokens' | 'flops';
  baseline: string | null;
  better: 'lower' | 'higher';
  trust: EvalTrust | null;
  runCount: number;
  sizes: AblationAtSize[];
  note: string | null;
}

export interface AblationDetail extends AblationSummary {
  runs: RunRow[];
}
