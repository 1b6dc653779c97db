// A scaling verdict with the numbers it was derived from, written beside it: the multiplier and
// its 95 % interval at the largest compute both arms were fitted on, and the slope with scale.
// Every word comes from shared/scaling/multiplier-verdict.ts; a symbol and colour follow the
// direction (better ▲, worse ▼, neither ≈), so the line reads the same in greyscale.
import type { VariantScalingView } from '../../../../shared/api/scaling-methods';
import { formatLogSlope, formatMultiplierWithInterval, verdictDirection, verdictSymbol } from '../../../../shared/scaling/multiplier-verdict';
import { intervalOf } from '../../components/scaling-charts/scaling-format';

/** "slope of log multiplier per log compute −0.011 (95 %: −0.018 to −0.009)". */
export function slopeText(variant: VariantScalingView): string {
  const slope = intervalOf(variant.logSlope);
  const range = slope.samples > 0 ? ` (95 %: ${formatLogSlope(slope.p95[0])} to ${formatLogSlope(slope.p95[1])})` : '';
  return `slope of log multiplier per log compute ${formatLogSlope(slope.estimate)}${range}`;
}

export function VariantVerdict({ variant, formatCompute, repeatMultiplier }: { variant: VariantScalingView; formatCompute(C: number): string; repeatMultiplier: boolean }) {
  const verdict = variant.verdict;
  const direction = verdictDirection(verdict.kind);
  const multiplier = intervalOf(verdict.multiplier);
  const pending = verdict.kind === 'pending' || verdict.kind === 'undefined';
  return (
    <p className={`verdict verdict-${direction}`} data-testid="verdict" data-verdict={verdict.kind}>
      {!pending && (
        <span className="verdict-symbol" aria-hidden="true">
          {verdictSymbol(verdict.kind)}{' '}
        </span>
      )}
      {verdict.text}
      <span className="muted verdict-evidence">
        {repeatMultiplier || pending ? `At ${formatCompute(verdict.atCompute)} FLOPs, the largest compute both arms were fitted on: ${formatMultiplierWithInterval(multiplier)}; ` : ''}
        {slopeText(variant)}
        {verdict.unreachableShare > 0 ? `; in ${Math.round(100 * verdict.unreachableShare)} % of resamples the baseline never reaches the variant's loss there` : ''}.
      </span>
    </p>
  );
}
