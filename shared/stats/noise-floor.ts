import { assertFinite, mean } from './descriptive';

export type PooledStd =
  | {
      readonly std: number;
      /** Σ (n_i − 1) over the groups. */
      readonly df: number;
      /** Groups with at least 2 seeds, the ones that carry information about noise. */
      readonly groupsUsed: number;
    }
  | { readonly std: null; readonly df: 0; readonly groupsUsed: 0; readonly reason: string };

/**
 * The noise floor: the pooled standard deviation across groups of otherwise identical runs that differ
 * only by seed, s_p = sqrt(Σ (n_i − 1)·s_i² / Σ (n_i − 1)). Each group keeps its own mean, so real
 * differences between groups do not count as noise. Groups with one seed add no degrees of freedom.
 */
export function pooledStandardDeviation(groups: readonly (readonly number[])[]): PooledStd {
  let sumSquares = 0;
  let df = 0;
  let groupsUsed = 0;
  groups.forEach((group, g) => {
    assertFinite(group, `pooledStandardDeviation: group ${g}`);
    if (group.length < 2) return;
    const m = mean(group);
    for (const v of group) sumSquares += (v - m) * (v - m);
    df += group.length - 1;
    groupsUsed++;
  });
  if (df === 0) {
    return { std: null, df: 0, groupsUsed: 0, reason: 'no group has 2 or more seeds, so seed noise cannot be measured' };
  }
  return { std: Math.sqrt(sumSquares / df), df, groupsUsed };
}
