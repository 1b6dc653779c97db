// Runs whose loss went non-finite since the last review: each run's curve up to where it broke, a
// marked line where the first NaN or Infinity was logged, and the facts printed under it.
import type { DivergedRun } from '../../../../../shared/api/review-methods';
import { significant } from '../../../components/tick-labels';
import { seriesColor } from '../../../theme/palette';
import { ChartFrame, linePath, paddedDomain } from '../../../components/scaling-charts/chart-frame';
import { formatLoss } from '../../../components/scaling-charts/scaling-format';
import { formatTime } from '../review-format';
import { useSlideScale } from '../slide-scale';

const KIND_TEXT = { nan: 'NaN', inf: '+∞', '-inf': '−∞' } as const;

function DivergedCurve({ run, index, height }: { run: DivergedRun; index: number; height: number }) {
  const curve = run.curve;
  if (!curve || curve.xs.length === 0) return <p className="muted">No finite points of {run.metric} to draw.</p>;
  const color = seriesColor(index);
  const xs = [...curve.xs, ...curve.markerXs];
  const x = { scale: 'linear' as const, domain: paddedDomain(xs, 'linear', 0.02), label: 'step', format: (v: number, digits: number) => Number(v.toPrecision(digits)).toLocaleString('en-US') };
  const y = { scale: 'linear' as const, domain: paddedDomain(curve.ys, 'linear', 0.08), label: run.metric, format: significant };
  const first = run.firstNonFiniteStep;
  return (
    <ChartFrame x={x} y={y} height={height} label={`${run.metric} of ${run.id} against step, non-finite from step ${first}`} testId={`diverged-${run.id}`}>
      {(scales) => (
        <>
          <path className="diverged-line" stroke={color} d={linePath(curve.xs.map((v, i) => ({ x: v, y: curve.ys[i]! })), scales)} />
          {curve.markerXs.map((mx, i) => (
            <line key={`${mx}-${i}`} className="nonfinite-tick" x1={scales.x(mx)} x2={scales.x(mx)} y1={scales.top} y2={scales.top + 16} />
          ))}
          <line className="nonfinite-line" x1={scales.x(first)} x2={scales.x(first)} y1={scales.top} y2={scales.bottom} />
          <text className="nonfinite-label" x={scales.x(first) - 10} y={scales.top + 40} textAnchor="end">
            {KIND_TEXT[curve.markerKinds[0] ?? 'nan']} from step {first.toLocaleString('en-US')}
          </text>
        </>
      )}
    </ChartFrame>
  );
}

export function DivergedBody({ runs }: { runs: DivergedRun[] }) {
  const scale = useSlideScale();
  return (
    <div className={`diverged-grid n-${runs.length}`}>
      {runs.map((run, i) => {
        const kinds = [...new Set(run.curve?.markerKinds ?? [])].map((k) => KIND_TEXT[k]).join(', ') || 'non-finite';
        return (
          <figure key={run.id} className="diverged-cell" data-run-id={run.id}>
            <figcaption>
              <strong>{run.id}</strong> {run.name ?? ''} <span className="muted">{run.owner ? `· ${run.owner}` : ''}</span>
            </figcaption>
            <DivergedCurve run={run} index={i} height={Math.round(scale * (runs.length === 1 ? 560 : runs.length === 2 ? 480 : 260))} />
            <p className="diverged-facts">
              <strong>{run.metric}</strong> is {kinds} from step <strong>{run.firstNonFiniteStep.toLocaleString('en-US')}</strong>
              {run.divergedAt ? ` (${formatTime(run.divergedAt)})` : ''}; {run.nonFiniteCount.toLocaleString('en-US')} non-finite points;
              last finite value {run.curve && run.curve.ys.length > 0 ? formatLoss(run.curve.ys.at(-1)!) : '–'}; now {run.state ?? 'no status'}.
            </p>
          </figure>
        );
      })}
    </div>
  );
}
