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

/** The share of a solved water's free inorganic carbon that is CO₃²⁻ at its pH. */
function carbonateIonShare(ws: EquilibriumWorkspace): number {
  const ih = 1 / ws.activityH;
  const t1 = ws.waKaC[CARBONATE * 3]! * ih;
  const t2 = t1 * ws.waKaC[CARBONATE * 3 + 1]! * ih;
  return t2 / (1 + t1 + t2);
}

/**
 * Writes the last solve's saturation indices into `out`: [0] calcite, [1] gypsum (SI_ABSENT where an ion is missing).
 * `calciumShare`: calcium's molar share of the water's calcium and magnesium.
 */
export function scalingIndices(ws: EquilibriumWorkspace, calciumShare: number, out: Float64Array): void {
  const g2 = ws.gAll[2]!; // Davies, |z| = 2, as the solve's Ca²⁺, CO₃²⁻ and SO₄²⁻ take it
  const aCa = ws.caFree * calciumShare * g2;
  const aCO3 = carbonateIonShare(ws) * ws.carbFree * g2;
  const th = ws.thermo;
  out[0] = aCa > 0 && aCO3 > 0 ? Math.max(SI_ABSENT, Math.log10((aCa * aCO3) / th.kCalcite)) : SI_ABSENT;
  out[1] = aCa > 0 && ws.activitySO4 > 0 ? Math.max(SI_ABSENT, Math.log10((aCa * ws.activitySO4) / th.kGypsum)) : SI_ABSENT;
}

/**
 * Calcite a solved water can still drop (> 0) or take back up (< 0), mol/L: with a calcium's free ion and b the free
 * CO₃²⁻, saturation at Ksp/γ₂² = k.
 * - Supersaturated (ab > k): x with (a − x)(b − x) = k, the lesser root. It takes carbonate ion alone, which moves no
 *   charge, so a step toward it cannot swing the pH; the bicarbonate that makes up the carbonate drops later steps'.
 * - Undersaturated: y with (a + y)·α(C + y) = k, where C is the free carbon and α its CO₃²⁻ share at the water's pH:
 *   what dissolves is mostly protonated in acid water, so an acid tank takes calcite up fast.
 * `calciumShare` as for `scalingIndices`.
 */
export function calciteExcess_mol_L(ws: EquilibriumWorkspace, calciumShare: number): number {
  const g2 = ws.gAll[2]!;
  const a = ws.caFree * calciumShare;
  const alpha = carbonateIonShare(ws);
  const b = alpha * ws.carbFree;
  const k = ws.thermo.kCalcite / (g2 * g2);
  const excess = a * b - k;
  // both roots in the form that keeps their digits when the water is near saturation
  if (excess > 0) {
    const d = a - b;
    return (2 * excess) / (a + b + Math.sqrt(d * d + 4 * k));
  }
  const d = b - alpha * a;
  return (2 * excess) / (b + alpha * a + Math.sqrt(d * d + 4 * alpha * k));
}
