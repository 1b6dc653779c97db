// A line chart of series at full fidelity (recharts): lines, faint raw lines behind smoothed ones, seed
// bands, non-finite markers, linear or log axes, a crosshair tooltip listing every visible series' value
// at the cursor (sorted), and drag-to-zoom. The pointer never re-renders the chart: it goes through a hover
// store to the crosshair and tooltip overlays, once per frame. It marks `tessera:chart-drawn` once its data
// is on screen.
import { useEffect, useState } from 'react';
import { CartesianGrid, ComposedChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { XKind } from '../../../../shared/domain/run-views';
import { formatY, xTickFormatter } from './chart-format';
import { tickFormatter } from '../tick-labels';
import { axisTicks } from './chart-ticks';
import { DataLayer, MarkerLayer } from './chart-layers';
import { visibleYRange, type ChartModel } from './chart-model';
import { PointerLayer } from './chart-pointer';
import { useChartTheme } from './chart-theme';
import { PointerOverlay } from './chart-overlays';
import { ChartTooltip } from './chart-tooltip';
import { createHoverStore } from './hover-store';

export const CHART_MARGIN = { top: 12, right: 16, bottom: 6, left: 4 };
export const Y_AXIS_WIDTH = 64;
const X_AXIS_HEIGHT = 34;

/** The plot's width in pixels for a chart `width` wide: what the core reduces to (one M4 column per pixel). */
export function plotWidth(width: number): number {
  return Math.max(1, Math.round(width - CHART_MARGIN.left - CHART_MARGIN.right - Y_AXIS_WIDTH));
}

export interface SeriesChartProps {
  model: ChartModel;
  width: number;
  height: number;
  xKind: XKind;
  xDomain: [number, number] | null;
  xLog: boolean;
  yLog: boolean;
  xLabel: string;
  yLabel: string;
  hidden: ReadonlySet<string>;
  onZoom?(from: number, to: number): void;
  /** Small multiples: no tooltip, thinner lines. */
  compact?: boolean;
  /** A vertical line, e.g. an ablation's comparison point. */
  referenceX?: { x: number; label: string } | null;
  testId?: string;
}

function padded([lo, hi]: [number, number], log: boolean): [number, number] {
  if (log) {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    const pad = Math.max(b - a, 0.02) * 0.05;
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  return [lo - pad, hi + pad];
}

export function SeriesChart(props: SeriesChartProps) {
  const theme = useChartTheme();
  const [hover] = useState(createHoverStore);
  const { model, width, height, xKind, xLog, yLog, hidden, compact } = props;
  // A log axis cannot hold 0: a domain reaching it (never from the core, which reduces for the axis) is no domain.
  const xDomain = props.xDomain && (!xLog || props.xDomain[0] > 0) ? props.xDomain : null;
  const yRange = xDomain ? visibleYRange(model, hidden, xDomain[0], xDomain[1], yLog) : null;
  const yDomain: [number, number] = yRange ? padded(yRange, yLog) : yLog ? [1, 10] : [0, 1];
  const hasData = model.lines.some((l) => l.xs.length > 0) || model.markers.some((m) => m.xs.length > 0);
  const nothingAboveZero = yLog && hasData && xDomain !== null && yRange === null;

  // A zoom changes what every pixel means: the hover from before it is stale.
  const domainKey = xDomain ? `${xDomain[0]}:${xDomain[1]}` : '';
  useEffect(() => {
    hover.set(null);
    hover.setDrag(null);
  }, [hover, domainKey]);

  useEffect(() => {
    if (!hasData) return;
    // Effects run after the DOM is updated; the next frame is when it is on screen.
    const frame = requestAnimationFrame(() => performance.mark('tessera:chart-drawn'));
    return () => cancelAnimationFrame(frame);
  }, [model, hasData]);

  const tick = { fill: theme.muted, fontSize: 11, fontFamily: theme.font };
  const yTicks = axisTicks(yDomain, yLog, compact ? 4 : Math.max(3, Math.round(height / 70)));
  const xTicks = xDomain ? axisTicks(xDomain, xLog, compact ? 4 : Math.max(3, Math.round(width / 120)), xKind) : undefined;
  return (
    <div className="series-chart" style={{ width, height }} data-testid={props.testId} data-has-data={hasData ? 'true' : 'false'} data-x-kind={xKind} data-x-log={xLog} data-y-log={yLog}>
      <ComposedChart width={width} height={height} margin={CHART_MARGIN} style={{ fontFamily: theme.font }}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="" />
        <XAxis
          type="number"
          dataKey="x"
          domain={xDomain ?? [0, 1]}
          allowDataOverflow
          scale={xLog ? 'log' : 'linear'}
          tickFormatter={xTickFormatter(xKind, xTicks ?? [])}
          tick={tick}
          stroke={theme.axis}
          height={X_AXIS_HEIGHT}
          label={compact ? undefined : { value: props.xLabel, position: 'insideBottomRight', offset: -2, fill: theme.muted, fontSize: 11 }}
          ticks={xTicks}
        />
        <YAxis
          type="number"
          domain={yDomain}
          allowDataOverflow
          scale={yLog ? 'log' : 'linear'}
          width={Y_AXIS_WIDTH}
          tickFormatter={tickFormatter(yTicks, 'significant', formatY, 3)}
          tick={tick}
          stroke={theme.axis}
          label={compact ? undefined : { value: props.yLabel, angle: -90, position: 'insideLeft', offset: 10, fill: theme.muted, fontSize: 11 }}
          ticks={yTicks}
        />
        {xDomain && <DataLayer lines={model.lines} bands={model.bands} hidden={hidden} xDomain={xDomain} yDomain={yDomain} xLog={xLog} yLog={yLog} compact={compact} />}
        {props.referenceX && (
          <ReferenceLine x={props.referenceX.x} stroke={theme.axis} strokeDasharray="4 3" label={{ value: props.referenceX.label, position: 'insideTopRight', fill: theme.muted, fontSize: 10 }} />
        )}
        <MarkerLayer markers={model.markers} hidden={hidden} />
        {!compact && <PointerLayer key={domainKey} hover={hover} onZoom={props.onZoom} />}
      </ComposedChart>
      {nothingAboveZero && (
        <div className="chart-note" data-testid="chart-note">
          No value above 0 to draw on a log y axis.
        </div>
      )}
      {!compact && <PointerOverlay hover={hover} theme={theme} top={CHART_MARGIN.top} height={height - CHART_MARGIN.top - CHART_MARGIN.bottom - X_AXIS_HEIGHT} />}
      {!compact && <ChartTooltip hover={hover} model={model} hidden={hidden} width={width} xKind={xKind} />}
    </div>
  );
}
