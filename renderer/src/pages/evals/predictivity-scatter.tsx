// One eval's predictivity as a picture: each ablation variant's delta at the smallest model size (x)
// against its delta at the largest (y). Points in the shaded agreeing quadrants kept their sign with
// scale; the diagonal is "the same delta at both scales". Hollow points have a large-scale delta within
// the noise, which sign agreement leaves out.
import { CartesianGrid, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalQuality, PredictivityPair } from '../../../../shared/api/evals-methods';
import { tickFormatter } from '../../components/tick-labels';
import { VERDICT_COLORS } from '../../theme/palette';
import { formatParams, formatSigned, formatValue } from './evals-format';

/** The theme's accent: the palette's blue, lighter (sky blue) on the dark theme where the deep blue would sink. */
const POINT_COLOR = 'var(--accent)';

function PairShape(props: { cx?: number; cy?: number; payload?: PredictivityPair }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload) return <g />;
  return (
    <circle
      className="pair-point"
      data-ablation={payload.ablationId}
      data-resolved={payload.resolved}
      cx={cx}
      cy={cy}
      r={5.5}
      fill={payload.resolved ? POINT_COLOR : 'var(--surface)'}
      stroke={POINT_COLOR}
      strokeWidth={payload.resolved ? 1 : 2}
    />
  );
}

function PairTooltip({ active, payload }: { active?: boolean; payload?: { payload: PredictivityPair }[] }) {
  const pair = active ? payload?.[0]?.payload : undefined;
  if (!pair || !('ablationId' in pair)) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {pair.variant} <span className="muted">vs {pair.baseline} in {pair.ablationId}</span>
      </strong>
      <div>
        Δ at {formatParams(pair.smallParams)}: {formatSigned(pair.small, 3)}
      </div>
      <div>
        Δ at {formatParams(pair.largeParams)}: {formatSigned(pair.large, 3)}
        {pair.resolved ? '' : ' (within the noise)'}
      </div>
      <div className="muted">
        Compared at matched {pair.compareAt}; {pair.largeSeeds.variant} + {pair.largeSeeds.baseline} seeds at the large size
      </div>
    </div>
  );
}

/** Round ticks symmetric around 0 covering ±limit. */
function symmetricTicks(limit: number): number[] {
  const raw = limit / 3;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const count = Math.ceil(limit / step);
  const ticks: number[] = [];
  for (let i = -count; i <= count; i++) ticks.push(Number((i * step).toPrecision(6)));
  return ticks;
}

export function PredictivityScatter({ quality }: { quality: EvalQuality }) {
  const pairs = quality.predictivity.pairs;
  const largest = Math.max(...pairs.flatMap((p) => [Math.abs(p.small), Math.abs(p.large)]), 1e-12);
  const ticks = symmetricTicks(largest * 1.08);
  const limit = ticks[ticks.length - 1]!;
  const quadrants = [
    // Labels sit away from the diagonal, which runs into the agreeing quadrants' outer corners.
    { key: 'agree-up', x1: 0, x2: limit, y1: 0, y2: limit, agree: true, label: 'signs agree', position: 'insideTopLeft' },
    { key: 'agree-down', x1: -limit, x2: 0, y1: -limit, y2: 0, agree: true, label: 'signs agree', position: 'insideBottomRight' },
    { key: 'flip-up', x1: -limit, x2: 0, y1: 0, y2: limit, agree: false, label: 'sign flips', position: 'insideTopLeft' },
    { key: 'flip-down', x1: 0, x2: limit, y1: -limit, y2: 0, agree: false, label: 'sign flips', position: 'insideBottomRight' },
  ] as const;
  const tick = tickFormatter(ticks, 'significant', formatValue, 2);
  return (
    <div
      className="predictivity-chart"
      data-testid="predictivity-scatter"
      role="img"
      aria-label={`${quality.metric}: delta at the smallest size against the delta at the largest size for ${pairs.length} ablation variants`}
    >
      <ResponsiveContainer width="100%" height={400}>
        <ScatterChart margin={{ top: 10, right: 20, bottom: 30, left: 20 }}>
          {quadrants.map((q) => (
            <ReferenceArea
              key={q.key}
              className={q.agree ? 'quadrant-agree' : 'quadrant-flip'}
              x1={q.x1}
              x2={q.x2}
              y1={q.y1}
              y2={q.y2}
              fill={q.agree ? VERDICT_COLORS.better : VERDICT_COLORS.worse}
              fillOpacity={0.1}
              stroke="none"
              ifOverflow="hidden"
              label={{ value: q.label, position: q.position, className: 'quadrant-label' }}
            />
          ))}
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="small"
            domain={[-limit, limit]}
            ticks={ticks}
            tickFormatter={tick}
            name="Delta at the smallest size"
            label={{ value: 'Δ at the smallest size (variant − baseline)', position: 'insideBottom', offset: -16 }}
          />
          <YAxis
            type="number"
            dataKey="large"
            domain={[-limit, limit]}
            ticks={ticks}
            tickFormatter={tick}
            width={62}
            name="Delta at the largest size"
            label={{ value: 'Δ at the largest size', angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' } }}
          />
          <ReferenceLine x={0} className="zero-line" />
          <ReferenceLine y={0} className="zero-line" />
          <ReferenceLine
            segment={[
              { x: -limit, y: -limit },
              { x: limit, y: limit },
            ]}
            strokeDasharray="6 4"
            className="diagonal-line"
            ifOverflow="hidden"
          />
          <Tooltip content={<PairTooltip />} cursor={false} />
          <Scatter data={pairs} shape={<PairShape />} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
