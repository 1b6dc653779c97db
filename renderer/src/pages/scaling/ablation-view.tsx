// A scaling ablation on the Scaling page: for each variant, the effective-compute multiplier over
// the baseline as one number at the target compute and as a curve over compute, the verdict with
// the numbers it comes from (shared/scaling/multiplier-verdict.ts, whose rule is stated below the
// variants), where the curves cross, and every arm's fit.
import { scalingTaskId, type AblationScalingView, type ScalingScopeEntry, type VariantScalingView } from '../../../../shared/api/scaling-methods';
import { formatMultiplierRange, SCALING_VERDICT_RULE } from '../../../../shared/scaling/multiplier-verdict';
import { updateParams } from '../../app/router';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { seriesColor } from '../../theme/palette';
import { AblationArmsTable } from './ablation-arms-table';
import { BootstrapStatus } from './bootstrap-status';
import { EffectiveComputeChart } from '../../components/scaling-charts/effective-compute-chart';
import { RESAMPLES } from './fit-view';
import { formatCompute, formatFactor, intervalOf, num } from '../../components/scaling-charts/scaling-format';
import { useBootstrapped } from './use-bootstrapped';
import { VariantVerdict } from './variant-verdict';

interface AblationViewProps {
  entry: ScalingScopeEntry;
  metric: string | undefined;
  lastPercent: number | undefined;
  E: 'shared' | 'free';
  target: number | null;
}

function VariantPanel({ variant, index, view }: { variant: VariantScalingView; index: number; view: AblationScalingView }) {
  const at = variant.atTarget;
  const multiplier = at ? intervalOf(at.multiplier) : null;
  const defined = variant.curve.some((p) => Number.isFinite(num(p.multiplier.estimate)));
  const armWarnings = view.arms.filter((a) => a.key === variant.key || a.key === view.baseline).flatMap((a) => a.warnings);
  // The headline and the verdict are read at the same compute unless a target beyond it was asked for.
  const sameCompute = !at || Math.abs(at.C / variant.verdict.atCompute - 1) < 1e-6;
  return (
    <section className="panel variant-panel" data-testid={`variant-${variant.key}`}>
      <h2>
        {variant.key} <span className="muted">against {view.baseline}</span>
      </h2>
      {defined && multiplier && (
        <div className="multiplier-headline">
          <span className="multiplier-value" data-testid="multiplier-value">
            {formatFactor(multiplier.estimate)}
          </span>
          <span>
            effective compute at {formatCompute(view.targetCompute)} FLOPs
            {multiplier.samples > 0 && (
              <span className="muted" data-testid="multiplier-interval">
                {' '}
                · 80 %: {formatMultiplierRange(multiplier.p80)} · 95 %: {formatMultiplierRange(multiplier.p95)}
              </span>
            )}
            {at!.extrapolationFactor > 1 && <span className="muted"> · {formatFactor(at!.extrapolationFactor)} beyond the data</span>}
          </span>
        </div>
      )}
      {defined ? (
        <VariantVerdict variant={variant} formatCompute={formatCompute} repeatMultiplier={!sameCompute} />
      ) : (
        <p className="verdict" data-testid="verdict" data-verdict="undefined">
          No multiplier: the fits below have no compute-optimal frontier to compare.
        </p>
      )}
      {variant.warnings.map((w) => (
        <p key={w} className="prediction-warning" role="note">
          ⚠ {w}
        </p>
      ))}
      {defined && <EffectiveComputeChart variant={variant} color={seriesColor(index)} targetCompute={view.targetCompute} />}
      {armWarnings.length > 0 && (
        <ul className="arm-warnings muted">
          {[...new Set(armWarnings)].map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AblationView({ entry, metric, lastPercent, E, target }: AblationViewProps) {
  const input = {
    ablation: entry.id!,
    E,
    ...(metric !== undefined ? { metric } : {}),
    ...(lastPercent !== undefined ? { lastPercent } : {}),
    ...(target !== null ? { targetCompute: target } : {}),
  };
  const task = scalingTaskId('ablation', { ...input, bootstrap: RESAMPLES });
  const { plain, boot, bootstrap } = useBootstrapped('getAblationScaling', input, RESAMPLES, task, true);
  if (plain.error) return <ErrorPanel error={plain.error} title="The ablation could not be fitted" />;
  if (!plain.data) return <LoadingState what="the fits of every arm (compute worker)" />;
  const bootFresh = !!boot.data && boot.dataUpdatedAt >= plain.dataUpdatedAt;
  const view = bootFresh ? boot.data! : plain.data;
  return (
    <>
      <div className="row ablation-method">
        <BootstrapStatus state={bootstrap} result={bootFresh ? boot.data!.bootstrap : null} resamples={RESAMPLES} />
        <span className="grow" />
        <div className="segmented" role="group" aria-label="Irreducible loss E">
          {(['shared', 'free'] as const).map((mode) => (
            <button key={mode} className="btn" aria-pressed={E === mode} onClick={() => updateParams({ e: mode })}>
              E {mode}
            </button>
          ))}
        </div>
      </div>
      {view.methodNote && (
        <p className="method-note" data-testid="method-note">
          {view.methodNote}
        </p>
      )}
      {view.error ? (
        <div className="panel">
          <EmptyState title="No effective-compute multiplier">{view.error}</EmptyState>
        </div>
      ) : (
        <>
          <div className="variant-grid">
            {view.variants.map((v, i) => (
              <VariantPanel key={v.key} variant={v} index={i} view={view} />
            ))}
          </div>
          {view.variants.length > 0 && (
            <p className="muted scaling-note verdict-rule" data-testid="verdict-rule">
              {SCALING_VERDICT_RULE}
            </p>
          )}
        </>
      )}
      <AblationArmsTable view={view} entry={entry} />
    </>
  );
}
