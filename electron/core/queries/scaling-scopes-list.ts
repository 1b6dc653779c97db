// The scopes a scaling fit can be made on: groups with runs at 3 or more model sizes (the newest
// ladder first: the page opens on it), ablations with a variant at 3 or more sizes, and every run together. A group that is exactly one
// ablation's runs is left out: mixing its variants in one fit would mean nothing, and the
// ablation entry fits them apart.
import type Database from 'better-sqlite3';
import type { ScalingScopeEntry } from '../../../shared/api/scaling-methods';
import { defaultScalingMetric, readAblationFacts, resolveScalingScope, scopeMetrics, type ScalingScopeQuery } from './scaling-scope';

const MIN_SIZES = 3;
const FITTABLE = 'params > 0 AND tokens > 0';

function entry(
  sqlite: Database.Database,
  query: ScalingScopeQuery,
  counts: { runs: number; sizes: number },
  extra: Pick<ScalingScopeEntry, 'title' | 'baseline' | 'variants'>,
): ScalingScopeEntry {
  const scope = resolveScalingScope(sqlite, query);
  const metrics = scopeMetrics(sqlite, scope);
  return {
    kind: scope.kind,
    id: scope.id,
    ...counts,
    metric: defaultScalingMetric(metrics, scope.ablation?.metric ?? null) ?? 'train/loss',
    metrics: metrics.map((m) => m.key),
    ...extra,
  };
}

export function listScalingScopes(sqlite: Database.Database): ScalingScopeEntry[] {
  const scopes: ScalingScopeEntry[] = [];
  const groups = sqlite
    .prepare(
      `SELECT group_name AS id, count(*) AS runs, count(DISTINCT params) AS sizes,
         count(DISTINCT ablation) AS ablations, sum(ablation IS NULL) AS loose, max(created_at) AS newest
       FROM runs WHERE group_name IS NOT NULL AND ${FITTABLE} GROUP BY group_name ORDER BY newest DESC, group_name`,
    )
    .all() as Array<{ id: string; runs: number; sizes: number; ablations: number; loose: number; newest: string }>;
  for (const g of groups) {
    if (g.sizes < MIN_SIZES || (g.ablations === 1 && g.loose === 0)) continue;
    scopes.push(entry(sqlite, { group: g.id }, { runs: g.runs, sizes: g.sizes }, { title: null, baseline: null, variants: [] }));
  }

  const arms = sqlite
    .prepare(
      `SELECT ablation, variant, count(*) AS runs, count(DISTINCT params) AS sizes
       FROM runs WHERE ablation IS NOT NULL AND ${FITTABLE} GROUP BY ablation, variant ORDER BY ablation, variant`,
    )
    .all() as Array<{ ablation: string; variant: string | null; runs: number; sizes: number }>;
  const byAblation = new Map<string, typeof arms>();
  for (const arm of arms) byAblation.set(arm.ablation, [...(byAblation.get(arm.ablation) ?? []), arm]);
  for (const [id, variants] of byAblation) {
    if (!variants.some((v) => v.sizes >= MIN_SIZES)) continue;
    const facts = readAblationFacts(sqlite, id);
    const all = sqlite.prepare(`SELECT count(*) AS runs, count(DISTINCT params) AS sizes FROM runs WHERE ablation = ? AND ${FITTABLE}`).get(id) as {
      runs: number;
      sizes: number;
    };
    scopes.push(
      entry(sqlite, { ablation: id }, all, {
        title: facts?.title ?? null,
        baseline: facts?.baseline ?? null,
        variants: variants.filter((v) => v.variant !== null).map((v) => ({ key: v.variant!, runs: v.runs, sizes: v.sizes })),
      }),
    );
  }

  const everything = sqlite.prepare(`SELECT count(*) AS runs, count(DISTINCT params) AS sizes FROM runs WHERE ${FITTABLE}`).get() as {
    runs: number;
    sizes: number;
  };
  if (everything.sizes >= MIN_SIZES) scopes.push(entry(sqlite, {}, everything, { title: null, baseline: null, variants: [] }));
  return scopes;
}
