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
 * constants.ts (copied into local constants so the hot code never goes through an import binding or an object key).
 */
import { C } from '../components.ts';
import { mgL_to_molL, molL_to_mgL } from '../convert.ts';
import {
  CONSTANTS_TEMPERATURE_C, DH_A, HCL_G_MOL, HYDROXIDE_PHASE, LOG_K, LOG_KW, METAL_CHARGE, METAL_COMPONENT,
  METAL_MOLAR_MASS_G_MOL, METAL_PARTICULATE, METALS, NAOH_G_MOL, NM, NPHASES, NTOT, PHASES, SULFIDE_PHASE,
  TOT, TOT_COMPONENT, TOT_MOLAR_MASS_G_MOL, WEAK_ACIDS, gammaIndexOf, orderedSpecies, speciesCharge,
} from './constants.ts';
import { GENERATED_SPECIES_ORDER, computeSpeciesConstants } from './species.generated.ts';

const LN10 = Math.LN10;
/** ln{H⁺} search window: pH −1 … 16. */
const X_MIN = -16 * LN10;
const X_MAX = 1 * LN10;
/** Newton step limit on ln{H⁺} (2 pH units) while no bracket exists. */
const MAX_STEP_X = 2 * LN10;
/**
 * Convergence of ln{H⁺}: the last Newton step is below this (≈ 2e-7 pH). The pH reported is that step's target, the
 * speciation is from the last evaluation, at most this far from it.
 */
const TOL_X = 5e-7;
/** Relative change of ionic strength and free ligands below which a pass counts as consistent (pH effect ≲ 3e-8). */
const TOL_PASS = 1e-6;
/**
 * A reactor stepping every minute needs far less: its pH probe reads to 0.01 and the warm start is already within
 * 1e-3 of the answer. These tolerances (≈ 4e-5 pH; 1e-4 relative in ionic strength) end most solves after one pass
 * of two evaluations.
 */
const TOL_X_PROCESS = 1e-4;
const TOL_PASS_PROCESS = 1e-4;
/** Pass constants are reused while I and the free ligands stay within 0.1 %: activity coefficients move < 0.03 %. */
const PASS_CACHE_TOL_PROCESS = 1e-3;
const MAX_PASSES = 40;
const MAX_NEWTON = 120;
/** Convergence of ln[HS⁻] in the sulfide balance (tight: the pH iteration differences f across nearby points). */
const TOL_Y = 1e-11;
/** ln[HS⁻] to 1e-8 relative is ample for a process step (the pH loop there stops at 1e-4 in ln{H⁺}). */
const TOL_Y_PROCESS = 1e-8;
/** Offset either side of a sulfide/hydroxide switch point, in ln[HS⁻]. */
const JUMP_DELTA = 1e-9;
/** The bracket for ln[HS⁻] starts this far (40 decades) below ln(total sulfide). */
const HS_SPAN = 40 * LN10;

const pow10 = (v: number): number => Math.exp(v * LN10);

/** Layout of the per-metal state block (ws.ms). */
const MS_STRIDE = 9;
const F_FREE = 0;
const F_D = 1;
const F_P = 2;
const F_DQ = 3;
const F_PH = 4;
const F_PS = 5;
const F_SB = 6;
const F_SB2 = 7;
const F_KIND = 8;

/**
 * Numbers handed between the internal functions go through ws.sc rather than arguments and return values: a double
 * crossing a call that is not inlined is boxed on the heap, and a solve is to allocate nothing.
 */
const SC_X = 0; // ln{H⁺} to evaluate at
const SC_H = 1; // {H⁺}
const SC_IH = 2; // 1/{H⁺}
const SC_HS = 3; // free HS⁻ for evalMetal
const SC_Y = 4; // ln[HS⁻] to evaluate the sulfide balance at
const SC_RET = 5; // result of evalCharge / gSulfide

// ───────────────────────── constant tables (module level, built once) ─────────────────────────

const NMET = NM;
const NT = NTOT;
const NPH = NPHASES;
const T_NA = TOT.Na;
const T_CA = TOT.Ca;
const T_CL = TOT.Cl;
const T_SO4 = TOT.SO4;
const T_S2 = TOT.S2;
const CHARGE = Int32Array.from(METAL_CHARGE);
const MW = Float64Array.from(METAL_MOLAR_MASS_G_MOL);
const HYD_PHASE = Int32Array.from(HYDROXIDE_PHASE);
const SUL_PHASE = Int32Array.from(SULFIDE_PHASE);

// local copies of imported functions: a transpiled import may be a getter on every call
const speciesConstants = computeSpeciesConstants;
const toMgL = molL_to_mgL;

const KW = pow10(LOG_KW);
const K_HSO4 = pow10(LOG_K.HSO4);
const K_NASO4 = pow10(LOG_K.NaSO4);
const K_CASO4 = pow10(LOG_K.CaSO4);
const K_CAOH = pow10(LOG_K.CaOH);
const K_H2S = pow10(LOG_K.H2S);

/** Species in solver order (per metal: mononuclear | polynuclear | bisulfide); integer stoichiometry. */
const ORDERED = orderedSpecies();
if (ORDERED.length !== GENERATED_SPECIES_ORDER.length || ORDERED.some((sp, j) => sp.name !== GENERATED_SPECIES_ORDER[j])) {
  throw new Error('species.generated.ts is stale: run `npx tsx scripts/gen-species.ts`');
}
const NSP = ORDERED.length;
const SP_START = new Int32Array(NMET + 1);
const SP_POLY = new Int32Array(NMET);
const SP_HS = new Int32Array(NMET);
const SP_K = new Int32Array(NSP);
const SP_N = new Int32Array(NSP);
const SP_NHS = new Int32Array(NSP);
const SP_Z2 = new Float64Array(NSP);
/** whether a metal has sulfide chemistry (a sulfide phase or bisulfide complexes) */
const HAS_S = new Uint8Array(NMET);
const KHYD = new Float64Array(NMET);
const KSULF = new Float64Array(NMET);
{
  for (let i = 0; i < NMET; i++) {
    const metal = METALS[i]!;
    SP_START[i] = ORDERED.findIndex((sp) => sp.metal === metal);
    let last = SP_START[i]!;
    while (last < ORDERED.length && ORDERED[last]!.metal === metal) last++;
    SP_START[i + 1] = last;
    const polyAt = ORDERED.findIndex((sp) => sp.metal === metal && sp.k > 1);
    const hsAt = ORDERED.findIndex((sp) => sp.metal === metal && sp.nHS > 0);
    SP_HS[i] = hsAt < 0 ? last : hsAt;
    SP_POLY[i] = polyAt < 0 ? SP_HS[i]! : polyAt;
    if (hsAt >= 0) HAS_S[i] = 1;
  }
  ORDERED.forEach((sp, j) => {
    if (sp.n > 4 || sp.k > 4 || sp.nCl > 4 || sp.nSO4 > 2 || sp.nHS > 4) throw new Error(`species table: ${sp.name}: stoichiometry out of range`);
    const z = speciesCharge(sp);
    SP_K[j] = sp.k;
    SP_N[j] = sp.n;
    SP_NHS[j] = sp.nHS;
    SP_Z2[j] = z * z;
    if (gammaIndexOf(sp) > 11) throw new Error(`species table: ${sp.name}: charge out of range`);
  });
  for (const p of PHASES) {
    const i = METALS.indexOf(p.metal);
    if (p.kind === 'hydroxide') KHYD[i] = pow10(p.logK);
    else {
      KSULF[i] = pow10(p.logK);
      HAS_S[i] = 1;
    }
  }
}

/** Weak acids: total index, charge of the most protonated form, number of pKa, Ka (3 slots each). */
const NWA = WEAK_ACIDS.length;
const WA_TOT = Int32Array.from(WEAK_ACIDS.map((a) => a.tot));
const WA_Z0 = Int32Array.from(WEAK_ACIDS.map((a) => a.z0));
const WA_N = Int32Array.from(WEAK_ACIDS.map((a) => a.pKa.length));
const WA_KA = new Float64Array(NWA * 3);
WEAK_ACIDS.forEach((a, w) => {
  if (a.pKa.length > 3) throw new Error(`weak acid ${a.name}: at most 3 pKa`);
  a.pKa.forEach((pKa, l) => (WA_KA[w * 3 + l] = pow10(-pKa)));
});

// ───────────────────────── workspace ─────────────────────────

/** Everything one equilibrium needs: inputs, read-outs and warm-start state. Create once, reuse for every solve. */
export class EquilibriumWorkspace {
  readonly temperature_C: number;

  /** Inputs: totals in mol/L in the TOT layout (metals = total available: dissolved + existing solid). */
  readonly tot_mol_L = new Float64Array(NT);

  // ── read-outs, valid after a solve ──
  pH = 7;
  ionicStrength_mol_L = 0;
  /** per metal, METALS order */
  readonly dissolved_mol_L = new Float64Array(NMET);
  readonly dissolved_mg_L = new Float64Array(NMET);
  /** metal held in solids, as the metal */
  readonly precipitated_mol_L = new Float64Array(NMET);
  readonly precipitated_mg_L = new Float64Array(NMET);
  /** per phase, PHASES order: mol of solid per L */
  readonly phase_mol_L = new Float64Array(NPH);
  /** activity of each metal's free ion */
  readonly freeActivity = new Float64Array(NMET);
  activityH = 1e-7;
  activityOH = 1e-7;
  activityCl = 0;
  activitySO4 = 0;
  activityHS = 0;
  /** dissolved S(−II): H2S + HS⁻ + bisulfide complexes, mol/L */
  sulfideDissolved_mol_L = 0;
  /** Fixed-pH mode: strong base the pH needs, mol/L (+ NaOH, − HCl). Zero after a charge-balance solve. */
  baseAdded_mol_L = 0;
  NaOH_mg_L = 0;
  HCl_mg_L = 0;
  /** false when a solve ran out of iterations (the answer is then the best found) */
  converged = true;
  /** passes (activity/ligand updates) and charge-balance evaluations of the last solve */
  passes = 0;
  evaluations = 0;
  /** sulfide-balance evaluations of the last solve (each evaluates every sulfide-forming metal) */
  sulfideEvaluations = 0;

  // ── activity model and conditional constants of the current pass (internal) ──
  /** γ table: [0] = 1 (neutral), [1..5] Davies by |z|, [7..11] limiting law by |z| */
  readonly gAll = new Float64Array(12);
  /** inverses of gAll */
  readonly igAll = new Float64Array(12);
  /** activities of free Cl⁻ and SO4²⁻ the pass's complexes are built with */
  readonly lig = new Float64Array(2);
  readonly gM = new Float64Array(NMET);
  readonly spC = new Float64Array(NSP);
  /** per metal × H⁺ released (0…4): mononuclear sulfide-free species summed, and their z², Cl and SO4 weights */
  readonly A = new Float64Array(NMET * 5);
  readonly AZ2 = new Float64Array(NMET * 5);
  readonly ACL = new Float64Array(NMET * 5);
  readonly ASO4 = new Float64Array(NMET * 5);
  readonly KhydC = new Float64Array(NMET);
  readonly KsulfC = new Float64Array(NMET);
  readonly waKaC = new Float64Array(NWA * 3);
  KwC = 0;
  KHSO4C = 0;
  KNaSO4C = 0;
  KCaSO4C = 0;
  KCaOHC = 0;
  KH2SC = 0;

  // ── state carried between evaluations, passes and solves (internal) ──
  /** last secant slope df/dx of this solve (sulfide mode), 0 when none */
  slopeS = 0;
  /** ln{H⁺} where the speciation was last evaluated, and the root the last Newton step pointed to */
  x = -7 * LN10;
  xRoot = -7 * LN10;
  I = 0;
  /** free Cl⁻ the pass's complexes use, mol/L */
  clFree = 0;
  /** free SO4²⁻ the pass's complexes use, and its value at the last evaluation */
  so4Pass = 0;
  so4Free = 0;
  /** metal sulfato complexes per unit free SO4²⁻ (lagged one pass) */
  rSO4 = 0;
  caFree = 0;
  /** d[SO4²⁻]free / d ln{H⁺} at the last evaluation */
  so4Slope = 0;
  /** ln[HS⁻] and free HS⁻, mol/L */
  y = 0;
  HS = 0;
  naEff = 0;
  clEff = 0;
  lastSO4 = 0;
  lastCa = 0;
  /** ln{H⁺} of the last two charge-balance solves (how many are valid), for a linear prediction of the next */
  x1 = 0;
  x2 = 0;
  nHist = 0;
  readonly lastTot = new Float64Array(NMET);
  warm = false;

  // ── per-evaluation scratch (internal) ──
  /** 1/{H⁺}^n, n = 0…4 */
  readonly hn = new Float64Array(5);
  /** [HS⁻]^n for n = 0…4 at the HS⁻ of the last sulfide-balance evaluation */
  readonly hsPow = new Float64Array(5);
  /** scalars passed between internal functions (SC_* indices) */
  readonly sc = new Float64Array(6);
  df = 0;
  dg = 0;
  readonly spTmp = new Float64Array(NSP);
  /**
   * Per-metal state of the last evaluation, MS_STRIDE doubles per metal (one block: fewer loads in the hot loop):
   * free ion, dissolved total, H⁺ released by its species, d(charge)/d ln{H⁺}, metal in hydroxide, metal in sulfide,
   * S in bisulfide complexes and its second moment, kind (0 dissolved, 1 hydroxide-, 2 sulfide-saturated).
   */
  readonly ms = new Float64Array(NMET * MS_STRIDE);
  readonly msPlus = new Float64Array(NMET);
  readonly cand = new Float64Array(NMET);

  /** the I, free Cl⁻ and free SO₄²⁻ the current pass constants were computed for */
  passKeyValid = false;
  passKeyI = 0;
  passKeyCl = 0;
  passKeySO4 = 0;
  /** convergence on ln{H⁺} and per pass (see TOL_X, TOL_PASS and their process variants) */
  readonly tolX: number;
  readonly tolY: number;
  readonly tolPass: number;
  /** relative change of I and the free ligands under which the pass constants are reused (0: only when equal) */
  readonly passCacheTol: number;

  constructor(temperature_C: number, precision: 'reference' | 'process') {
    this.temperature_C = temperature_C;
    this.tolX = precision === 'process' ? TOL_X_PROCESS : TOL_X;
    this.tolY = precision === 'process' ? TOL_Y_PROCESS : TOL_Y;
    this.tolPass = precision === 'process' ? TOL_PASS_PROCESS : TOL_PASS;
    this.passCacheTol = precision === 'process' ? PASS_CACHE_TOL_PROCESS : 0;
  }
}

export interface EquilibriumOptions {
  /** °C. Only 25 °C constants exist (chemistry.md / MINTEQ v4): another temperature is refused, not extrapolated. */
  temperature_C?: number;
  /** 'reference' (default): to 2e-7 pH, for jar tests and the reference points; 'process': to ≈ 4e-5 pH, for reactors */
  precision?: 'reference' | 'process';
}

export function createEquilibriumWorkspace(opts: EquilibriumOptions = {}): EquilibriumWorkspace {
  const t = opts.temperature_C ?? CONSTANTS_TEMPERATURE_C;
  if (!(Math.abs(t - CONSTANTS_TEMPERATURE_C) <= 0.5)) {
    throw new RangeError(`equilibrium: constants exist for ${CONSTANTS_TEMPERATURE_C} °C only, not ${t} °C`);
  }
  return new EquilibriumWorkspace(t, opts.precision ?? 'reference');
}

/**
 * Loads the totals from a stream's concentrations (mg/L, components.ts layout). Metals are the total available
 * (dissolved + that metal's particulate), so an undersaturated reactor re-dissolves its solids; pass
 * `includeParticulate = false` for the dissolved metal only (e.g. the mixed influent's pH before reaction).
 * Complexed metals (NiCx, CuCx, cyanide complexes) stay out and carry no charge. Negative concentrations count as 0.
 */
export function loadTotalsFromStream(conc_mg_L: Float64Array, ws: EquilibriumWorkspace, includeParticulate = true): void {
  const t = ws.tot_mol_L;
  for (let i = 0; i < NMET; i++) {
    let mg = conc_mg_L[METAL_COMPONENT[i]!]!;
    if (includeParticulate) mg += conc_mg_L[METAL_PARTICULATE[i]!]!;
    t[i] = mg > 0 ? mg * METAL_MOL_PER_MG[i]! : 0;
  }
  for (let k = 0; k < LOAD_TOT.length; k++) {
    const mg = conc_mg_L[LOAD_COMPONENT[k]!]!;
    t[LOAD_TOT[k]!] = mg > 0 ? mg * LOAD_MOL_PER_MG[k]! : 0;
  }
  // the sulfide already in solids belongs to the total a reactor re-equilibrates, like the metals' particulate
  const sp = conc_mg_L[S_P]!;
  if (includeParticulate && sp > 0) t[T_S2]! += sp * S_MOL_PER_MG;
}

// mg/L → mol/L factors for loading a stream, flattened (the load runs once per reactor per step)
const METAL_MOL_PER_MG = Float64Array.from(MW, (mw) => mgL_to_molL(1, mw));
const LOAD_TOT = Int32Array.from(TOT_COMPONENT, (p) => p[0]);
const LOAD_COMPONENT = Int32Array.from(TOT_COMPONENT, (p) => p[1]);
const LOAD_MOL_PER_MG = Float64Array.from(TOT_COMPONENT, (p) => mgL_to_molL(1, TOT_MOLAR_MASS_G_MOL[p[0]]!));
const S_MOL_PER_MG = mgL_to_molL(1, 32.06);
const S_P = C.S_p;

/** Forgets the warm-start state: the next solve starts from scratch. */
export function resetWarmStart(ws: EquilibriumWorkspace): void {
  ws.warm = false;
}

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

// ───────────────────────── internals ─────────────────────────

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
    for (let i = 0; i < NMET; i++) {
      const last = ws.lastTot[i]!;
      const o = i * MS_STRIDE + F_FREE;
      ws.ms[o] = last > 0 ? (ws.ms[o]! * t[i]!) / last : 0;
      ws.lastTot[i] = t[i]!;
    }
    ws.lastSO4 = so4T;
    ws.lastCa = caT;
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
  ws.nHist = 0;
  ws.x = -7 * LN10;
  ws.y = t[T_S2]! > 0 ? Math.log(t[T_S2]!) - 5 : 0;
  ws.warm = true;
}

/** Activity coefficients from the ionic strength, then every conditional constant of this pass. */
function updatePassConstants(ws: EquilibriumWorkspace): void {
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
  const s = Math.sqrt(I);
  const g = ws.gAll;
  g[1] = pow10(-DH_A * (s / (1 + s) - 0.3 * I)); // Davies
  g[7] = pow10(-DH_A * s); // Debye–Hückel limiting law
  fillGammaPowers(g, 0);
  fillGammaPowers(g, 6);
  const g1 = g[1]!;
  const g2 = g[2]!;
  const gL1 = g[7]!;
  ws.KwC = KW / g1;
  ws.KHSO4C = (K_HSO4 * g2) / gL1;
  ws.KNaSO4C = (K_NASO4 * g1 * g2) / gL1;
  ws.KCaSO4C = K_CASO4 * g2 * g2;
  ws.KCaOHC = (K_CAOH * g2) / gL1;
  ws.KH2SC = K_H2S * g1;
  for (let i = 0; i < NMET; i++) {
    const gm = i === 0 ? g[9]! : g[CHARGE[i]!]!; // Cr³⁺ takes the limiting law (chemistry.md)
    ws.gM[i] = gm;
    ws.KhydC[i] = KHYD[i]! / gm;
    ws.KsulfC[i] = KSULF[i]! / (gm * g1);
  }
  const ig = ws.igAll;
  ig[1] = 1 / g[1]!;
  ig[7] = 1 / g[7]!;
  fillGammaPowers(ig, 0);
  fillGammaPowers(ig, 6);
  const lig = ws.lig;
  lig[0] = g1 * ws.clFree;
  lig[1] = g2 * ws.so4Pass;
  speciesConstants(g, ig, lig, ws.spC, ws.A, ws.AZ2, ws.ACL, ws.ASO4);
  // weak acids: charged forms take Davies coefficients
  for (let w = 0; w < NWA; w++) {
    let z = WA_Z0[w]!;
    for (let l = 0; l < WA_N[w]!; l++) {
      ws.waKaC[w * 3 + l] = (WA_KA[w * 3 + l]! * g[Math.abs(z)]!) / g[Math.abs(z - 1)]!;
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

/** 1/{H⁺}^n for n = 0…4 from hn[1] = 1/{H⁺}. */
function fillHn(hn: Float64Array): void {
  const ih = hn[1]!;
  const ih2 = ih * ih;
  hn[0] = 1;
  hn[2] = ih2;
  hn[3] = ih2 * ih;
  hn[4] = ih2 * ih2;
}

function ipow(v: number, n: number): number {
  let r = 1;
  for (let k = 0; k < n; k++) r *= v;
  return r;
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

/**
 * Charge balance at x = ln{H⁺} with this pass's activity coefficients and free ligands, written with the TOTAL Na,
 * Ca, Cl and SO4 so that ligand complexes, which move no H⁺, drop out:
 *   f = [H⁺] − [OH⁻] + Na + 2Ca − Cl − 2SO4 + [HSO4⁻] − [CaOH⁺] + Σ_acids T·(z0 − ⟨j⟩)
 *       + Σ_M (z·D_M − P_M) − [HS⁻] − Σ_M S_M
 * with D_M the dissolved metal, P_M the H⁺ its species released and S_M the sulfide in its bisulfide complexes.
 * Evaluates at x = ws.sc[SC_X]; leaves f in ws.sc[SC_RET] and df/dx in ws.df.
 */
function evalCharge(ws: EquilibriumWorkspace, solids: boolean): void {
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

  for (let w = 0; w < NWA; w++) {
    const T = t[WA_TOT[w]!]!;
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
  for (let i = 0; i < NMET; i++) {
    if (!(withS && HAS_S[i] === 1)) evalMetal(ws, i, solids);
    const o = i * MS_STRIDE;
    f += CHARGE[i]! * ms[o + F_D]! - ms[o + F_P]! - ms[o + F_SB]!;
    df += ms[o + F_DQ]!;
  }
  ws.df = df;
  sc[SC_RET] = f;
}

/**
 * Free SO4²⁻ at {H⁺} = h from F(s) = s·(1 + K'HSO4·h + rM) + NaSO4⁻(s) + CaSO4(s) − SO4 = 0, with free Na⁺ and Ca²⁺ from
 * their own balances (rM: metal sulfato complexes per unit free SO4²⁻, from the last pass). F is increasing and
 * concave, so Newton climbs to the root. Sets ws.so4Free, ws.caFree and ws.so4Slope = d s/d ln{H⁺}.
 */
function solveSulfate(ws: EquilibriumWorkspace): void {
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

/**
 * One metal at {H⁺} = h and free HS⁻: the free ion from the closed-form saturation test (the lowest solubility cap
 * of its hydroxide and sulfide) or, when undersaturated, from its mass balance — closed form when mononuclear, a
 * monotone Newton on the free ion when polynuclear species exist.
 */
function evalMetal(ws: EquilibriumWorkspace, i: number, solids: boolean): void {
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
  const end = SP_START[i + 1]!;
  const hsStart = SP_HS[i]!;
  if (HS > 0) {
    const hsPow = ws.hsPow;
    for (let j = hsStart; j < end; j++) {
      const n = SP_N[j]!;
      const nhs = SP_NHS[j]!;
      const v = ws.spC[j]! * hsPow[nhs]! * hn[n]!;
      S0 += v;
      S1 += n * v;
      S2 += n * n * v;
      U1 += nhs * v;
      U2 += nhs * nhs * v;
    }
  }
  const z = CHARGE[i]!;
  let mCap = Infinity;
  let kind = 0;
  if (solids) {
    mCap = ws.KhydC[i]! * (z === 2 ? h * h : h * h * h);
    kind = 1;
    if (HS > 0 && KSULF[i]! > 0) {
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
      P = m * S1;
      // d(charge)/dx with m ∝ h^z (hydroxide) or m ∝ h at fixed HS⁻ (sulfide)
      dq = kind === 1 ? m * (z * z * S0 - 2 * z * S1 + S2) : m * (z * S0 - (z + 1) * S1 + S2);
    } else {
      kind = 0;
      m = T / S0;
      D = T;
      P = m * S1;
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
    P = m * S1;
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
}

/**
 * Sulfide mass balance at fixed {H⁺}: the free HS⁻ for which H2S + HS⁻ + bisulfide complexes + metal sulfides = S(−II).
 * The balance g(y) = S(−II) − taken(y), y = ln[HS⁻], falls as y rises, smoothly except where a metal's sulfide
 * replaces its hydroxide (HS⁻ = K_MS·h / {M}_hydroxide): there the sulfide taken jumps up. Those switch points are
 * known in closed form and cut the axis into smooth pieces. A guarded Newton starts at the last solve's HS⁻ inside
 * its piece; only when it points past an end of the piece is that switch tested (g just below and just above it):
 * the root lies beyond it, or on it, in which case the switching metal's sulfide takes exactly the sulfide left over
 * and its hydroxide the rest. Warm, with no switch crossed, a solve costs two or three evaluations.
 */
function solveSulfide(ws: EquilibriumWorkspace, solids: boolean): void {
  const h = ws.sc[SC_H]!;
  const sT = ws.tot_mol_L[T_S2]!;
  const hi = Math.log(sT);
  const lo = hi - HS_SPAN;
  let nc = 0;
  const cand = ws.cand;
  if (solids) {
    for (let i = 0; i < NMET; i++) {
      if (!(KSULF[i]! > 0 && ws.tot_mol_L[i]! > 0)) continue;
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
  let y = ws.y > lo && ws.y < hi ? ws.y : 0.5 * (lo + hi);
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
  ws.y = y;
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
  ws.y = yc - JUMP_DELTA;
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
  const free = HS * (1 + ws.KH2SC * h);
  let taken = free;
  let d = free;
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
    if (kind === 0) d += D > 0 ? U2 - (U1 * U1) / D : 0;
    else if (kind === 1) d += U2;
    else d += D - 2 * U1 + U2;
  }
  ws.dg = -d;
  sc[SC_RET] = ws.tot_mol_L[T_S2]! - taken;
}

/**
 * After a pass: ionic strength and free ligands from the full speciation at the pass's pH. Returns true when they
 * moved less than TOL_PASS, i.e. the pass was already self-consistent.
 */
function updateIonicStrength(ws: EquilibriumWorkspace): boolean {
  const t = ws.tot_mol_L;
  const h = Math.exp(ws.x);
  const ih = 1 / h;
  const hn = ws.hn;
  hn[1] = ih;
  fillHn(hn);
  const HS = ws.HS;
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
    const end = SP_START[i + 1]!;
    const hsStart = SP_HS[i]!;
    for (let j = SP_POLY[i]!; j < hsStart; j++) sum += SP_Z2[j]! * ws.spC[j]! * ipow(m, SP_K[j]!) * hn[SP_N[j]!]!;
    if (HS > 0) for (let j = hsStart; j < end; j++) sum += SP_Z2[j]! * ws.spC[j]! * m * hn[SP_N[j]!]! * ws.hsPow[SP_NHS[j]!]!;
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
    const T = t[WA_TOT[w]!]!;
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
  const done =
    Math.abs(I - ws.I) <= ws.tolPass * I &&
    Math.abs(clFree - ws.clFree) <= ws.tolPass * clFree &&
    Math.abs(so4 - ws.so4Pass) <= ws.tolPass * so4 &&
    Math.abs(rSO4 - rOld) <= ws.tolPass * (1 + rSO4);
  ws.I = I;
  ws.clFree = clFree;
  ws.so4Pass = so4;
  return done;
}

/** Read-outs from the converged state. */
function finishSolve(ws: EquilibriumWorkspace, base: number): void {
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
  ws.activityOH = (ws.KwC * g1) / h;
  ws.activityCl = ws.clFree * g1;
  ws.activitySO4 = ws.so4Free * ws.gAll[2]!;
  ws.activityHS = ws.HS * g1;
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
