/** `count` values from `from` to `to`, evenly spaced in log (a single value: `from`). */
export function logSpaced(from: number, to: number, count: number): number[] {
  if (count <= 1) return [from];
  const lf = Math.log(from);
  const step = (Math.log(to) - lf) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.exp(lf + i * step));
}
