// Loss against training compute, log–log: every run as a point coloured by its model size (hollow
// and struck through when excluded), the fitted loss of each size as it trains longer, the fitted
// compute-optimal frontier with its 80 and 95 % bands, and the lower envelope of the training
// curves. When the runs do not identify the parameters, the line is their power law of loss in compute
// and there are no per-size curves. A point opens the exclusion editor.
import { useState } from 'react';
import type { ScalingFitView, ScalingPointView } from '../../../../shared/api/scaling-methods';
import { predictLoss, type ChinchillaParams } from '../../../../shared/scaling';
import { bandPath, ChartFrame, linePath, paddedDomain, type Scales } from './chart-frame';
import { formatCompute, formatCount, formatLoss, formatPercent, num } from './scaling-format';
import { sizeScale, type SizeScale } from './size-colors';
import { useDocumentTheme } from './use-document-theme';

interface LossComputeChartProps {
  view: ScalingFitView;
  targetCompute: number | null;
  selectedRun: string | null;
  onSelect(runId: string): void;
  /** In pixels; the review's slides draw it larger. */
  height?: number;
}

/** The Chinchilla parameters, when the runs identify them (a size's curve off their design is otherwise a guess). */
function fittedParams(view: ScalingFitView): ChinchillaParams | null {
  const p = view.fit?.params;
  if (!p || view.identifiability?.identifiable === false) return null;
  const params = { E: num(p.E), A: num(p.A), B: num(p.B), alpha: num(p.alpha), beta: num(p.beta) };
  return Object.values(params).every(Number.isFinite) ? params : null;
}

/** The fitted loss of one model size from its smallest to its largest token budget (with some margin). */
function sizeCurve(params: ChinchillaParams, N: number, points: readonly ScalingPointView[]) {
  const tokens = points.filter((p) => p.N === N).map((p) => p.D);
  const lo = Math.min(...tokens) / 2;
  const hi = Math.max(...tokens) * 2;
  return Array.from({ length: 24 }, (_, i) => {
    const D = lo * (hi / lo) ** (i / 23);
    return { x: 6 * N * D, y: predictLoss(params, N, D) };
  });
}

function PointMark({ point, scales, sizes, selected, onSelect, onHover }: {
  point: ScalingPointView;
  scales: Scales;
  sizes: SizeScale;
  selected: boolean;
  onSelect(): void;
  onHover(hovered: boolean): void;
}) {
  const x = scales.x(point.C);
  const y = scales.y(point.L);
  const color = sizes.color(point.N);
  const label = `${point.runId}: ${formatCount(point.N)} parameters, ${formatCount(point.D)} tokens, loss ${formatLoss(point.L)}${point.excluded ? ', excluded' : ''}`;
  return (
    <g
      className={`fit-point${point.excluded ? ' excluded' : ''}${selected ? ' selected' : ''}`}
      data-testid="fit-point"
      data-run-id={point.runId}
      data-excluded={point.excluded ? 'true' : 'false'}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
      onMouseEnter={() => onHover(true)}
      onMouseLeave={() => onHover(false)}
      onFocus={() => onHover(true)}
      onBlur={() => onHover(false)}
    >
      <circle cx={x} cy={y} r={9} className="hit" />
      <circle cx={x} cy={y} r={5} fill={point.excluded ? 'none' : color} stroke={point.excluded ? color : undefined} className="mark" />
      {point.excluded && <line x1={x - 6} y1={y + 6} x2={x + 6} y2={y - 6} stroke={color} className="strike" />}
    </g>
  );
}

function Tooltip({ point, scales }: { point: ScalingPointView; scales: Scales }) {
  const left = Math.min(scales.x(point.C) + 12, scales.width - 230);
  const residual = point.logResidual === null ? null : num(point.logResidual);
  return (
    <div className="chart-tooltip scaling-tooltip" style={{ left, top: Math.max(0, scales.y(point.L) - 20) }} role="status">
      <strong>{point.runId}</strong>
      {point.name && <span className="muted">{point.name}</span>}
      <span>
        N {formatCount(point.N)} · D {formatCount(point.D)} · C {formatCompute(point.C)}
      </span>
      <span>
        loss {formatLoss(point.L)}
        {residual !== null && ` · fit ${formatLoss(num(point.predicted))} (${residual >= 0 ? '+' : ''}${formatPercent(residual, 2)} in log)`}
      </span>
      {point.excluded && <span>excluded{point.exclusionReason ? `: ${point.exclusionReason}` : ''}</span>}
    </div>
  );
}

export function LossComputeChart({ view, targetCompute, selectedRun, onSelect, height = 380 }: LossComputeChartProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const params = fittedParams(view);
  const sizes = sizeScale(view.points.map((p) => p.N), useDocumentTheme());
  const maxC = Math.max(...view.points.map((p) => p.C));
  const xValues = [...view.points.map((p) => p.C), ...(targetCompute ? [targetCompute] : [maxC * 3])];
  const x = { scale: 'log' as const, domain: paddedDomain(xValues, 'log'), label: 'Training compute C (FLOPs)' };
  const frontier = view.frontier.filter((f) => f.C >= x.domain[0] && f.C <= x.domain[1]);
  // The envelope starts high, early in training: it is clipped, not allowed to stretch the axis.
  const yValues = [...view.points.map((p) => p.L), ...frontier.map((f) => num(f.loss))];
  const y = { scale: 'log' as const, domain: paddedDomain(yValues, 'log'), label: `${view.metric} (log)` };
  const hoveredPoint = view.points.find((p) => p.runId === hovered);
  const target = targetCompute && view.fit ? frontier.find((f) => f.C >= targetCompute && Number.isFinite(num(f.loss))) : undefined;

  return (
    <ChartFrame
      x={x}
      y={y}
      height={height}
      label={`Loss against compute for ${view.scope.label}: ${view.points.length} runs, ${view.computeLaw ? 'fitted power law in compute' : 'fitted frontier'}`}
      testId="loss-compute-chart"
      overlay={(scales) => (hoveredPoint ? <Tooltip point={hoveredPoint} scales={scales} /> : null)}
    >
      {(scales) => (
        <>
          {frontier.some((f) => f.p95) && (
            <>
              <path className="band band-95" d={bandPath(frontier.map((f) => ({ x: f.C, lo: num(f.p95?.[0]), hi: num(f.p95?.[1]) })), scales)} />
              <path className="band band-80" d={bandPath(frontier.map((f) => ({ x: f.C, lo: num(f.p80?.[0]), hi: num(f.p80?.[1]) })), scales)} />
            </>
          )}
          {params &&
            sizes.sizes.map((N) => (
              <path key={N} className="size-curve" stroke={sizes.color(N)} d={linePath(sizeCurve(params, N, view.points), scales)} />
            ))}
          <path className="envelope" d={linePath(view.envelope.points.map((p) => ({ x: p.flops, y: p.loss })), scales)} />
          <path className="frontier" data-testid="frontier" d={linePath(frontier.map((f) => ({ x: f.C, y: num(f.loss) })), scales)} />
          {targetCompute && (
            <line className="target-line" x1={scales.x(targetCompute)} x2={scales.x(targetCompute)} y1={scales.top} y2={scales.bottom} />
          )}
          {target && <circle className="target-mark" cx={scales.x(target.C)} cy={scales.y(num(target.loss))} r={5} />}
          {view.points.map((p) => (
            <PointMark
              key={p.runId}
              point={p}
              scales={scales}
              sizes={sizes}
              selected={p.runId === selectedRun}
              onSelect={() => onSelect(p.runId)}
              onHover={(on) => setHovered(on ? p.runId : (h) => (h === p.runId ? null : h))}
            />
          ))}
        </>
      )}
    </ChartFrame>
  );
}
