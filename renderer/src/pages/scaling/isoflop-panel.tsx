// Chinchilla's other two approaches beside the parametric fit: isoFLOP profiles (runs binned by
// compute, a parabola in log N per bin, its minimum N_opt) and the lower envelope of the training
// curves; each gives N_opt ∝ C^a, compared with a from the fit.
import type { PowerLawView, ScalingFitView } from '../../../../shared/api/scaling-methods';
import { ChartFrame, linePath, paddedDomain } from '../../components/scaling-charts/chart-frame';
import { formatCompute, formatCount, formatNumber, num } from '../../components/scaling-charts/scaling-format';
import { sizeScale } from '../../components/scaling-charts/size-colors';
import { useDocumentTheme } from '../../components/scaling-charts/use-document-theme';

const STATUS: Record<string, string> = {
  ok: 'used',
  'too-few-sizes': 'fewer than 3 sizes',
  'not-convex': 'no minimum (not convex)',
  'minimum-outside-range': 'minimum outside the sizes run',
};

function exponentText(p: PowerLawView | null): string {
  if (!p) return '–';
  const se = num(p.exponentStdError);
  return `${formatNumber(num(p.exponent), 3)}${Number.isFinite(se) ? ` ± ${formatNumber(se, 2)}` : ''}`;
}

function IsoFlopChart({ view }: { view: ScalingFitView }) {
  const theme = useDocumentTheme();
  const bins = view.isoflop.bins.filter((b) => b.parabola !== null);
  const byId = new Map(view.points.map((p) => [p.runId, p]));
  const computeColors = sizeScale(bins.map((b) => b.compute), theme);
  const points = bins.flatMap((b) => b.runIds.map((id) => byId.get(id)).filter((p) => p !== undefined));
  const x = { scale: 'log' as const, domain: paddedDomain(points.map((p) => p.N), 'log'), label: 'Model size N' };
  const y = { scale: 'log' as const, domain: paddedDomain(points.map((p) => p.L), 'log'), label: view.metric };
  return (
    <ChartFrame x={x} y={y} height={260} label="IsoFLOP profiles: loss against model size at fixed compute" testId="isoflop-chart">
      {(scales) =>
        bins.map((b) => {
          const color = computeColors.color(b.compute);
          const [lo, hi] = b.nRange;
          const curve = Array.from({ length: 30 }, (_, i) => {
            const N = lo * (hi / lo) ** (i / 29);
            const l = Math.log(N);
            return { x: N, y: num(b.parabola!.c0) + num(b.parabola!.c1) * l + num(b.parabola!.c2) * l * l };
          });
          const nOpt = num(b.nOpt);
          return (
            <g key={b.compute}>
              <path className="isoflop-curve" stroke={color} d={linePath(curve, scales)} />
              {b.runIds.map((id) => {
                const p = byId.get(id);
                return p ? <circle key={id} className="residual-mark" cx={scales.x(p.N)} cy={scales.y(p.L)} r={4} fill={color} /> : null;
              })}
              {b.used && Number.isFinite(nOpt) && (
                <path className="isoflop-min" d={`M${scales.x(nOpt)},${scales.y(num(b.lossAtOpt)) - 7}l6,7l-6,7l-6,-7z`} fill={color}>
                  <title>
                    {formatCompute(b.compute)} FLOPs: N_opt {formatCount(nOpt)}
                  </title>
                </path>
              )}
            </g>
          );
        })
      }
    </ChartFrame>
  );
}

export function IsoFlopPanel({ view }: { view: ScalingFitView }) {
  const { isoflop, envelope, fit } = view;
  const usable = isoflop.bins.filter((b) => b.parabola !== null);
  const identified = view.identifiability?.identifiable !== false;
  return (
    <section className="panel" data-testid="isoflop-panel">
      <h2>Three ways to N_opt ∝ C^a</h2>
      <table className="data approaches-table">
        <thead>
          <tr>
            <th scope="col">Approach</th>
            <th scope="col" className="num">a</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>1 · Envelope of training curves</td>
            <td className="num">{exponentText(envelope.nOpt)}</td>
            <td className="muted">{envelope.curvesUsed} curves{envelope.points.length > 0 ? `, ${new Set(envelope.points.map((p) => p.N)).size} sizes on the envelope` : ''}</td>
          </tr>
          <tr>
            <td>2 · IsoFLOP profiles</td>
            <td className="num">{exponentText(isoflop.nOpt)}</td>
            <td className="muted">
              {isoflop.bins.filter((b) => b.used).length} of {isoflop.bins.length} compute bins usable
            </td>
          </tr>
          <tr className={identified ? undefined : 'not-identified'}>
            <td>3 · Parametric fit</td>
            <td className="num">{fit && identified ? formatNumber(num(fit.params.a), 3) : '–'}</td>
            <td className="muted">{!fit ? 'no fit' : identified ? `${fit.n} runs` : `${fit.n} runs, which do not identify it (see the fit)`}</td>
          </tr>
        </tbody>
      </table>
      {usable.length > 0 ? (
        <>
          <IsoFlopChart view={view} />
          <ul className="isoflop-bins muted">
            {isoflop.bins
              .filter((b) => b.status !== 'too-few-sizes')
              .map((b) => (
                <li key={b.compute}>
                  {formatCompute(b.compute)} FLOPs: {b.runIds.length} runs, {STATUS[b.status]}
                  {b.used ? `, N_opt ${formatCount(num(b.nOpt))}` : ''}
                </li>
              ))}
          </ul>
        </>
      ) : (
        <p className="muted scaling-note">
          No compute bin holds runs at 3 or more model sizes, so there are no isoFLOP profiles: they need an isoFLOP design (several sizes trained with the
          same compute).
        </p>
      )}
    </section>
  );
}
