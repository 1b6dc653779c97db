// Week by week, the share of the team's work that was exploratory (bottom) and critical-path (top),
// stacked to 100 %, under a strip of phase bands with each phase's target drawn as a dashed line.
// Each week is drawn as a flat block from its Monday to its Sunday, so a week alone between empty
// ones still shows and the blocks line up with the phase bands.
import { Area, CartesianGrid, ComposedChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PhaseSplit, SplitBucket, WorkSplit } from '../../../../shared/worksplit';
import { EmptyState } from '../state-views';
import type { Drill } from './drill';
import { amount, amountWithUnit, BAND_COLOR, KIND_COLORS, percent, points, shortDay } from './work-split-format';
import './work-split.css';

interface WeekPoint {
  x: number;
  week: number;
  exploratory: number | null;
  critical: number | null;
}

const BAND_BOTTOM = 1.03;
const BAND_TOP = 1.17;
const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** A block's edges sit this close to the week boundary, so the pointer always finds the week it is over. */
const EDGE = 0.499;
const LABEL_CHAR_PX = 7;
/** Week labels that fit under a half-width chart without touching. */
const MAX_TICKS = 8;

/** Two points per week, at its left and right edges: the area between them is the week's block. */
function weekBlocks(split: WorkSplit): WeekPoint[] {
  return split.buckets.flatMap((b, week) => {
    const exploratory = b.exploratoryShare;
    const critical = exploratory === null ? null : 1 - exploratory;
    return [
      { x: week - EDGE, week, exploratory, critical },
      { x: week + EDGE, week, exploratory, critical },
    ];
  });
}

/** The phase name and target when the band is wide enough, else the name, else as much of it as fits. */
function bandLabel(phase: PhaseSplit) {
  const full = `${phase.name} · target ${percent(phase.target)}`;
  return function BandLabel(props: { viewBox?: { x: number; y: number; width: number; height: number } }) {
    const box = props.viewBox;
    if (!box) return <g />;
    const room = Math.floor((box.width - 12) / LABEL_CHAR_PX);
    const text = full.length <= room ? full : phase.name.length <= room ? phase.name : `${phase.name.slice(0, Math.max(1, room - 1))}…`;
    return (
      <text x={box.x + box.width / 2} y={box.y + box.height / 2} textAnchor="middle" dominantBaseline="central" className="phase-band-label">
        <title>{full}</title>
        {text}
      </text>
    );
  };
}

export function weekDrill(split: WorkSplit, index: number): Drill {
  const bucket: SplitBucket = split.buckets[index]!;
  const week = split.weeks[index]!;
  return {
    id: `week:${split.measure}:${week.week}`,
    title: `Week of ${shortDay(week.start)} (${week.week})`,
    subtitle: week.phase ? `${week.phase} · target ${percent(week.target)}` : 'No phase',
    measure: split.measure,
    criticalPath: bucket.criticalPath,
    exploratory: bucket.exploratory,
    denominator: bucket.total,
    denominatorLabel: "the week's total",
    proposals: bucket.proposals,
  };
}

export function phaseDrill(split: WorkSplit, phase: PhaseSplit): Drill {
  return {
    id: `phase:${split.measure}:${phase.name}`,
    title: phase.name,
    subtitle: `${phase.start} to ${phase.end} · target ${percent(phase.target)} · actual ${percent(phase.exploratoryShare)}`,
    measure: split.measure,
    criticalPath: phase.criticalPath,
    exploratory: phase.exploratory,
    denominator: phase.total,
    denominatorLabel: "the phase's total in the range shown",
    proposals: phase.proposals,
  };
}

function phaseSpan(split: WorkSplit, phase: PhaseSplit): [number, number] {
  const indexes = phase.weeks.map((w) => split.weeks.findIndex((info) => info.week === w));
  return [Math.min(...indexes), Math.max(...indexes)];
}

function WeekTooltip({ split, index }: { split: WorkSplit; index: number }) {
  const bucket = split.buckets[index];
  const week = split.weeks[index];
  if (!bucket || !week) return null;
  return (
    <div className="chart-tooltip">
      <strong>Week of {shortDay(week.start)}</strong> <span className="muted">{week.week}</span>
      {week.phase && <div className="muted">{week.phase}, target {percent(week.target)}</div>}
      <div>
        <span className="swatch" style={{ background: KIND_COLORS.exploratory }} aria-hidden="true" />
        Exploratory {percent(bucket.exploratoryShare)} ({amount(bucket.exploratory, split.measure)})
      </div>
      <div>
        <span className="swatch" style={{ background: KIND_COLORS['critical-path'] }} aria-hidden="true" />
        Critical path {bucket.total > 0 ? percent(bucket.criticalPath / bucket.total) : '–'} ({amount(bucket.criticalPath, split.measure)})
      </div>
      <div className="muted">
        {amountWithUnit(bucket.total, split.measure)}
        {week.daysElapsed < 7 && `, ${week.daysElapsed} of 7 days so far`} · click for the proposals
      </div>
    </div>
  );
}

interface WeeklyShareChartProps {
  split: WorkSplit;
  title: string;
  /** The drill-down open now, marked on the chart when it is one of its weeks or phases. */
  selectedId?: string;
  onDrill: (drill: Drill) => void;
}

export function WeeklyShareChart({ split, title, selectedId, onDrill }: WeeklyShareChartProps) {
  const n = split.buckets.length;
  const selectedWeek = split.weeks.findIndex((w) => selectedId === `week:${split.measure}:${w.week}`);
  const hasWork = split.buckets.some((b) => b.total > 0);
  const data = weekBlocks(split);
  const step = Math.max(1, Math.ceil(n / MAX_TICKS));
  const ticks = split.weeks.map((_, i) => i).filter((i) => (n - 1 - i) % step === 0);
  return (
    <section className="panel" data-testid={`weekly-share-${split.measure}`}>
      <div className="team-chart-head">
        <h2>{title}</h2>
        <ChartLegend />
      </div>
      {!hasWork ? (
        <EmptyState title={split.measure === 'compute' ? 'No chip-hours on proposals in these weeks' : 'No proposal work in these weeks'}>
          {split.measure === 'compute'
            ? 'Runs count here once their run.json names a proposal and gives compute.chip_hours.'
            : 'Proposals count here from their created date, with the people and shares in their front matter.'}
        </EmptyState>
      ) : (
        <figure className="team-chart" aria-label={`${title}: exploratory share week by week`}>
          <ResponsiveContainer width="100%" height={300}>
            <ComposedChart
              data={data}
              margin={{ top: 4, right: 16, bottom: 0, left: 4 }}
              onClick={(state, event) => {
                // A click on a phase band opens the phase, not the week under it.
                if (event.target instanceof Element && event.target.closest('.phase-band')) return;
                const point = data[Number(state.activeTooltipIndex)];
                if (point) onDrill(weekDrill(split, point.week));
              }}
            >
              <CartesianGrid vertical={false} />
              <XAxis
                type="number"
                dataKey="x"
                domain={[-0.5, n - 0.5]}
                ticks={ticks}
                interval={0}
                tickFormatter={(i: number) => shortDay(split.weeks[i]?.start ?? '')}
              />
              <YAxis domain={[0, BAND_TOP]} ticks={SHARE_TICKS} tickFormatter={(v: number) => percent(v)} width={54} allowDataOverflow />
              <Tooltip
                isAnimationActive={false}
                content={({ active, label }) => (active && typeof label === 'number' ? <WeekTooltip split={split} index={Math.round(label)} /> : null)}
              />
              <Area type="linear" dataKey="exploratory" stackId="share" stroke={KIND_COLORS.exploratory} fill={KIND_COLORS.exploratory} fillOpacity={0.85} isAnimationActive={false} activeDot={false} name="Exploratory" />
              <Area type="linear" dataKey="critical" stackId="share" stroke={KIND_COLORS['critical-path']} fill={KIND_COLORS['critical-path']} fillOpacity={0.65} isAnimationActive={false} activeDot={false} name="Critical path" />
              {split.phases.map((phase, i) => {
                const [first, last] = phaseSpan(split, phase);
                return (
                  <ReferenceArea
                    key={`band-${phase.name}`}
                    x1={first - 0.5}
                    x2={last + 0.5}
                    y1={BAND_BOTTOM}
                    y2={BAND_TOP}
                    fill={BAND_COLOR}
                    fillOpacity={i % 2 === 0 ? 0.2 : 0.36}
                    className={selectedId === `phase:${split.measure}:${phase.name}` ? 'phase-band selected' : 'phase-band'}
                    label={bandLabel(phase)}
                    onClick={() => onDrill(phaseDrill(split, phase))}
                  />
                );
              })}
              {selectedWeek >= 0 && (
                <ReferenceArea x1={selectedWeek - 0.5} x2={selectedWeek + 0.5} y1={0} y2={1} fillOpacity={0} className="week-highlight" />
              )}
              {split.phases.slice(1).map((phase) => (
                <ReferenceLine key={`edge-${phase.name}`} x={phaseSpan(split, phase)[0] - 0.5} className="phase-edge" strokeDasharray="2 3" />
              ))}
              {split.phases.flatMap((phase) => {
                const [first, last] = phaseSpan(split, phase);
                const segment = [{ x: first - 0.5, y: phase.target }, { x: last + 0.5, y: phase.target }] as const;
                // A halo in the page colour keeps the dashed target readable over both areas, in every theme.
                return [
                  <ReferenceLine key={`halo-${phase.name}`} segment={segment} className="target-halo" strokeWidth={6} />,
                  <ReferenceLine key={`target-${phase.name}`} segment={segment} className="target-line" strokeDasharray="8 5" strokeWidth={2.5} />,
                ];
              })}
            </ComposedChart>
          </ResponsiveContainer>
        </figure>
      )}
      <PhaseChips split={split} onDrill={onDrill} />
    </section>
  );
}

function ChartLegend() {
  return (
    <div className="team-legend" aria-hidden="true">
      <span><span className="swatch" style={{ background: KIND_COLORS.exploratory }} />Exploratory</span>
      <span><span className="swatch" style={{ background: KIND_COLORS['critical-path'] }} />Critical path</span>
      <span><span className="legend-dash" />Phase target</span>
    </div>
  );
}

/** The phases as buttons: the same drill-down as the bands, reachable from the keyboard. */
function PhaseChips({ split, onDrill }: { split: WorkSplit; onDrill: (drill: Drill) => void }) {
  if (split.phases.length === 0) {
    return <p className="muted team-note">No phases in team.yaml: add phases with a target_exploratory to compare the split against a target.</p>;
  }
  return (
    <div className="phase-chips">
      {split.phases.map((phase) => (
        <button key={phase.name} className="btn phase-chip" onClick={() => onDrill(phaseDrill(split, phase))}>
          <strong>{phase.name}</strong> {percent(phase.exploratoryShare)} exploratory
          <span className="muted">
            {' '}
            · target {percent(phase.target)}
            {phase.gap !== null && ` (${points(phase.gap)})`}
          </span>
        </button>
      ))}
      {split.measure === 'compute' && split.unclassified.chipHours > 0 && (
        <span className="muted team-note">
          Not counted: {amount(split.unclassified.chipHours, 'compute')} chip-hours of{' '}
          {split.unclassified.runs.length === 1 ? 'a run' : `${split.unclassified.runs.length} runs`} linked to no proposal.
        </span>
      )}
    </div>
  );
}
