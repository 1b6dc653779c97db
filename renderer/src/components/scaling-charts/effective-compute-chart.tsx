// A variant's effective-compute multiplier against compute (log–log): the compute the baseline
// needs to reach the variant's loss, divided by the variant's compute, with its 80 and 95 %
// bootstrap bands, a line at 1× (no gain), the data range, the target and where the curves cross.
import type { VariantScalingView } from '../../../../shared/api/scaling-methods';
import { bandPath, ChartFrame, linePath, paddedDomain } from './chart-frame';
import { formatFactor, num } from './scaling-format';

export function EffectiveComputeChart({ variant, color, targetCompute, height = 260 }: { variant: VariantScalingView; color: string; targetCompute: number; height?: number }) {
  const curve = variant.curve;
  const values = curve.flatMap((p) => [num(p.multiplier.estimate), num(p.multiplier.p80[0]), num(p.multiplier.p80[1])]).filter((v) => Number.isFinite(v) && v > 0);
  const x = { scale: 'log' as const, domain: paddedDomain(curve.map((p) => p.C), 'log', 0.02), label: 'Compute C (FLOPs)' };
  const yDomain = paddedDomain([...values, 1], 'log');
  const y = { scale: 'log' as const, domain: [Math.max(yDomain[0], 1e-3), Math.min(yDomain[1], 1e3)] as [number, number], label: 'Effective-compute multiplier', format: formatFactor };
  const inData = curve.filter((p) => p.withinData);
  // An unbounded end of an interval (the baseline never reaches the variant's loss) runs off the chart.
  const [bottom, top] = y.domain;
  const bound = (v: number) => (v === Infinity ? top * 10 : v <= 0 || v === -Infinity ? bottom / 10 : v);
  const band = (level: 'p80' | 'p95') => curve.map((p) => ({ x: p.C, lo: bound(num(p.multiplier[level][0])), hi: bound(num(p.multiplier[level][1])) }));
  return (
    <ChartFrame x={x} y={y} height={height} label={`Effective-compute multiplier of ${variant.key} against compute`} testId={`multiplier-chart-${variant.key}`}>
      {(scales) => (
        <>
          <rect className="data-range" x={scales.x(variant.dataRange[0])} width={Math.max(0, scales.x(variant.dataRange[1]) - scales.x(variant.dataRange[0]))} y={scales.top} height={scales.bottom - scales.top} />
          <path className="variant-band band-95" fill={color} d={bandPath(band('p95'), scales)} />
          <path className="variant-band band-80" fill={color} d={bandPath(band('p80'), scales)} />
          <line className="unity-line" x1={scales.left} x2={scales.right} y1={scales.y(1)} y2={scales.y(1)} />
          <path className="multiplier-line extrapolated" stroke={color} d={linePath(curve.map((p) => ({ x: p.C, y: num(p.multiplier.estimate) })), scales)} />
          <path className="multiplier-line" stroke={color} d={linePath(inData.map((p) => ({ x: p.C, y: num(p.multiplier.estimate) })), scales)} />
          <line className="target-line" x1={scales.x(targetCompute)} x2={scales.x(targetCompute)} y1={scales.top} y2={scales.bottom} />
          {variant.crossings.map((c) => (
            <circle key={c.C} className="crossing-mark" cx={scales.x(c.C)} cy={scales.y(1)} r={6} />
          ))}
        </>
      )}
    </ChartFrame>
  );
}
