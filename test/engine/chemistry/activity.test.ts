/**
 * Activity coefficients as minteq.v4.dat assigns them: Davies for free ions, the extended Debye–Hückel law for the
 * species the database gives an ion size, the limiting law for those it gives none. At I ≈ 0.1 (an RO concentrate)
 * the three differ by tenths of a log unit for a doubly charged species, so the choice shows.
 */
import { describe, expect, it } from 'vitest';
import { DH_A, DH_B, gammaIndexOf } from '../../../src/engine/chemistry/constants.ts';
import { SPECIES, TOT, createEquilibriumWorkspace, resetWarmStart, solveAtPH } from '../../../src/engine/chemistry/index.ts';

const species = (name: string) => {
  const s = SPECIES.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s;
};

describe('activity coefficients (minteq.v4.dat)', () => {
  const ws = createEquilibriumWorkspace();
  const t = ws.tot_mol_L;
  t.fill(0);
  t[TOT.Na] = 0.1;
  t[TOT.Cl] = 0.1;
  resetWarmStart(ws);
  solveAtPH(ws, 7);
  const I = ws.ionicStrength_mol_L;
  const s = Math.sqrt(I);
  const logG = (name: string) => Math.log10(ws.gAll[gammaIndexOf(species(name))]!);

  it('solves a 0.1 mol/L NaCl water at I ≈ 0.1', () => {
    expect(I).toBeCloseTo(0.1, 3);
  });

  it('gives FeOH²⁺ (å = 5 Å) and Fe(OH)₄⁻ (å = 5.4 Å) the extended law, NiOH⁺ (no ion size) the limiting law, Ni²⁺ Davies', () => {
    expect(logG('FeOH+2')).toBeCloseTo((-DH_A * 4 * s) / (1 + DH_B * 5 * s), 10);
    expect(logG('Fe(OH)4-')).toBeCloseTo((-DH_A * s) / (1 + DH_B * 5.4 * s), 10);
    expect(logG('NiOH+')).toBeCloseTo(-DH_A * s, 10);
    expect(logG('Ni+2')).toBeCloseTo(-DH_A * 4 * (s / (1 + s) - 0.3 * I), 10);
    // the difference the ion size makes for a doubly charged complex here: about 0.2 log
    expect(logG('FeOH+2') - -DH_A * 4 * s).toBeGreaterThan(0.15);
  });

  it('keeps the water product on the activity scale: {H⁺}{OH⁻} = Kw with OH⁻ at its ion size of 3.5 Å', () => {
    expect(Math.log10(ws.activityH * ws.activityOH)).toBeCloseTo(-13.997, 9);
  });
});
