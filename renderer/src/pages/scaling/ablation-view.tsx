// A scaling ablation on the Scaling page: for each variant, the effective-compute multiplier over
// the baseline as one number at the target compute and as a curve over compute, the verdict (the
// gain grows, holds or shrinks with scale), where the curves cross, and every arm's fit.
import { scalingTaskId, type AblationScalingView, type ScalingScopeEntry, type VariantScalingView } from '../../../../shared/api/scaling-methods';
import { updateParams } from '../../app/router';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { seriesColor } from '../../theme/palette';
import { BootstrapStatus } from './bootstrap-status';
import { EffectiveComputeChart } from './effective-compute-chart';
import { RESAMPLES } from './fit-view';
import { formatCompute, formatFactor, formatNumber, formatRange, hasInterval, num } from './scaling-format';
import { useBootstrapped } from './use-bootstrapped';

const formatSlope = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 5e-4 ? '0.000' : v.toFixed(3)) : formatNumber(v));

const VERDICT: Record<VariantScalingView['verdict'], string> = {
  grows: 'The gain grows with scale',
  holds: 'The gain holds with scale',
  shrinks: 'The gain shrinks with scale',
};

interface AblationViewProps {
  entry: ScalingScopeEntry;
  metric: string | undefined;
  lastPercent: number | undefined;
  E: 'shared' | 'free';
  target: number | null;
}

function VariantPanel({ variant, index, view, bootstrapped }: { variant: VariantScalingView; index: number; view: AblationScalingView; bootstrapped: boolean }) {
  const at = variant.atTarget;
  const estimate = at ? num(at.multiplier.estimate) : NaN;
  const defined = variant.curve.some((p) => Number.isFinite(num(p.multiplier.estimate)));
  const armWarnings = view.arms.filter((a) => a.key === variant.key || a.key === view.baseline).flatMap((a) => a.warnings);
  return (
    <section className="panel variant-panel" data-testid={`variant-${variant.key}`}>
      <h2>
        {variant.key} <span className="muted">against {view.baseline}</span>
      </h2>
      {defined && (
        <div className="multiplier-headline">
          <span className="multiplier-value" data-testid="multiplier-value">
            {formatFactor(estimate)}
          </span>
          <span>
            effective compute at {formatCompute(view.targetCompute)} FLOPs
            {at && hasInterval(at.multiplier) && (
              <span className="muted">
                {' '}
                · 80 % {formatRange(at.multiplier.p80, formatFactor)} · 95 % {formatRange(at.multiplier.p95, formatFactor)}
              </span>
            )}
            {at && at.extrapolationFactor > 1 && <span className="muted"> · {formatFactor(at.extrapolationFactor)} beyond the data</span>}
          </span>
        </div>
      )}
      {defined ? (
        <p className={`verdict verdict-${variant.verdict}`} data-testid="verdict">
          {VERDICT[variant.verdict]}
          <span className="muted">
            {' '}
            (slope of log multiplier per log compute {formatSlope(num(variant.logSlope.estimate))}
            {hasInterval(variant.logSlope) ? `, 95 % ${formatRange(variant.logSlope.p95, formatSlope)}` : ''}
            {bootstrapped ? '' : '; intervals follow from the bootstrap'})
          </span>
        </p>
      ) : (
        <p className="verdict" data-testid="verdict">
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

function ArmsTable({ view, entry }: { view: AblationScalingView; entry: ScalingScopeEntry }) {
  const cell = (arm: AblationScalingView['arms'][number], name: 'E' | 'A' | 'alpha' | 'B' | 'beta' | 'a') => {
    if (!arm.params) return <td className="num muted">–</td>;
    const interval = arm.intervals?.[name];
    return (
      <td className="num">
        {formatNumber(num(arm.params[name]), 3)}
        {hasInterval(interval) && <span className="muted"> {formatRange(interval.p80, (v) => formatNumber(v, 3))}</span>}
      </td>
    );
  };
  return (
    <section className="panel">
      <h2>Arms ({view.method === 'design-ratio' ? 'each with its own E' : `E ${view.E}`})</h2>
      <div className="scaling-scroll">
        <table className="data" data-testid="arms-table">
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col" className="num">Runs</th>
              <th scope="col" className="num">Sizes</th>
              <th scope="col" className="num">Tokens/param</th>
              <th scope="col" className="num">E</th>
              <th scope="col" className="num">A</th>
              <th scope="col" className="num">α</th>
              <th scope="col" className="num">B</th>
              <th scope="col" className="num">β</th>
              <th scope="col" className="num">a</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {view.arms.map((arm) => (
              <tr key={arm.key}>
                <th scope="row">
                  {arm.key}
                  {arm.key === view.baseline && <span className="badge">baseline</span>}
                </th>
                <td className="num">
                  {arm.n}
                  {arm.excluded > 0 && <span className="muted"> (+{arm.excluded} excluded)</span>}
                </td>
                <td className="num">{arm.sizes}</td>
                <td className="num">{arm.ratio === null ? 'several' : Math.round(arm.ratio)}</td>
                {cell(arm, 'E')}
                {cell(arm, 'A')}
                {cell(arm, 'alpha')}
                {cell(arm, 'B')}
                {cell(arm, 'beta')}
                {cell(arm, 'a')}
                <td>
                  <button className="btn" onClick={() => updateParams({ scope: `ablation:${entry.id}:${arm.key}` })}>
                    Open its fit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted scaling-note">Parameters with their 80 % bootstrap intervals. Open a variant's fit to see its points and exclude outliers.</p>
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
        {view.method === 'frontier' && (
          <div className="segmented" role="group" aria-label="Irreducible loss E">
            {(['shared', 'free'] as const).map((mode) => (
              <button key={mode} className="btn" aria-pressed={E === mode} onClick={() => updateParams({ e: mode })}>
                E {mode}
              </button>
            ))}
          </div>
        )}
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
        <div className="variant-grid">
          {view.variants.map((v, i) => (
            <VariantPanel key={v.key} variant={v} index={i} view={view} bootstrapped={bootFresh} />
          ))}
        </div>
      )}
      <ArmsTable view={view} entry={entry} />
    </>
  );
}
