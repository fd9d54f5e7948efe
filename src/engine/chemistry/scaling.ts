/**
 * The scales that limit how far a membrane can concentrate a water: calcite (CaCO₃) and gypsum (CaSO₄·2H₂O). Their
 * saturation indices SI = log10(IAP / Ksp) in a solved water — 0 at saturation, 1 for tenfold supersaturation — are
 * what an RO designer holds the concentrate to: calcite's SI is the thermodynamic form of the Langelier index, and an
 * antiscalant's vendor states how far above 0 it keeps each scale off the membrane. Neither solid forms in the engine
 * (an RO plant doses antiscalant to keep its concentrate supersaturated); the indices say how close it runs to the edge.
 *
 * Ksp at the water's temperature from phreeqc.dat's analytical expressions (calcite's from Plummer & Busenberg 1982;
 * 25 °C: −8.48 and −4.58). The solve counts magnesium with calcium (workspace.ts), so calcium's free ion is the free
 * alkaline-earth ion times calcium's molar share of the two.
 */
import { C_to_K } from '../convert.ts';
import * as T from './tables.ts';
import type { EquilibriumWorkspace } from './workspace.ts';

const CARBONATE = T.weakAcidIndex('carbonate');

/** An index for a scale whose ions are absent: far below saturation, and a finite number for a channel. */
export const SI_ABSENT = -9;

/** log10 Ksp of calcite, CaCO₃ = Ca²⁺ + CO₃²⁻, at `t_C`. */
export function calciteLogK(t_C: number): number {
  const T_K = C_to_K(t_C);
  return -171.9065 - 0.077993 * T_K + 2839.319 / T_K + 71.595 * Math.log10(T_K);
}

/** log10 Ksp of gypsum, CaSO₄·2H₂O = Ca²⁺ + SO₄²⁻ + 2 H₂O, at `t_C` (it peaks near 40 °C, as gypsum's solubility does). */
export function gypsumLogK(t_C: number): number {
  const T_K = C_to_K(t_C);
  return 68.2401 - 3221.51 / T_K - 25.0627 * Math.log10(T_K);
}

/**
 * Writes the last solve's saturation indices into `out`: [0] calcite, [1] gypsum (SI_ABSENT where an ion is missing).
 * `calciumShare`: calcium's molar share of the water's calcium and magnesium.
 */
export function scalingIndices(ws: EquilibriumWorkspace, calciumShare: number, out: Float64Array): void {
  const g2 = ws.gAll[2]!; // Davies, |z| = 2, as the solve's Ca²⁺, CO₃²⁻ and SO₄²⁻ take it
  const aCa = ws.caFree * calciumShare * g2;
  const ih = 1 / ws.activityH;
  const t1 = ws.waKaC[CARBONATE * 3]! * ih;
  const t2 = t1 * ws.waKaC[CARBONATE * 3 + 1]! * ih;
  const aCO3 = ((ws.carbFree * t2) / (1 + t1 + t2)) * g2;
  const t_C = ws.thermo.temperature_C;
  out[0] = aCa > 0 && aCO3 > 0 ? Math.max(SI_ABSENT, Math.log10(aCa * aCO3) - calciteLogK(t_C)) : SI_ABSENT;
  out[1] = aCa > 0 && ws.activitySO4 > 0 ? Math.max(SI_ABSENT, Math.log10(aCa * ws.activitySO4) - gypsumLogK(t_C)) : SI_ABSENT;
}
