import { describe, expect, it } from 'vitest';
import { BASELINE, colorInto, limitOf, scaleFor, scaleT } from '../../src/state/colorScale.ts';

describe('colour scales for the mapped variable', () => {
  it('anchors concentrations on the discharge limit of the model’s standard, log scale', () => {
    const t3 = scaleFor('Ni_total', 'GB21900-2008-T3');
    expect(t3.limit).toBe(0.1);
    expect(t3.kind).toBe('log');
    expect(scaleT(t3, 0.1)).toBeCloseTo(0.25, 12);
    expect(t3.ticks.find((k) => k.limit)?.value).toBe(0.1);
    expect(scaleFor('Ni_total', 'GB21900-2008-T2').limit).toBe(0.5);
    // an unknown standard falls back to Table 2; reuse parameters come from GB/T 19923
    expect(limitOf('Cu_total', 'nope')?.value).toBe(0.5);
    expect(limitOf('TDS', null)).toEqual({ value: 1000, source: 'GBT19923-process' });
  });

  it('keeps within-limit liquid near the grey-blue baseline and uses no amber or red anywhere', () => {
    const s = scaleFor('Cu_total', 'GB21900-2008-T3');
    const c = [0, 0, 0];
    colorInto(s, 0.01, c);
    expect(c).toEqual(BASELINE);
    colorInto(null, 5, c);
    expect(c).toEqual(BASELINE);
    colorInto(s, NaN, c);
    expect(c).toEqual(BASELINE);
    for (const v of ['pH', 'ORP', 'Cu_total']) {
      const sc = scaleFor(v, null);
      for (let t = 0; t <= 1.0001; t += 0.05) {
        const x = sc.kind === 'log' ? sc.lo * (sc.hi / sc.lo) ** t : sc.lo + t * (sc.hi - sc.lo);
        colorInto(sc, x, c);
        const [r = 0, g = 0, b = 0] = c;
        // amber/red: red well above blue and green
        expect(r > b + 0.15 && r > g + 0.1).toBe(false);
      }
    }
  });

  it('clamps outside the scale and grows darker with concentration', () => {
    const s = scaleFor('Cr6', null);
    expect(scaleT(s, 0)).toBe(0);
    expect(scaleT(s, 1e9)).toBe(1);
    const lum = (v: number) => {
      const c = [0, 0, 0];
      colorInto(s, v, c);
      return c.reduce((a, b) => a + b, 0);
    };
    expect(lum(2)).toBeLessThan(lum(0.2));
    expect(lum(200)).toBeLessThan(lum(2));
  });

  it('centres pH on neutral with the 6–9 band marked', () => {
    const s = scaleFor('pH', null);
    expect(scaleT(s, 7)).toBeCloseTo(0.5, 12);
    expect(s.ticks.filter((k) => k.limit).map((k) => k.value)).toEqual([6, 9]);
  });
});
