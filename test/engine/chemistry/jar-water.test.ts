import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileText } from '../../../src/engine/compile.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { C, NC } from '../../../src/engine/components.ts';
import { M, TOT, createEquilibriumWorkspace, jarCompliantRanges, jarOfWater, pHSweep, solveAtPH } from '../../../src/engine/chemistry/index.ts';
import { mgL_to_molL } from '../../../src/engine/convert.ts';

/** A water in a stream's layout (mg/L per component). */
function water(mg_L: Partial<Record<keyof typeof C, number>>): Float64Array {
  const w = new Float64Array(NC);
  for (const [id, v] of Object.entries(mg_L)) w[C[id as keyof typeof C]] = v;
  return w;
}

/** Ni 50, Cu 40, Zn 30 mg/L as chlorides in 0.01 mol/L NaCl: the reference mixture of the jar CLI's first test. */
const MIXTURE = water({ Ni: 50, Cu: 40, Zn: 30, Na: 229.9, Cl: 354.5 + 35.453 * 2 * (50 / 58.693 + 40 / 63.546 + 30 / 65.38) });

describe('jar test of a plant water', () => {
  it('agrees with a fixed-pH solve of the same water at every point of the sweep', () => {
    const jar = jarOfWater(MIXTURE, pHSweep(7, 11, 0.5));
    expect(jar.pH).toEqual([7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]);
    expect(jar.elements.map((e) => e.id)).toEqual(['Ni', 'Cu', 'Zn']);
    const ws = createEquilibriumWorkspace();
    jar.pH.forEach((pH, k) => {
      ws.tot_mol_L.fill(0);
      ws.tot_mol_L[M.Ni] = mgL_to_molL(50, 58.693);
      ws.tot_mol_L[M.Cu] = mgL_to_molL(40, 63.546);
      ws.tot_mol_L[M.Zn] = mgL_to_molL(30, 65.38);
      ws.tot_mol_L[TOT.Na] = mgL_to_molL(229.9, 22.99);
      ws.tot_mol_L[TOT.Cl] = mgL_to_molL(MIXTURE[C.Cl]!, 35.453);
      solveAtPH(ws, pH, true);
      for (const e of jar.elements) {
        const dissolved = ws.dissolved_mg_L[M[e.id as 'Ni' | 'Cu' | 'Zn']]!;
        expect(Math.abs(Math.log10(e.soluble_mg_L[k]! / dissolved))).toBeLessThan(1e-6);
      }
      expect(jar.NaOH_mg_L[k]).toBeCloseTo(ws.NaOH_mg_L, 6);
    });
    // at pH 9 nickel is the reference point's 0.693 mg/L (PHREEQC), within the 0.05 log the CLI test allows
    const ni = jar.elements.find((e) => e.id === 'Ni')!;
    expect(Math.abs(Math.log10(ni.soluble_mg_L[jar.pH.indexOf(9)]! / 0.693))).toBeLessThan(0.05);
    expect(jar.unsolved_pH).toEqual([]);
  });

  it('finds zinc least soluble between pH 9 and 10.5, rising on both sides (amphoteric)', () => {
    const jar = jarOfWater(water({ Zn: 30, Na: 300, Cl: 400 }), pHSweep(6, 13, 0.1));
    const zn = jar.elements[0]!;
    expect(zn.id).toBe('Zn');
    expect(zn.min_pH).toBeGreaterThanOrEqual(9);
    expect(zn.min_pH).toBeLessThanOrEqual(10.5);
    const at = (pH: number) => zn.soluble_mg_L[jar.pH.findIndex((p) => Math.abs(p - pH) < 1e-9)]!;
    expect(at(7)).toBeGreaterThan(10 * zn.min_mg_L);
    expect(at(12.5)).toBeGreaterThan(10 * zn.min_mg_L);
  });

  it('holds complexed copper and Cr(VI) out of precipitation at every pH, and takes particulate metal back into solution when acid', () => {
    const jar = jarOfWater(water({ Cu: 10, CuCx: 2, CuCN: 0.5, Cr6: 1, Cr3: 5, Ni_p: 20, Na: 200, Cl: 300, SO4: 100 }), pHSweep(3, 12, 0.25));
    const cu = jar.elements.find((e) => e.id === 'Cu')!;
    expect(cu.total_mg_L).toBeCloseTo(12.5, 12);
    expect(cu.held_mg_L).toBeCloseTo(2.5, 12);
    expect(Math.min(...cu.soluble_mg_L)).toBeGreaterThanOrEqual(2.5);
    expect(cu.min_mg_L).toBeLessThan(2.5 + 0.05);
    const cr = jar.elements.find((e) => e.id === 'Cr')!;
    expect(cr.held_mg_L).toBeCloseTo(1, 12);
    expect(Math.min(...cr.soluble_mg_L)).toBeGreaterThanOrEqual(1);
    const ni = jar.elements.find((e) => e.id === 'Ni')!;
    expect(ni.held_mg_L).toBe(0);
    expect(ni.soluble_mg_L[0]).toBeCloseTo(20, 6); // pH 3: the hydroxide dissolves
    expect(ni.min_mg_L).toBeLessThan(0.5);
    // acid below the water's own pH, base above it
    expect(jar.HCl_mg_L[0]).toBeGreaterThan(0);
    expect(jar.NaOH_mg_L.at(-1)).toBeGreaterThan(0);
  });

  it('finds the pH window where every metal meets its limit, and none when a complexed metal stays above it', () => {
    const jar = jarOfWater(water({ Ni: 20, Zn: 10, Na: 300, Cl: 400 }), pHSweep(6, 12.5, 0.1));
    const ranges = jarCompliantRanges(jar, { Ni: 0.5, Zn: 1.5, Cu: 0.5 });
    expect(ranges).toHaveLength(1);
    const [from, to] = ranges[0]!;
    expect(from).toBeGreaterThan(8);
    expect(to).toBeLessThan(12.5);
    for (const e of jar.elements) {
      const lim = e.id === 'Ni' ? 0.5 : 1.5;
      jar.pH.forEach((pH, k) => {
        if (pH >= from && pH <= to) expect(e.soluble_mg_L[k]!).toBeLessThanOrEqual(lim);
      });
    }
    // just outside the window a metal is over its limit
    const before = jar.pH.indexOf(from) - 1, after = jar.pH.indexOf(to) + 1;
    expect(jar.elements.some((e) => e.soluble_mg_L[before]! > (e.id === 'Ni' ? 0.5 : 1.5))).toBe(true);
    expect(jar.elements.some((e) => e.soluble_mg_L[after]! > (e.id === 'Ni' ? 0.5 : 1.5))).toBe(true);

    const complexed = jarOfWater(water({ Ni: 20, NiCx: 1, Na: 300, Cl: 400 }), pHSweep(6, 12.5, 0.1));
    expect(jarCompliantRanges(complexed, { Ni: 0.5 })).toEqual([]);
  });

  it('with a Na₂S dose brings cadmium under Table 3, which hydroxide alone cannot, and reports the sulfide left', () => {
    const w = water({ Cd: 0.09, Zn: 10, Cu: 5, Na: 300, Cl: 400, SO4: 200 });
    const pHs = pHSweep(7, 11, 0.1);
    const hydroxide = jarOfWater(w, pHs);
    const cd = (j: typeof hydroxide) => j.elements.find((e) => e.id === 'Cd')!;
    expect(cd(hydroxide).min_mg_L).toBeGreaterThan(0.01);
    expect(hydroxide.sulfideDose_mg_L).toBe(0);
    expect(Math.max(...hydroxide.sulfideLeft_mg_L)).toBe(0);
    // 5 mg/L Cu + 10 Zn + 0.09 Cd as sulfides bind ≈ 7.4 mg/L S: a dose of 10 leaves an excess in the water
    const dosed = jarOfWater(w, pHs, { sulfideDose_mg_L: 10 });
    expect(cd(dosed).min_mg_L).toBeLessThan(0.01);
    expect(dosed.sulfideDose_mg_L).toBe(10);
    const left = dosed.sulfideLeft_mg_L[dosed.pH.indexOf(9)]!;
    expect(left).toBeGreaterThan(1);
    expect(left).toBeLessThan(10 - 6);
    // a dose short of the metals leaves next to no sulfide dissolved
    const short = jarOfWater(w, pHs, { sulfideDose_mg_L: 2 });
    expect(short.sulfideLeft_mg_L[short.pH.indexOf(9)]!).toBeLessThan(1e-3);
    expect(() => jarOfWater(w, pHs, { sulfideDose_mg_L: 5000 })).toThrow(/sulfide dose must be 0–1000/);
  });

  it('reports a water without metal as no elements, and refuses a bad sweep with its reason', () => {
    expect(jarOfWater(water({ Na: 100, Cl: 154 }), [7, 8]).elements).toEqual([]);
    expect(() => pHSweep(6, 15, 0.5)).toThrow(/leaves pH 0–14/);
    expect(() => pHSweep(9, 6, 0.5)).toThrow(/below start/);
    expect(() => pHSweep(0, 14, 0.001)).toThrow(/more than 1001/);
    expect(() => pHSweep(6, 9, 0)).toThrow(/must be positive/);
    expect(() => jarOfWater(new Float64Array(3), [7])).toThrow(/components/);
  });
});

describe('grab sample of the water a unit receives', () => {
  it('is its inlets mixed as the last step left them: the flow and measures the outfall records at that step', () => {
    const plant = compileText(readFileSync('models/default-park.json', 'utf8'), { file: 'models/default-park.json' });
    const sim = createSimulation(plant, { duration_s: 86_400, step_s: 60, output_interval_s: 60 });
    sim.run(6 * 3600);
    const sample = sim.sampleWater('discharge')!;
    expect(sample.t_s).toBe(6 * 3600);
    expect(sample.temperature_C).toBe(plant.settings.temperature_C);
    const infos = sim.channelInfo();
    const data = sim.channelData();
    const last = (id: string) => data.mean[infos.findIndex((c) => c.id === id)]![data.count - 1]!;
    expect(sample.flow_m3_h).toBeGreaterThan(10);
    expect(Math.abs(sample.flow_m3_h / last('discharge.in/flow_m3_h') - 1)).toBeLessThan(1e-6);
    const ni = sample.conc_mg_L[C.Ni]! + sample.conc_mg_L[C.NiCx]! + sample.conc_mg_L[C.NiCN]! + sample.conc_mg_L[C.Ni_p]!;
    expect(Math.abs(ni / last('discharge.in/Ni_total') - 1)).toBeLessThan(1e-6);
    expect(sim.sampleWater('inf-ni')).toBeUndefined();
    // what a unit sends on: its main outlet, as its channels recorded it at that step
    const out = sim.sampleWater('ni-precip', 'out')!;
    expect(out.from).toBe('out');
    expect(Math.abs(out.flow_m3_h / last('ni-precip.out/flow_m3_h') - 1)).toBeLessThan(1e-6);
    const niOut = out.conc_mg_L[C.Ni]! + out.conc_mg_L[C.NiCx]! + out.conc_mg_L[C.NiCN]! + out.conc_mg_L[C.Ni_p]!;
    expect(Math.abs(niOut / last('ni-precip.out/Ni_total') - 1)).toBeLessThan(1e-6);
    expect(sim.sampleWater('discharge', 'out')).toBeUndefined();
    expect(() => sim.sampleWater('nowhere')).toThrow(/no unit "nowhere"/);
  });
});
