import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../../shared/stats';

describe('regularized incomplete beta', () => {
  it('matches closed forms', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 14);
    expect(regularizedIncompleteBeta(0.3, 1, 3)).toBeCloseTo(1 - 0.7 ** 3, 14);
    expect(regularizedIncompleteBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 14);
  });

  it('matches reference values (scipy.special.betainc)', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(regularizedIncompleteBeta(0.9, 10, 3)).toBeCloseTo(0.889130022255, 11);
    expect(regularizedIncompleteBeta(0.01, 0.5, 0.5)).toBeCloseTo(0.06376856085851985, 12);
  });
});

describe('Student t quantile', () => {
  // Classical two-sided 95 % table values t_{0.975, df} (to 6 decimals) and their exact values.
  const table: [number, number][] = [
    [1, 12.706205],
    [2, 4.302653],
    [3, 3.182446],
    [5, 2.570582],
    [10, 2.228139],
    [30, 2.042272],
    [Infinity, 1.959964],
  ];
  it.each(table)('t_{0.975, %s} = %s', (df, value) => {
    expect(Math.abs(studentTQuantile(0.975, df) - value)).toBeLessThan(1e-6);
  });

  it('agrees with the closed forms for df = 1 (Cauchy) and df = 2 at many probabilities', () => {
    for (const p of [1e-9, 0.001, 0.025, 0.2, 0.5, 0.7, 0.95, 0.999]) {
      // tan(π(p − ½)) written as −cot(πp) to avoid the cancellation in p − ½ for tiny p.
      const cauchy = p === 0.5 ? 0 : -1 / Math.tan(Math.PI * p);
      expect(Math.abs(studentTQuantile(p, 1) - cauchy)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(cauchy)));
      const df2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(Math.abs(studentTQuantile(p, 2) - df2)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(df2)));
    }
  });

  it('handles fractional df as Welch produces (scipy.stats.t.ppf references)', () => {
    expect(Math.abs(studentTQuantile(0.975, 3.2347188264058677) - 3.055712710425898)).toBeLessThan(1e-9);
    expect(Math.abs(studentTQuantile(0.975, 4.7) - 2.62072607535317)).toBeLessThan(1e-9);
    expect(Math.abs(studentTQuantile(0.8, 7.5) - 0.8922093469396745)).toBeLessThan(1e-9);
  });

  it('is the inverse of the CDF, including far tails and huge df', () => {
    for (const df of [1, 2.5, 4, 17, 300, 5e5, 5e6, 1e9]) {
      for (const p of [1e-12, 1e-4, 0.05, 0.5, 0.9, 0.999999]) {
        const t = studentTQuantile(p, df);
        const back = studentTCdf(t, df);
        expect(Math.abs(back - p)).toBeLessThan(Math.max(1e-12 * p, 1e-15) + 1e-12 * (1 - p));
      }
    }
  });

  it('agrees with numerical integration of the density for a fractional df', () => {
    // Simpson's rule on the pdf from 0 to t must give P(0 < T < t) = p − ½, independently of the CDF code.
    const df = 3.3;
    const t = studentTQuantile(0.9, df);
    const steps = 2000;
    const h = t / steps;
    let sum = studentTPdf(0, df) + studentTPdf(t, df);
    for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * studentTPdf(i * h, df);
    expect((sum * h) / 3).toBeCloseTo(0.4, 10);
  });
});

describe('Student t CDF and p-values', () => {
  it('matches reference values (scipy.stats.t.cdf)', () => {
    expect(studentTCdf(1.5, 2.5)).toBeCloseTo(0.8760817734568519, 12);
    expect(studentTCdf(-40, 3)).toBeCloseTo(1.7190340394579253e-5, 15);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it('keeps tiny two-sided p-values precise', () => {
    // scipy: 2·t.sf(10, 30) = 4.575251408229618e-11
    expect(studentTTwoSidedP(10, 30) / 4.575251408229618e-11).toBeCloseTo(1, 10);
    expect(studentTTwoSidedP(-10, 30)).toBe(studentTTwoSidedP(10, 30));
  });

  it('rejects a non-positive df', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degrees of freedom/);
  });
});

describe('normal distribution', () => {
  it('matches reference values', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 14);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798409, 12);
    expect(normalQuantile(0)).toBe(-Infinity);
  });
});
