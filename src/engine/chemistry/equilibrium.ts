/**
 * Speciation, solubility and pH of a water at 25 °C — README.md beside this file explains the equations.
 *
 *   const ws = createEquilibriumWorkspace();          // once per reactor: all memory lives here
 *   loadTotalsFromStream(conc_mg_L, ws);               // or write ws.tot_mol_L directly (TOT layout)
 *   const pH = solveChargeBalance(ws, true);           // pH from the charge balance, solids allowed
 *   ws.dissolved_mg_L[M.Ni]; ws.phase_mol_L[…];        // read-outs, overwritten by the next solve
 *   const base = solveAtPH(ws, 9.0);                   // jar test: NaOH (+) or HCl (−) mol/L that pH 9 needs
 *
 * A solve allocates nothing: every intermediate lives in the workspace's typed arrays, and the last answer is the
 * next solve's starting point (warm start). The constant tables are module-level typed arrays built once from
 * constants.ts (tables.ts; each module copies what it uses into local constants, so the hot code never goes through
 * an import binding or an object key). The solve is split by concern: this file runs the passes and the pH search,
 * charge.ts evaluates the charge balance at a trial pH, metals.ts each metal, sulfide.ts the sulfide balance,
 * passes.ts the activity coefficients, ionic strength and read-outs, workspace.ts holds the memory.
 */
import * as Q from './charge.ts';
import * as P from './passes.ts';
import * as T from './tables.ts';
import type { EquilibriumWorkspace } from './workspace.ts';

// tables and functions bound locally: the hot code must not read an import binding (a transpiled one is a getter)
const LN10 = T.LN10;
const X_MIN = T.X_MIN;
const X_MAX = T.X_MAX;
const MAX_STEP_X = T.MAX_STEP_X;
const MAX_PASSES = T.MAX_PASSES;
const MAX_NEWTON = T.MAX_NEWTON;
const MS_STRIDE = T.MS_STRIDE;
const F_FREE = T.F_FREE;
const F_CB = T.F_CB;
const SC_X = T.SC_X;
const SC_RET = T.SC_RET;
const NMET = T.NMET;
const NT = T.NT;
const T_NA = T.T_NA;
const T_CA = T.T_CA;
const T_CL = T.T_CL;
const T_SO4 = T.T_SO4;
const T_S2 = T.T_S2;
const T_TIC = T.T_TIC;
const CHARGE = T.CHARGE;
const evalCharge = Q.evalCharge;
const updatePassConstants = P.updatePassConstants;
const updateIonicStrength = P.updateIonicStrength;
const finishSolve = P.finishSolve;

export { EquilibriumWorkspace, createEquilibriumWorkspace, loadTotalsFromStream, resetWarmStart, setWorkspaceTemperature, type EquilibriumOptions } from './workspace.ts';

/**
 * pH from the charge balance of the totals. With `includeSolids`, every metal above saturation precipitates (and a
 * metal whose solid is part of its total re-dissolves when undersaturated); without, the water stays supersaturated,
 * as mixed. Returns the pH (activity scale); read-outs are in the workspace.
 */
export function solveChargeBalance(ws: EquilibriumWorkspace, includeSolids: boolean): number {
  beginSolve(ws, 0);
  if (ws.nHist === 2) {
    // totals drift smoothly from step to step: extrapolate the pH, at most 0.05 pH units
    const dx = ws.x1 - ws.x2;
    const lim = 0.05 * LN10;
    ws.x = ws.x1 + (dx > lim ? lim : dx < -lim ? -lim : dx);
  }
  ws.evaluations = 0;
  ws.sulfideEvaluations = 0;
  let pass = 0;
  let done = false;
  let phFound = true;
  while (!done && pass < MAX_PASSES) {
    pass++;
    updatePassConstants(ws);
    phFound = solvePH(ws, includeSolids);
    done = updateIonicStrength(ws);
  }
  ws.passes = pass;
  ws.converged = done && phFound;
  ws.x2 = ws.x1;
  ws.x1 = ws.xRoot;
  ws.nHist = ws.nHist < 2 ? ws.nHist + 1 : 2;
  finishSolve(ws, 0);
  return ws.pH;
}

/**
 * Equilibrium at a fixed pH (activity scale), held the way a jar test or PHREEQC's fixed-pH phase holds it: the
 * charge the totals leave unbalanced is made up with NaOH (or HCl), whose Na (or Cl) counts in the ionic strength.
 * Returns the strong base added, mol/L (+ NaOH, − HCl); also in ws.baseAdded_mol_L, ws.NaOH_mg_L, ws.HCl_mg_L.
 */
export function solveAtPH(ws: EquilibriumWorkspace, pH: number, includeSolids = true): number {
  if (!Number.isFinite(pH)) throw new RangeError(`equilibrium: pH ${pH} is not a number`);
  let base = ws.warm ? ws.baseAdded_mol_L : 0;
  beginSolve(ws, base);
  ws.evaluations = 0;
  ws.sulfideEvaluations = 0;
  ws.x = -pH * LN10;
  ws.xRoot = ws.x;
  ws.nHist = 0;
  let pass = 0;
  let done = false;
  while (!done && pass < MAX_PASSES) {
    pass++;
    updatePassConstants(ws);
    ws.sc[SC_X] = ws.x;
    evalCharge(ws, includeSolids);
    const f = ws.sc[SC_RET]!;
    // f already counts the base added so far; the base that closes the balance is what f leaves without it
    const newBase = -(f - (ws.naEff - ws.tot_mol_L[T_NA]!) + (ws.clEff - ws.tot_mol_L[T_CL]!));
    const baseSettled = Math.abs(newBase - base) <= ws.tolPass * (Math.abs(newBase) + 1e-12);
    base = newBase;
    setStrongIons(ws, base);
    done = updateIonicStrength(ws) && baseSettled;
  }
  ws.passes = pass;
  ws.converged = done;
  finishSolve(ws, base);
  return base;
}

/** The weak acid whose fully protonated form is dissolved CO₂ (H₂CO₃* = CO₂(aq) + H₂CO₃). */
const CARBONATE_ACID = T.weakAcidIndex('carbonate');
const CARBONATE_STEPS = T.WA_N[CARBONATE_ACID]!;

/**
 * The share of the inorganic carbon that is dissolved CO₂ in the last solve's water (1 at low pH, ≈ 0.03 at pH 7.9):
 * what a membrane passes as a gas while it rejects bicarbonate and carbonate as ions.
 */
export function co2Fraction(ws: EquilibriumWorkspace): number {
  const ih = 1 / ws.activityH;
  let term = 1, S = 1;
  for (let l = 0; l < CARBONATE_STEPS; l++) {
    term *= ws.waKaC[CARBONATE_ACID * 3 + l]! * ih;
    S += term;
  }
  return 1 / S;
}

// ───────────────────────── the pH search ─────────────────────────

function setStrongIons(ws: EquilibriumWorkspace, base: number): void {
  ws.naEff = ws.tot_mol_L[T_NA]! + (base > 0 ? base : 0);
  ws.clEff = ws.tot_mol_L[T_CL]! + (base < 0 ? -base : 0);
}

/** Starting point: the last solve's state moved to the new totals (warm), or a guess from the totals (cold). */
function beginSolve(ws: EquilibriumWorkspace, base: number): void {
  const t = ws.tot_mol_L;
  ws.slopeS = 0;
  for (let k = 0; k < NT; k++) if (!(t[k]! >= 0 && t[k]! < Infinity)) throw new RangeError(`equilibrium: total ${k} is ${t[k]}`);
  const clOld = ws.clEff;
  const naOld = ws.naEff;
  setStrongIons(ws, base);
  const so4T = t[T_SO4]!;
  const caT = t[T_CA]!;
  if (ws.warm) {
    // strong ions carry most of the ionic strength: move it by their change as free ions; keep the ligands' free
    // fractions; scale each free metal by the change in its total
    const dI = 0.5 * (ws.naEff - naOld + ws.clEff - clOld + 4 * (caT - ws.lastCa) + 4 * (so4T - ws.lastSO4));
    if (ws.I + dI > 0) ws.I += dI;
    ws.clFree = clOld > 0 && ws.clFree > 0 ? (ws.clFree * ws.clEff) / clOld : ws.clEff;
    ws.so4Pass = ws.lastSO4 > 0 && ws.so4Free > 0 ? (ws.so4Free * so4T) / ws.lastSO4 : so4T;
    ws.so4Free = ws.so4Pass;
    // and what each metal's carbonate complexes hold, so the carbon left free starts where it will be
    let carbBound = 0;
    for (let i = 0; i < NMET; i++) {
      const last = ws.lastTot[i]!;
      const o = i * MS_STRIDE + F_FREE;
      const r = last > 0 ? t[i]! / last : 0;
      ws.ms[o] = ws.ms[o]! * r;
      const held = ws.ms[i * MS_STRIDE + F_CB]! * r;
      ws.ms[i * MS_STRIDE + F_CB] = held;
      carbBound += held;
      ws.lastTot[i] = t[i]!;
    }
    ws.lastSO4 = so4T;
    ws.lastCa = caT;
    const tic = t[T_TIC]!;
    ws.carbFree = tic > carbBound ? tic - carbBound : 0;
    if (!(ws.x > X_MIN && ws.x < X_MAX)) ws.x = -7 * LN10;
    return;
  }
  let I = 0.5 * (ws.naEff + ws.clEff + 4 * caT + 4 * so4T);
  for (let i = 0; i < NMET; i++) {
    const z = CHARGE[i]!;
    I += 0.5 * z * z * t[i]!;
    ws.ms[i * MS_STRIDE + F_FREE] = 0;
    ws.lastTot[i] = t[i]!;
  }
  ws.I = I + 1e-7;
  ws.clFree = ws.clEff;
  ws.so4Pass = so4T;
  ws.so4Free = so4T;
  ws.lastSO4 = so4T;
  ws.lastCa = caT;
  ws.rSO4 = 0;
  ws.carbFree = t[T_TIC]!;
  ws.nHist = 0;
  ws.x = -7 * LN10;
  ws.y = t[T_S2]! > 0 ? Math.log(t[T_S2]!) - 5 : 0;
  ws.dydx = 0;
  ws.yDrift = 0;
  ws.warm = true;
}

/**
 * Guarded Newton on x = ln{H⁺} for this pass's charge balance: Newton steps while they stay inside the bracket
 * and at least halve |f|; bisection otherwise (plain Newton cycles at the kink where a hydroxide starts to form).
 */
function solvePH(ws: EquilibriumWorkspace, solids: boolean): boolean {
  // With sulfide the analytic slope holds HS⁻ fixed; the secant through the last two points is then the better slope.
  const secant = ws.tot_mol_L[T_S2]! > 0;
  let x = ws.x;
  let lo = X_MIN;
  let hi = X_MAX;
  let haveLo = false;
  let haveHi = false;
  let fAbsPrev = 1e300;
  let xPrev = 0;
  let fPrev = 0;
  let root = 0;
  let haveRoot = false;
  let found = false;
  for (let it = 0; it < MAX_NEWTON; it++) {
    ws.sc[SC_X] = x;
    evalCharge(ws, solids);
    const f = ws.sc[SC_RET]!;
    if (f === 0) {
      found = true;
      break;
    }
    if (f < 0) {
      lo = x;
      haveLo = true;
    } else {
      hi = x;
      haveHi = true;
    }
    let slope = ws.df;
    if (secant) {
      if (it > 0 && x !== xPrev) {
        const sec = (f - fPrev) / (x - xPrev);
        if (sec > 0 && sec < Infinity) ws.slopeS = sec;
      }
      // the secant of this pass, else the last one of this solve (the slope barely moves between passes)
      if (ws.slopeS > 0) slope = ws.slopeS;
    }
    let step = -f / slope;
    if (step > MAX_STEP_X) step = MAX_STEP_X;
    else if (step < -MAX_STEP_X) step = -MAX_STEP_X;
    let xn = x + step;
    if (haveLo && haveHi) {
      if (hi - lo < ws.tolX) {
        found = true;
        break;
      }
      if (!(xn > lo && xn < hi) || Math.abs(f) > 0.5 * fAbsPrev) xn = 0.5 * (lo + hi);
    } else if (xn <= X_MIN || xn >= X_MAX) {
      // the root lies beyond the window (pH below −1 or above 16): stop at its edge, unconverged
      if ((x === X_MIN && f > 0) || (x === X_MAX && f < 0)) break;
      xn = xn <= X_MIN ? X_MIN : X_MAX;
    }
    fAbsPrev = Math.abs(f);
    if (Math.abs(xn - x) < ws.tolX) {
      root = xn;
      haveRoot = true;
      found = true;
      break;
    }
    xPrev = x;
    fPrev = f;
    x = xn;
  }
  // ws.x is where the speciation was evaluated; the pH is the root the last Newton step points to (its error is of
  // the order of that step squared, while the speciation is at most TOL_X away from it)
  ws.x = x;
  ws.xRoot = haveRoot ? root : x;
  return found;
}
