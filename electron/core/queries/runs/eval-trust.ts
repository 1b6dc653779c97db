// Which metrics can be trusted: team.yaml's eval suites mark metric prefixes as public benchmarks (which
// may have leaked into training data) or internal held-out sets. The longest matching prefix wins.
import type Database from 'better-sqlite3';
import type { EvalTrust } from '../../../../shared/domain/run-views';

export const PUBLIC_LABEL = 'public benchmark — may be contaminated';
export const INTERNAL_LABEL = 'held-out';

export type TrustOf = (metric: string) => EvalTrust | null;

export function loadEvalTrust(sqlite: Database.Database): TrustOf {
  const suites = (sqlite.prepare('SELECT prefix, name, kind FROM eval_suites').all() as { prefix: string; name: string | null; kind: string | null }[])
    .filter((s) => s.kind === 'public' || s.kind === 'internal')
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (metric) => {
    const suite = suites.find((s) => metric.startsWith(s.prefix));
    if (!suite) return null;
    const kind = suite.kind as 'public' | 'internal';
    return { kind, suite: suite.name, prefix: suite.prefix, label: kind === 'public' ? PUBLIC_LABEL : INTERNAL_LABEL };
  };
}
