// Every proposal with a complexity assessment placed on the gain-against-cost plane.
import type Database from 'better-sqlite3';
import type { GainVsCost, GainVsCostPoint } from '../../../../shared/api/proposals-methods';
import { complexityCost, describeCostWeights, type CostWeights } from '../../../../shared/domain/complexity-cost';
import { gainRegion, isUnproven, paretoFrontier, type RegionThresholds } from '../../../../shared/domain/gain-vs-cost';
import { bestGain, measureAllAblationGains, type AblationGain } from './ablation-gain';
import { listProposalRows } from './proposal-rows';

export function queryGainVsCost(sqlite: Database.Database, weights: CostWeights, thresholds: RegionThresholds): GainVsCost {
  const ablationsOf = sqlite.prepare(
    'SELECT a.id FROM ablations a WHERE a.proposal = ? OR a.id IN (SELECT r.ablation FROM runs r WHERE r.proposal = ? AND r.ablation IS NOT NULL)',
  );
  const gains = measureAllAblationGains(sqlite);
  const gainOf = (id: string): AblationGain => gains.get(id) ?? { ablationId: id, gain: null, note: null };
  const points: GainVsCostPoint[] = [];
  for (const proposal of listProposalRows(sqlite, {}, [])) {
    if (!proposal.complexity) continue;
    const cost = complexityCost(proposal.complexity, weights);
    const evidence = bestGain((ablationsOf.all(proposal.id, proposal.id) as { id: string }[]).map((a) => gainOf(a.id)));
    const gain = evidence?.relativeGain ?? null;
    const interval = evidence?.relativeInterval ?? null;
    points.push({
      id: proposal.id,
      title: proposal.title,
      status: proposal.status,
      area: proposal.area,
      kind: proposal.kind,
      complexity: proposal.complexity,
      cost: cost.total,
      costParts: cost.parts,
      costMissing: cost.missing,
      gain,
      interval,
      unproven: isUnproven({ gain, interval }),
      region: gainRegion({ cost: cost.total, gain }, thresholds),
      onFrontier: false,
      evidence,
    });
  }
  const frontier = paretoFrontier(points);
  const onFrontier = new Set(frontier);
  for (const point of points) point.onFrontier = onFrontier.has(point.id);
  return { weights, thresholds, formula: describeCostWeights(weights), points, frontier };
}
