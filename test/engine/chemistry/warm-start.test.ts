import { describe, expect, it } from 'vitest';
import { benchEquilibria, setBenchTotals } from '../../../src/engine/chemistry/bench.ts';
import {
  M, TOT, createEquilibriumWorkspace, resetWarmStart, solveAtPH, solveChargeBalance,
} from '../../../src/engine/chemistry/index.ts';

describe('warm starts', () => {
  it('give the same pH as solving from scratch (within 1e-6) along a reactor-like sequence', () => {
    const warm = createEquilibriumWorkspace();
    const cold = createEquilibriumWorkspace();
    let worst = 0;
    let warmEvaluations = 0;
    let coldEvaluations = 0;
    for (let k = 0; k < 3000; k += 3) {
      setBenchTotals(warm, k);
      setBenchTotals(cold, k);
      const a = solveChargeBalance(warm, true);
      resetWarmStart(cold);
      const b = solveChargeBalance(cold, true);
      expect(warm.converged && cold.converged).toBe(true);
      worst = Math.max(worst, Math.abs(a - b));
      for (let i = 0; i < 7; i++) expect(warm.dissolved_mol_L[i]!).toBeCloseTo(cold.dissolved_mol_L[i]!, 9);
      warmEvaluations += warm.evaluations;
      coldEvaluations += cold.evaluations;
    }
    expect(worst).toBeLessThan(1e-6);
    expect(warmEvaluations).toBeLessThan(coldEvaluations / 2);
  });

  it('recover when the totals jump (a dump, a dosing pump switching) between steps', () => {
    const warm = createEquilibriumWorkspace();
    const cold = createEquilibriumWorkspace();
    for (const [k, na] of [[0, 0.02], [1, 0.004], [2, 0.05], [3, 0.0]] as const) {
      for (const ws of [warm, cold]) {
        setBenchTotals(ws, k * 500);
        ws.tot_mol_L[TOT.Na] = na;
        ws.tot_mol_L[TOT.S2] = k === 2 ? 2e-4 : 0;
      }
      resetWarmStart(cold);
      expect(Math.abs(solveChargeBalance(warm, true) - solveChargeBalance(cold, true))).toBeLessThan(1e-6);
    }
  });

  it('carry over between fixed-pH points of a curve without changing the answer', () => {
    const warm = createEquilibriumWorkspace();
    const cold = createEquilibriumWorkspace();
    for (let pH = 6; pH <= 12; pH += 0.5) {
      for (const ws of [warm, cold]) {
        ws.tot_mol_L.fill(0);
        ws.tot_mol_L[M.Zn] = 1e-3;
        ws.tot_mol_L[M.Pb] = 1e-4;
        ws.tot_mol_L[TOT.Na] = 0.01;
        ws.tot_mol_L[TOT.Cl] = 0.0122;
      }
      resetWarmStart(cold);
      const a = solveAtPH(warm, pH);
      const b = solveAtPH(cold, pH);
      expect(a).toBeCloseTo(b, 9);
      expect(warm.dissolved_mg_L[M.Zn]!).toBeCloseTo(cold.dissolved_mg_L[M.Zn]!, 6);
    }
  });
});

describe('benchEquilibria', () => {
  it('reports warm and cold solves per second from the clock it is given', () => {
    // a clock that reads 0 and 1 s around the warm solves, 1 s and 3 s around the cold ones
    const readings = [0, 1000, 1000, 3000];
    const r = benchEquilibria(() => readings.shift()!, { solves: 3000, coldSolves: 1000 });
    expect(r).toEqual({ equilibria_per_s: 3000, cold_equilibria_per_s: 500 });
    expect(readings).toEqual([]);
    for (const precision of ['process', 'reference'] as const) {
      const real = benchEquilibria(() => performance.now(), { solves: 2000, coldSolves: 500, precision });
      expect(Number.isFinite(real.equilibria_per_s) && real.equilibria_per_s > 0).toBe(true);
    }
  });

  it('runs the reactor sequence over the pH range a precipitation tank sees', () => {
    const ws = createEquilibriumWorkspace();
    let lo = 14;
    let hi = 0;
    for (let k = 0; k < 5000; k += 50) {
      setBenchTotals(ws, k);
      const pH = solveChargeBalance(ws, true);
      lo = Math.min(lo, pH);
      hi = Math.max(hi, pH);
    }
    expect(lo).toBeLessThan(8.7);
    expect(hi).toBeGreaterThan(9.5);
  });
});
