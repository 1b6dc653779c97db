// The eval-trust badge of a metric: public benchmarks may have leaked into training data; internal
// held-out sets have not.
import type { EvalTrust } from '../../../../shared/domain/run-views';

export function TrustBadge({ trust }: { trust: EvalTrust | null }) {
  if (!trust) return null;
  return (
    <span className={`badge trust-badge ${trust.kind}`} data-testid="trust-badge" title={`${trust.suite ?? trust.prefix} (team.yaml evals: ${trust.kind})`}>
      {trust.label}
    </span>
  );
}
