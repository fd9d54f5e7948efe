/**
 * The equilibrium workspace: everything one solve needs — inputs (totals), read-outs and warm-start state — in
 * typed arrays allocated once per reactor, so a solve allocates nothing. Also how a stream's concentrations load into it.
 */
import { C, MOLAR_MASS_G_MOL } from '../components.ts';
import { mgL_to_molL } from '../convert.ts';
import { CONSTANTS_TEMPERATURE_C, GAMMA_TABLE_SIZE, METAL_COMPONENT, METAL_PARTICULATE, TOT_COMPONENT, TOT_MOLAR_MASS_G_MOL } from './constants.ts';
import * as T from './tables.ts';
import { temperatureKey, thermoAt, type Thermo } from './thermo.ts';

// tables and functions bound locally: the hot code must not read an import binding (a transpiled one is a getter)
const LN10 = T.LN10;
const TOL_X = T.TOL_X;
const TOL_PASS = T.TOL_PASS;
const TOL_X_PROCESS = T.TOL_X_PROCESS;
const TOL_PASS_PROCESS = T.TOL_PASS_PROCESS;
const PASS_CACHE_TOL_PROCESS = T.PASS_CACHE_TOL_PROCESS;
const TOL_Y = T.TOL_Y;
const TOL_Y_PROCESS = T.TOL_Y_PROCESS;
const MS_STRIDE = T.MS_STRIDE;
const NMET = T.NMET;
const NT = T.NT;
const NPH = T.NPH;
const T_S2 = T.T_S2;
const T_CA = T.T_CA;
const MW = T.MW;
const NSP = T.NSP;
const NWA = T.NWA;

/** Everything one equilibrium needs: inputs, read-outs and warm-start state. Create once, reuse for every solve. */
export class EquilibriumWorkspace {
  /** the water's temperature in tenths of a degree (setWorkspaceTemperature), and the constants at it (shared, read-only) */
  temperatureKey: number;
  thermo: Thermo;

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
  /** γ table: [0] = 1 (neutral), [1..5] Davies by |z|, [7..11] limiting law by |z|, then per ion-size class 6 more (constants.ts) */
  readonly gAll = new Float64Array(GAMMA_TABLE_SIZE);
  /** inverses of gAll */
  readonly igAll = new Float64Array(GAMMA_TABLE_SIZE);
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
  /** inorganic carbon not held in metal complexes, mol/L (lagged one pass: its acid–base forms are the weak acid's) */
  carbFree = 0;
  caFree = 0;
  /** d[SO4²⁻]free / d ln{H⁺} at the last evaluation */
  so4Slope = 0;
  /** ln[HS⁻] and free HS⁻, mol/L */
  y = 0;
  /** ln{H⁺} at which y was found, and d y / d ln{H⁺} there: the next sulfide search starts on that tangent */
  yAtX = 0;
  dydx = 0;
  /** d y / d ln{H⁺} at the last sulfide-balance evaluation */
  dydxLast = 0;
  /** how far the first sulfide search of the last solve moved from the tangent (the step's drift), and this solve's tangent start */
  yDrift = 0;
  yFirstGuess = NaN;
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
  /** [H₂CO₃*]^n for n = 0…2 at the last evaluation */
  readonly lPow = new Float64Array(3);
  /** scalars passed between internal functions (SC_* indices) */
  readonly sc = new Float64Array(8);
  df = 0;
  dg = 0;
  readonly spTmp = new Float64Array(NSP);
  /**
   * Per-metal state of the last evaluation, MS_STRIDE doubles per metal (one block: fewer loads in the hot loop):
   * free ion, dissolved total, H⁺ released by its species, d(charge)/d ln{H⁺}, metal in hydroxide, metal in sulfide,
   * S in bisulfide complexes and its second moment, kind (0 dissolved, 1 hydroxide-, 2 sulfide-saturated), the
   * bisulfide complexes' H⁺ moment, and the inorganic carbon in its carbonate complexes.
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
    this.temperatureKey = temperatureKey(temperature_C);
    this.thermo = thermoAt(this.temperatureKey / 10);
    this.tolX = precision === 'process' ? TOL_X_PROCESS : TOL_X;
    this.tolY = precision === 'process' ? TOL_Y_PROCESS : TOL_Y;
    this.tolPass = precision === 'process' ? TOL_PASS_PROCESS : TOL_PASS;
    this.passCacheTol = precision === 'process' ? PASS_CACHE_TOL_PROCESS : 0;
  }

  /** °C, to the tenth of a degree the constants are built at */
  get temperature_C(): number {
    return this.temperatureKey / 10;
  }
}

/**
 * Moves a workspace to the water's temperature `t_C` (held to 0.1 °C). A change of temperature drops the pass
 * constants built at the old one. The constants object follows the key alone, so a workspace restored from a
 * snapshot (which carries the key, not the object) picks up the right one without a change of course.
 */
export function setWorkspaceTemperature(ws: EquilibriumWorkspace, t_C: number): void {
  const key = temperatureKey(t_C);
  if (key !== ws.temperatureKey) {
    ws.temperatureKey = key;
    ws.passKeyValid = false;
  }
  if (ws.thermo.temperature_C !== key / 10) ws.thermo = thermoAt(key / 10);
}

export interface EquilibriumOptions {
  /** °C (default 25, the constants' own): the constants move to it as thermo.ts says, within its range */
  temperature_C?: number;
  /** 'reference' (default): to 2e-7 pH, for jar tests and the reference points; 'process': to ≈ 4e-5 pH, for reactors */
  precision?: 'reference' | 'process';
}

export function createEquilibriumWorkspace(opts: EquilibriumOptions = {}): EquilibriumWorkspace {
  return new EquilibriumWorkspace(opts.temperature_C ?? CONSTANTS_TEMPERATURE_C, opts.precision ?? 'reference');
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
  // magnesium is counted with calcium: the same charge, and nearly the same sulfate pair (MgSO4° log K 2.37, CaSO4° 2.36)
  const mg = conc_mg_L[MG]!;
  if (mg > 0) t[T_CA]! += mg * MG_MOL_PER_MG;
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
const MG = C.Mg;
const MG_MOL_PER_MG = mgL_to_molL(1, MOLAR_MASS_G_MOL.Mg);

/** Forgets the warm-start state: the next solve starts from scratch. */
export function resetWarmStart(ws: EquilibriumWorkspace): void {
  ws.warm = false;
}
