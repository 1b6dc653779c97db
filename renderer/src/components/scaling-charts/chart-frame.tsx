// A small SVG chart frame for scaling charts (the Scaling page, the review's slides): log or linear axes with readable ticks (powers of
// ten over wide log ranges, round values over narrow ones), a grid, and scales handed to the
// marks drawn inside. Scaling charts are log–log, which chart libraries draw poorly; plain SVG also
// lets every point be a focusable, clickable mark.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { significant, tickLabels } from '../tick-labels';
import { powerOfTen } from './scaling-format';
import './scaling-charts.css';

export interface AxisSpec {
  scale: 'log' | 'linear';
  /** Data range; a log axis needs both ends > 0. */
  domain: [number, number];
  label: string;
  /** Writes a tick with a number of significant digits; the axis uses the fewest that state every tick exactly. */
  format?: (value: number, digits: number) => string;
}

export interface Scales {
  x(value: number): number;
  y(value: number): number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

const MARGIN = { left: 62, right: 16, top: 10, bottom: 44 };

function niceStep(span: number): number {
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
  return nice * power;
}

function linearTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const step = niceStep(hi - lo);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}

export function axisTicks(axis: AxisSpec): number[] {
  const [lo, hi] = axis.domain;
  if (axis.scale === 'linear') return linearTicks(lo, hi);
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  if (b - a >= 1.2) {
    const decades: number[] = [];
    for (let k = Math.ceil(a); k <= Math.floor(b); k++) decades.push(k);
    const every = Math.ceil(decades.length / 8);
    return decades.filter((k) => k % every === 0).map((k) => 10 ** k);
  }
  return linearTicks(lo, hi).filter((v) => v > 0);
}

/** Tick labels: powers of ten as 10ⁿ on a log axis (unless the axis writes its own), else the fewest significant digits that state every tick. */
export function axisLabels(axis: AxisSpec, ticks: readonly number[]): string[] {
  const exponent = (t: number) => Math.log10(t);
  if (!axis.format && axis.scale === 'log' && ticks.every((t) => Math.abs(exponent(t) - Math.round(exponent(t))) < 1e-9)) {
    return ticks.map((t) => powerOfTen(Math.round(exponent(t))));
  }
  return tickLabels(ticks, 'significant', axis.format ?? significant);
}

/** Pads a log range by a share of its decades (or a linear one by a share of its span). */
export function paddedDomain(values: number[], scale: 'log' | 'linear', share = 0.05): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (scale === 'linear' || v > 0));
  if (finite.length === 0) return scale === 'log' ? [1, 10] : [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (scale === 'log') {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    const pad = Math.max(b - a, 0.1) * share;
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * share;
  return [lo - pad, hi + pad];
}

function project(axis: AxisSpec, from: number, to: number) {
  const [lo, hi] = axis.domain;
  if (axis.scale === 'log') {
    const a = Math.log10(lo);
    const span = Math.log10(hi) - a || 1;
    return (v: number) => from + ((Math.log10(v) - a) / span) * (to - from);
  }
  const span = hi - lo || 1;
  return (v: number) => from + ((v - lo) / span) * (to - from);
}

interface ChartFrameProps {
  x: AxisSpec;
  y: AxisSpec;
  height: number;
  label: string;
  testId?: string;
  children: (scales: Scales) => ReactNode;
  /** Drawn over the SVG (tooltips), positioned in the frame's pixels. */
  overlay?: (scales: Scales) => ReactNode;
}

export function ChartFrame({ x, y, height, label, testId, children, overlay }: ChartFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(280, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const scales: Scales = { x: project(x, left, right), y: project(y, bottom, top), left, right, top, bottom, width };
  const xTicks = axisTicks(x);
  const yTicks = axisTicks(y);
  const xLabels = axisLabels(x, xTicks);
  const yLabels = axisLabels(y, yTicks);
  return (
    <div className="scaling-chart" ref={ref} data-testid={testId}>
      <svg width={width} height={height} role="img" aria-label={label}>
        <defs>
          <clipPath id={`clip-${testId ?? 'chart'}`}>
            <rect x={left} y={top} width={Math.max(0, right - left)} height={Math.max(0, bottom - top)} />
          </clipPath>
        </defs>
        <g className="grid">
          {xTicks.map((t) => (
            <line key={`gx${t}`} x1={scales.x(t)} x2={scales.x(t)} y1={top} y2={bottom} />
          ))}
          {yTicks.map((t) => (
            <line key={`gy${t}`} x1={left} x2={right} y1={scales.y(t)} y2={scales.y(t)} />
          ))}
        </g>
        <g className="axis">
          <line x1={left} x2={right} y1={bottom} y2={bottom} />
          <line x1={left} x2={left} y1={top} y2={bottom} />
          {xTicks.map((t, i) => (
            <text key={`tx${t}`} x={scales.x(t)} y={bottom + 16} textAnchor="middle">
              {xLabels[i]}
            </text>
          ))}
          {yTicks.map((t, i) => (
            <text key={`ty${t}`} x={left - 6} y={scales.y(t)} textAnchor="end" dominantBaseline="middle">
              {yLabels[i]}
            </text>
          ))}
          <text className="axis-label" x={(left + right) / 2} y={height - 6} textAnchor="middle">
            {x.label}
          </text>
          <text className="axis-label" transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle">
            {y.label}
          </text>
        </g>
        <g clipPath={`url(#clip-${testId ?? 'chart'})`}>{children(scales)}</g>
      </svg>
      {overlay?.(scales)}
    </div>
  );
}

/** An SVG path through points, broken where a value is missing or off a log axis. */
export function linePath(points: readonly { x: number; y: number }[], scales: Scales): string {
  let d = '';
  let open = false;
  for (const p of points) {
    const px = scales.x(p.x);
    const py = scales.y(p.y);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
    open = true;
  }
  return d;
}

/** A closed band between a lower and an upper line (points where either is missing are skipped). */
export function bandPath(points: readonly { x: number; lo: number; hi: number }[], scales: Scales): string {
  const kept = points.filter((p) => [scales.x(p.x), scales.y(p.lo), scales.y(p.hi)].every(Number.isFinite));
  if (kept.length < 2) return '';
  const upper = kept.map((p) => `${scales.x(p.x).toFixed(1)},${scales.y(p.hi).toFixed(1)}`);
  const lower = kept.reverse().map((p) => `${scales.x(p.x).toFixed(1)},${scales.y(p.lo).toFixed(1)}`);
  return `M${upper.join('L')}L${lower.join('L')}Z`;
}
