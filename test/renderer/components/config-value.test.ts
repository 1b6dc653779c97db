import { describe, expect, it } from 'vitest';
import { showConfigValue } from '../../../renderer/src/components/config-value';

describe('showConfigValue', () => {
  it('writes FLOPs and other huge numbers with an exponent, never as 21 digits', () => {
    expect(showConfigValue(1.45e20)).toBe('1.45e20');
    expect(showConfigValue(145_000_000_000_000_000_000)).toBe('1.45e20');
    expect(showConfigValue(4_194_304)).toBe('4.1943e6');
    expect(showConfigValue(4_194_304, 3)).toBe('4.19e6');
  });

  it('keeps enough digits to tell close values apart, and writes tiny ones with an exponent', () => {
    expect(showConfigValue(1.452e20, 6)).not.toBe(showConfigValue(1.45e20, 6));
    expect(showConfigValue(3e-4)).toBe('3e-4');
    expect(showConfigValue(0.00035, 6)).toBe('3.5e-4');
    expect(showConfigValue(1234.5678)).toBe('1234.6');
    expect(showConfigValue(0)).toBe('0');
    expect(showConfigValue(-2.5e9, 3)).toBe('-2.5e9');
  });

  it('shows text, booleans, missing and non-finite values as they are', () => {
    expect(showConfigValue('web-v5')).toBe('web-v5');
    expect(showConfigValue(true)).toBe('true');
    expect(showConfigValue(null)).toBe('—');
    expect(showConfigValue(undefined)).toBe('—');
    expect(showConfigValue(Number.NaN)).toBe('NaN');
    expect(showConfigValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
