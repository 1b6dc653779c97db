// Round tick values for a chart axis: 1, 2, 2.5 or 5 times a power of ten on a linear axis, powers of
// ten (or 1-2-5 within them when few decades show) on a log axis.

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
  return nice * power;
}

export function linearTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const step = niceStep(hi - lo, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}

export function logTicks(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return lo > 0 ? [lo] : [];
  // Within about a decade, round linear values read better than the one or two powers that fit.
  if (Math.log10(hi / lo) < 1.2) return linearTicks(lo, hi, count).filter((v) => v > 0);
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const ticks: number[] = [];
  const multiples = b - a <= 2 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil((b - a + 1) / count));
  for (let k = a; k <= b; k++) {
    if ((k - a) % every !== 0 && multiples.length === 1) continue;
    for (const m of multiples) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks.length >= 2 ? ticks : linearTicks(lo, hi, count).filter((v) => v > 0);
}

export function axisTicks(domain: [number, number], log: boolean, count: number): number[] {
  return log ? logTicks(domain[0], domain[1], count) : linearTicks(domain[0], domain[1], count);
}
