// How the Scaling page writes numbers: compute as powers of ten (also when a value sits just
// under a power), sizes the way people say them, multipliers and non-finite values readably.
import { describe, expect, it } from 'vitest';
import { formatCompute, formatCount, formatFactor, formatLoss, formatRange, num } from '../../../../renderer/src/components/scaling-charts/scaling-format';

describe('scaling number formats', () => {
  it('writes compute as a power of ten, rounding 9.99…e18 up to 10¹⁹', () => {
    expect(formatCompute(2.19252e21)).toBe('2.2 × 10²¹');
    expect(formatCompute(1e19)).toBe('10¹⁹');
    expect(formatCompute(9.9999999e18)).toBe('10¹⁹');
    expect(formatCompute(9.96e20)).toBe('10²¹');
    expect(formatCompute(3e-5)).toBe('3 × 10⁻⁵');
  });

  it('writes sizes and token counts as people say them', () => {
    expect(formatCount(1.46e9)).toBe('1.46B');
    expect(formatCount(2.2e10)).toBe('22B');
    expect(formatCount(5.1e7)).toBe('51M');
    expect(formatCount(1.66e12)).toBe('1.66T');
  });

  it('writes multipliers, losses and non-finite values from the API', () => {
    expect(formatFactor(2.0003)).toBe('2×');
    expect(formatFactor(100.3)).toBe('100.3×');
    // An unbounded factor is said in words, never "∞×".
    expect(formatFactor(num('Infinity'))).toBe('unbounded');
    expect(formatLoss(num('NaN'))).toBe('–');
    expect(formatRange(['NaN', 'Infinity'], formatFactor)).toBe('[–, unbounded]');
  });
});
