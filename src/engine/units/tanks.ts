/**
 * Holding tanks with a pump and an overflow: the equalization tank (调节池), whose pump-out follows
 * the level; the emergency tank (事故池), which takes the equalization overflow and pumps it back at a
 * fixed rate; and the spent-bath tank (废液池), which holds the shops' spent baths and bleeds them
 * into the line at a small fixed rate, so a bath dumped in half an hour reaches the treatment over
 * days. All mix exactly (flowsheet/tank.ts) and spill whatever exceeds their volume through the
 * overflow port, so no water and no metal can vanish when a tank is full.
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { m3h_to_m3s, m3s_to_m3h } from '../convert.ts';
import { mixTank } from '../flowsheet/tank.ts';
import { Books } from '../kpi/books.ts';
import { HAULED_SPENT_BATHS } from '../kpi/costs.ts';
import { liquidWeight_kg } from '../kpi/ledger.ts';
import { FLOW_SETTING, fraction, FRACTION_SETTING, holdingTankGeometry as geometry, inRange, nonNegative, param, pumpCapacity_m3_h, type Range } from '../model/params.ts';
import { defineUnitType, setNumber, type UnitContext, type UnitRuntime } from './unitType.ts';

/** Every holding tank's ports: one inlet; the pump's outlet and the overflow, which carries the same water. */
const tankPorts = () => ({ inputs: ['in'], outputs: ['out', 'overflow'], sameAs: { overflow: 'out' } });

interface TankState {
  /** [0] volume m³, [1] pump on (1/0), [2] pump flow setting m³/s, [3] level setpoint fraction */
  s: Float64Array;
  c_mg_L: Float64Array;
}

/**
 * Builds the shared part of a level tank; `pumpFlow` decides the pump-out for this step from the
 * fill fraction at its start. Returns the runtime with channels for level and fill.
 */
function levelTank(
  ctx: UnitContext,
  volume_m3: number,
  depth_m: number,
  initialFill: number,
  pumpFlow: (fill: number, st: TankState) => number,
  settable: (st: TankState) => Record<string, number | boolean>,
  set: (st: TankState, name: string, value: number | boolean) => string | undefined,
  ranges: Readonly<Record<string, Range>>,
  highFill: { frac: number; priority: number; message: { en: string; zh: string } },
): UnitRuntime {
  const st: TankState = { s: ctx.arena.alloc(4), c_mg_L: ctx.arena.alloc(NC) };
  st.s[0] = volume_m3 * initialFill;
  st.s[1] = 1;
  const inlet = ctx.streams.inlet(ctx.inputs['in']!);
  const outSlot = ctx.outputs['out']!, overflowSlot = ctx.outputs['overflow']!;
  // the tank writes its outflow straight into the outlet stream
  const cOut = ctx.streams.concView(outSlot), cOverflow = ctx.streams.concView(overflowSlot);
  const area_m2 = volume_m3 / depth_m;
  const active = ctx.active;
  const levelAlarm = ctx.alarms.define(ctx.id, 'level_high', highFill.message, { type: 'high', limit: highFill.frac, deadband: 0.05, priority: highFill.priority });
  ctx.channels.add(
    { id: `${ctx.id}.level_m`, unit: ctx.id, quantity: 'level', uom: 'm', label: { en: `${ctx.name.en} level`, zh: `${ctx.name.zh} 液位` } },
    [[st.s, 0, 1 / area_m2]],
  );
  ctx.channels.add(
    { id: `${ctx.id}.fill_pct`, unit: ctx.id, quantity: 'fill', uom: '%', label: { en: `${ctx.name.en} fill`, zh: `${ctx.name.zh} 充满度` } },
    [[st.s, 0, 100 / volume_m3]],
  );
  return {
    step(t_s, dt_s) {
      const qIn = inlet.read(active);
      const v0 = st.s[0]!;
      let qPump = st.s[1] === 1 ? pumpFlow(v0 / volume_m3, st) : 0;
      // the pump cannot take more than the tank holds plus what comes in
      qPump = Math.min(Math.max(qPump, 0), qIn + v0 / dt_s);
      const vEnd = v0 + (qIn - qPump) * dt_s;
      const qOverflow = vEnd > volume_m3 ? (vEnd - volume_m3) / dt_s : 0;
      const v1 = vEnd > volume_m3 ? volume_m3 : Math.max(vEnd, 0);
      mixTank(st.c_mg_L, v0, v1, qIn, inlet.conc, qPump + qOverflow, dt_s, cOut, active);
      st.s[0] = v1;
      ctx.streams.setFlow(outSlot, qPump);
      ctx.streams.setFlow(overflowSlot, qOverflow);
      // a dry overflow's concentration is never read (mixers skip zero flows, channels read 0)
      if (qOverflow > 0) for (let k = 0; k < active.length; k++) cOverflow[active[k]!] = cOut[active[k]!]!;
      levelAlarm.update(dt_s, v1 / volume_m3, t_s + dt_s);
    },
    water_m3: () => st.s[0]!,
    addInventory(acc_g) {
      const v = st.s[0]!;
      for (let j = 0; j < NC; j++) acc_g[j]! += v * st.c_mg_L[j]!;
    },
    settable: () => settable(st),
    set: (name, value) => set(st, name, value),
    ranges: () => ranges,
  };
}

/**
 * A setting taken from the model file. The schema holds the file to the settings' bounds, so a refusal here is a
 * schema that fell behind a setter: an error that names it, never a value silently left at its default.
 */
function setFromFile(tank: UnitRuntime, name: string, value: number): void {
  const refused = tank.set(name, value);
  if (refused !== undefined) throw new RangeError(refused);
}

function setPumpOn(st: TankState, value: number | boolean): string | undefined {
  if (typeof value !== 'boolean') return 'pump_on takes true or false';
  st.s[1] = value ? 1 : 0;
  return undefined;
}

const eqParams = z.strictObject({
  ...geometry,
  pump_flow_m3_h: param(nonNegative),
  pump_max_m3_h: param(pumpCapacity_m3_h),
  level_setpoint_frac: param(fraction),
  level_gain_m3_h: param(nonNegative),
  pump_stop_fill_frac: param(fraction),
}).superRefine((p, ctx) => {
  // the nominal flow is a setting of the pump, which an operator cannot set beyond its capacity either
  if (p.pump_flow_m3_h.value > p.pump_max_m3_h.value) {
    ctx.addIssue({ code: 'custom', path: ['pump_flow_m3_h', 'value'], message: `must not exceed the pump's capacity, pump_max_m3_h (${p.pump_max_m3_h.value} m³/h)` });
  }
});
type EqParams = z.infer<typeof eqParams>;

export const equalization = defineUnitType({
  type: 'equalization',
  label: { en: 'equalization tank', zh: '调节池' },
  params: eqParams,
  ports: tankPorts,
  create(ctx, p: EqParams) {
    const qMax = m3h_to_m3s(p.pump_max_m3_h.value);
    const gain = m3h_to_m3s(p.level_gain_m3_h.value);
    const stopFill = p.pump_stop_fill_frac.value;
    const ranges = { pump_flow_m3_h: { min: 0, max: m3s_to_m3h(qMax) }, level_setpoint_frac: FRACTION_SETTING };
    const tank = levelTank(
      ctx,
      p.volume_m3.value,
      p.depth_m.value,
      p.initial_fill_frac.value,
      // level-proportional pump-out: the nominal flow, trimmed by how far the level is from its setpoint
      (fill, st) => (fill <= stopFill ? 0 : Math.min(qMax, st.s[2]! + gain * (fill - st.s[3]!))),
      (st) => ({ pump_on: st.s[1] === 1, pump_flow_m3_h: m3s_to_m3h(st.s[2]!), level_setpoint_frac: st.s[3]! }),
      (st, name, value) => {
        if (name === 'pump_on') return setPumpOn(st, value);
        if (name === 'pump_flow_m3_h') return setNumber(name, value, ranges.pump_flow_m3_h, (v) => (st.s[2] = m3h_to_m3s(v)));
        if (name === 'level_setpoint_frac') return setNumber(name, value, ranges.level_setpoint_frac, (v) => (st.s[3] = v));
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
      ranges,
      { frac: 0.9, priority: 3, message: { en: `${ctx.name.en}: level high, overflow near`, zh: `${ctx.name.zh}：液位高，即将溢流` } },
    );
    setFromFile(tank, 'pump_flow_m3_h', p.pump_flow_m3_h.value);
    setFromFile(tank, 'level_setpoint_frac', p.level_setpoint_frac.value);
    return tank;
  },
});

const emParams = z.strictObject({
  ...geometry,
  return_flow_m3_h: param(inRange(FLOW_SETTING)),
  return_stop_fill_frac: param(fraction),
});
type EmParams = z.infer<typeof emParams>;

/**
 * A tank that pumps out at a fixed rate (its setting `flowName`, m³/h) while it holds more than
 * `stopFill`, and alarms above `highFill`.
 */
function fixedRateTank(
  ctx: UnitContext,
  p: { volume_m3: number; depth_m: number; initialFill: number; stopFill: number; flow_m3_h: number },
  flowName: string,
  highFill: { frac: number; priority: number; message: { en: string; zh: string } },
  action?: { name: string; range: Range; apply: (st: TankState, value: number | boolean) => string | undefined },
): UnitRuntime {
  const ranges: Record<string, Range> = { [flowName]: FLOW_SETTING, ...(action === undefined ? {} : { [action.name]: action.range }) };
  const tank = levelTank(
    ctx,
    p.volume_m3,
    p.depth_m,
    p.initialFill,
    (fill, st) => (fill <= p.stopFill ? 0 : st.s[2]!),
    // an action (a one-off, not a setting) reads 0: nothing is pending
    (st) => ({ pump_on: st.s[1] === 1, [flowName]: m3s_to_m3h(st.s[2]!), ...(action === undefined ? {} : { [action.name]: 0 }) }),
    (st, name, value) => {
      if (name === 'pump_on') return setPumpOn(st, value);
      if (name === flowName) return setNumber(name, value, ranges[flowName]!, (v) => (st.s[2] = m3h_to_m3s(v)));
      if (name === action?.name) return action.apply(st, value);
      return `${ctx.id} has no runtime parameter "${name}"`;
    },
    ranges,
    highFill,
  );
  setFromFile(tank, flowName, p.flow_m3_h);
  return tank;
}

export const emergencyTank = defineUnitType({
  type: 'emergency_tank',
  label: { en: 'emergency tank', zh: '事故池' },
  params: emParams,
  ports: tankPorts,
  create: (ctx, p: EmParams) =>
    fixedRateTank(
      ctx,
      { volume_m3: p.volume_m3.value, depth_m: p.depth_m.value, initialFill: p.initial_fill_frac.value, stopFill: p.return_stop_fill_frac.value, flow_m3_h: p.return_flow_m3_h.value },
      'return_flow_m3_h',
      { frac: 0.2, priority: 2, message: { en: `${ctx.name.en} in use: an equalization tank is overflowing`, zh: `${ctx.name.zh}启用：调节池溢流` } },
    ),
});

const spentParams = z.strictObject({
  ...geometry,
  /** the metering pump's steady bleed into the line */
  bleed_m3_h: param(inRange(FLOW_SETTING)),
  bleed_stop_fill_frac: param(fraction),
  /** above this fill the tank alarms: bleed faster, or have the contents hauled away as hazardous waste */
  high_fill_frac: param(fraction),
});
type SpentParams = z.infer<typeof spentParams>;

export const spentBathTank = defineUnitType({
  type: 'spent_bath_tank',
  label: { en: 'spent-bath tank', zh: '废液池' },
  params: spentParams,
  ports: tankPorts,
  create(ctx, p: SpentParams) {
    // the operator's other way out: a tanker takes contents away to a licensed hazardous-waste processor
    const hauled = ctx.books.open('hauled', ctx.id);
    const hauledKg = ctx.ledger.line('hauled_kg', HAULED_SPENT_BATHS, ctx.id);
    const active = ctx.active;
    let hauled_m3 = 0;
    const haulRange: Range = { min: 0, max: p.volume_m3.value };
    const haul = (st: TankState, value: number | boolean) =>
      setNumber('haul_m3', value, haulRange, (v) => {
        const v_m3 = Math.min(v, st.s[0]!);
        hauled_m3 = v_m3;
        Books.post(hauled, st.c_mg_L, v_m3, active);
        hauledKg.total[0]! += liquidWeight_kg(v_m3, st.c_mg_L, active);
        st.s[0] = st.s[0]! - v_m3;
      });
    const tank = fixedRateTank(
      ctx,
      { volume_m3: p.volume_m3.value, depth_m: p.depth_m.value, initialFill: p.initial_fill_frac.value, stopFill: p.bleed_stop_fill_frac.value, flow_m3_h: p.bleed_m3_h.value },
      'bleed_m3_h',
      { frac: p.high_fill_frac.value, priority: 2, message: { en: `${ctx.name.en} nearly full: raise the bleed or have it hauled away`, zh: `${ctx.name.zh}接近满池：加大投加量或委外处置` } },
      { name: 'haul_m3', range: haulRange, apply: haul },
    );
    // the tanker takes what is there: the log says how much that was
    return { ...tank, applied: (name) => (name === 'haul_m3' ? hauled_m3 : undefined) };
  },
});
