/**
 * The dosing loops of a chemical reactor: the model format of a loop (reagent, solution, pump, probe, controller),
 * and at run time its probe, controller, pump and reagent feed, with its alarms, settings and channels. The reactor
 * (reactor.ts) steps them; this file builds them.
 */
import { z } from 'zod';
import type { ComponentId } from '../components.ts';
import { DEVIATION_ALARM_SIDES, Pid, OnOff, Ratio, Pump, Sensor, prefixed, type LimitAlarm, type PrefixedSettable } from '../control/index.ts';
import { dosingPumpCapacity_L_h, finite, inRange, nonNegative, param, positive, positiveFraction, solutionDensity, type Range } from '../model/params.ts';
import { REAGENTS, REAGENT_IDS, ReagentFeed, reagentComponents, type ReagentId } from './reagents.ts';
import { unitChannel, type UnitContext } from './unitType.ts';

/** What a probe measures. */
export type ProbeKind = 'pH' | 'ORP';

/** A dose by ratio to the flow, mg of product per litre: no more than a kilogram in a litre. */
const RATIO_DOSE_mg_L: Range = { min: 0, max: 1e6 };

/** What a probe reads (pH units; mV): its set-points are held within it, in the model file and while the plant runs. */
export const PROBE_SPAN: Readonly<Record<ProbeKind, Range>> = { pH: { min: 0, max: 14 }, ORP: { min: -1000, max: 1500 } };

const controllerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('pid'),
    setpoint: finite,
    kp: positive,
    ti_s: nonNegative,
    td_s: nonNegative.optional(),
    action: z.enum(['reverse', 'direct']),
  }),
  z.strictObject({ type: z.literal('onoff'), setpoint: finite, deadband: positive, action: z.enum(['reverse', 'direct']) }),
  z.strictObject({ type: z.literal('ratio'), dose_mg_L: inRange(RATIO_DOSE_mg_L) }),
]);

/** A dosing loop: the reagent, its pump, the probe it follows (none for ratio dosing) and the controller. */
export const dosingLoop = param(
  z.strictObject({
    reagent: z.enum(REAGENT_IDS as [ReagentId, ...ReagentId[]]),
    /** product mass fraction of the dosed solution (0.3 for 30 % NaOH) */
    solution_frac: positiveFraction,
    solution_density_kg_L: solutionDensity,
    pump_capacity_L_h: dosingPumpCapacity_L_h,
    probe: z.strictObject({ kind: z.enum(['pH', 'ORP']), tau_s: nonNegative, noise_sd: nonNegative }).optional(),
    controller: controllerSchema,
    /**
     * Which deviations of a PID loop's reading from its set-point raise an alarm (default both). A trim that
     * only ever acts one way (a caustic loop under an acid one, split range) alarms on its own side only:
     * water arriving on the other side is not its fault, and an alarm no action can clear is a nuisance.
     */
    deviation_alarms: z.enum(DEVIATION_ALARM_SIDES).optional(),
  }).superRefine((l, ctx) => {
    // a feedback loop acts on what a probe reads; only ratio dosing goes without one
    if (l.controller.type !== 'ratio' && l.probe === undefined) {
      ctx.addIssue({ code: 'custom', path: ['probe'], message: `a ${l.controller.type} loop needs a probe (pH or ORP) to act on` });
    }
    if (l.probe === undefined) return;
    const span = PROBE_SPAN[l.probe.kind], unit = l.probe.kind === 'pH' ? '' : ' mV';
    if (l.controller.type !== 'ratio' && !(l.controller.setpoint >= span.min && l.controller.setpoint <= span.max)) {
      ctx.addIssue({ code: 'custom', path: ['controller', 'setpoint'], message: `a ${l.probe.kind} set-point is between ${span.min} and ${span.max}${unit}, what its probe reads` });
    }
    if (l.probe.noise_sd > span.max - span.min) {
      ctx.addIssue({ code: 'custom', path: ['probe', 'noise_sd'], message: `must be between 0 and ${span.max - span.min}${unit}, the probe's span` });
    }
  }),
);
export type DosingLoopParams = z.infer<typeof dosingLoop>['value'];

/** Components a set of dosing loops brings into a unit. */
export function loopComponents(loops: Record<string, DosingLoopParams>): ComponentId[] {
  return Object.values(loops).flatMap((l) => reagentComponents(l.reagent));
}

export interface LoopRuntime {
  name: string;
  probeKind: ProbeKind | undefined;
  probe: Sensor | undefined;
  controller: Pid | OnOff | Ratio;
  /** ratio dosing: the controller's input is the inflow, its output g/h of product */
  ratio: boolean;
  reagent: ReagentId;
  pump: Pump;
  /** grams of product per m³ of solution pumped */
  productPerM3_g: number;
  feed: ReagentFeed;
  /** [0] mean dose rate over the last step, kg product/h; [1] grams of product and [2] m³ of solution delivered in the last (sub-)step */
  rate: Float64Array;
}

/** A loop at run time, built from its model-file form. */
export function buildLoop(ctx: UnitContext, name: string, l: DosingLoopParams): LoopRuntime {
  const ctl = l.controller;
  const controller =
    ctl.type === 'pid'
      ? new Pid(ctx.arena, { kp: ctl.kp, ti_s: ctl.ti_s, td_s: ctl.td_s ?? 0, out_min: 0, out_max: 100, setpoint: ctl.setpoint, action: ctl.action, setpoint_range: PROBE_SPAN[l.probe!.kind] })
      : ctl.type === 'onoff'
        ? new OnOff(ctx.arena, { setpoint: ctl.setpoint, deadband: ctl.deadband, action: ctl.action, setpoint_range: PROBE_SPAN[l.probe!.kind] })
        : new Ratio(ctx.arena, { ratio: ctl.dose_mg_L, out_min: 0, out_max: 1e9, ratio_range: RATIO_DOSE_mg_L });
  const probe =
    l.probe === undefined
      ? undefined
      : new Sensor(
          ctx.arena,
          { ...PROBE_SPAN[l.probe.kind], tau_s: l.probe.tau_s, noise_sd: l.probe.noise_sd },
          ctx.rng(`${name}.probe`),
        );
  if (ctl.type !== 'ratio' && probe === undefined) throw new RangeError(`${ctx.id}.${name}: a ${ctl.type} loop needs a probe`);
  return {
    name,
    probeKind: l.probe?.kind,
    probe,
    controller,
    pump: new Pump(ctx.arena, { capacity_m3_h: l.pump_capacity_L_h / 1000, command: ctl.type === 'ratio' ? 'm3_h' : 'percent' }),
    ratio: ctl.type === 'ratio',
    reagent: l.reagent,
    productPerM3_g: l.solution_frac * l.solution_density_kg_L * 1e6,
    feed: new ReagentFeed(ctx, name, l.reagent),
    rate: ctx.arena.alloc(3),
  };
}

/**
 * A loop's alarms: its pump tripped (priority 1), and for a PID loop on a probe, the reading held
 * more than a band (0.5 pH, 100 mV ORP) from the set-point for five minutes (priority 2).
 */
export function defineLoopAlarms(ctx: UnitContext, l: LoopRuntime, sides: NonNullable<DosingLoopParams['deviation_alarms']>): { trip: LimitAlarm; high?: LimitAlarm; low?: LimitAlarm } {
  const reagent = REAGENTS[l.reagent].label;
  const trip = ctx.alarms.define(ctx.id, `${l.name}.pump_tripped`, { en: `${ctx.name.en}: ${reagent.en} dosing pump tripped`, zh: `${ctx.name.zh}：${reagent.zh}加药泵跳闸` }, { type: 'high', limit: 0.5, deadband: 0, priority: 1 });
  if (l.probeKind === undefined || !(l.controller instanceof Pid)) return { trip };
  const band = l.probeKind === 'pH' ? 0.5 : 100;
  const what = l.probeKind === 'pH' ? { en: 'pH', zh: 'pH' } : { en: 'ORP', zh: 'ORP' };
  const common = { deadband: band / 5, on_delay_s: 300, priority: 2 };
  const high = sides === 'both' || sides === 'above'
    ? ctx.alarms.define(ctx.id, `${l.name}.high`, { en: `${ctx.name.en}: ${what.en} above its set-point`, zh: `${ctx.name.zh}：${what.zh}高于设定值` }, { ...common, type: 'high', limit: band })
    : undefined;
  const low = sides === 'both' || sides === 'below'
    ? ctx.alarms.define(ctx.id, `${l.name}.low`, { en: `${ctx.name.en}: ${what.en} below its set-point`, zh: `${ctx.name.zh}：${what.zh}低于设定值` }, { ...common, type: 'low', limit: -band })
    : undefined;
  return { trip, ...(high === undefined ? {} : { high }), ...(low === undefined ? {} : { low }) };
}

/** The settable parts of a loop under their name prefixes: `acid` (controller), `acid.pump`, `acid.probe`. */
export function loopSettings(l: LoopRuntime): PrefixedSettable[] {
  const out = [prefixed(l.controller, l.name), prefixed(l.pump, `${l.name}.pump`)];
  if (l.probe !== undefined) out.push(prefixed(l.probe, `${l.name}.probe`));
  return out;
}

/** Each loop's dose, kg of product per hour, as a channel of the unit. */
export function addDoseChannels(ctx: UnitContext, loops: readonly LoopRuntime[]): void {
  for (const l of loops) {
    const label = REAGENTS[l.reagent].label;
    ctx.channels.add(unitChannel(ctx, `${l.name}.dose_kg_h`, 'dose', 'kg/h', `${label.en} dose`, `${label.zh}投加量`), [[l.rate, 0, 1]]);
  }
}
