/**
 * The saturation indices of the scales that limit a membrane's recovery, against what a water chemist knows of them:
 * water left with calcite under the air's CO₂, and a saturated gypsum solution.
 */
import { describe, expect, it } from 'vitest';
import { SI_ABSENT, TOT, calciteLogK, createEquilibriumWorkspace, gypsumLogK, scalingIndices, solveChargeBalance } from '../../../src/engine/chemistry/index.ts';

/** pH and [calcite SI, gypsum SI] of a water of these totals (mol/L) at `t_C`, its pH from its charge balance */
function indices(tot: Partial<Record<keyof typeof TOT, number>>, t_C = 25, calciumShare = 1): { pH: number; calcite: number; gypsum: number } {
  const ws = createEquilibriumWorkspace({ temperature_C: t_C, precision: 'reference' });
  ws.tot_mol_L.fill(0);
  for (const [k, v] of Object.entries(tot)) ws.tot_mol_L[TOT[k as keyof typeof TOT]] = v;
  const pH = solveChargeBalance(ws, false);
  const out = new Float64Array(2);
  scalingIndices(ws, calciumShare, out);
  return { pH, calcite: out[0]!, gypsum: out[1]! };
}

describe('scaling indices', () => {
  it('takes calcite and gypsum at phreeqc.dat\'s constants', () => {
    expect(calciteLogK(25)).toBeCloseTo(-8.48, 2);
    expect(gypsumLogK(25)).toBeCloseTo(-4.58, 2);
    // calcite dissolves less in warm water (retrograde); gypsum barely moves between 10 and 40 °C
    expect(calciteLogK(40)).toBeLessThan(calciteLogK(10) - 0.15);
    expect(Math.abs(gypsumLogK(40) - gypsumLogK(10))).toBeLessThan(0.02);
  });

  it('reads water left with calcite under the air\'s CO₂ as saturated (pH 8.27, Ca 0.475 mmol/L; Stumm & Morgan)', () => {
    // the textbook's open system at 25 °C and 10^−3.5 atm CO₂: alkalinity 2·Ca, dissolved carbon 0.95 mmol/L
    const w = indices({ Ca: 0.475e-3, TIC: 0.9495e-3 });
    expect(w.pH).toBeCloseTo(8.27, 1);
    expect(Math.abs(w.calcite)).toBeLessThan(0.1);
    // the same water ten times as hard and as alkaline, as an RO concentrate would make it, is far above saturation
    expect(indices({ Ca: 4.75e-3, TIC: 9.495e-3 }).calcite).toBeGreaterThan(1.2);
  });

  it('reads a saturated gypsum solution (≈ 15 mmol/L CaSO₄ at 25 °C) as saturated', () => {
    expect(Math.abs(indices({ Ca: 15.3e-3, SO4: 15.3e-3 }).gypsum)).toBeLessThan(0.1);
    expect(indices({ Ca: 5e-3, SO4: 5e-3 }).gypsum).toBeLessThan(-0.4);
  });

  it('rises with the water\'s temperature for calcite, as kettles scale', () => {
    const water = { Ca: 1e-3, TIC: 2e-3, Na: 0.2e-3, Cl: 0.2e-3 };
    expect(indices(water, 40).calcite).toBeGreaterThan(indices(water, 10).calcite + 0.1);
  });

  it('counts only calcium in the scales, and says a scale is absent without its ions', () => {
    const water = { Ca: 2e-3, TIC: 2e-3, SO4: 1e-3, Cl: 1e-3 };
    // magnesium shares the solve's alkaline-earth total; a third of it being magnesium takes log(2/3) off each index
    const all = indices(water), twoThirds = indices(water, 25, 2 / 3);
    expect(twoThirds.calcite - all.calcite).toBeCloseTo(Math.log10(2 / 3), 9);
    expect(twoThirds.gypsum - all.gypsum).toBeCloseTo(Math.log10(2 / 3), 9);
    const noCarbon = indices({ Ca: 1e-3, SO4: 1e-3 });
    expect(noCarbon.calcite).toBe(SI_ABSENT);
    expect(noCarbon.gypsum).toBeGreaterThan(SI_ABSENT);
    expect(indices({ Na: 1e-3, Cl: 1e-3, TIC: 1e-3 }, 25, 0).calcite).toBe(SI_ABSENT);
  });
});
