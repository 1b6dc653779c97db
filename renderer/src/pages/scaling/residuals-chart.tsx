// Residuals of the fit: log(predicted) − log(actual) for every fitted run against its compute,
// coloured by model size. A trend here (say, all large models below zero) is a misfit the
// parameter intervals do not show.
import type { ScalingFitView } from '../../../../shared/api/scaling-methods';
import { significant } from '../../components/tick-labels';
import { ChartFrame, paddedDomain } from '../../components/scaling-charts/chart-frame';
import { formatLoss, formatPercent, num } from '../../components/scaling-charts/scaling-format';
import { sizeScale } from '../../components/scaling-charts/size-colors';
import { useDocumentTheme } from '../../components/scaling-charts/use-document-theme';

export function ResidualsChart({ view }: { view: ScalingFitView }) {
  const theme = useDocumentTheme();
  const fitted = view.points.filter((p) => p.logResidual !== null && Number.isFinite(num(p.logResidual)));
  if (fitted.length === 0) return <p className="muted">No residuals: there is no fit.</p>;
  const sizes = sizeScale(view.points.map((p) => p.N), theme);
  const residuals = fitted.map((p) => 100 * num(p.logResidual));
  const bound = Math.max(...residuals.map(Math.abs), 0.05);
  const x = { scale: 'log' as const, domain: paddedDomain(fitted.map((p) => p.C), 'log'), label: 'Training compute C (FLOPs)' };
  const y = { scale: 'linear' as const, domain: [-bound * 1.15, bound * 1.15] as [number, number], label: 'Residual, % in log loss', format: significant };
  const worst = fitted.reduce((a, b) => (Math.abs(num(b.logResidual)) > Math.abs(num(a.logResidual)) ? b : a));
  return (
    <>
      <ChartFrame x={x} y={y} height={220} label={`Residuals of the fit of ${view.scope.label}`} testId="residuals-chart">
        {(scales) => (
          <>
            <line className="zero-line" x1={scales.left} x2={scales.right} y1={scales.y(0)} y2={scales.y(0)} />
            {fitted.map((p) => (
              <circle key={p.runId} className="residual-mark" cx={scales.x(p.C)} cy={scales.y(100 * num(p.logResidual))} r={4} fill={sizes.color(p.N)}>
                <title>
                  {p.runId}: actual {formatLoss(p.L)}, fit {formatLoss(num(p.predicted))}
                </title>
              </circle>
            ))}
          </>
        )}
      </ChartFrame>
      <p className="muted scaling-note">
        Largest residual: {worst.runId}, {formatPercent(num(worst.logResidual))} (the fit's Huber loss stops counting squared error beyond{' '}
        {formatPercent(view.fit?.delta ?? 0.001, 1)}).
      </p>
    </>
  );
}
