/**
 * The equilibrium solver's constants: tolerances, the layout of the per-metal state and of the scratch numbers in a
 * workspace, and the species tables flattened into typed arrays, built once at load from constants.ts and checked
 * against the generated straight-line code (species.generated.ts).
 */
import { GAMMA_TABLE_SIZE, HYDROXIDE_PHASE, METAL_CHARGE, METAL_MOLAR_MASS_G_MOL, METALS, NM, NPHASES, NTOT, PHASES, SULFIDE_PHASE, TOT, WEAK_ACIDS, gammaIndexOf, orderedSpecies, speciesCharge } from './constants.ts';
import { GENERATED_SPECIES_ORDER } from './species.generated.ts';

export const LN10 = Math.LN10;
/** ln{H⁺} search window: pH −1 … 16. */
export const X_MIN = -16 * LN10;
export const X_MAX = 1 * LN10;
/** Newton step limit on ln{H⁺} (2 pH units) while no bracket exists. */
export const MAX_STEP_X = 2 * LN10;
/**
 * Convergence of ln{H⁺}: the last Newton step is below this (≈ 2e-7 pH). The pH reported is that step's target, the
 * speciation is from the last evaluation, at most this far from it.
 */
export const TOL_X = 5e-7;
/** Relative change of ionic strength and free ligands below which a pass counts as consistent (pH effect ≲ 3e-8). */
export const TOL_PASS = 1e-6;
/**
 * A reactor stepping every minute needs far less: its pH probe reads to 0.01 and the warm start is already within
 * 1e-3 of the answer. These tolerances (≈ 4e-5 pH; 1e-4 relative in ionic strength) end most solves after one pass
 * of two evaluations.
 */
export const TOL_X_PROCESS = 1e-4;
export const TOL_PASS_PROCESS = 1e-4;
/** Pass constants are reused while I and the free ligands stay within 0.1 %: activity coefficients move < 0.03 %. */
export const PASS_CACHE_TOL_PROCESS = 1e-3;
export const MAX_PASSES = 40;
export const MAX_NEWTON = 120;
/** Convergence of ln[HS⁻] in the sulfide balance (tight: the pH iteration differences f across nearby points). */
export const TOL_Y = 1e-11;
/**
 * ln[HS⁻] to 1e-6 relative is ample for a process step: it moves the charge balance by at most 1e-6 of the total
 * sulfide (≲ 1e-10 mol/L), a hundred times below what the pH loop's 1e-4 in ln{H⁺} resolves.
 */
export const TOL_Y_PROCESS = 1e-6;
/** Offset either side of a sulfide/hydroxide switch point, in ln[HS⁻]. */
export const JUMP_DELTA = 1e-9;
/** The bracket for ln[HS⁻] starts this far (40 decades) below ln(total sulfide). */
export const HS_SPAN = 40 * LN10;

export const pow10 = (v: number): number => Math.exp(v * LN10);

/** Layout of the per-metal state block (ws.ms). */
export const MS_STRIDE = 12;
export const F_FREE = 0;
export const F_D = 1;
export const F_P = 2;
export const F_DQ = 3;
export const F_PH = 4;
export const F_PS = 5;
export const F_SB = 6;
export const F_SB2 = 7;
export const F_KIND = 8;
/** Σ n·n_HS·[species] of the bisulfide complexes (their H⁺ moment): the slope of their sulfide with ln{H⁺} */
export const F_SBN = 9;
/** inorganic carbon in the metal's carbonate complexes */
export const F_CB = 10;
/** its slope with ln{H⁺} */
export const F_CBD = 11;

/**
 * Numbers handed between the internal functions go through ws.sc rather than arguments and return values: a double
 * crossing a call that is not inlined is boxed on the heap, and a solve is to allocate nothing.
 */
export const SC_X = 0; // ln{H⁺} to evaluate at
export const SC_H = 1; // {H⁺}
export const SC_IH = 2; // 1/{H⁺}
export const SC_HS = 3; // free HS⁻ for evalMetal
export const SC_Y = 4; // ln[HS⁻] to evaluate the sulfide balance at
export const SC_RET = 5; // result of evalCharge / gSulfide
export const SC_L = 6; // dissolved CO₂, [H₂CO₃*], at the evaluation's {H⁺}: the carbonate complexes' ligand
export const SC_NU = 7; // d ln[H₂CO₃*] / d ln{H⁺} there (the free carbonate's mean H⁺ released, 0…2)

// ───────────────────────── constant tables (module level, built once) ─────────────────────────

export const NMET = NM;
export const NT = NTOT;
export const NPH = NPHASES;
export const T_NA = TOT.Na;
export const T_CA = TOT.Ca;
export const T_CL = TOT.Cl;
export const T_SO4 = TOT.SO4;
export const T_S2 = TOT.S2;
export const T_TIC = TOT.TIC;
export const CHARGE = Int32Array.from(METAL_CHARGE);
export const MW = Float64Array.from(METAL_MOLAR_MASS_G_MOL);
export const HYD_PHASE = Int32Array.from(HYDROXIDE_PHASE);
export const SUL_PHASE = Int32Array.from(SULFIDE_PHASE);


/** Species in solver order (per metal: mononuclear | polynuclear | bisulfide); integer stoichiometry. */
export const ORDERED = orderedSpecies();
if (ORDERED.length !== GENERATED_SPECIES_ORDER.length || ORDERED.some((sp, j) => sp.name !== GENERATED_SPECIES_ORDER[j])) {
  throw new Error('species.generated.ts is stale: run `npx tsx scripts/gen-species.ts`');
}
export const NSP = ORDERED.length;
export const SP_START = new Int32Array(NMET + 1);
export const SP_POLY = new Int32Array(NMET);
export const SP_HS = new Int32Array(NMET);
/** where each metal's carbonate complexes start (they end at SP_START[i + 1]) */
export const SP_CB = new Int32Array(NMET);
export const SP_K = new Int32Array(NSP);
export const SP_N = new Int32Array(NSP);
export const SP_NHS = new Int32Array(NSP);
/** carbonate ligands of a species (its SP_N counts the H⁺ it releases from H₂CO₃*: n + 2·nCO3) */
export const SP_NCO3 = new Int32Array(NSP);
export const SP_Z2 = new Float64Array(NSP);
/** whether a metal has sulfide chemistry (a sulfide phase or bisulfide complexes) */
export const HAS_S = new Uint8Array(NMET);
/** whether a metal has a sulfide phase (its constants, like every constant, are the workspace's: thermo.ts) */
export const HAS_SULFIDE_PHASE = new Uint8Array(NMET);
{
  for (let i = 0; i < NMET; i++) {
    const metal = METALS[i]!;
    SP_START[i] = ORDERED.findIndex((sp) => sp.metal === metal);
    let last = SP_START[i]!;
    while (last < ORDERED.length && ORDERED[last]!.metal === metal) last++;
    SP_START[i + 1] = last;
    const polyAt = ORDERED.findIndex((sp) => sp.metal === metal && sp.k > 1);
    const cbAt = ORDERED.findIndex((sp) => sp.metal === metal && sp.nCO3 > 0);
    SP_CB[i] = cbAt < 0 ? last : cbAt;
    const hsAt = ORDERED.findIndex((sp) => sp.metal === metal && sp.nHS > 0);
    SP_HS[i] = hsAt < 0 ? SP_CB[i]! : hsAt;
    SP_POLY[i] = polyAt < 0 ? SP_HS[i]! : polyAt;
    if (hsAt >= 0) HAS_S[i] = 1;
  }
  ORDERED.forEach((sp, j) => {
    const nH = sp.n + 2 * sp.nCO3;
    if (nH < 0 || nH > 4 || sp.k > 4 || sp.nCl > 4 || sp.nSO4 > 2 || sp.nHS > 4 || sp.nCO3 > 2) throw new Error(`species table: ${sp.name}: stoichiometry out of range`);
    const z = speciesCharge(sp);
    SP_K[j] = sp.k;
    SP_N[j] = nH;
    SP_NCO3[j] = sp.nCO3;
    SP_NHS[j] = sp.nHS;
    SP_Z2[j] = z * z;
    if (Math.abs(z) > 5 || gammaIndexOf(sp) >= GAMMA_TABLE_SIZE) throw new Error(`species table: ${sp.name}: charge out of range`);
  });
  for (const p of PHASES) {
    if (p.kind !== 'sulfide') continue;
    const i = METALS.indexOf(p.metal);
    HAS_SULFIDE_PHASE[i] = 1;
    HAS_S[i] = 1;
  }
}

/** Weak acids: total index, charge of the most protonated form, number of pKa (their Ka, 3 slots each: thermo.ts). */
export const NWA = WEAK_ACIDS.length;
export const WA_TOT = Int32Array.from(WEAK_ACIDS.map((a) => a.tot));
export const WA_Z0 = Int32Array.from(WEAK_ACIDS.map((a) => a.z0));
export const WA_N = Int32Array.from(WEAK_ACIDS.map((a) => a.pKa.length));
/** A weak acid's place in the WA_* tables, by its name in constants.ts. */
export function weakAcidIndex(name: string): number {
  const w = WEAK_ACIDS.findIndex((a) => a.name === name);
  if (w < 0) throw new Error(`chemistry: no weak acid "${name}"`);
  return w;
}
WEAK_ACIDS.forEach((a) => {
  if (a.pKa.length > 3) throw new Error(`weak acid ${a.name}: at most 3 pKa`);
});
