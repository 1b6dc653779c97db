// The gain-against-cost scatter: x the complexity cost, y the measured gain (% of baseline) with its
// 95 % interval, the Pareto frontier as a staircase, and the four decision regions shaded. Unproven
// gains are hollow circles, not failures. Clicking a point opens the proposal.
import { CartesianGrid, ErrorBar, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { GainVsCost, GainVsCostPoint } from '../../../../shared/api/proposals-methods';
import { REGION_LABELS, type GainRegion } from '../../../../shared/domain/gain-vs-cost';
import { navigate } from '../../app/router';
import { tickFormatter } from '../../components/tick-labels';
import { SERIES_PALETTE, VERDICT_COLORS } from '../../theme/palette';

export const REGION_COLORS: Record<GainRegion, string> = {
  adopt: VERDICT_COLORS.better,
  'think-twice': SERIES_PALETTE[1],
  explore: SERIES_PALETTE[4],
  drop: VERDICT_COLORS.worse,
};

const REGION_LABEL_POSITION = { adopt: 'insideTopLeft', 'think-twice': 'insideTopRight', explore: 'insideBottomLeft', drop: 'insideBottomRight' } as const;

interface PlotPoint extends GainVsCostPoint {
  gain: number;
  errorY: [number, number];
}

function PointShape(props: { cx?: number; cy?: number; payload?: PlotPoint }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const color = payload.region ? REGION_COLORS[payload.region] : SERIES_PALETTE[7];
  return (
    <g className="gain-point" data-proposal={payload.id} data-unproven={payload.unproven} style={{ cursor: 'pointer' }}>
      <circle cx={cx} cy={cy} r={payload.onFrontier ? 7 : 6} fill={payload.unproven ? 'var(--surface)' : color} stroke={color} strokeWidth={payload.unproven ? 2.5 : 1.5} />
      {payload.onFrontier && <circle cx={cx} cy={cy} r={10} fill="none" stroke="var(--text)" strokeWidth={1} />}
      <text x={cx + 11} y={cy + 4} className="gain-point-label">
        {payload.id}
      </text>
    </g>
  );
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload: PlotPoint }[] }) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point || !('cost' in point)) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {point.title ?? point.id} <span className="muted">{point.id}</span>
      </strong>
      <div>
        Gain {point.gain >= 0 ? '+' : ''}
        {point.gain.toFixed(2)} %{point.interval ? ` [${point.interval[0].toFixed(2)}, ${point.interval[1].toFixed(2)}]` : ' (no interval)'}
        {point.unproven ? ' · unproven' : ''}
      </div>
      <div>
        Cost {point.cost.toFixed(1)} = {Object.entries(point.costParts).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' + ')}
      </div>
      <div className="muted">
        {point.region ? REGION_LABELS[point.region] : ''} · {point.status ?? ''}
        {point.onFrontier ? ' · on the frontier' : ''}
        {point.evidence ? ` · ${point.evidence.variant} in ${point.evidence.ablationId}` : ''}
      </div>
    </div>
  );
}

/** The frontier's points in order of cost, joined by a dashed line. */
function frontierPoints(points: PlotPoint[], frontier: string[]): PlotPoint[] {
  const byId = new Map(points.map((p) => [p.id, p]));
  return frontier.map((id) => byId.get(id)).filter((p): p is PlotPoint => p !== undefined);
}

/** Round tick values (1, 2 or 5 × a power of ten) covering [low, high]. */
export function niceTicks(low: number, high: number, count = 6): number[] {
  const raw = Math.max(high - low, 1e-9) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const ticks: number[] = [];
  for (let t = Math.floor(low / step) * step; t <= high + step * 0.999; t += step) ticks.push(Number(t.toPrecision(6)));
  return ticks;
}

export function GainCostScatter({ plane }: { plane: GainVsCost }) {
  const points: PlotPoint[] = plane.points
    .filter((p): p is GainVsCostPoint & { gain: number } => p.gain !== null)
    .map((p) => ({ ...p, errorY: p.interval ? [p.gain - p.interval[0], p.interval[1] - p.gain] : [0, 0] }));
  const { minGain, maxCost } = plane.thresholds;
  const xMax = Math.ceil(Math.max(maxCost * 1.6, ...points.map((p) => p.cost * 1.1), 1));
  const lows = points.map((p) => p.interval?.[0] ?? p.gain);
  const highs = points.map((p) => p.interval?.[1] ?? p.gain);
  const span = Math.max(Math.max(minGain * 2, ...highs, 0.1) - Math.min(0, ...lows), 0.1);
  const yTicks = niceTicks(Math.min(0, ...lows) - span * 0.04, Math.max(minGain * 2, ...highs, 0.1) + span * 0.04);
  const yMin = yTicks[0]!;
  const yMax = yTicks[yTicks.length - 1]!;
  const regions: { region: GainRegion; x1: number; x2: number; y1: number; y2: number }[] = [
    { region: 'adopt', x1: 0, x2: maxCost, y1: minGain, y2: yMax },
    { region: 'think-twice', x1: maxCost, x2: xMax, y1: minGain, y2: yMax },
    { region: 'explore', x1: 0, x2: maxCost, y1: yMin, y2: minGain },
    { region: 'drop', x1: maxCost, x2: xMax, y1: yMin, y2: minGain },
  ];
  return (
    <div className="gain-chart" data-testid="gain-cost-chart" role="img" aria-label={`Gain against complexity cost for ${points.length} proposals; the table below lists the same points.`}>
      <ResponsiveContainer width="100%" height={460}>
        <ScatterChart margin={{ top: 12, right: 40, bottom: 28, left: 24 }}>
          {regions.map((r) => (
            <ReferenceArea
              key={r.region}
              x1={r.x1}
              x2={r.x2}
              y1={r.y1}
              y2={r.y2}
              fill={REGION_COLORS[r.region]}
              fillOpacity={0.09}
              stroke="none"
              ifOverflow="hidden"
              label={{ value: REGION_LABELS[r.region], position: REGION_LABEL_POSITION[r.region], className: 'region-label' }}
            />
          ))}
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="cost" domain={[0, xMax]} name="Complexity cost" label={{ value: 'Complexity cost (points)', position: 'insideBottom', offset: -14 }} />
          <YAxis
            type="number"
            dataKey="gain"
            domain={[yMin, yMax]}
            ticks={yTicks}
            name="Gain"
            tickFormatter={tickFormatter(yTicks, 'decimals', (v, digits) => `${v.toFixed(digits)} %`)}
            width={64}
            label={{ value: 'Measured gain (% of baseline)', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
          />
          <ReferenceLine y={0} className="zero-line" />
          <ReferenceLine x={maxCost} strokeDasharray="5 4" className="threshold-line" />
          <ReferenceLine y={minGain} strokeDasharray="5 4" className="threshold-line" />
          <Tooltip content={<PointTooltip />} cursor={false} />
          <Scatter data={frontierPoints(points, plane.frontier)} line={{ className: 'frontier-line' }} lineType="joint" shape={() => <g />} isAnimationActive={false} legendType="none" />
          <Scatter data={points} shape={<PointShape />} isAnimationActive={false} onClick={(entry: { payload?: PlotPoint }) => entry.payload && navigate('proposals', { id: entry.payload.id })}>
            <ErrorBar dataKey="errorY" direction="y" width={5} className="gain-error-bar" isAnimationActive={false} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
