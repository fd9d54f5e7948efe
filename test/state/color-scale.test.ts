import { describe, expect, it } from 'vitest';
import standards from '../../models/standards.json';
import { BASELINE, colorInto, limitOf, scaleFor, scaleT } from '../../src/state/colorScale.ts';
import { standardCaption } from '../../src/ui/kpis.ts';

function standardLimit(id: string, parameter: string): number {
  const v = (standards.standards.find((s) => s.id === id)?.limits as Record<string, number | undefined> | undefined)?.[parameter];
  if (v === undefined) throw new Error(`models/standards.json: ${id} has no ${parameter}`);
  return v;
}

describe('colour scales for the mapped variable', () => {
  it('anchors concentrations on the discharge limit of the model’s standard, log scale', () => {
    const t3 = scaleFor('Ni_total', 'GB21900-2008-T3');
    expect(t3.limit).toBe(0.1);
    expect(t3.kind).toBe('log');
    expect(scaleT(t3, 0.1)).toBeCloseTo(0.25, 12);
    expect(t3.ticks.find((k) => k.limit)?.value).toBe(0.1);
    expect(scaleFor('Ni_total', 'GB21900-2008-T2').limit).toBe(0.5);
    // an unknown standard falls back to the one the engine judges by (Table 3); reuse parameters come from GB/T 19923
    expect(limitOf('Cu_total', 'nope')).toEqual({ value: 0.3, source: 'GB21900-2008-T3' });
    expect(limitOf('TDS', null)).toEqual({ value: 1000, source: 'GBT19923-process' });
    // every limit is models/standards.json's, for every standard it holds: the fishery water standard's nickel,
    // and total nitrogen, which no hand-kept copy had
    expect(limitOf('Ni_total', 'GB11607-89-fishery')).toEqual({ value: standardLimit('GB11607-89-fishery', 'Ni'), source: 'GB11607-89-fishery' });
    expect(limitOf('TN', 'GB21900-2008-T3')?.value).toBe(standardLimit('GB21900-2008-T3', 'TN'));
    // a measure the standard leaves alone has no limit line
    expect(limitOf('SS', 'GB11607-89-fishery')).toBeNull();
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

describe('the legend names the standard a limit comes from', () => {
  it('in either language, for every standard models/standards.json holds', () => {
    expect(standardCaption('GB21900-2008-T3', 'en')).toBe('GB 21900 Table 3');
    expect(standardCaption('GB21900-2008-T2', 'zh')).toBe('GB 21900 表2');
    expect(standardCaption('GBT19923-process', 'en')).toBe('GB/T 19923');
    expect(standardCaption('GB11607-89-fishery', 'zh')).toBe('GB 11607-89');
    for (const s of standards.standards) expect(standardCaption(s.id, 'en')).toMatch(/^GB(\/T)? \d+/);
  });
});
