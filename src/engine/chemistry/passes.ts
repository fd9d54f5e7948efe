/**
 * What changes between passes of a solve, not within one: activity coefficients and the conditional constants built
 * from them (cached while ionic strength and free ligands barely move), the ionic strength and free ligands from the
 * last speciation, and the read-outs of a converged solve.
 */
import { HCL_G_MOL, ION_SIZE_CLASSES_A, NAOH_G_MOL, ionSizeGammaIndex } from './constants.ts';
import * as Q from './charge.ts';
import { computeSpeciesConstants } from './species.generated.ts';
import { molL_to_mgL } from '../convert.ts';
import * as M from './metals.ts';
import * as T from './tables.ts';
import type { EquilibriumWorkspace } from './workspace.ts';

// tables and functions bound locally: the hot code must not read an import binding (a transpiled one is a getter)
const LN10 = T.LN10;
const pow10 = T.pow10;
const MS_STRIDE = T.MS_STRIDE;
const F_FREE = T.F_FREE;
const F_D = T.F_D;
const F_PH = T.F_PH;
const F_PS = T.F_PS;
const F_SB = T.F_SB;
const SC_H = T.SC_H;
const SC_IH = T.SC_IH;
const NMET = T.NMET;
const T_S2 = T.T_S2;
const CHARGE = T.CHARGE;
const MW = T.MW;
const HYD_PHASE = T.HYD_PHASE;
const SUL_PHASE = T.SUL_PHASE;
/** ion sizes of the extended Debye–Hückel classes, and where the water species that take one sit in the γ table */
const CLASS_A = Float64Array.from(ION_SIZE_CLASSES_A);
const CLASS_OFFSET = Int32Array.from(ION_SIZE_CLASSES_A, (a) => ionSizeGammaIndex(a, 0));
const G_OH = ionSizeGammaIndex(3.5, 1);
const G_HSO4 = ionSizeGammaIndex(4.5, 1);
const G_NASO4 = ionSizeGammaIndex(5.4, 1);
const G_CAOH = ionSizeGammaIndex(6, 1);
const SP_START = T.SP_START;
const SP_POLY = T.SP_POLY;
const SP_HS = T.SP_HS;
const SP_CB = T.SP_CB;
const F_CB = T.F_CB;
const T_TIC = T.T_TIC;
const W_CARB = T.weakAcidIndex('carbonate');
const SP_K = T.SP_K;
const SP_N = T.SP_N;
const SP_NHS = T.SP_NHS;
const SP_NCO3 = T.SP_NCO3;
const SC_L = T.SC_L;
const SC_NU = T.SC_NU;
const SP_Z2 = T.SP_Z2;
const NWA = T.NWA;
const WA_TOT = T.WA_TOT;
const WA_Z0 = T.WA_Z0;
const WA_N = T.WA_N;
const solveSulfate = Q.solveSulfate;
const fillHn = M.fillHn;
const ipow = M.ipow;
const speciesConstants = computeSpeciesConstants;
const toMgL = molL_to_mgL;

/** Activity coefficients from the ionic strength, then every conditional constant of this pass. */
export function updatePassConstants(ws: EquilibriumWorkspace): void {
  const I = ws.I;
  // the constants depend on I and the free Cl⁻ and SO₄²⁻ alone: within the pass tolerance of the last set, keep it
  const tol = ws.passCacheTol;
  if (
    ws.passKeyValid &&
    Math.abs(I - ws.passKeyI) <= tol * I &&
    Math.abs(ws.clFree - ws.passKeyCl) <= tol * ws.clFree &&
    Math.abs(ws.so4Pass - ws.passKeySO4) <= tol * ws.so4Pass
  ) {
    return;
  }
  ws.passKeyValid = true;
  ws.passKeyI = I;
  ws.passKeyCl = ws.clFree;
  ws.passKeySO4 = ws.so4Pass;
  const th = ws.thermo;
  const dhA = th.dhA, dhB = th.dhB;
  const s = Math.sqrt(I);
  const g = ws.gAll;
  g[1] = pow10(-dhA * (s / (1 + s) - 0.3 * I)); // Davies
  g[7] = pow10(-dhA * s); // Debye–Hückel limiting law (å = 0)
  fillGammaPowers(g, 0);
  fillGammaPowers(g, 6);
  // extended Debye–Hückel, one class per ion size the database gives
  for (let c = 0; c < CLASS_A.length; c++) {
    const o = CLASS_OFFSET[c]!;
    g[o + 1] = pow10((-dhA * s) / (1 + dhB * CLASS_A[c]! * s));
    fillGammaPowers(g, o);
  }
  const g1 = g[1]!;
  const g2 = g[2]!;
  // HS⁻ takes the limiting law (minteq.v4.dat: -gamma 0 0); OH⁻, HSO₄⁻, NaSO₄⁻ and CaOH⁺ their ion sizes
  const gHS = g[7]!;
  ws.KwC = th.kw / g[G_OH]!;
  ws.KHSO4C = (th.kHSO4 * g2) / g[G_HSO4]!;
  ws.KNaSO4C = (th.kNaSO4 * g1 * g2) / g[G_NASO4]!;
  ws.KCaSO4C = th.kCaSO4 * g2 * g2;
  ws.KCaOHC = (th.kCaOH * g2) / g[G_CAOH]!;
  ws.KH2SC = th.kH2S * gHS;
  const khyd = th.khyd, ksulf = th.ksulf, waKa = th.waKa;
  for (let i = 0; i < NMET; i++) {
    const gm = i === 0 ? g[9]! : g[CHARGE[i]!]!; // Cr³⁺ takes the limiting law (chemistry.md)
    ws.gM[i] = gm;
    ws.KhydC[i] = khyd[i]! / gm;
    ws.KsulfC[i] = ksulf[i]! / (gm * gHS);
  }
  const ig = ws.igAll;
  // every block of six (Davies, limiting law, each ion-size class)
  for (let o = 0; o < g.length; o += 6) {
    ig[o + 1] = 1 / g[o + 1]!;
    fillGammaPowers(ig, o);
  }
  const lig = ws.lig;
  lig[0] = g1 * ws.clFree;
  lig[1] = g2 * ws.so4Pass;
  speciesConstants(th.spK, g, ig, lig, ws.spC, ws.A, ws.AZ2, ws.ACL, ws.ASO4);
  // weak acids: charged forms take Davies coefficients
  for (let w = 0; w < NWA; w++) {
    let z = WA_Z0[w]!;
    for (let l = 0; l < WA_N[w]!; l++) {
      ws.waKaC[w * 3 + l] = (waKa[w * 3 + l]! * g[Math.abs(z)]!) / g[Math.abs(z - 1)]!;
      z -= 1;
    }
  }
}

/** γ for |z| = 0…5 from γ(|z| = 1) at g[o + 1]: γ_z = γ₁^(z²), at g[o + |z|]. */
function fillGammaPowers(g: Float64Array, o: number): void {
  const g1 = g[o + 1]!;
  const g2 = g1 * g1;
  const g4 = g2 * g2;
  const g8 = g4 * g4;
  const g16 = g8 * g8;
  g[o] = 1;
  g[o + 2] = g4;
  g[o + 3] = g8 * g1;
  g[o + 4] = g16;
  g[o + 5] = g16 * g8 * g1;
}

/**
 * After a pass: ionic strength and free ligands from the full speciation at the pass's pH. Returns true when they
 * moved less than TOL_PASS, i.e. the pass was already self-consistent.
 */
export function updateIonicStrength(ws: EquilibriumWorkspace): boolean {
  const t = ws.tot_mol_L;
  const h = Math.exp(ws.x);
  const ih = 1 / h;
  const hn = ws.hn;
  hn[1] = ih;
  fillHn(hn);
  const HS = ws.HS;
  const L = ws.sc[SC_L]!;
  let carbBound = 0;
  /** the largest share of a metal's dissolved total in carbonate complexes (by their carbon) */
  let carbShare = 0;
  let sum = 0;
  let clBound = 0;
  let so4Bound = 0;
  const AZ2 = ws.AZ2;
  const ACL = ws.ACL;
  const ASO4 = ws.ASO4;
  for (let i = 0; i < NMET; i++) {
    const m = ws.ms[i * MS_STRIDE + F_FREE]!;
    if (!(m > 0)) continue;
    const o = i * 5;
    for (let n = 0; n < 5; n++) {
      const v = m * hn[n]!;
      sum += AZ2[o + n]! * v;
      clBound += ACL[o + n]! * v;
      so4Bound += ASO4[o + n]! * v;
    }
    const cbStart = SP_CB[i]!;
    const hsStart = SP_HS[i]!;
    for (let j = SP_POLY[i]!; j < hsStart; j++) sum += SP_Z2[j]! * ws.spC[j]! * ipow(m, SP_K[j]!) * hn[SP_N[j]!]!;
    if (HS > 0) for (let j = hsStart; j < cbStart; j++) sum += SP_Z2[j]! * ws.spC[j]! * m * hn[SP_N[j]!]! * ws.hsPow[SP_NHS[j]!]!;
    if (L > 0) for (let j = cbStart; j < SP_START[i + 1]!; j++) sum += SP_Z2[j]! * ws.spC[j]! * m * hn[SP_N[j]!]! * ws.lPow[SP_NCO3[j]!]!;
    const cb = ws.ms[i * MS_STRIDE + F_CB]!;
    if (cb > 0) {
      carbBound += cb;
      const D = ws.ms[i * MS_STRIDE + F_D]!;
      if (cb > carbShare * D) carbShare = D > 0 ? cb / D : 1;
    }
  }
  // sulfato complexes per unit of the free SO4²⁻ they were built with; re-solve the sulfate balance with it right
  // away, so the next pass starts from consistent free SO4²⁻ rather than lagging one more pass
  const rSO4 = ws.so4Pass > 0 ? so4Bound / ws.so4Pass : 0;
  const rOld = ws.rSO4;
  ws.rSO4 = rSO4;
  ws.sc[SC_H] = h;
  ws.sc[SC_IH] = ih;
  solveSulfate(ws);
  const so4 = ws.so4Free;
  const naFree = ws.naEff / (1 + ws.KNaSO4C * so4);
  sum +=
    h / ws.gAll[1]! + ws.KwC * ih + naFree * (1 + ws.KNaSO4C * so4) + ws.caFree * (4 + ws.KCaOHC * ih) +
    so4 * (4 + ws.KHSO4C * h) + HS;
  for (let w = 0; w < NWA; w++) {
    const T = w === W_CARB ? ws.carbFree : t[WA_TOT[w]!]!;
    if (!(T > 0)) continue;
    let z = WA_Z0[w]!;
    let term = 1;
    let S = 1;
    let zz = z * z;
    for (let l = 0; l < WA_N[w]!; l++) {
      term *= ws.waKaC[w * 3 + l]! * ih;
      z -= 1;
      S += term;
      zz += z * z * term;
    }
    sum += (T * zz) / S;
  }
  // chloro complexes are proportional to the free Cl⁻ they were built with: keep the free fraction that implies
  const clFree = ws.clEff > 0 ? (ws.clFree > 0 ? (ws.clEff * ws.clFree) / (ws.clFree + clBound) : ws.clEff) : 0;
  sum += clFree;
  const I = 0.5 * sum;
  // the inorganic carbon the metals' complexes do not hold, for the next pass's carbonate acid
  const tic = t[T_TIC]!;
  const carbFree = tic > carbBound ? tic - carbBound : 0;
  const done =
    Math.abs(I - ws.I) <= ws.tolPass * I &&
    Math.abs(clFree - ws.clFree) <= ws.tolPass * clFree &&
    Math.abs(so4 - ws.so4Pass) <= ws.tolPass * so4 &&
    Math.abs(rSO4 - rOld) <= ws.tolPass * (1 + rSO4) &&
    // the charge balance takes the carbon free at each {H⁺}; the complexes' ligand, dissolved CO₂, takes the last
    // pass's: settled when its change moves no metal's dissolved total by more than the pass tolerance, nor the
    // carbon they hold (its charge, ν a mol) the pH by more than the search resolves
    Math.abs(carbFree - ws.carbFree) * carbShare <= ws.tolPass * carbFree &&
    Math.abs(carbFree - ws.carbFree) * carbBound * ws.sc[SC_NU]! <= ws.tolX * Math.abs(ws.df) * carbFree;
  ws.I = I;
  ws.clFree = clFree;
  ws.so4Pass = so4;
  ws.carbFree = carbFree;
  return done;
}

/** Read-outs from the converged state. */
export function finishSolve(ws: EquilibriumWorkspace, base: number): void {
  if (!(Number.isFinite(ws.x) && Number.isFinite(ws.I))) {
    // never expected; if it happens, do not carry a broken state into the next solve
    ws.converged = false;
    ws.warm = false;
  }
  const h = Math.exp(ws.x);
  const g1 = ws.gAll[1]!;
  ws.pH = -ws.xRoot / LN10;
  ws.ionicStrength_mol_L = ws.I;
  ws.activityH = h;
  ws.activityOH = (ws.KwC * ws.gAll[G_OH]!) / h;
  ws.activityCl = ws.clFree * g1;
  ws.activitySO4 = ws.so4Free * ws.gAll[2]!;
  ws.activityHS = ws.HS * ws.gAll[7]!;
  ws.phase_mol_L.fill(0);
  let sDiss = ws.HS * (1 + ws.KH2SC * h);
  for (let i = 0; i < NMET; i++) {
    const T = ws.tot_mol_L[i]!;
    const o = i * MS_STRIDE;
    const D = T > 0 ? ws.ms[o + F_D]! : 0;
    const p = T > 0 ? Math.max(0, T - D) : 0;
    ws.dissolved_mol_L[i] = D;
    ws.dissolved_mg_L[i] = toMgL(D, MW[i]!);
    ws.precipitated_mol_L[i] = p;
    ws.precipitated_mg_L[i] = toMgL(p, MW[i]!);
    ws.freeActivity[i] = ws.ms[o + F_FREE]! * ws.gM[i]!;
    if (HYD_PHASE[i]! >= 0) ws.phase_mol_L[HYD_PHASE[i]!] = ws.ms[o + F_PH]!;
    if (SUL_PHASE[i]! >= 0) ws.phase_mol_L[SUL_PHASE[i]!] = ws.ms[o + F_PS]!;
    sDiss += ws.ms[o + F_SB]!;
  }
  ws.sulfideDissolved_mol_L = ws.tot_mol_L[T_S2]! > 0 ? sDiss : 0;
  ws.baseAdded_mol_L = base;
  ws.NaOH_mg_L = base > 0 ? toMgL(base, NAOH_G_MOL) : 0;
  ws.HCl_mg_L = base < 0 ? toMgL(-base, HCL_G_MOL) : 0;
}
