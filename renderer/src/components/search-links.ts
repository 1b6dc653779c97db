// Where a search hit leads: a proposal, ablation or run page; a decision or comment to what it is about.
import type { SearchHit, SearchKind, SearchTarget } from '../../../shared/api/search-methods';
import { routeHref } from '../app/router';

export const KIND_LABELS: Record<SearchKind, { one: string; many: string }> = {
  proposal: { one: 'Proposal', many: 'Proposals' },
  decision: { one: 'Decision', many: 'Decisions' },
  comment: { one: 'Comment', many: 'Comments' },
  ablation: { one: 'Ablation', many: 'Ablations' },
  run: { one: 'Run', many: 'Runs' },
};

function targetHref(target: SearchTarget): string {
  if (target.kind === 'ablation') return routeHref('ablations', { id: target.id });
  if (target.kind === 'run') return routeHref('compare', { runs: target.id });
  return routeHref('proposals', { id: target.id });
}

export function hitHref(hit: SearchHit): string {
  switch (hit.kind) {
    case 'proposal':
      return routeHref('proposals', { id: hit.id });
    case 'ablation':
      return routeHref('ablations', { id: hit.id });
    case 'run':
      return routeHref('compare', { runs: hit.id });
    default:
      return hit.target ? targetHref(hit.target) : routeHref('proposals', { view: 'decisions' });
  }
}

/** One line of facts under a hit: area · owner · status · date. */
export function hitFacts(hit: SearchHit): string {
  // Parking is what makes a proposal inconclusive: the status is named with it, as everywhere.
  const status = hit.status === 'inconclusive' ? 'inconclusive (parked)' : hit.status;
  return [hit.area, hit.owner, status, hit.at?.slice(0, 10)].filter(Boolean).join(' · ');
}
