// Everything a scaling request settles before any fitting: its runs, the metric (given or the
// default), the exclusions recorded for that scope and metric, and the data version. The API and
// `tessera fit` both start here, so they fit the same runs.
import type Database from 'better-sqlite3';
import { readFitExclusions, type FitExclusion } from '../queries/fit-exclusions';
import type { ScalingDataQuery } from '../queries/scaling-observations';
import {
  defaultScalingMetric,
  exclusionScopeKey,
  resolveScalingScope,
  ScalingScopeError,
  scopeDataVersion,
  scopeMetrics,
  type ResolvedScalingScope,
  type ScalingScopeQuery,
} from '../queries/scaling-scope';

export interface ScalingRequestInput extends ScalingScopeQuery {
  metric?: string;
  lastPercent?: number;
}

export interface ScalingRequest {
  scope: ResolvedScalingScope;
  metric: string;
  metrics: string[];
  exclusionScope: string;
  exclusions: FitExclusion[];
  dataVersion: string;
  query: ScalingDataQuery;
  /** Names the data and exclusions: equal keys give equal fits. */
  baseKey: string;
}

export function resolveScalingRequest(sqlite: Database.Database, input: ScalingRequestInput): ScalingRequest {
  const scopeQuery: ScalingScopeQuery = {
    ...(input.group !== undefined ? { group: input.group } : {}),
    ...(input.ablation !== undefined ? { ablation: input.ablation } : {}),
    ...(input.variant !== undefined ? { variant: input.variant } : {}),
  };
  const scope = resolveScalingScope(sqlite, scopeQuery);
  const coverage = scopeMetrics(sqlite, scope);
  const metrics = coverage.map((m) => m.key);
  const metric = input.metric ?? defaultScalingMetric(coverage, scope.ablation?.metric ?? null);
  if (metric === null) throw new ScalingScopeError(`The runs of ${scope.label} have logged no metric yet.`);
  const exclusionScope = exclusionScopeKey(scope, metric);
  const exclusions = readFitExclusions(sqlite, exclusionScope);
  const dataVersion = scopeDataVersion(sqlite, scope);
  const query: ScalingDataQuery = { scope: scopeQuery, metric, exclusions, ...(input.lastPercent !== undefined ? { lastPercent: input.lastPercent } : {}) };
  const baseKey = JSON.stringify([scopeQuery, metric, input.lastPercent ?? null, exclusions.map((e) => [e.runId, e.reason, e.at]), dataVersion]);
  return { scope, metric, metrics, exclusionScope, exclusions, dataVersion, query, baseKey };
}
