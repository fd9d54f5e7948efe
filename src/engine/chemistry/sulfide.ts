/**
 * The sulfide balance: the free HS⁻ at a given {H⁺} from the total sulfide, what the sulfide-forming metals take in
 * solids and bisulfide complexes (each metal evaluated by metals.ts at every trial HS⁻), and H₂S.
 */
import * as T from './tables.ts';
import * as M from './metals.ts';
import type { EquilibriumWorkspace } from './workspace.ts';

// tables and functions bound locally: the hot code must not read an import binding (a transpiled one is a getter)
const MAX_NEWTON = T.MAX_NEWTON;
const JUMP_DELTA = T.JUMP_DELTA;
const HS_SPAN = T.HS_SPAN;
const MS_STRIDE = T.MS_STRIDE;
const F_D = T.F_D;
const F_P = T.F_P;
const F_PH = T.F_PH;
const F_PS = T.F_PS;
const F_SB = T.F_SB;
const F_SB2 = T.F_SB2;
const F_KIND = T.F_KIND;
const F_SBN = T.F_SBN;
const SC_H = T.SC_H;
const SC_HS = T.SC_HS;
const SC_Y = T.SC_Y;
const SC_X = T.SC_X;
const SC_RET = T.SC_RET;
const NMET = T.NMET;
const T_S2 = T.T_S2;
const CHARGE = T.CHARGE;
const HAS_S = T.HAS_S;
const HAS_SULFIDE_PHASE = T.HAS_SULFIDE_PHASE;
const evalMetal = M.evalMetal;

/**
 * Sulfide mass balance at fixed {H⁺}: the free HS⁻ for which H2S + HS⁻ + bisulfide complexes + metal sulfides = S(−II).
 * The balance g(y) = S(−II) − taken(y), y = ln[HS⁻], falls as y rises, smoothly except where a metal's sulfide
 * replaces its hydroxide (HS⁻ = K_MS·h / {M}_hydroxide): there the sulfide taken jumps up. Those switch points are
 * known in closed form and cut the axis into smooth pieces. A guarded Newton starts at the last solve's HS⁻ inside
 * its piece; only when it points past an end of the piece is that switch tested (g just below and just above it):
 * the root lies beyond it, or on it, in which case the switching metal's sulfide takes exactly the sulfide left over
 * and its hydroxide the rest. Warm, with no switch crossed, a solve costs two or three evaluations.
 */
export function solveSulfide(ws: EquilibriumWorkspace, solids: boolean): void {
  const h = ws.sc[SC_H]!;
  const sT = ws.tot_mol_L[T_S2]!;
  const hi = Math.log(sT);
  const lo = hi - HS_SPAN;
  let nc = 0;
  const cand = ws.cand;
  if (solids) {
    for (let i = 0; i < NMET; i++) {
      if (!(HAS_SULFIDE_PHASE[i] === 1 && ws.tot_mol_L[i]! > 0)) continue;
      const z = CHARGE[i]!;
      const mh = ws.KhydC[i]! * (z === 2 ? h * h : h * h * h);
      const yc = Math.log((ws.KsulfC[i]! * h) / mh);
      if (!(yc > lo + JUMP_DELTA && yc < hi - JUMP_DELTA)) continue;
      let k = nc++;
      while (k > 0 && cand[k - 1]! > yc) {
        cand[k] = cand[k - 1]!;
        k--;
      }
      cand[k] = yc;
    }
  }
  // Start on the tangent of the last root, d y / d ln{H⁺}; the first search of a solve also adds the drift the
  // previous solve's first search found (the totals move smoothly from step to step, and y with them).
  const first = ws.sulfideEvaluations === 0;
  const yTangent = ws.y + ws.dydx * (ws.sc[SC_X]! - ws.yAtX);
  ws.yFirstGuess = first ? yTangent : NaN;
  let y = first ? yTangent + ws.yDrift : yTangent;
  if (!(y > lo && y < hi)) y = ws.y > lo && ws.y < hi ? ws.y : 0.5 * (lo + hi);
  let p = 0; // the piece holding y lies between cand[p − 1] and cand[p]
  while (p < nc && cand[p]! < y) p++;
  // ends of the bracket: g(a) > 0 ≥ g(b) once confirmed; until then the ends of y's piece
  let a = p > 0 ? cand[p - 1]! + JUMP_DELTA : lo;
  let b = p < nc ? cand[p]! - JUMP_DELTA : hi;
  let aSure = p === 0;
  let bSure = p === nc;
  let g = gSulfide(ws, y, solids);
  let gPrev = Infinity;
  for (let it = 0; it < MAX_NEWTON; it++) {
    if (g > 0) {
      a = y;
      aSure = true;
    } else {
      b = y;
      bSure = true;
    }
    if (Math.abs(g) <= 1e-15 * sT || b - a < ws.tolY) break;
    let yn = y - g / ws.dg;
    if (!(yn > a) && !aSure) {
      // Newton points below the piece: is the root in it after all, on the switch at its foot, or further down?
      const gA = gSulfide(ws, a, solids);
      if (gA > 0) {
        y = a;
        g = gA;
        continue;
      }
      const yc = a - JUMP_DELTA;
      const gBelow = gSulfide(ws, yc - JUMP_DELTA, solids);
      if (gBelow > 0) {
        settleOnSwitch(ws, yc, solids);
        return;
      }
      p--;
      a = p > 0 ? cand[p - 1]! + JUMP_DELTA : lo;
      aSure = p === 0;
      y = yc - JUMP_DELTA;
      g = gBelow;
      gPrev = Infinity;
      continue;
    }
    if (!(yn < b) && !bSure) {
      // Newton points above the piece: is the root in it after all, on the switch at its top, or further up?
      const gB = gSulfide(ws, b, solids);
      if (gB <= 0) {
        y = b;
        g = gB;
        continue;
      }
      const yc = b + JUMP_DELTA;
      const gAbove = gSulfide(ws, yc + JUMP_DELTA, solids);
      if (gAbove < 0) {
        settleOnSwitch(ws, yc, solids);
        return;
      }
      p++;
      b = p < nc ? cand[p]! - JUMP_DELTA : hi;
      bSure = p === nc;
      y = yc + JUMP_DELTA;
      g = gAbove;
      gPrev = Infinity;
      continue;
    }
    if (!(yn > a && yn < b) || Math.abs(g) > 0.5 * gPrev) yn = 0.5 * (a + b);
    gPrev = Math.abs(g);
    if (Math.abs(yn - y) < ws.tolY) break;
    y = yn;
    g = gSulfide(ws, y, solids);
  }
  setRoot(ws, y);
}

function setRoot(ws: EquilibriumWorkspace, y: number): void {
  if (!Number.isNaN(ws.yFirstGuess)) {
    const drift = y - ws.yFirstGuess;
    ws.yDrift = drift > 1 ? 1 : drift < -1 ? -1 : drift;
  }
  ws.y = y;
  ws.yAtX = ws.sc[SC_X]!;
  ws.dydx = ws.dydxLast;
}

/**
 * The root is the switch point yc itself: g jumps across zero there. The switching metals' sulfides take what is left
 * at the lower side, their hydroxides the rest; the workspace ends evaluated at the lower side.
 */
function settleOnSwitch(ws: EquilibriumWorkspace, yc: number, solids: boolean): void {
  const ms = ws.ms;
  gSulfide(ws, yc + JUMP_DELTA, solids);
  for (let i = 0; i < NMET; i++) ws.msPlus[i] = ms[i * MS_STRIDE + F_PS]!;
  let R = gSulfide(ws, yc - JUMP_DELTA, solids);
  for (let i = 0; i < NMET && R > 0; i++) {
    const o = i * MS_STRIDE;
    const jump = ws.msPlus[i]! - ms[o + F_PS]!;
    if (jump > 0) {
      const add = Math.min(R, jump, ms[o + F_PH]!);
      ms[o + F_PS] = ms[o + F_PS]! + add;
      ms[o + F_PH] = ms[o + F_PH]! - add;
      R -= add;
    }
  }
  setRoot(ws, yc - JUMP_DELTA);
}

/** S(−II) not yet accounted for at ln[HS⁻] = y (positive: HS⁻ too low). Evaluates the sulfide metals; sets ws.dg. */
function gSulfide(ws: EquilibriumWorkspace, y: number, solids: boolean): number {
  ws.sulfideEvaluations++;
  ws.sc[SC_Y] = y;
  sulfideBalance(ws, solids);
  return ws.sc[SC_RET]!;
}

function sulfideBalance(ws: EquilibriumWorkspace, solids: boolean): void {
  const sc = ws.sc;
  const h = sc[SC_H]!;
  const HS = Math.exp(sc[SC_Y]!);
  sc[SC_HS] = HS;
  ws.HS = HS;
  const hp = ws.hsPow;
  const hs2 = HS * HS;
  hp[0] = 1;
  hp[1] = HS;
  hp[2] = hs2;
  hp[3] = hs2 * HS;
  hp[4] = hs2 * hs2;
  const kh2s = ws.KH2SC * h;
  const free = HS * (1 + kh2s);
  let taken = free;
  let d = free;
  // d(taken)/d ln{H⁺} at fixed HS⁻, for the tangent the next search starts on (polynuclear species left out)
  let dx = HS * kh2s;
  for (let i = 0; i < NMET; i++) {
    if (HAS_S[i] !== 1) continue;
    evalMetal(ws, i, solids);
    const o = i * MS_STRIDE;
    const U1 = ws.ms[o + F_SB]!;
    const U2 = ws.ms[o + F_SB2]!;
    const kind = ws.ms[o + F_KIND]!;
    const D = ws.ms[o + F_D]!;
    taken += U1 + ws.ms[o + F_PS]!;
    // d(taken)/dy: bisulfide complexes with the free metal fixed (hydroxide cap), ∝ 1/HS⁻ (sulfide cap), or from
    // the mass balance (dissolved); polynuclear species are left out of this slope
    const Un = ws.ms[o + F_SBN]!;
    if (kind === 0) {
      d += D > 0 ? U2 - (U1 * U1) / D : 0;
      dx += D > 0 ? (U1 * ws.ms[o + F_P]!) / D - Un : 0;
    } else if (kind === 1) {
      d += U2;
      dx += CHARGE[i]! * U1 - Un;
    } else {
      d += D - 2 * U1 + U2;
      dx += U1 - Un + ws.ms[o + F_P]! - D;
    }
  }
  ws.dg = -d;
  ws.dydxLast = d > 0 ? -dx / d : 0;
  sc[SC_RET] = ws.tot_mol_L[T_S2]! - taken;
}
