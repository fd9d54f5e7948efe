/**
 * One metal at a given {H⁺} and free HS⁻ — its free ion, dissolved total and solid (hydroxide or sulfide) in closed
 * form, or by a monotone Newton where polynuclear species exist. The sulfide balance that finds the free HS⁻ is
 * sulfide.ts.
 */
import * as T from './tables.ts';
import type { EquilibriumWorkspace } from './workspace.ts';

// tables and functions bound locally: the hot code must not read an import binding (a transpiled one is a getter)
const MS_STRIDE = T.MS_STRIDE;
const F_FREE = T.F_FREE;
const F_D = T.F_D;
const F_P = T.F_P;
const F_DQ = T.F_DQ;
const F_PH = T.F_PH;
const F_PS = T.F_PS;
const F_SB = T.F_SB;
const F_SB2 = T.F_SB2;
const F_KIND = T.F_KIND;
const F_SBN = T.F_SBN;
const SC_H = T.SC_H;
const SC_HS = T.SC_HS;
const CHARGE = T.CHARGE;
const SP_START = T.SP_START;
const SP_POLY = T.SP_POLY;
const SP_HS = T.SP_HS;
const SP_CB = T.SP_CB;
const SP_NCO3 = T.SP_NCO3;
const SC_L = T.SC_L;
const SC_NU = T.SC_NU;
const F_CB = T.F_CB;
const F_CBD = T.F_CBD;
const SP_K = T.SP_K;
const SP_N = T.SP_N;
const SP_NHS = T.SP_NHS;
const HAS_SULFIDE_PHASE = T.HAS_SULFIDE_PHASE;

/** 1/{H⁺}^n for n = 0…4 from hn[1] = 1/{H⁺}. */
export function fillHn(hn: Float64Array): void {
  const ih = hn[1]!;
  const ih2 = ih * ih;
  hn[0] = 1;
  hn[2] = ih2;
  hn[3] = ih2 * ih;
  hn[4] = ih2 * ih2;
}

export function ipow(v: number, n: number): number {
  let r = 1;
  for (let k = 0; k < n; k++) r *= v;
  return r;
}

/**
 * One metal at {H⁺} = h and free HS⁻: the free ion from the closed-form saturation test (the lowest solubility cap
 * of its hydroxide and sulfide) or, when undersaturated, from its mass balance — closed form when mononuclear, a
 * monotone Newton on the free ion when polynuclear species exist.
 */
export function evalMetal(ws: EquilibriumWorkspace, i: number, solids: boolean): void {
  const h = ws.sc[SC_H]!;
  const HS = ws.sc[SC_HS]!;
  const T = ws.tot_mol_L[i]!;
  const ms = ws.ms;
  const o = i * MS_STRIDE;
  if (!(T > 0)) {
    for (let k = 0; k < MS_STRIDE; k++) ms[o + k] = 0;
    return;
  }
  const hn = ws.hn;
  const A = ws.A;
  const b = i * 5;
  const a1 = A[b + 1]! * hn[1]!;
  const a2 = A[b + 2]! * hn[2]!;
  const a3 = A[b + 3]! * hn[3]!;
  const a4 = A[b + 4]! * hn[4]!;
  let S0 = A[b]! + a1 + a2 + a3 + a4;
  let S1 = a1 + 2 * a2 + 3 * a3 + 4 * a4;
  let S2 = a1 + 4 * a2 + 9 * a3 + 16 * a4;
  let U1 = 0;
  let U2 = 0;
  let Un = 0;
  const cbStart = SP_CB[i]!;
  const hsStart = SP_HS[i]!;
  if (HS > 0) {
    const hsPow = ws.hsPow;
    for (let j = hsStart; j < cbStart; j++) {
      const n = SP_N[j]!;
      const nhs = SP_NHS[j]!;
      const v = ws.spC[j]! * hsPow[nhs]! * hn[n]!;
      S0 += v;
      S1 += n * v;
      S2 += n * n * v;
      U1 += nhs * v;
      U2 += nhs * nhs * v;
      Un += n * nhs * v;
    }
  }
  // carbonate complexes on H₂CO₃*, which follows pH (d ln/d ln{H⁺} = ν): their H⁺ count (for the charge) is n, their
  // slope n − c·ν; E carries the difference into the H⁺ released (Ex its slope moment), CB the carbon they hold (CBs
  // its slope moment)
  let E = 0;
  let Ex = 0;
  let CB = 0;
  let CBs = 0;
  const L = ws.sc[SC_L]!;
  if (L > 0) {
    const nu = ws.sc[SC_NU]!;
    const lPow = ws.lPow;
    for (let j = cbStart; j < SP_START[i + 1]!; j++) {
      const c = SP_NCO3[j]!;
      const v = ws.spC[j]! * lPow[c]! * hn[SP_N[j]!]!;
      const slope = SP_N[j]! - c * nu;
      S0 += v;
      S1 += slope * v;
      S2 += slope * slope * v;
      E += c * nu * v;
      Ex += c * nu * slope * v;
      CB += c * v;
      CBs += c * slope * v;
    }
  }
  const z = CHARGE[i]!;
  let mCap = Infinity;
  let kind = 0;
  if (solids) {
    mCap = ws.KhydC[i]! * (z === 2 ? h * h : h * h * h);
    kind = 1;
    if (HS > 0 && HAS_SULFIDE_PHASE[i] === 1) {
      const ms = (ws.KsulfC[i]! * h) / HS;
      if (ms < mCap) {
        mCap = ms;
        kind = 2;
      }
    }
  }
  const polyStart = SP_POLY[i]!;
  let m: number;
  let D: number;
  let P: number;
  let dq: number;
  if (polyStart === hsStart) {
    if (kind !== 0 && mCap * S0 < T) {
      m = mCap;
      D = m * S0;
      P = m * (S1 + E);
      // d(charge)/dx with m ∝ h^z (hydroxide) or m ∝ h at fixed HS⁻ (sulfide)
      dq = kind === 1 ? m * (z * z * S0 - 2 * z * S1 + S2) : m * (z * S0 - (z + 1) * S1 + S2);
    } else {
      kind = 0;
      m = T / S0;
      D = T;
      P = m * (S1 + E);
      dq = m * (S2 - (S1 * S1) / S0);
    }
  } else {
    const tmp = ws.spTmp;
    for (let j = polyStart; j < hsStart; j++) tmp[j] = ws.spC[j]! * hn[SP_N[j]!]!;
    let saturated = false;
    if (kind !== 0) {
      let Dcap = mCap * S0;
      for (let j = polyStart; j < hsStart; j++) Dcap += SP_K[j]! * tmp[j]! * ipow(mCap, SP_K[j]!);
      saturated = Dcap < T;
    }
    if (saturated) m = mCap;
    else {
      kind = 0;
      // F(m) = m·S0 + Σ k·c_k(m) − T is increasing and convex: from any m > 0 Newton lands above the root, then descends
      const mMax = T / S0;
      m = ms[o + F_FREE]!;
      if (!(m > 0 && m <= mMax)) m = mMax;
      for (let it = 0; it < 60; it++) {
        let F = m * S0 - T;
        let dF = S0;
        for (let j = polyStart; j < hsStart; j++) {
          const k = SP_K[j]!;
          const ck = tmp[j]! * ipow(m, k - 1);
          F += k * ck * m;
          dF += k * k * ck;
        }
        let mn = m - F / dF;
        if (!(mn > 0)) mn = 0.5 * m;
        const settled = Math.abs(mn - m) <= 1e-14 * m;
        m = mn;
        if (settled) break;
      }
    }
    D = m * S0;
    P = m * (S1 + E);
    let Snn = m * S2;
    let Skn = m * S1;
    let Skk = m * S0;
    let Qe = 0;
    for (let j = polyStart; j < hsStart; j++) {
      const k = SP_K[j]!;
      const n = SP_N[j]!;
      const c = tmp[j]! * ipow(m, k);
      D += k * c;
      P += n * c;
      Snn += n * n * c;
      Skn += k * n * c;
      Skk += k * k * c;
      Qe += kind === 1 ? (k * z - n) * (k * z - n) * c : (k * z - n) * (k - n) * c;
    }
    if (kind === 1) dq = m * (z * z * S0 - 2 * z * S1 + S2) + Qe;
    else if (kind === 2) dq = m * (z * S0 - (z + 1) * S1 + S2) + Qe;
    else {
      D = T;
      dq = Snn - (Skn * Skn) / Skk;
    }
  }
  let cbSlope = 0;
  if (CB > 0) {
    // the slopes above take the complexes' H⁺ count as their slope; set right: d ln m/dx is z (hydroxide), 1 (sulfide)
    // or the species' mean slope (the balance sets m)
    const dlnm = kind === 1 ? z : kind === 2 ? 1 : D > 0 ? (P - m * E) / D : 0;
    dq += m * (Ex - dlnm * E);
    cbSlope = m * (dlnm * CB - CBs);
  }
  const prec = kind !== 0 ? T - D : 0;
  ms[o + F_FREE] = m;
  ms[o + F_D] = D;
  ms[o + F_P] = P;
  ms[o + F_DQ] = dq;
  ms[o + F_PH] = kind === 1 ? prec : 0;
  ms[o + F_PS] = kind === 2 ? prec : 0;
  ms[o + F_SB] = m * U1;
  ms[o + F_SB2] = m * U2;
  ms[o + F_KIND] = kind;
  ms[o + F_SBN] = m * Un;
  ms[o + F_CB] = m * CB;
  ms[o + F_CBD] = cbSlope;
}
