// The SQLite cache schema. Everything here except `fit_exclusions` is derived from the lab store
// and can be rebuilt by a clean sync; drizzle-kit generates migrations/ from this file.
import { sql } from 'drizzle-orm';
import {
  sqliteTable,
  text,
  integer,
  real,
  blob,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

export const runs = sqliteTable(
  'runs',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    name: text('name'),
    createdAt: text('created_at').notNull(),
    owner: text('owner'),
    group: text('group_name'),
    ablation: text('ablation'),
    variant: text('variant'),
    seed: integer('seed'),
    proposal: text('proposal'),
    params: real('params'),
    nonEmbeddingParams: real('non_embedding_params'),
    activeParams: real('active_params'),
    arch: text('arch'),
    tokens: real('tokens'),
    mixture: text('mixture'),
    /** FLOPs as given by run.json, or 6·N·D when absent (null when N or D is unknown). */
    flops: real('flops'),
    flopsGiven: integer('flops_given', { mode: 'boolean' }).notNull().default(false),
    accelerator: text('accelerator'),
    chips: real('chips'),
    chipHours: real('chip_hours'),
    /** run.json's `config` merged with every unknown top-level key, as JSON. */
    configJson: text('config_json').notNull().default('{}'),
    tagsJson: text('tags_json').notNull().default('[]'),
    /** The whole run.json as read, for the config view and exports. */
    rawJson: text('raw_json').notNull(),
    state: text('state'),
    stateUpdatedAt: text('state_updated_at'),
    stateMessage: text('state_message'),
    lastStep: integer('last_step'),
    lastTokens: real('last_tokens'),
    lastTime: real('last_time'),
    pointCount: integer('point_count').notNull().default(0),
    /** Where the run came from: 'labstore' | 'tensorboard' | 'mlflow' | 'wandb'. */
    source: text('source').notNull().default('labstore'),
    /** A source run's fields before mapping ('params.lr', 'config.model.n_params'…), for the mapping preview. */
    sourceFieldsJson: text('source_fields_json'),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [
    uniqueIndex('runs_id_unique').on(t.id),
    index('runs_ablation_idx').on(t.ablation, t.variant),
    index('runs_group_idx').on(t.group),
    index('runs_proposal_idx').on(t.proposal),
  ],
);

/** One metric key of one run: the unit the chart and export queries address. */
export const series = sqliteTable(
  'series',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    runPk: integer('run_pk')
      .notNull()
      .references(() => runs.pk, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    pointCount: integer('point_count').notNull().default(0),
    lastStep: integer('last_step'),
    lastValue: real('last_value'),
    nonFiniteCount: integer('non_finite_count').notNull().default(0),
  },
  (t) => [uniqueIndex('series_run_key_unique').on(t.runPk, t.key), index('series_key_idx').on(t.key)],
);

/**
 * Points as caches before the chunked storage kept them, one row each (`value` NULL for NaN). New caches
 * leave it empty; an older cache's rows are moved into `point_chunks` when it is opened
 * (electron/core/points/convert-legacy-points.ts), series by series.
 */
export const legacyPoints = sqliteTable(
  'points',
  {
    seriesPk: integer('series_pk').notNull(),
    step: integer('step').notNull(),
    tokens: real('tokens'),
    time: real('time'),
    value: real('value'),
  },
  (t) => [primaryKey({ columns: [t.seriesPk, t.step] })],
);

/**
 * Every entry a source that keeps them all (MLflow) logged, in the order it logged them: the record
 * `export` prints. `points` holds what the chart shows per step (the entry logged last by timestamp).
 * `value` has no type affinity, so -0.0 keeps its sign (a REAL column stores it as the integer 0);
 * NULL is NaN, as in points.
 */
export const loggedEntries = sqliteTable(
  'logged_entries',
  {
    seriesPk: integer('series_pk')
      .notNull()
      .references(() => series.pk, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    step: integer('step').notNull(),
    time: real('time'),
    value: blob('value'),
  },
  (t) => [primaryKey({ columns: [t.seriesPk, t.seq] })],
);

export const ablations = sqliteTable('ablations', {
  id: text('id').primaryKey(),
  title: text('title'),
  question: text('question'),
  proposal: text('proposal'),
  owner: text('owner'),
  metric: text('metric'),
  compareAt: text('compare_at').notNull().default('tokens'),
  baseline: text('baseline'),
  rawJson: text('raw_json').notNull(),
  file: text('file').notNull(),
});

export const proposals = sqliteTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    title: text('title'),
    owner: text('owner'),
    area: text('area'),
    kind: text('kind'),
    /** Status from the front matter. */
    declaredStatus: text('declared_status'),
    /** Status after the latest decision event (or the declared one when there is none). */
    status: text('status'),
    created: text('created'),
    peopleJson: text('people_json').notNull().default('[]'),
    computeBudgetJson: text('compute_budget_json'),
    expectedJson: text('expected_json'),
    /** Complexity from the front matter. */
    declaredComplexityJson: text('declared_complexity_json'),
    /** Complexity after the latest `complexity` event. */
    complexityJson: text('complexity_json'),
    frontMatterJson: text('front_matter_json').notNull(),
    body: text('body').notNull().default(''),
    file: text('file').notNull(),
  },
  (t) => [index('proposals_status_idx').on(t.status)],
);

export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  name: text('name'),
  area: text('area'),
  rawJson: text('raw_json').notNull(),
});

export const areas = sqliteTable('areas', {
  name: text('name').primaryKey(),
  ord: integer('ord').notNull(),
});

export const phases = sqliteTable('phases', {
  name: text('name').primaryKey(),
  start: text('start').notNull(),
  end: text('end').notNull(),
  targetExploratory: real('target_exploratory'),
  ord: integer('ord').notNull(),
});

export const evalSuites = sqliteTable('eval_suites', {
  prefix: text('prefix').primaryKey(),
  name: text('name'),
  kind: text('kind'),
});

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    author: text('author'),
    type: text('type').notNull(),
    target: text('target'),
    payloadJson: text('payload_json').notNull(),
    file: text('file').notNull(),
  },
  (t) => [index('events_target_idx').on(t.target, t.type), index('events_at_idx').on(t.at)],
);

/**
 * The points of a series, SERIES_CHUNK_POINTS (256) consecutive ones a row (electron/core/points/point-chunk): steps
 * and values compressed column by column, and tokens and time too when they are the series' own (sources
 * whose metrics carry their own times). Chunk k holds points k·256… of the series in step order.
 */
export const pointChunks = sqliteTable(
  'point_chunks',
  {
    seriesPk: integer('series_pk')
      .notNull()
      .references(() => series.pk, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    firstStep: integer('first_step').notNull(),
    lastStep: integer('last_step').notNull(),
    pointCount: integer('point_count').notNull(),
    /** NaN and ±Infinity values in the chunk: a restart that drops the chunk updates the series' count without decoding it. */
    nonFiniteCount: integer('non_finite_count').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesPk, t.chunk] }), index('point_chunks_last_step_idx').on(t.seriesPk, t.lastStep)],
);

/**
 * A lab-store run's tokens and time, once per step its lines logged (not once per series): chunks of
 * steps, tokens and times in the same format, joined to a series' steps when read.
 */
export const runAxisChunks = sqliteTable(
  'run_axis_chunks',
  {
    runPk: integer('run_pk')
      .notNull()
      .references(() => runs.pk, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    firstStep: integer('first_step').notNull(),
    lastStep: integer('last_step').notNull(),
    pointCount: integer('point_count').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runPk, t.chunk] }), index('run_axis_chunks_last_step_idx').on(t.runPk, t.lastStep)],
);

/** Read position and identity of every store file the sync has consumed. */
export const syncFiles = sqliteTable('sync_files', {
  path: text('path').primaryKey(),
  kind: text('kind').notNull(),
  size: integer('size').notNull(),
  mtimeMs: real('mtime_ms').notNull(),
  /** Hash of the file's first bytes: a change means the file was rewritten. */
  headHash: text('head_hash'),
  headLength: integer('head_length').notNull().default(0),
  /** Byte offset up to which whole lines or records have been consumed. */
  offset: integer('offset').notNull().default(0),
  lineNo: integer('line_no').notNull().default(0),
  /** Format-specific resume state (e.g. the last step seen, for restart detection), as JSON. */
  stateJson: text('state_json'),
});

export const syncIssues = sqliteTable(
  'sync_issues',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    path: text('path').notNull(),
    line: integer('line'),
    code: text('code').notNull(),
    message: text('message').notNull(),
    expected: text('expected'),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [index('sync_issues_path_idx').on(t.path)],
);

/** Small key/value facts about the cache: the store it mirrors, the last sync. */
export const cacheState = sqliteTable('cache_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Runs a user excluded from a scaling fit. Local to this cache, kept with the fit's scope. */
export const fitExclusions = sqliteTable(
  'fit_exclusions',
  {
    scope: text('scope').notNull(),
    runId: text('run_id').notNull(),
    reason: text('reason'),
    at: text('at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.scope, t.runId] })],
);

/**
 * The multi-resolution chart summary of one series, kept current by the sync hook (electron/core/series-summary):
 * level L holds buckets of 64·4^L consecutive points, packed 16 to a chunk as Float64 records.
 */
export const seriesSummaryChunks = sqliteTable(
  'series_summary_chunks',
  {
    seriesPk: integer('series_pk')
      .notNull()
      .references(() => series.pk, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
    chunk: integer('chunk').notNull(),
    /** Step of the chunk's last point: finds where a restart cuts in without decoding every chunk. */
    endStep: integer('end_step').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesPk, t.level, t.chunk] })],
);

/** Totals of a series' summary: how many levels exist, its x extents, and whether tokens/time rise with step. */
export const seriesSummaries = sqliteTable('series_summaries', {
  seriesPk: integer('series_pk')
    .primaryKey()
    .references(() => series.pk, { onDelete: 'cascade' }),
  /** Bumped on every change, so in-memory caches of the summary know when to let go. */
  generation: integer('generation').notNull(),
  pointCount: integer('point_count').notNull(),
  levelCount: integer('level_count').notNull(),
  /** Totals over the whole series, as one bucket record (same layout as the chunks). */
  totals: blob('totals', { mode: 'buffer' }).notNull(),
});

/**
 * What the detectors found (electron/core/alerts), derived from the store by the sync. Keyed by run id,
 * metric ('' for a run-level rule), rule and step, so a run read again finds its own rows instead of new
 * ones; a row whose point a restart or a rewritten file took away is kept as superseded.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    runId: text('run_id').notNull(),
    metric: text('metric').notNull().default(''),
    rule: text('rule').notNull(),
    step: integer('step').notNull(),
    /** The point's value (NULL for NaN), or for a stall the minutes since the last line. */
    value: real('value'),
    /** What it was compared against, and the value it had to exceed. */
    level: real('level'),
    threshold: real('threshold'),
    detailJson: text('detail_json').notNull().default('{}'),
    /** The line's own time (Unix seconds) when it carries one. */
    pointTime: real('point_time'),
    /** The sync pass that found it. */
    firedAt: text('fired_at').notNull(),
    /** Found as it happened (not history read by a cache's first sync): people are notified. */
    live: integer('live', { mode: 'boolean' }).notNull(),
    superseded: integer('superseded', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('alerts_key_unique').on(t.runId, t.metric, t.rule, t.step), index('alerts_fired_idx').on(t.firedAt)],
);

/**
 * What each person watches: runs, groups, ablations, proposals. The person's own, not the store's: local
 * to this cache like `fit_exclusions` ('' is the person of an app that has not been told who you are).
 */
export const watches = sqliteTable(
  'watches',
  {
    person: text('person').notNull(),
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    at: text('at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.person, t.kind, t.target] })],
);

/** A person's alert settings: whether the runs they own are watched, and the quiet period. */
export const alertPreferences = sqliteTable('alert_preferences', {
  person: text('person').primaryKey(),
  ownRuns: integer('own_runs', { mode: 'boolean' }).notNull().default(true),
  quietMinutes: integer('quiet_minutes').notNull().default(60),
});
