/**
 * Sand filter (砂滤) and ultrafiltration (超滤): one operation, depth or membrane filtration.
 * A fraction `removal_frac` of every particulate component is captured; dissolved components pass.
 * The captured solids load the bed (or the membrane): the pressure drop (for UF, the transmembrane
 * pressure) is
 *     ΔP = (rate / design_rate) · (ΔP_clean + k · σ),   σ = captured dry solids, kg/m²,
 * linear in the filtration rate (laminar flow through bed and cake) and in the deposit (cake
 * resistance). A backwash starts when ΔP reaches its limit, when the optional timer runs out, or on
 * an operator's `backwash_now`. The backwash water is clean filtrate (taken from the filtrate flow,
 * so no water appears from nowhere) and leaves through the `backwash` port carrying the solids
 * captured before the backwash began, in proportion to the backwash volume delivered; the filter is
 * a bank of cells, so filtration goes on while one cell is washed. A backwash waits for water when
 * nothing flows.
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { S_PER_H, h_to_s, min_to_s } from '../convert.ts';
import { FRACTION_SETTING, fraction, inRange, nonNegative, param, positive, type Range } from '../model/params.ts';
import { SOLIDS_FACTOR, splitActive } from './solids.ts';
import { defineUnitType, setNumber, type UnitContext, type UnitRuntime, unitChannel } from './unitType.ts';
import { temperatureFollower, viscosityRatio } from './temperature.ts';

/** The backwash pressure and timer (0: none) an operator may set, in the file as at run time. */
const DP_LIMIT_kPa: Range = { min: 1e-3, max: 1e4 };
const BACKWASH_INTERVAL_h: Range = { min: 0, max: 1e4 };

const params = z.strictObject({
  area_m2: param(positive),
  removal_frac: param(fraction),
  /** filtration rate (m/h, = m³/m²/h) at which clean_dp_kPa holds; for UF the design flux */
  design_rate_m_h: param(positive),
  clean_dp_kPa: param(nonNegative),
  dp_per_kg_m2_kPa: param(nonNegative),
  dp_limit_kPa: param(inRange(DP_LIMIT_kPa)),
  /** 0: no timer, backwash on pressure only */
  backwash_interval_h: param(inRange(BACKWASH_INTERVAL_h)),
  backwash_volume_m3: param(positive),
  backwash_duration_min: param(positive),
  energy_kWh_m3: param(nonNegative),
});
type P = z.infer<typeof params>;

const S_DP = 0, S_BW = 1, S_VREM = 2, S_SINCE = 3, S_EFF = 4, S_LIMIT = 5, S_INTERVAL = 6, S_REQ = 7, S_COUNT = 8, S_SIGMA = 9, S_RATE = 10;
const SLOTS = 11;

function createFilter(ctx: UnitContext, p: P, energyItem: string): UnitRuntime {
  const A = p.area_m2.value;
  const designRate = p.design_rate_m_h.value / S_PER_H;
  const dpClean = p.clean_dp_kPa.value, dpK = p.dp_per_kg_m2_kPa.value;
  const vBw = p.backwash_volume_m3.value, tBw = min_to_s(p.backwash_duration_min.value);
  const e_kWh_m3 = p.energy_kWh_m3.value;
  const { particulate: part, dissolved: diss } = splitActive(ctx.active);
  const kS = SOLIDS_FACTOR;
  const s = ctx.arena.alloc(SLOTS);
  /** captured solids per component, g; and what the running backwash still has to carry out, g */
  const held = ctx.arena.alloc(NC), release = ctx.arena.alloc(NC);
  s[S_EFF] = p.removal_frac.value;
  s[S_LIMIT] = p.dp_limit_kPa.value;
  s[S_INTERVAL] = h_to_s(p.backwash_interval_h.value);
  s[S_DP] = dpClean;

  const inlet = ctx.streams.inlet(ctx.inputs['in']!);
  const outSlot = ctx.outputs['out']!, bwSlot = ctx.outputs['backwash']!;
  const cF = ctx.streams.concView(outSlot), cB = ctx.streams.concView(bwSlot);
  const energy = ctx.ledger.line('energy_kWh', energyItem, ctx.id);
  const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
  ctx.channels.add(ch('dp_kPa', 'pressure drop', 'kPa', 'pressure drop', '压差'), [[s, S_DP, 1]]);
  ctx.channels.add(ch('captured_kg_m2', 'deposit', 'kg/m²', 'captured solids', '截留固体'), [[s, S_SIGMA, 1]]);
  ctx.channels.add(ch('backwash', 'backwash', '', 'backwashing', '反洗中'), [[s, S_BW, 1]]);
  ctx.channels.add(ch('rate_m_h', 'filtration rate', 'm/h', 'filtration rate', '滤速'), [[s, S_RATE, 1]]);

  // the pressure drops are the file's at 25 °C: through a bed they go with water's viscosity (Darcy)
  let dpAtT = 1;
  const followWater = temperatureFollower(ctx.water, (t_C) => (dpAtT = viscosityRatio(t_C)));

  return {
    step(_t_s, dt_s) {
      followWater();
      const q = inlet.read(ctx.active);
      const cin = inlet.conc;
      if (s[S_BW] === 0) {
        const timer = s[S_INTERVAL]! > 0 && s[S_SINCE]! >= s[S_INTERVAL]!;
        if (s[S_REQ] === 1 || s[S_DP]! >= s[S_LIMIT]! || timer) {
          s[S_BW] = 1;
          s[S_VREM] = vBw;
          s[S_REQ] = 0;
          s[S_SINCE] = 0;
          s[S_COUNT]! += 1;
          for (let k = 0; k < part.length; k++) release[part[k]!] = held[part[k]!]!;
        }
      }
      // backwash water comes out of the filtrate: never more than flows, never more than is left to deliver
      let qB = 0;
      if (s[S_BW] === 1) qB = Math.min(vBw / tBw, q, s[S_VREM]! / dt_s);
      const vB = qB * dt_s;
      // share of the pending release that this step's backwash volume carries
      let share = s[S_BW] === 1 && vB > 0 ? vB / s[S_VREM]! : 0;
      if (share > 1 - 1e-12) share = 1; // the last portion releases exactly what is pending
      if (s[S_BW] === 1) {
        s[S_VREM] = share >= 1 ? 0 : s[S_VREM]! - vB;
        if (share >= 1) s[S_BW] = 0;
      }
      const eff = s[S_EFF]!, pass = 1 - eff;
      const qF = q - qB;
      let sigma = 0;
      for (let k = 0; k < part.length; k++) {
        const j = part[k]!;
        const rel = share >= 1 ? release[j]! : release[j]! * share;
        release[j] = release[j]! - rel;
        held[j] = held[j]! + eff * q * cin[j]! * dt_s - rel;
        // both outlets carry filtered water; the backwash adds the released solids
        cF[j] = pass * cin[j]!;
        cB[j] = vB > 0 ? pass * cin[j]! + rel / vB : pass * cin[j]!;
        sigma += kS[j]! * held[j]!;
      }
      for (let k = 0; k < diss.length; k++) {
        const j = diss[k]!;
        cF[j] = cin[j]!;
        cB[j] = cin[j]!;
      }
      ctx.streams.setFlow(outSlot, qF);
      ctx.streams.setFlow(bwSlot, qB);
      s[S_SIGMA] = sigma / 1000 / A;
      const rate = q / A;
      s[S_RATE] = rate * S_PER_H;
      s[S_DP] = (rate / designRate) * (dpClean + dpK * s[S_SIGMA]!) * dpAtT;
      s[S_SINCE]! += dt_s;
      energy.total[0]! += e_kWh_m3 * q * dt_s;
    },
    addInventory(acc_g) {
      for (let k = 0; k < part.length; k++) acc_g[part[k]!]! += held[part[k]!]!;
    },
    settable: () => ({
      backwash_now: false,
      removal_frac: s[S_EFF]!,
      dp_limit_kPa: s[S_LIMIT]!,
      backwash_interval_h: s[S_INTERVAL]! / S_PER_H,
    }),
    ranges: () => ({ removal_frac: FRACTION_SETTING, dp_limit_kPa: DP_LIMIT_kPa, backwash_interval_h: BACKWASH_INTERVAL_h }),
    set(name, value) {
      if (name === 'backwash_now') {
        if (typeof value !== 'boolean') return 'backwash_now takes true or false';
        if (value) s[S_REQ] = 1;
        return undefined;
      }
      if (name === 'removal_frac') return setNumber(name, value, FRACTION_SETTING, (v) => (s[S_EFF] = v));
      if (name === 'dp_limit_kPa') return setNumber(name, value, DP_LIMIT_kPa, (v) => (s[S_LIMIT] = v));
      if (name === 'backwash_interval_h') return setNumber(name, value, BACKWASH_INTERVAL_h, (v) => (s[S_INTERVAL] = h_to_s(v)));
      return `${ctx.id} has no runtime parameter "${name}"`;
    },
  };
}

const ports = () => ({ inputs: ['in'], outputs: ['out', 'backwash'] });

export const sandFilter = defineUnitType({
  type: 'sand_filter',
  label: { en: 'sand filter', zh: '砂滤' },
  params,
  ports,
  requiredInputs: ['in'],
  create: (ctx, p: P) => createFilter(ctx, p, 'filtration'),
});

export const ultrafiltration = defineUnitType({
  type: 'ultrafiltration',
  label: { en: 'ultrafiltration', zh: '超滤' },
  params,
  ports,
  requiredInputs: ['in'],
  create: (ctx, p: P) => createFilter(ctx, p, 'ultrafiltration'),
});
