/**
 * The shared body of every chemical-treatment reactor: a constant-volume, well-mixed tank that
 * overflows what comes in, with dosing loops (probe → controller → dosing pump → reagent), kinetic
 * reactions supplied by the unit type, and the metal equilibrium (pH from the charge balance;
 * dissolved metal approaching its solubility with a time constant).
 *
 * One step, operator-split as DESIGN §4 orders it:
 *   1. hydraulics — the step's inflow mixes into the tank (working volume V + Q·dt);
 *   2. dosing — controllers act on last step's probe readings, pumps deliver reagent into the tank; while
 *      nothing flows in, the pumps are interlocked off and their controllers hold (the usual interlock with
 *      the feed pump: a loop dosing into a standing tank only overshoots what it will send on);
 *   3. reactions — the unit type's kinetics (Cr(VI) reduction, cyanide oxidation, complex breaking);
 *   4. equilibrium — pH, and precipitation/redissolution toward saturation;
 *   5. the step's outflow Q·dt is drawn at the reacted contents, and probes read them (pH, ORP).
 * A step longer than MAX_SUBSTEP_S (substeps.ts) is taken as that many sub-steps of 1–5, the outflow their mean.
 * The inflow over such a step is not held but rebuilt as a ramp through the step's mean (see `step`), so a rise
 * upstream arrives as a rise, not all at once at the step's start.
 *
 * Steps 1–5 together are the implicit (backward) Euler step of the stirred tank's whole equation,
 * dc/dt = (Q/V)(c_in − c) − k·c + dose, when the kinetics of steps 3–4 use the same implicit form over the
 * contact time θ = dt·V/(V + Q·dt): a first-order process of rate k converts k·θ/(1 + k·θ) of the contents
 * (`stirredFraction`). That makes the steady state exactly the stirred tank's, c = c_in/(1 + k·V/Q), at any step.
 * A batch exponential, 1 − e^(−k·dt), instead lets every parcel of feed react a whole step before any of it
 * leaves, while in a stirred tank some leaves at once: with Cr(VI) reduced at k ≈ 0.45/s it cut the
 * reactor's leak 2,000-fold at a 60 s step, and the results moved with the step. The books stay exact.
 */
import { C, NC } from '../components.ts';
import { METAL_COMPONENT, METAL_PARTICULATE } from '../chemistry/index.ts';
import { S_PER_H } from '../convert.ts';
import { Pid } from '../control/index.ts';
import { basinDepth, basinVolume, inRange, param, positive, type Range } from '../model/params.ts';
import { subStepped, substepsOf } from './substeps.ts';
import { ReactorEquilibrium } from './equilibrium.ts';
import { addDoseChannels, buildLoop, defineLoopAlarms, loopSettings, type DosingLoopParams } from './dosingLoops.ts';
import { unitChannel, type UnitContext, type UnitRuntime } from './unitType.ts';
import { ACTIVATION_ENERGY_DEFAULT, arrheniusFactor, nernstFactor, temperatureFollower } from './temperature.ts';

/** Activation energies a reactor's kinetics may take, kJ/mol: from none (no temperature effect) to the steepest aqueous reactions. */
const ACTIVATION_ENERGY_kJ_mol: Range = { min: 0, max: 200 };

export const reactorGeometry = {
  volume_m3: param(basinVolume),
  depth_m: param(basinDepth),
  /** time constant of the approach of dissolved metal to its solubility */
  precipitation_tau_s: param(positive),
  /** activation energy of the unit's kinetics, whose rate constants the file states at 25 °C (default ACTIVATION_ENERGY_DEFAULT) */
  activation_energy_kJ_mol: param(inRange(ACTIVATION_ENERGY_kJ_mol)).optional(),
  /**
   * time constant of calcite's approach to saturation (growth on the tank's solids, far slower than the hydroxides');
   * without it a hard water's calcite stays supersaturated, as in a tank without seed
   */
  calcite_tau_s: param(positive).optional(),
};

/** What a reactor's spec takes of the parameters `reactorGeometry` gives every reaction tank. */
type Valued = { value: number };
export function geometrySpec(p: { volume_m3: Valued; precipitation_tau_s: Valued; calcite_tau_s?: Valued | undefined; activation_energy_kJ_mol?: Valued | undefined }) {
  return {
    volume_m3: p.volume_m3.value,
    precipitation_tau_s: p.precipitation_tau_s.value,
    calcite_tau_s: p.calcite_tau_s?.value,
    activation_energy_kJ_mol: p.activation_energy_kJ_mol?.value,
  };
}

/**
 * The share of a stirred tank's contents that a first-order process of rate `rate_per_s` converts over a step of
 * contact time `contact_s` (the θ the reactor hands its kinetics): the implicit-Euler k·θ/(1 + k·θ), which keeps
 * the tank's steady state exact at any step (see the head of this file).
 */
export function stirredFraction(rate_per_s: number, contact_s: number): number {
  const x = rate_per_s * contact_s;
  return x > 0 ? x / (1 + x) : 0;
}

/** Deviation alarms stay quiet for the first hour of a run, while the loops bring a fresh fill to set-point. */
const STARTUP_INHIBIT_S = 3600;

/** Reactor state slots (besides concentrations): pH, ORP, ionic strength; whether `lastIn` holds a long step's inflow. */
export const ST_PH = 0, ST_ORP = 1, ST_I = 2;
const ST_HAS_LAST_IN = 3;
const ST_SLOTS = 4;

export interface ReactorSpec {
  ctx: UnitContext;
  volume_m3: number;
  precipitation_tau_s: number;
  /** calcite's approach to saturation; undefined: none */
  calcite_tau_s?: number | undefined;
  /** of the kinetics `react` runs (default ACTIVATION_ENERGY_DEFAULT) */
  activation_energy_kJ_mol?: number | undefined;
  loops: Record<string, DosingLoopParams>;
  /**
   * the unit's kinetics over one step, on the tank contents (mg/L), in the implicit form over the contact time
   * `contact_s` (`stirredFraction` for a first-order process); returns nothing, books via `react`. The unit's rate
   * constants are its 25 °C ones: `contact_s` comes weighted by what the water's temperature does to them (Arrhenius),
   * which for rates proportional to their constants is the same as moving every constant
   */
  react?: (c: Float64Array, contact_s: number, pH: number, react: (component: number, dC_mg_L: number) => void) => void;
  /**
   * the ORP a probe would read, mV, for the tank contents; `nernst` (nernstFactor) scales the model's slopes, per
   * decade and per pH unit, stated at 25 °C, to the water's temperature
   */
  orp?: (c: Float64Array, pH: number, nernst: number) => number;
  /** called at the end of every step (the unit's own alarms) */
  afterStep?: (t_s: number, dt_s: number) => void;
  /** extra runtime parameters of the unit type */
  settable?: () => Record<string, number | boolean>;
  set?: (name: string, value: number | boolean) => string | undefined;
  /** the bounds `set` holds its numbers to */
  ranges?: () => Readonly<Record<string, Range>>;
}

/**
 * What the equilibrium of every reactor turns into each other (`UnitType.converts`): each metal and its precipitate,
 * dissolved sulfide and the sulfide in the solids, calcium and its calcite.
 */
export const EQUILIBRIUM_PAIRS: readonly (readonly [number, number])[] = [
  ...METAL_COMPONENT.map((j, i) => [j, METAL_PARTICULATE[i]!] as const),
  [C.S2, C.S_p],
  [C.Ca, C.Ca_p],
];

export interface Reactor extends UnitRuntime {
  readonly state: Float64Array;
  readonly c_mg_L: Float64Array;
  /** grams of product the named loop delivered in this step or sub-step (read inside `react`) */
  delivered_g(loop: string): () => number;
}

export function createReactor(spec: ReactorSpec): Reactor {
  const { ctx, volume_m3: V } = spec;
  const active = ctx.active;
  const c = ctx.arena.alloc(NC);
  const st = ctx.arena.alloc(ST_SLOTS);
  /** the last long step's mean inflow concentrations: the slope of the next one's ramp */
  const lastIn = ctx.arena.alloc(NC);
  st[ST_PH] = 7;
  const inlet = ctx.streams.inlet(ctx.inputs['in']!);
  const outSlot = ctx.outputs['out']!;
  const cOut = ctx.streams.concView(outSlot);
  const eq = new ReactorEquilibrium(ctx.arena, ctx.water);
  const precipitationRate_per_s = 1 / spec.precipitation_tau_s;
  const calciteRate_per_s = spec.calcite_tau_s === undefined ? 0 : 1 / spec.calcite_tau_s;
  let kineticsAtTemperature = 1, nernst = 1;
  const followWater = temperatureFollower(ctx.water, (t_C) => {
    kineticsAtTemperature = arrheniusFactor(spec.activation_energy_kJ_mol ?? ACTIVATION_ENERGY_DEFAULT.value, t_C);
    nernst = nernstFactor(t_C);
  });

  const loops = Object.entries(spec.loops).map(([name, l]) => buildLoop(ctx, name, l));

  /** working volume of the current step: the tank plus the step's inflow */
  const work = ctx.arena.alloc(1);
  const react = (component: number, dC_mg_L: number) => {
    c[component]! += dC_mg_L;
    ctx.books.react(component, dC_mg_L * work[0]!);
  };

  const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
  ctx.channels.add(ch('pH', 'pH', '', 'pH', 'pH'), [[st, ST_PH, 1]]);
  if (loops.some((l) => l.probeKind === 'ORP')) ctx.channels.add(ch('ORP_mV', 'ORP', 'mV', 'ORP', '氧化还原电位'), [[st, ST_ORP, 1]]);
  addDoseChannels(ctx, loops);
  const loopAlarms = loops.map((l) => defineLoopAlarms(ctx, l, spec.loops[l.name]!.deviation_alarms ?? 'both'));
  const settings = loops.flatMap(loopSettings);

  /** One step (or sub-step) `dt_s` long of the reactor with inflow `q`, m³/s: steps 1–5 above. */
  function substep(t_s: number, dt_s: number, q: number, cin: Float64Array): void {
    // 1. hydraulics: the inflow joins the contents
    const vIn = q * dt_s;
    let vw = V + vIn;
    work[0] = vw;
    if (vIn > 0) {
      const keep = V / vw, add = vIn / vw;
      for (let k = 0; k < active.length; k++) {
        const j = active[k]!;
        c[j] = keep * c[j]! + add * cin[j]!;
      }
    }
    // 2. dosing on last step's readings: the pumps' solution joins the contents too, and leaves with the outflow
    const q_m3_h = q * S_PER_H;
    let vDose = 0;
    for (let k = 0; k < loops.length; k++) {
      const l = loops[k]!;
      let command: number;
      if (l.ratio) {
        // g product/h wanted → m³/h of solution (a ratio loop's pump takes its command in m³/h)
        command = l.controller.update(dt_s, q_m3_h) / l.productPerM3_g;
      } else {
        command = q > 0 ? l.controller.update(dt_s, l.probe!.reading) : 0;
      }
      const solution_m3 = (l.pump.update(dt_s, command) / S_PER_H) * dt_s;
      const product_g = solution_m3 * l.productPerM3_g;
      l.rate[0] = (product_g / 1000 / dt_s) * S_PER_H;
      l.rate[1] = product_g;
      l.rate[2] = solution_m3;
      vDose += solution_m3;
    }
    if (vDose > 0) {
      const keep = vw / (vw + vDose);
      for (let k = 0; k < active.length; k++) c[active[k]!]! *= keep;
      vw += vDose;
      work[0] = vw;
    }
    for (let k = 0; k < loops.length; k++) loops[k]!.feed.deliver(loops[k]!.rate[1]!, loops[k]!.rate[2]!, c, vw);
    ctx.streams.setFlow(outSlot, q + vDose / dt_s);
    // 3. kinetics, over the contact time that makes steps 1–5 the tank's implicit step
    const contact_s = (dt_s * V) / vw;
    spec.react?.(c, contact_s * kineticsAtTemperature, st[ST_PH]!, react);
    // 4. equilibrium and precipitation
    st[ST_PH] = eq.precipitate(c, stirredFraction(precipitationRate_per_s, contact_s), react, stirredFraction(calciteRate_per_s, contact_s));
    st[ST_I] = eq.ionicStrength_mol_L;
    st[ST_ORP] = spec.orp === undefined ? 0 : spec.orp(c, st[ST_PH]!, nernst);
    // 5. the outflow leaves at the reacted contents (the caller writes it); the probes read them
    for (let k = 0; k < loops.length; k++) {
      const l = loops[k]!;
      if (l.probe !== undefined) l.probe.update(dt_s, l.probeKind === 'pH' ? st[ST_PH]! : st[ST_ORP]!);
      const a = loopAlarms[k]!;
      const t1 = t_s + dt_s;
      a.trip.update(dt_s, l.pump.tripped ? 1 : 0, t1);
      if ((a.high !== undefined || a.low !== undefined) && l.controller instanceof Pid) {
        // start-up inhibit: a reactor starts from an arbitrary fill, not at its set-point
        const deviation = t1 <= STARTUP_INHIBIT_S ? 0 : l.probe!.reading - l.controller.setpoint;
        a.high?.update(dt_s, deviation, t1);
        a.low?.update(dt_s, deviation, t1);
      }
    }
    spec.afterStep?.(t_s, dt_s);
  }

  // scratch of a long step: its inflow (m³/s), each component's change across it, and a sub-step's inflow
  const stepFlow = new Float64Array(1), rampIn = new Float64Array(NC), subIn = new Float64Array(NC);
  // a long step in sub-steps the loops can follow (substeps.ts): the outflow at their mean, the dose channels at
  // the step's mean rate
  const stepped = subStepped(ctx.streams, Int32Array.of(outSlot), active, loops.map((l) => [l.rate, 0] as const), (t_s, h, i, n) => {
    let feed = inlet.conc;
    if (n > 1) {
      const at = (i + 0.5) / n - 0.5;
      for (let k = 0; k < active.length; k++) subIn[active[k]!] = feed[active[k]!]! + rampIn[active[k]!]! * at;
      feed = subIn;
    }
    substep(t_s, h, stepFlow[0]!, feed);
    for (let k = 0; k < active.length; k++) cOut[active[k]!] = c[active[k]!]!;
  });

  const runtime = {
    state: st,
    c_mg_L: c,
    delivered_g(name: string) {
      const l = loops.find((x) => x.name === name);
      if (l === undefined) throw new RangeError(`${ctx.id}: no dosing loop "${name}"`);
      return () => l.rate[1]!;
    },
    step(t_s: number, dt_s: number) {
      followWater();
      const q = inlet.read(active);
      stepFlow[0] = q;
      if (substepsOf(dt_s) > 1) {
        // the inflow within a long step: a ramp through the step's mean m whose change across the step is the
        // change of the means since the last step (second order, like a finite-volume reconstruction), limited to
        // ±2m so that no sub-step's inflow is negative; the sub-steps' inflows average to m, so the books stay exact
        const cin = inlet.conc, ramp = st[ST_HAS_LAST_IN] === 1;
        for (let k = 0; k < active.length; k++) {
          const j = active[k]!, m = cin[j]!;
          const d = ramp ? m - lastIn[j]! : 0;
          rampIn[j] = d > 2 * m ? 2 * m : d < -2 * m ? -2 * m : d;
          lastIn[j] = m;
        }
        st[ST_HAS_LAST_IN] = q > 0 ? 1 : 0;
      }
      stepped(t_s, dt_s);
    },
    water_m3: () => V,
    addInventory(acc_g: Float64Array) {
      for (let k = 0; k < active.length; k++) {
        const j = active[k]!;
        acc_g[j]! += V * c[j]!;
      }
    },
    ranges() {
      const out: Record<string, Range> = { ...spec.ranges?.() };
      for (const part of settings) part.addRanges(out);
      return out;
    },
    settable() {
      const out: Record<string, number | boolean> = { ...spec.settable?.() };
      for (const part of settings) part.addValues(out);
      return out;
    },
    set(name: string, value: number | boolean): string | undefined {
      const part = settings.find((x) => x.owns(name));
      if (part !== undefined) return part.set(name, value);
      if (spec.set !== undefined && spec.settable !== undefined && name in spec.settable()) return spec.set(name, value);
      return `${ctx.id} has no runtime parameter "${name}"`;
    },
  };
  return runtime;
}
