// The split by area or by person: one stacked bar per group, exploratory then critical-path work,
// with the exploratory share written at the end of the bar.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SplitBucket, WorkSplit } from '../../../../shared/worksplit';
import { linearTicks } from '../../components/series-chart/chart-ticks';
import { EmptyState } from '../../components/state-views';
import { tickFormatter } from '../../components/tick-labels';
import type { Drill } from '../../components/work-split/drill';
import { amount, amountWithUnit, KIND_COLORS, percent, unitOf } from '../../components/work-split/work-split-format';

interface GroupBar {
  key: string;
  label: string;
  exploratory: number;
  critical: number;
  shareText: string;
}

export function groupDrill(split: WorkSplit, bucket: SplitBucket): Drill {
  const what = split.by === 'area' ? `Area ${bucket.label}` : bucket.label;
  return {
    id: `${split.by}:${split.measure}:${bucket.key}`,
    title: what,
    subtitle: `${split.from} to ${split.to} · ${percent(bucket.exploratoryShare)} exploratory`,
    measure: split.measure,
    criticalPath: bucket.criticalPath,
    exploratory: bucket.exploratory,
    denominator: bucket.total,
    denominatorLabel: split.by === 'area' ? "the area's total" : "the person's total",
    proposals: bucket.proposals,
  };
}

function GroupTooltip({ split, bucket }: { split: WorkSplit; bucket: SplitBucket }) {
  return (
    <div className="chart-tooltip">
      <strong>{bucket.label}</strong>
      <div>
        <span className="swatch" style={{ background: KIND_COLORS.exploratory }} aria-hidden="true" />
        Exploratory {amount(bucket.exploratory, split.measure)} ({percent(bucket.exploratoryShare)})
      </div>
      <div>
        <span className="swatch" style={{ background: KIND_COLORS['critical-path'] }} aria-hidden="true" />
        Critical path {amount(bucket.criticalPath, split.measure)}
      </div>
      <div className="muted">{amountWithUnit(bucket.total, split.measure)} · click for the proposals</div>
    </div>
  );
}

export function GroupSplitChart({ split, title, onDrill }: { split: WorkSplit; title: string; onDrill: (drill: Drill) => void }) {
  const buckets = split.buckets;
  const hasWork = buckets.some((b) => b.total > 0);
  const bars: GroupBar[] = buckets.map((b) => ({
    key: b.key,
    label: b.label,
    exploratory: b.exploratory,
    critical: b.criticalPath,
    shareText: b.total > 0 ? `${percent(b.exploratoryShare)} expl.` : 'no work',
  }));
  const drillAt = (index: number | undefined) => {
    const bucket = index === undefined ? undefined : buckets[index];
    if (bucket) onDrill(groupDrill(split, bucket));
  };
  const labelWidth = Math.min(180, Math.max(60, ...bars.map((b) => b.label.length * 8 + 14)));
  // Round ticks written with the decimals that state each one (amounts of compute are whole otherwise).
  const largest = Math.max(...buckets.map((b) => b.total), 1e-9);
  const roundTicks = linearTicks(0, largest, 5);
  const xTicks = roundTicks.at(-1)! < largest ? [...roundTicks, roundTicks.at(-1)! + (roundTicks[1]! - roundTicks[0]!)] : roundTicks;
  return (
    <section className="panel" data-testid={`group-split-${split.by}`}>
      <div className="team-chart-head">
        <h2>{title}</h2>
        <span className="muted">{unitOf(split.measure)}</span>
      </div>
      {!hasWork ? (
        <EmptyState title="No proposal work in these weeks" />
      ) : (
        <figure className="team-chart" aria-label={`${title}: exploratory and critical-path ${unitOf(split.measure)}`}>
          <ResponsiveContainer width="100%" height={Math.max(140, bars.length * 30 + 40)}>
            <BarChart
              data={bars}
              layout="vertical"
              margin={{ top: 0, right: 84, bottom: 0, left: 0 }}
              barCategoryGap="22%"
              onClick={(state) => drillAt(state.activeTooltipIndex === undefined ? undefined : Number(state.activeTooltipIndex))}
            >
              <CartesianGrid horizontal={false} />
              <XAxis
                type="number"
                domain={[0, xTicks.at(-1)!]}
                ticks={xTicks}
                tickFormatter={tickFormatter(xTicks, 'decimals', (v, digits) => (split.measure === 'compute' && digits === 0 ? amount(v, split.measure) : v.toFixed(digits)))}
              />
              <YAxis type="category" dataKey="label" width={labelWidth} interval={0} />
              <Tooltip
                cursor={{ className: 'bar-cursor' }}
                content={({ active, payload }) => {
                  const key = (payload?.[0]?.payload as GroupBar | undefined)?.key;
                  const bucket = buckets.find((b) => b.key === key);
                  return active && bucket ? <GroupTooltip split={split} bucket={bucket} /> : null;
                }}
              />
              <Bar dataKey="exploratory" stackId="work" fill={KIND_COLORS.exploratory} isAnimationActive={false} name="Exploratory" />
              <Bar dataKey="critical" stackId="work" fill={KIND_COLORS['critical-path']} isAnimationActive={false} name="Critical path">
                <LabelList dataKey="shareText" position="right" className="bar-share-label" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}
