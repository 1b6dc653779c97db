/**
 * Solves cdf(x) = q for x ≤ 0, for a continuous distribution symmetric about 0 with q ≤ 0.5. Lower-tail
 * values are computed without cancellation, so small q keep full precision. Newton steps from `guess`,
 * falling back to bisection (geometric, for heavy tails) whenever a step leaves the bracket.
 */
export function solveLowerTail(
  cdf: (x: number) => number,
  pdf: (x: number) => number,
  q: number,
  guess: number,
): number {
  if (q === 0.5) return 0;
  let lo = Math.min(guess, -1);
  let hi = 0;
  while (cdf(lo) > q) {
    hi = lo;
    lo *= 2;
    if (!Number.isFinite(lo)) return -Infinity;
  }
  let x = guess > lo && guess < hi ? guess : midpoint(lo, hi);
  for (let iteration = 0; iteration < 500; iteration++) {
    const f = cdf(x) - q;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / pdf(x);
    if (!(next > lo && next < hi)) next = midpoint(lo, hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(next) || next === lo || next === hi) return next;
    x = next;
  }
  return x;
}

function midpoint(lo: number, hi: number): number {
  // Both ends ≤ 0; a geometric middle halves the bracket's ratio when it spans orders of magnitude.
  return hi < 0 && lo / hi > 4 ? -Math.sqrt(lo * hi) : (lo + hi) / 2;
}
