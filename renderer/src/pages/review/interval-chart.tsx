// Deltas against a baseline as points with their 95 % intervals, one row each, now (filled) beside
// the same figure at the last review (hollow), around a zero line. Drawn at the pixel width it gets,
// with type large enough for a projector; the numbers themselves are printed beside it on the slide.
import { useLayoutEffect, useRef, useState } from 'react';
import { tickLabels } from '../../components/tick-labels';
import { axisTicks } from '../../components/scaling-charts/chart-frame';
import { useSlideScale } from './slide-scale';

export interface IntervalMark {
  value: number;
  interval: [number, number] | null;
}

export interface IntervalRow {
  key: string;
  label: string;
  /** Printed at the row's right end, so no figure depends on a pointer. */
  valueText?: string;
  /** Drawn in bold: the row changed. */
  emphasis?: boolean;
  now: (IntervalMark & { color: string }) | null;
  before: IntervalMark | null;
}

const MAX_LABEL_WIDTH = 300;
/** Rows share this much height, each between 54 and 110 px. */
const ROWS_HEIGHT = 440;
const TOP = 12;
const BOTTOM = 64;
const RIGHT = 28;
const CHAR_PX = 12.5;
const VALUE_CHAR_PX = 11.5;

function truncate(text: string, width: number): string {
  const room = Math.floor(width / CHAR_PX);
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
}

/** `write` prints a tick with a number of decimals; the axis uses the fewest, from `minDigits`, that state every tick exactly. */
export function IntervalChart({ rows, axisLabel, write, minDigits, testId }: { rows: IntervalRow[]; axisLabel: string; write: (v: number, digits: number) => string; minDigits: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  const k = useSlideScale();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(480, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const marks = rows.flatMap((r) => [r.now, r.before]).filter((m): m is IntervalMark => m !== null);
  const values = [0, ...marks.flatMap((m) => [m.value, ...(m.interval ?? [])])].filter(Number.isFinite);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  const domain: [number, number] = [lo - pad, hi + pad];
  const labelWidth = k * Math.min(MAX_LABEL_WIDTH, 24 + CHAR_PX * Math.max(4, ...rows.map((r) => r.label.length)));
  const valueWidth = rows.some((r) => r.valueText) ? k * (24 + VALUE_CHAR_PX * Math.max(...rows.map((r) => r.valueText?.length ?? 0))) : 0;
  const left = labelWidth;
  const right = width - RIGHT - valueWidth;
  const rowHeight = k * Math.max(54, Math.min(110, ROWS_HEIGHT / Math.max(1, rows.length)));
  const height = k * TOP + rows.length * rowHeight + k * BOTTOM;
  const bottom = height - k * BOTTOM;
  const x = (v: number) => left + ((v - domain[0]) / (domain[1] - domain[0])) * (right - left);
  // Every tick label gets about 110 px, so the signed labels never run into each other.
  const allTicks = axisTicks({ scale: 'linear', domain, label: axisLabel });
  const every = Math.max(1, Math.ceil(allTicks.length / Math.max(2, Math.floor((right - left) / 110))));
  const ticks = allTicks.filter((_, i) => i % every === 0);
  const labels = tickLabels(ticks, 'decimals', write, minDigits);
  const rowY = (i: number) => k * TOP + (i + 0.5) * rowHeight;

  return (
    <div className="review-chart" ref={ref} data-testid={testId}>
      <svg width={width} height={height} role="img" aria-label={`${axisLabel}: ${rows.length} rows against the baseline at zero`}>
        <g className="grid">
          {ticks.map((t) => (
            <line key={t} x1={x(t)} x2={x(t)} y1={k * TOP} y2={bottom} />
          ))}
        </g>
        <line className="zero-line" x1={x(0)} x2={x(0)} y1={k * (TOP - 6)} y2={bottom} />
        {rows.map((row, i) => (
          <g key={row.key} className={row.emphasis ? 'interval-row emphasis' : 'interval-row'}>
            <text className="row-label" x={left - 14} y={rowY(i)} textAnchor="end" dominantBaseline="middle">
              {truncate(row.label, labelWidth / k - 24)}
            </text>
            {row.valueText && (
              <text className="row-value" x={width - RIGHT} y={rowY(i)} textAnchor="end" dominantBaseline="middle">
                {row.valueText}
              </text>
            )}
            {row.before && (
              <g className="before-mark" transform={`translate(0 ${-10 * k})`}>
                {row.before.interval && <line x1={x(row.before.interval[0])} x2={x(row.before.interval[1])} y1={rowY(i)} y2={rowY(i)} />}
                <circle cx={x(row.before.value)} cy={rowY(i)} r={8 * k} />
              </g>
            )}
            {row.now && (
              <g className="now-mark" transform={`translate(0 ${row.before ? 10 * k : 0})`}>
                {row.now.interval && <line x1={x(row.now.interval[0])} x2={x(row.now.interval[1])} y1={rowY(i)} y2={rowY(i)} stroke={row.now.color} />}
                <circle cx={x(row.now.value)} cy={rowY(i)} r={10 * k} fill={row.now.color} />
              </g>
            )}
          </g>
        ))}
        <g className="axis">
          <line x1={left} x2={right} y1={bottom} y2={bottom} />
          {ticks.map((t, i) => (
            <text key={t} x={x(t)} y={bottom + 26 * k} textAnchor="middle">
              {labels[i]}
            </text>
          ))}
          <text className="axis-label" x={(left + right) / 2} y={height - 8 * k} textAnchor="middle">
            {axisLabel}
          </text>
        </g>
      </svg>
    </div>
  );
}
