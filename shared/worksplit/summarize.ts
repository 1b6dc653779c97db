// Sums atoms into a split cell: critical-path and exploratory totals plus the proposals behind them.
import type { SplitAtom } from './attribute-work';
import type { Contribution, SplitCell } from './types';

// Amounts equal up to rounding (8/7 reached by two sums) are a tie, ordered by id so the list is stable.
const TIE = 1e-9;

export function summarizeAtoms(atoms: Iterable<SplitAtom>): SplitCell {
  let criticalPath = 0;
  let exploratory = 0;
  const byProposal = new Map<string, Contribution & { runSet?: Set<string> }>();
  for (const atom of atoms) {
    if (atom.proposal.kind === 'exploratory') exploratory += atom.amount;
    else criticalPath += atom.amount;
    let c = byProposal.get(atom.proposal.id);
    if (c === undefined) {
      c = { proposal: atom.proposal.id, title: atom.proposal.title, kind: atom.proposal.kind, amount: 0 };
      byProposal.set(atom.proposal.id, c);
    }
    c.amount += atom.amount;
    if (atom.run !== undefined) (c.runSet ??= new Set()).add(atom.run);
  }
  const proposals = [...byProposal.values()]
    .map(({ runSet, ...c }): Contribution => (runSet ? { ...c, runs: [...runSet].sort() } : c))
    .sort((a, b) => (Math.abs(b.amount - a.amount) > TIE ? b.amount - a.amount : a.proposal.localeCompare(b.proposal)));
  const total = criticalPath + exploratory;
  return { criticalPath, exploratory, total, exploratoryShare: total > 0 ? exploratory / total : null, proposals };
}

/** Groups atoms by a key, keeping first-seen order. */
export function groupAtoms<K>(atoms: SplitAtom[], keyOf: (atom: SplitAtom) => K): Map<K, SplitAtom[]> {
  const groups = new Map<K, SplitAtom[]>();
  for (const atom of atoms) {
    const key = keyOf(atom);
    const group = groups.get(key);
    if (group) group.push(atom);
    else groups.set(key, [atom]);
  }
  return groups;
}
