/**
 * The metal equilibrium as a reactor uses it: pH from the charge balance of the tank contents, and
 * each metal's dissolved concentration moved toward its solubility by a fraction f of the gap per
 * step (f = 1 − exp(−dt/τ), a first-order approach with time constant τ: a short reactor leaves
 * some metal dissolved). Undersaturated metal re-dissolves from its particulate. Sulfide bound into
 * solids leaves the dissolved S(−II) the same way.
 *
 * Ferrous iron (Fe2) is not in the equilibrium model; it enters the charge balance as a strong
 * divalent cation (2 Na⁺ equivalents), which is what it is below pH 8.
 */
import type { ExternalState, StateArena } from '../arena.ts';
import { C, MOLAR_MASS_G_MOL } from '../components.ts';
import { mgL_to_molL, molL_to_mgL } from '../convert.ts';
import {
  METALS, METAL_COMPONENT, METAL_PARTICULATE, TOT, calciteExcess_mol_L, co2Fraction, createEquilibriumWorkspace, loadTotalsFromStream, scalingIndices, setWorkspaceTemperature, solveChargeBalance,
  type EquilibriumWorkspace,
} from '../chemistry/index.ts';
import type { WaterTemperature } from '../waterTemperature.ts';
import type { UnitContext } from './unitType.ts';

const FE2_G_MOL = MOLAR_MASS_G_MOL.Fe2;
const S_G_MOL = MOLAR_MASS_G_MOL.S2;
const CA_G_MOL = MOLAR_MASS_G_MOL.Ca;
const MG_G_MOL = MOLAR_MASS_G_MOL.Mg;
const TIC_G_MOL = MOLAR_MASS_G_MOL.TIC;

/** Calcium's molar share of a water's calcium and magnesium, which the equilibrium holds as one total (scaling.ts). */
function calciumShare(conc_mg_L: Float64Array): number {
  const ca = conc_mg_L[C.Ca]! / CA_G_MOL, mg = conc_mg_L[C.Mg]! / MG_G_MOL;
  return ca + mg > 0 ? ca / (ca + mg) : 0;
}

export class ReactorEquilibrium {
  private readonly ws: EquilibriumWorkspace;
  private readonly water: WaterTemperature;
  /** [0] ionic strength of the last solve, [1] its pH */
  private readonly st: Float64Array;

  constructor(arena: StateArena, water: WaterTemperature) {
    this.water = water;
    this.ws = createEquilibriumWorkspace({ temperature_C: water.now_C, precision: 'process' });
    this.st = arena.alloc(2);
    this.st[1] = 7;
    // the warm start shapes the iterations: snapshots must carry it for a bit-identical continuation
    arena.attach(workspaceState(this.ws));
  }

  get ionicStrength_mol_L(): number {
    return this.st[0]!;
  }

  /**
   * pH of the contents with solids forming (and the contents moved toward equilibrium by `f`; calcite, formed outside
   * the equilibrium on its own slower time, by `fCalcite`).
   */
  precipitate(c: Float64Array, f: number, react: (component: number, dC_mg_L: number) => void, fCalcite = 0): number {
    const ws = this.ws;
    setWorkspaceTemperature(ws, this.water.now_C);
    loadTotalsFromStream(c, ws, true);
    const fe2 = c[C.Fe2]!;
    if (fe2 > 0) ws.tot_mol_L[TOT.Na]! += 2 * mgL_to_molL(fe2, FE2_G_MOL);
    const pH = solveChargeBalance(ws, true);
    // contents far beyond every real water (hundreds of mol/L, after a runaway dose) have no solution: the tank keeps its
    // last pH and nothing precipitates this step, rather than a NaN spreading through the plant
    if (!Number.isFinite(pH)) return this.st[1]!;
    this.st[0] = ws.ionicStrength_mol_L;
    this.st[1] = pH;
    if (f > 0) {
      for (let i = 0; i < METALS.length; i++) {
        const dj = METAL_COMPONENT[i]!, pj = METAL_PARTICULATE[i]!;
        const gap = c[dj]! - ws.dissolved_mg_L[i]!;
        if (gap > 0) {
          const x = gap * f;
          react(dj, -x);
          react(pj, x);
        } else if (gap < 0 && c[pj]! > 0) {
          const x = Math.min(c[pj]!, -gap * f);
          react(dj, x);
          react(pj, -x);
        }
      }
      // dissolved sulfide approaches what the equilibrium leaves dissolved; the rest is in (or comes back from) the solids
      const s = c[C.S2]!, sp = c[C.S_p]!;
      if (s > 0 || sp > 0) {
        const sEq = molL_to_mgL(ws.sulfideDissolved_mol_L, S_G_MOL);
        if (s > sEq) {
          react(C.S2, -(s - sEq) * f);
          react(C.S_p, (s - sEq) * f);
        } else if (sp > 0) {
          const x = Math.min(sp, (sEq - s) * f);
          react(C.S2, x);
          react(C.S_p, -x);
        }
      }
    }
    if (fCalcite > 0 && (c[C.Ca]! > 0 || c[C.Ca_p]! > 0)) this.calcite(c, fCalcite, react);
    return pH;
  }

  /**
   * Calcite toward saturation by `f` of the gap: CaCO₃ drops calcium and inorganic carbon mole for mole (taking it from
   * bicarbonate releases acid, which the next step's charge balance sees), or an undersaturated water takes it back up.
   */
  private calcite(c: Float64Array, f: number, react: (component: number, dC_mg_L: number) => void): void {
    const x = calciteExcess_mol_L(this.ws, calciumShare(c));
    let d = x * f;
    if (d < 0) d = -Math.min(-d, mgL_to_molL(c[C.Ca_p]!, CA_G_MOL));
    if (d === 0) return;
    react(C.Ca, -molL_to_mgL(d, CA_G_MOL));
    react(C.Ca_p, molL_to_mgL(d, CA_G_MOL));
    react(C.TIC, -molL_to_mgL(d, TIC_G_MOL));
  }
}

/** Every number, flag and typed array of a workspace, copied field by field (warm start and scratch alike). */
function workspaceState(ws: EquilibriumWorkspace): ExternalState {
  const fields = Object.keys(ws) as (keyof EquilibriumWorkspace)[];
  const bag = ws as unknown as Record<string, unknown>;
  return {
    save() {
      const out: Record<string, unknown> = {};
      for (const k of fields) {
        const v = bag[k];
        out[k] = ArrayBuffer.isView(v) ? (v as Float64Array).slice() : v;
      }
      return out;
    },
    load(saved) {
      const src = saved as Record<string, unknown>;
      for (const k of fields) {
        const v = bag[k];
        if (ArrayBuffer.isView(v)) (v as Float64Array).set(src[k] as Float64Array);
        else if (typeof v === 'number' || typeof v === 'boolean') bag[k] = src[k];
      }
    },
  };
}

/**
 * How often an online pH analyser at a monitoring point reports, s: outfall analysers log a reading
 * every few minutes, and a solve per step there would cost as much as a reactor's.
 */
const ANALYSER_INTERVAL_S = 300;

/**
 * The pH of a stream as sampled — its charge balance with nothing precipitating in the sample bottle —
 * for monitoring points and what a membrane sees. Warm-started from the last sample; its workspace joins snapshots.
 */
export class StreamPH {
  private readonly ws: EquilibriumWorkspace;
  private readonly water: WaterTemperature;

  constructor(arena: StateArena, water: WaterTemperature) {
    this.water = water;
    this.ws = createEquilibriumWorkspace({ temperature_C: water.now_C, precision: 'process' });
    arena.attach(workspaceState(this.ws));
  }

  of(conc_mg_L: Float64Array): number {
    const ws = this.ws;
    setWorkspaceTemperature(ws, this.water.now_C);
    loadTotalsFromStream(conc_mg_L, ws, false);
    const fe2 = conc_mg_L[C.Fe2]!;
    if (fe2 > 0) ws.tot_mol_L[TOT.Na]! += 2 * mgL_to_molL(fe2, FE2_G_MOL);
    return solveChargeBalance(ws, false);
  }

  /**
   * The last sample's saturation indices of calcite and gypsum into `out` ([0], [1]; chemistry/scaling.ts), for the
   * water `conc_mg_L` it sampled.
   */
  scaling(conc_mg_L: Float64Array, out: Float64Array): void {
    scalingIndices(this.ws, calciumShare(conc_mg_L), out);
  }

  /** The share of the last sample's inorganic carbon that is dissolved CO₂. */
  co2Fraction(): number {
    return co2Fraction(this.ws);
  }
}

/**
 * An online pH analyser at a monitoring point: a StreamPH reading every ANALYSER_INTERVAL_S of
 * simulated time, held in between. Its reading and countdown live in the arena:
 * `state[0]` is the reading, for a channel.
 */
export class PHAnalyser {
  readonly state: Float64Array;
  private readonly ph: StreamPH;

  constructor(arena: StateArena, water: WaterTemperature) {
    this.ph = new StreamPH(arena, water);
    this.state = arena.alloc(2); // [0] reading, [1] seconds until the next
    this.state[0] = 7;
  }

  get reading(): number {
    return this.state[0]!;
  }

  /**
   * The reading after the water `conc_mg_L` has flowed past for a step of `dt_s`; `onSolved` reads more of a fresh
   * sample's speciation (an RO's scaling) while it is there.
   */
  sample(conc_mg_L: Float64Array, dt_s: number, onSolved?: (water: StreamPH) => void): number {
    const st = this.state;
    if (st[1]! <= 0) {
      const pH = this.ph.of(conc_mg_L);
      // as in a reactor: a water beyond every solution keeps the last reading
      if (Number.isFinite(pH)) {
        st[0] = pH;
        onSolved?.(this.ph);
      }
      st[1] = ANALYSER_INTERVAL_S;
    }
    st[1]! -= dt_s;
    return st[0]!;
  }
}

/**
 * The online pH analyser of an outfall or a monitoring point: its reading is the unit's channel `<id>.pH` and what
 * compliance judges pH by there (the runtime's `analyserPH`). Sample it each step the water flows.
 */
export function onlinePHAnalyser(ctx: Pick<UnitContext, 'id' | 'name' | 'arena' | 'water' | 'channels'>): PHAnalyser {
  const analyser = new PHAnalyser(ctx.arena, ctx.water);
  ctx.channels.add({ id: `${ctx.id}.pH`, unit: ctx.id, quantity: 'pH', uom: '', label: { en: `${ctx.name.en} pH`, zh: `${ctx.name.zh} pH` } }, [[analyser.state, 0, 1]]);
  return analyser;
}
