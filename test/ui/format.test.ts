import { describe, expect, it } from 'vitest';
import { formatDelta, formatValue } from '../../src/ui/format.ts';

describe('a change beside a KPI', () => {
  it('is given to the precision of the figure it sits beside, so a change too small to show there reads 0', () => {
    expect(formatDelta(-0.0133, (26.7).toFixed(1))).toBe('0');
    expect(formatDelta(0.31, (27.1).toFixed(1))).toBe('+0.3');
    expect(formatDelta(-1.77, formatValue(1249))).toBe('−2');
    expect(formatDelta(2213.4, formatValue(4067))).toBe('+2,213');
    expect(formatDelta(-3.5e-4, formatValue(0.699))).toBe('0');
    expect(formatDelta(0.0995, formatValue(2.974))).toBe('+0.10');
    expect(formatDelta(0, '3.24')).toBe('0');
  });

  it('beside a figure in powers of ten, is given in its own terms', () => {
    expect(formatDelta(-2e-5, '4.1 × 10⁻⁵')).toBe('−2.0 × 10⁻⁵');
    expect(formatDelta(Number.NaN, '3.24')).toBe('—');
  });
});
