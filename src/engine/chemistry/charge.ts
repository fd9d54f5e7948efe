/**
 * The charge balance at a trial {H⁺}: strong ions written with their totals (ligand complexes move no H⁺), the
 * sulfate–Na–Ca pairs solved exactly, weak acids, metals and sulfide. Leaves f and df/dx in the workspace.
 */
import * as M from './metals.ts';
import * as S from './sulfide.ts';
import * as T from './tables.ts';
import type { EquilibriumWorkspace } from './workspace.ts';

// tables and functions bound locally: the hot code must not read an import binding (a transpiled one is a getter)
const MS_STRIDE = T.MS_STRIDE;
const F_D = T.F_D;
const F_P = T.F_P;
const F_DQ = T.F_DQ;
const F_SB = T.F_SB;
const SC_X = T.SC_X;
const SC_H = T.SC_H;
const SC_IH = T.SC_IH;
const SC_HS = T.SC_HS;
const SC_RET = T.SC_RET;
const NMET = T.NMET;
const T_CA = T.T_CA;
const T_SO4 = T.T_SO4;
const T_S2 = T.T_S2;
const SC_L = T.SC_L;
const SC_NU = T.SC_NU;
const F_CB = T.F_CB;
const F_CBD = T.F_CBD;
const T_TIC = T.T_TIC;
const W_CARB = T.weakAcidIndex('carbonate');
const CHARGE = T.CHARGE;
const HAS_S = T.HAS_S;
const NWA = T.NWA;
const WA_TOT = T.WA_TOT;
const WA_Z0 = T.WA_Z0;
const WA_N = T.WA_N;
const evalMetal = M.evalMetal;
const solveSulfide = S.solveSulfide;
const fillHn = M.fillHn;

/**
 * Charge balance at x = ln{H⁺} with this pass's activity coefficients and free ligands, written with the TOTAL Na,
 * Ca, Cl and SO4 so that ligand complexes, which move no H⁺, drop out:
 *   f = [H⁺] − [OH⁻] + Na + 2Ca − Cl − 2SO4 + [HSO4⁻] − [CaOH⁺] + Σ_acids T·(z0 − ⟨j⟩)
 *       + Σ_M (z·D_M − P_M) − [HS⁻] − Σ_M S_M
 * with D_M the dissolved metal, P_M the H⁺ its species released (a carbonate complex's counted from H₂CO₃*, so the
 * carbonate acid's term takes only the carbon no metal holds, from the last pass) and S_M the sulfide in its
 * bisulfide complexes.
 * Evaluates at x = ws.sc[SC_X]; leaves f in ws.sc[SC_RET] and df/dx in ws.df.
 */
export function evalCharge(ws: EquilibriumWorkspace, solids: boolean): void {
  ws.evaluations++;
  const t = ws.tot_mol_L;
  const sc = ws.sc;
  const h = Math.exp(sc[SC_X]!);
  const ih = 1 / h;
  sc[SC_H] = h;
  sc[SC_IH] = ih;
  ws.hn[1] = ih;
  fillHn(ws.hn);
  const cH = h / ws.gAll[1]!;
  const cOH = ws.KwC * ih;
  const so4T = t[T_SO4]!;
  const caT = t[T_CA]!;
  let f = cH - cOH + ws.naEff + 2 * caT - ws.clEff - 2 * so4T;
  let df = cH + cOH;

  // Sulfate, Na and Ca pair among themselves: their mass balances are solved exactly here, so HSO4⁻, NaSO4⁻, CaSO4
  // and CaOH⁺ follow pH within the pass (lagging them makes the passes converge slowly).
  solveSulfate(ws);
  const s = ws.so4Free;
  const kh = ws.KHSO4C * h;
  const kOH = ws.KCaOHC * ih;
  if (so4T > 0) {
    f += kh * s;
    df += kh * (s + ws.so4Slope);
  }
  if (caT > 0) {
    const dCa = 1 + kOH + ws.KCaSO4C * s;
    f -= ws.caFree * kOH;
    df += (caT * kOH * (1 + ws.KCaSO4C * (s + ws.so4Slope))) / (dCa * dCa);
  }

  // the carbonate in metal complexes is counted with the metals (their H⁺ released from H₂CO₃*), the rest here
  sc[SC_L] = 0;
  for (let w = 0; w < NWA; w++) {
    const T = w === W_CARB ? ws.carbFree : t[WA_TOT[w]!]!;
    if (!(T > 0)) continue;
    const nl = WA_N[w]!;
    let term = 1;
    let S = 1;
    let M1 = 0;
    let M2 = 0;
    for (let l = 0; l < nl; l++) {
      term *= ws.waKaC[w * 3 + l]! * ih;
      S += term;
      M1 += (l + 1) * term;
      M2 += (l + 1) * (l + 1) * term;
    }
    const mean = M1 / S;
    f += T * (WA_Z0[w]! - mean);
    df += T * (M2 / S - mean * mean);
    if (w === W_CARB) {
      // dissolved CO₂, the carbonate complexes' ligand, and how it moves with ln{H⁺}
      const L = T / S;
      sc[SC_L] = L;
      sc[SC_NU] = mean;
      ws.lPow[0] = 1;
      ws.lPow[1] = L;
      ws.lPow[2] = L * L;
    }
  }

  const withS = t[T_S2]! > 0;
  if (withS) {
    solveSulfide(ws, solids); // evaluates the sulfide metals at the converged HS⁻
    f -= ws.HS;
    // free sulfide shifts from HS⁻ to H2S as {H⁺} rises (metal-bound sulfide held fixed)
    const kh2s = ws.KH2SC * h;
    df += (ws.HS * kh2s) / (1 + kh2s);
  } else ws.HS = 0;
  const ms = ws.ms;
  sc[SC_HS] = 0;
  let carbBound = 0;
  let carbSlope = 0;
  for (let i = 0; i < NMET; i++) {
    if (!(withS && HAS_S[i] === 1)) evalMetal(ws, i, solids);
    const o = i * MS_STRIDE;
    f += CHARGE[i]! * ms[o + F_D]! - ms[o + F_P]! - ms[o + F_SB]!;
    df += ms[o + F_DQ]!;
    carbBound += ms[o + F_CB]!;
    carbSlope += ms[o + F_CBD]!;
  }
  if (sc[SC_L]! > 0) {
    // the carbonate acid took the carbon the last pass left free; at this {H⁺} the metals hold carbBound of it: the
    // charge of what that frees or binds, at the free carbonate's mean charge (the complexes' ligand lags a pass)
    const tic = t[T_TIC]!;
    f -= sc[SC_NU]! * ((tic > carbBound ? tic - carbBound : 0) - ws.carbFree);
    df += sc[SC_NU]! * carbSlope;
  }
  ws.df = df;
  sc[SC_RET] = f;
}

/**
 * Free SO4²⁻ at {H⁺} = h from F(s) = s·(1 + K'HSO4·h + rM) + NaSO4⁻(s) + CaSO4(s) − SO4 = 0, with free Na⁺ and Ca²⁺ from
 * their own balances (rM: metal sulfato complexes per unit free SO4²⁻, from the last pass). F is increasing and
 * concave, so Newton climbs to the root. Sets ws.so4Free, ws.caFree and ws.so4Slope = d s/d ln{H⁺}.
 */
export function solveSulfate(ws: EquilibriumWorkspace): void {
  const h = ws.sc[SC_H]!;
  const ih = ws.sc[SC_IH]!;
  const t = ws.tot_mol_L;
  const so4T = t[T_SO4]!;
  const caT = t[T_CA]!;
  const kh = ws.KHSO4C * h;
  const kOH = ws.KCaOHC * ih;
  const kNa = ws.KNaSO4C;
  const kCa = ws.KCaSO4C;
  const naT = ws.naEff;
  let s = 0;
  let slope = 0;
  if (so4T > 0) {
    const lin = 1 + kh + ws.rSO4;
    const sMax = so4T / lin;
    s = ws.so4Free;
    if (!(s > 0 && s <= sMax)) s = sMax;
    let dFds = lin;
    for (let it = 0; it < 50; it++) {
      const dNa = 1 + kNa * s;
      const dCa = 1 + kOH + kCa * s;
      const F = s * lin + (kNa * naT * s) / dNa + (kCa * caT * s) / dCa - so4T;
      dFds = lin + (kNa * naT) / (dNa * dNa) + (kCa * caT * (1 + kOH)) / (dCa * dCa);
      let sn = s - F / dFds;
      if (!(sn > 0)) sn = 0.5 * s;
      if (sn > sMax) sn = sMax;
      const settled = Math.abs(sn - s) <= 1e-13 * s;
      s = sn;
      if (settled) break;
    }
    const dCa = 1 + kOH + kCa * s;
    // implicit differentiation of F(s, x) = 0 (kh ∝ h, kOH ∝ 1/h)
    slope = -(s * kh + (s * kCa * caT * kOH) / (dCa * dCa)) / dFds;
  }
  ws.so4Free = s;
  ws.so4Slope = slope;
  ws.caFree = caT > 0 ? caT / (1 + kOH + kCa * s) : 0;
}
