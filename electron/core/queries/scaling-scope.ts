// Which runs a scaling fit is about: one group, one ablation (or one variant of it), or every run;
// the metric it fits by default, the key its exclusions are recorded under, and a version of its
// data that changes whenever a sync touches one of its runs.
import type Database from 'better-sqlite3';

export interface ScalingScopeQuery {
  group?: string;
  ablation?: string;
  variant?: string;
}

export interface AblationFacts {
  id: string;
  title: string | null;
  metric: string | null;
  baseline: string | null;
}

export interface ResolvedScalingScope {
  kind: 'group' | 'ablation' | 'all';
  id: string | null;
  variant: string | null;
  label: string;
  /** SQL condition on `runs r` selecting the scope's runs, and its named parameters. */
  where: string;
  params: Record<string, string>;
  ablation: AblationFacts | null;
}

/** The scope names nothing in the cache. */
export class ScalingScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScalingScopeError';
  }
}

export function resolveScalingScope(sqlite: Database.Database, query: ScalingScopeQuery): ResolvedScalingScope {
  if (query.group !== undefined && query.ablation !== undefined) throw new ScalingScopeError('Give a group or an ablation, not both.');
  if (query.variant !== undefined && query.ablation === undefined) throw new ScalingScopeError('A variant needs its ablation.');
  if (query.group !== undefined) {
    const runs = sqlite.prepare('SELECT count(*) FROM runs WHERE group_name = ?').pluck().get(query.group) as number;
    if (runs === 0) throw new ScalingScopeError(`No runs in group "${query.group}".`);
    return { kind: 'group', id: query.group, variant: null, label: `group ${query.group}`, where: 'r.group_name = @group', params: { group: query.group }, ablation: null };
  }
  if (query.ablation !== undefined) {
    const ablation = readAblationFacts(sqlite, query.ablation);
    const runs = sqlite.prepare('SELECT count(*) FROM runs WHERE ablation = ?').pluck().get(query.ablation) as number;
    if (!ablation && runs === 0) throw new ScalingScopeError(`No ablation "${query.ablation}" in the cache.`);
    const facts = ablation ?? { id: query.ablation, title: null, metric: null, baseline: null };
    if (query.variant === undefined) {
      return { kind: 'ablation', id: query.ablation, variant: null, label: `ablation ${query.ablation}`, where: 'r.ablation = @ablation', params: { ablation: query.ablation }, ablation: facts };
    }
    const variants = sqlite.prepare('SELECT DISTINCT variant FROM runs WHERE ablation = ? AND variant IS NOT NULL ORDER BY variant').pluck().all(query.ablation) as string[];
    if (!variants.includes(query.variant)) {
      throw new ScalingScopeError(`Ablation "${query.ablation}" has no variant "${query.variant}" (its variants: ${variants.join(', ') || 'none'}).`);
    }
    return {
      kind: 'ablation',
      id: query.ablation,
      variant: query.variant,
      label: `ablation ${query.ablation}, variant ${query.variant}`,
      where: 'r.ablation = @ablation AND r.variant = @variant',
      params: { ablation: query.ablation, variant: query.variant },
      ablation: facts,
    };
  }
  return { kind: 'all', id: null, variant: null, label: 'every run', where: '1 = 1', params: {}, ablation: null };
}

export function readAblationFacts(sqlite: Database.Database, id: string): AblationFacts | null {
  const row = sqlite.prepare('SELECT id, title, metric, baseline FROM ablations WHERE id = ?').get(id) as AblationFacts | undefined;
  return row ?? null;
}

export interface MetricCoverage {
  key: string;
  /** Runs of the scope with at least one point of it. */
  runs: number;
}

/** Metric keys the scope's runs logged, most widely logged first. */
export function scopeMetrics(sqlite: Database.Database, scope: ResolvedScalingScope): MetricCoverage[] {
  return sqlite
    .prepare(
      `SELECT s.key AS key, count(*) AS runs FROM series s JOIN runs r ON r.pk = s.run_pk
       WHERE ${scope.where} AND s.point_count > 0 GROUP BY s.key ORDER BY runs DESC, s.key`,
    )
    .all(scope.params) as MetricCoverage[];
}

const EVAL_LOSS = /^eval\/.*loss$/i;

/**
 * The metric a fit uses unless told otherwise: the ablation's own metric; else, among metrics
 * logged by at least half as many runs as the most common one, an eval loss, then train/loss,
 * then any loss, then the most common metric. Null when the runs logged nothing.
 */
export function defaultScalingMetric(metrics: readonly MetricCoverage[], declared: string | null): string | null {
  if (declared) return declared;
  if (metrics.length === 0) return null;
  const most = metrics[0]!.runs;
  const common = metrics.filter((m) => m.runs * 2 >= most);
  return (
    common.find((m) => EVAL_LOSS.test(m.key))?.key ??
    common.find((m) => m.key === 'train/loss')?.key ??
    common.find((m) => /loss/i.test(m.key))?.key ??
    common[0]!.key
  );
}

/**
 * Exclusions are recorded per scope and metric. An ablation's variants share the ablation's key,
 * so a run left out of its variant's fit is also left out of the ablation's multiplier.
 */
export function exclusionScopeKey(scope: ResolvedScalingScope, metric: string): string {
  const base = scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.id}`;
  return `${base}|metric:${metric}`;
}

/** Changes whenever a sync adds, removes or updates one of the scope's runs or their points. */
export function scopeDataVersion(sqlite: Database.Database, scope: ResolvedScalingScope): string {
  const row = sqlite
    .prepare(
      `SELECT count(*) AS runs, coalesce(max(r.synced_at), '') AS syncedAt, coalesce(sum(r.point_count), 0) AS points
       FROM runs r WHERE ${scope.where}`,
    )
    .get(scope.params) as { runs: number; syncedAt: string; points: number };
  const facts = scope.ablation ? `|${scope.ablation.metric ?? ''}|${scope.ablation.baseline ?? ''}` : '';
  return `${row.runs}|${row.syncedAt}|${row.points}${facts}`;
}
