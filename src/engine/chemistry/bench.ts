/**
 * Speed of the equilibrium solver, measured the way a reactor uses it: one solve per 60 s step, totals and NaOH
 * dose drifting slowly, mixed metals in chloride + sulfate water, pH from the charge balance with solids; at the
 * precision asked for (a reactor's `process`, or the jar test's `reference`).
 * The clock is passed in (performance.now in Node or a browser) so the engine stays free of host APIs.
 */
import { M, TOT } from './constants.ts';
import { createEquilibriumWorkspace, resetWarmStart, solveChargeBalance } from './equilibrium.ts';
import type { EquilibriumWorkspace } from './equilibrium.ts';

export interface BenchOptions {
  /** warm solves to time (default 200 000) */
  solves?: number;
  /** cold solves to time (default 50 000) */
  coldSolves?: number;
  /** default 'process', the precision every solve of a running plant is made at */
  precision?: 'process' | 'reference';
}

export interface BenchResult {
  equilibria_per_s: number;
  cold_equilibria_per_s: number;
}

/** Reactor-like totals at step k: a mixed rinse water (mol/L) whose flow-weighted blend and NaOH dose drift. */
export function setBenchTotals(ws: EquilibriumWorkspace, k: number): void {
  const t = ws.tot_mol_L;
  const slow = Math.sin(k * 0.0021);
  const fast = Math.sin(k * 0.037);
  const s = 1 + 0.25 * slow + 0.03 * fast;
  t.fill(0);
  t[M.Ni] = 3.4e-4 * s; // ≈ 20 mg/L
  t[M.Cu] = 2.4e-4 * s; // ≈ 15 mg/L
  t[M.Zn] = 1.5e-4 * (2 - s); // ≈ 10 mg/L
  t[M.Cr3] = 1.0e-4 * s; // ≈ 5 mg/L
  t[M.Fe] = 5.4e-5; // ≈ 3 mg/L
  t[M.Cd] = 4.4e-6 * s; // ≈ 0.5 mg/L
  t[M.Pb] = 2.4e-6; // ≈ 0.5 mg/L
  t[TOT.Cl] = 8.5e-3 * s;
  t[TOT.SO4] = 4.2e-3 * (2 - s);
  t[TOT.Ca] = 1.0e-3;
  t[TOT.TIC] = 8e-4;
  t[TOT.NH3N] = 2e-4;
  // NaOH: the metals arrive as chloride/sulfate salts and leave as hydroxides, so Na balances the anions left over
  // by Ca, plus an excess that swings the pH between ≈ 7 and 10.5 over the run
  t[TOT.Na] = t[TOT.Cl]! + 2 * t[TOT.SO4]! - 2 * t[TOT.Ca]! + 5e-4 + 4.5e-4 * Math.sin(k * 0.0013) + 2e-5 * fast;
}

export function benchEquilibria(now: () => number, opts: BenchOptions = {}): BenchResult {
  const solves = opts.solves ?? 200_000;
  const coldSolves = opts.coldSolves ?? 50_000;
  const ws = createEquilibriumWorkspace({ precision: opts.precision ?? 'process' });
  // warm up the JIT outside the timing
  for (let k = 0; k < 2000; k++) {
    setBenchTotals(ws, k);
    solveChargeBalance(ws, true);
  }
  resetWarmStart(ws);
  let t0 = now();
  for (let k = 0; k < solves; k++) {
    setBenchTotals(ws, k);
    solveChargeBalance(ws, true);
  }
  const warm_s = (now() - t0) / 1000;
  t0 = now();
  for (let k = 0; k < coldSolves; k++) {
    setBenchTotals(ws, k * 97);
    resetWarmStart(ws);
    solveChargeBalance(ws, true);
  }
  const cold_s = (now() - t0) / 1000;
  return { equilibria_per_s: solves / warm_s, cold_equilibria_per_s: coldSolves / cold_s };
}
