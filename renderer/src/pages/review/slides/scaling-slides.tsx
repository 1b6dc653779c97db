// Scaling since the last review: a fit that has new runs (its parameters and compute-optimal loss
// now against the fit without them, with the Scaling page's loss-compute chart), and a scaling
// ablation's effective-compute multiplier now against then, with the Scaling page's multiplier chart.
import type { ApiInterval, ScalingParamsView, VariantScalingView } from '../../../../../shared/api/scaling-methods';
import type { ReviewScalingChange, ScalingChangeRef, ScalingFitSnapshot } from '../../../../../shared/api/review-methods';
import { useApiQuery } from '../../../api/use-api';
import { ErrorPanel } from '../../../components/state-views';
import { seriesColor } from '../../../theme/palette';
import { EffectiveComputeChart } from '../../../components/scaling-charts/effective-compute-chart';
import { LineLegend, SizeLegend } from '../../../components/scaling-charts/chart-legends';
import { LossComputeChart } from '../../../components/scaling-charts/loss-compute-chart';
import { formatCompute, formatLoss, intervalOf, num } from '../../../components/scaling-charts/scaling-format';
import { formatMultiplierWithInterval, verdictSymbol } from '../../../../../shared/scaling/multiplier-verdict';
import { useSlideScale } from '../slide-scale';
import { sizeScale } from '../../../components/scaling-charts/size-colors';

const PARAMS: { key: keyof ScalingParamsView; label: string; digits: number }[] = [
  { key: 'E', label: 'E (irreducible loss)', digits: 3 },
  { key: 'alpha', label: 'α (parameters)', digits: 3 },
  { key: 'beta', label: 'β (tokens)', digits: 3 },
  { key: 'a', label: 'a: N_opt ∝ C^a', digits: 3 },
  { key: 'b', label: 'b: D_opt ∝ C^b', digits: 3 },
];

function value(snapshot: ScalingFitSnapshot, key: keyof ScalingParamsView, digits: number): string {
  if (!snapshot.params) return '–';
  const v = num(snapshot.params[key]);
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

function NewRuns({ ids }: { ids: string[] }) {
  const shown = ids.slice(0, 8);
  return (
    <p>
      <strong>{ids.length}</strong> new run{ids.length === 1 ? '' : 's'} in the fit: {shown.join(', ')}
      {ids.length > shown.length ? ` and ${ids.length - shown.length} more` : ''}
    </p>
  );
}

function useScalingChange(ref: ScalingChangeRef, since: string) {
  const input = ref.kind === 'group' ? { group: ref.id, since } : { ablation: ref.id, since };
  return useApiQuery('getReviewScalingChange', input, { staleTime: Infinity });
}

function Loading({ what }: { what: string }) {
  return (
    <p className="slide-lead slide-loading" role="status">
      Fitting {what} now and as of the last review…
    </p>
  );
}

export function ScalingFitBody({ refData, since }: { refData: ScalingChangeRef; since: string }) {
  const change = useScalingChange(refData, since);
  const scale = useSlideScale();
  if (change.error) return <ErrorPanel error={change.error} title="The fit could not be made" />;
  if (!change.data) return <Loading what={`the scaling law of ${refData.id}`} />;
  const data = change.data as Extract<ReviewScalingChange, { kind: 'group' }>;
  return (
    <div className="slide-split">
      <div className="slide-col">
        <NewRuns ids={data.newRuns} />
        <table className="slide-table compact">
          <thead>
            <tr>
              <th>Parameter</th>
              <th className="num">At the review</th>
              <th className="num">Now</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Runs in the fit</td>
              <td className="num">{data.before.n}</td>
              <td className="num">
                <strong>{data.now.n}</strong>
              </td>
            </tr>
            {PARAMS.map((p) => (
              <tr key={p.key}>
                <td>{p.label}</td>
                <td className="num">{value(data.before, p.key, p.digits)}</td>
                <td className="num">
                  <strong>{value(data.now, p.key, p.digits)}</strong>
                </td>
              </tr>
            ))}
            <tr>
              <td>{data.now.notIdentified ? 'Loss' : 'Optimal loss'} at {formatCompute(data.atCompute)} FLOPs</td>
              <td className="num">{data.before.optimalLoss === null ? '–' : formatLoss(num(data.before.optimalLoss))}</td>
              <td className="num">
                <strong>{data.now.optimalLoss === null ? '–' : formatLoss(num(data.now.optimalLoss))}</strong>
              </td>
            </tr>
          </tbody>
        </table>
        {(data.before.fitError || data.now.fitError) && <p className="muted">{data.now.fitError ?? `At the review: ${data.before.fitError}`}</p>}
        {data.now.notIdentified && (
          <p className="muted" data-testid="slide-not-identified">
            No parameters: {data.now.notIdentified} The loss is the power law in compute the runs support.
          </p>
        )}
      </div>
      <div className="slide-col chart-col">
        <LossComputeChart view={data.view} targetCompute={null} selectedRun={null} onSelect={() => {}} height={Math.round(520 * scale)} />
        <SizeLegend sizes={sizeScale(data.view.points.map((p) => p.N))} />
        <LineLegend banded={false} law={data.view.computeLaw !== null} />
      </div>
    </div>
  );
}

function multiplierText(i: ApiInterval | undefined): string {
  return i ? formatMultiplierWithInterval(intervalOf(i)) : '–';
}

/** The verdict as on the Scaling page, with the multiplier it is read from; and what it was at the review. */
function VariantMultiplier(props: { now: VariantScalingView; before: VariantScalingView | undefined; beforeError: string | null; index: number; target: number; height: number }) {
  const { now, before } = props;
  const then = before ? `${verdictSymbol(before.verdict.kind)} ${before.verdict.text.toLowerCase()}, ${multiplierText(before.verdict.multiplier)}` : `no multiplier (${props.beforeError ?? 'no fit of this variant then'})`;
  return (
    <div className="multiplier-variant" data-testid={`slide-multiplier-${now.key}`}>
      <p className="slide-verdict-line" data-verdict={now.verdict.kind}>
        <strong>{now.key}</strong>: {verdictSymbol(now.verdict.kind)} <strong>{now.verdict.text}</strong> — worth <strong>{multiplierText(now.verdict.multiplier)}</strong> the baseline's
        compute at {formatCompute(now.verdict.atCompute)} FLOPs.
      </p>
      <p className="muted">At the review: {then}.</p>
      <p className="chart-caption">Effective-compute multiplier of {now.key} against compute</p>
      <EffectiveComputeChart variant={now} color={seriesColor(props.index)} targetCompute={props.target} height={props.height} />
    </div>
  );
}

export function MultiplierBody({ refData, since }: { refData: ScalingChangeRef; since: string }) {
  const change = useScalingChange(refData, since);
  const scale = useSlideScale();
  if (change.error) return <ErrorPanel error={change.error} title="The fits could not be made" />;
  if (!change.data) return <Loading what={`every arm of ${refData.id}`} />;
  const data = change.data as Extract<ReviewScalingChange, { kind: 'ablation' }>;
  if (data.now.error) return <p className="slide-lead">{data.now.error}</p>;
  const target = data.now.targetCompute;
  return (
    <div className="multiplier-slide">
      <NewRuns ids={data.newRuns} />
      <p className="muted">
        Verdicts read at the largest compute both arms were fitted on, from 95 % bootstrap intervals over {data.now.bootstrap?.completed ?? 0} resamples (the rule is
        stated on the Scaling page); dashed: extrapolated beyond the data; line at 1×: no gain.
      </p>
      <div className={`multiplier-grid n-${Math.min(data.now.variants.length, 2)}`}>
        {data.now.variants.slice(0, 2).map((variant, i) => (
          <VariantMultiplier
            key={variant.key}
            now={variant}
            before={data.before.variants.find((v) => v.key === variant.key)}
            beforeError={data.before.error}
            index={i}
            target={target}
            height={Math.round(scale * (data.now.variants.length === 1 ? 520 : 440))}
          />
        ))}
      </div>
      {data.now.variants.length > 2 && <p className="slide-more">… and {data.now.variants.length - 2} more variants on the Scaling page.</p>}
    </div>
  );
}
