/**
 * Plate-and-frame filter press (板框压滤机) with its sludge feed tank, in batch cycles:
 *  fill      — the feed pump moves sludge from the (stirred, exactly mixed) feed tank into the
 *              chambers; the cloth keeps `capture_frac` of the solids, the water passes as filtrate
 *              except what the cake will hold; fill ends when the chambers hold their dry-solids
 *              capacity (chamber volume × cake density × dry-solids fraction), when the optional
 *              fill time runs out, or on `press_now`;
 *  press     — squeezing for `press_min`; the feed tank keeps filling;
 *  discharge — the plates open: the cake leaves the plant through the books account `cake:<id>`
 *              (hazardous waste HW17, 336-064-17), and the ledger counts it wet and dry.
 * The cake's water — dry·(1/w − 1) for dry-solids fraction w — is kept back from the filtrate as the
 * chambers fill, with the dissolved load it carries, so every gram is where the books say it is.
 * Dry solids are the particulates' dry mass (metal as hydroxide); salts dried out of the cake water
 * are not counted in it. A full feed tank spills into the filtrate line, which returns to the head
 * of the plant.
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { S_PER_H, h_to_s, min_to_s } from '../convert.ts';
import { Pump, prefixed } from '../control/index.ts';
import { mixTank } from '../flowsheet/tank.ts';
import { Books } from '../kpi/books.ts';
import { finite, fraction, nonNegative, param, positive, pumpCapacity_m3_h, type Range } from '../model/params.ts';
import { SOLIDS_FACTOR, splitActive } from './solids.ts';
import { defineUnitType, unitChannel } from './unitType.ts';

const params = z.strictObject({
  feed_tank_m3: param(positive),
  feed_pump_m3_h: param(pumpCapacity_m3_h),
  chamber_volume_m3: param(positive),
  cake_density_kg_m3: param(finite.min(800, 'a filter cake weighs 800 to 2,500 kg/m³').max(2500, 'a filter cake weighs 800 to 2,500 kg/m³')),
  cake_dry_solids_frac: param(finite.min(0.05, 'at least 0.05: below that it is sludge, not a cake').max(0.9, 'at most 0.9: no filter press dries a cake further')),
  capture_frac: param(fraction),
  press_min: param(nonNegative),
  discharge_min: param(nonNegative),
  /** press after this long filling even if the chambers are not full (0: only when full) */
  max_fill_h: param(nonNegative),
  /** hydraulic pack and feed pump: full power while pressing, in proportion to the feed flow while filling */
  power_kW: param(nonNegative),
});
type P = z.infer<typeof params>;

export const PHASE_FILL = 0, PHASE_PRESS = 1, PHASE_DISCHARGE = 2;
const S_PHASE = 0, S_TIMER = 1, S_DRY = 2, S_VTANK = 3, S_REQ = 4, S_CYCLES = 5, S_FILL_PCT = 6, S_WATER = 7;
/** grams per m³ of water (for the cake's water content) */
const G_PER_M3 = 1e6;

export const filterPress = defineUnitType({
  type: 'filter_press',
  label: { en: 'filter press', zh: '板框压滤机' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['filtrate'] }),
  requiredInputs: ['in'],
  create(ctx, p: P) {
    const vTankMax = p.feed_tank_m3.value;
    const ds = p.cake_dry_solids_frac.value;
    const capDry_g = p.chamber_volume_m3.value * p.cake_density_kg_m3.value * ds * 1000;
    const capture = p.capture_frac.value;
    const pressS = min_to_s(p.press_min.value), dischargeS = min_to_s(p.discharge_min.value);
    const maxFillS = p.max_fill_h.value > 0 ? h_to_s(p.max_fill_h.value) : Infinity;
    const power_kW = p.power_kW.value, pFeedCap = p.feed_pump_m3_h.value;
    const waterPerDry_m3_g = (1 / ds - 1) / G_PER_M3;
    const { particulate: part, dissolved: diss } = splitActive(ctx.active);
    const active = ctx.active;
    const kS = SOLIDS_FACTOR;

    const s = ctx.arena.alloc(8);
    const tank = ctx.arena.alloc(NC); // feed tank contents, mg/L
    const chamber = ctx.arena.alloc(NC); // cake in the chambers, g (solids and the dissolved load of its water)
    const mean = new Float64Array(NC); // scratch: what left the feed tank this step
    const pump = new Pump(ctx.arena, { capacity_m3_h: p.feed_pump_m3_h.value, command: 'm3_h' });
    const pumpSettings = prefixed(pump, 'feed_pump');
    const cake = ctx.books.open('cake', ctx.id);
    const wet = ctx.ledger.line('cake_wet_kg', 'HW17', ctx.id), dry = ctx.ledger.line('cake_dry_kg', 'HW17', ctx.id);
    const energy = ctx.ledger.line('energy_kWh', 'filter press', ctx.id);
    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const outSlot = ctx.outputs['filtrate']!;
    const cF = ctx.streams.concView(outSlot);
    const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
    ctx.channels.add(ch('phase', 'phase', '', 'phase (0 fill, 1 press, 2 discharge)', '工况 (0 进料, 1 压榨, 2 卸料)'), [[s, S_PHASE, 1]]);
    ctx.channels.add(ch('chamber_fill_pct', 'fill', '%', 'chamber fill', '滤室充满度'), [[s, S_FILL_PCT, 1]]);
    ctx.channels.add(ch('feed_tank_m3', 'volume', 'm³', 'feed tank volume', '污泥调理池液量'), [[s, S_VTANK, 1]]);
    ctx.channels.add(ch('cycles', 'cycles', '', 'cycles', '压滤批次'), [[s, S_CYCLES, 1]]);

    return {
      step(_t_s, dt_s) {
        const q = inlet.read(active);
        const cin = inlet.conc;
        const v0 = s[S_VTANK]!;
        const phase = s[S_PHASE]!;
        // feed pump: only while filling, never more than the tank holds, and no more solids than the chambers take
        let cmd = 0;
        if (phase === PHASE_FILL) {
          let xTank = 0, xIn = 0;
          for (let k = 0; k < part.length; k++) {
            xTank += kS[part[k]!]! * tank[part[k]!]!;
            xIn += kS[part[k]!]! * cin[part[k]!]!;
          }
          const caught = capture * Math.max(xTank, xIn); // g of dry solids the chambers keep per m³ pumped
          const room_m3 = caught > 0 ? Math.max(0, capDry_g - s[S_DRY]!) / caught : Infinity;
          cmd = Math.min(p.feed_pump_m3_h.value, ((v0 + q * dt_s) / dt_s) * S_PER_H, (room_m3 / dt_s) * S_PER_H);
        }
        const qP = Math.min(pump.update(dt_s, cmd) / S_PER_H, (v0 + q * dt_s) / dt_s);
        const vEnd = v0 + (q - qP) * dt_s;
        const qO = vEnd > vTankMax ? (vEnd - vTankMax) / dt_s : 0;
        const v1 = vEnd > vTankMax ? vTankMax : Math.max(vEnd, 0);
        mixTank(tank, v0, v1, q, cin, qP + qO, dt_s, mean, active);
        s[S_VTANK] = v1;

        // into the chambers: captured solids, and the water (with its dissolved load) the cake will hold
        const vP = qP * dt_s, vO = qO * dt_s;
        let dDry = 0;
        for (let k = 0; k < part.length; k++) {
          const j = part[k]!;
          const g = capture * vP * mean[j]!;
          chamber[j] = chamber[j]! + g;
          dDry += kS[j]! * g;
        }
        const vHeld = Math.min(vP, dDry * waterPerDry_m3_g);
        if (vHeld >= vP && vO <= 0 && vP > 0) {
          // a cake that holds every drop pumped in lets no filtrate through, so nothing carries off the solids the
          // cloth would pass: they stay in the chambers too
          for (let k = 0; k < part.length; k++) {
            const j = part[k]!;
            const g = (1 - capture) * vP * mean[j]!;
            chamber[j] = chamber[j]! + g;
            dDry += kS[j]! * g;
          }
        }
        for (let k = 0; k < diss.length; k++) {
          const j = diss[k]!;
          chamber[j] = chamber[j]! + vHeld * mean[j]!;
        }
        s[S_DRY]! += dDry;
        s[S_WATER]! += vHeld;
        const vF = vP - vHeld + vO;
        if (vF > 0) {
          const inv = 1 / vF;
          for (let k = 0; k < part.length; k++) {
            const j = part[k]!;
            cF[j] = ((1 - capture) * vP + vO) * mean[j]! * inv;
          }
          for (let k = 0; k < diss.length; k++) cF[diss[k]!] = mean[diss[k]!]!;
        }
        ctx.streams.setFlow(outSlot, vF / dt_s);
        // the feed pump draws in proportion to its flow; the hydraulic pack holds full power while pressing
        const load = phase === PHASE_PRESS ? 1 : phase === PHASE_FILL ? (qP * S_PER_H) / pFeedCap : 0;
        if (power_kW > 0 && load > 0) energy.total[0]! += (power_kW * load * dt_s) / S_PER_H;

        // the cycle
        s[S_TIMER]! += dt_s;
        if (phase === PHASE_FILL) {
          const full = s[S_DRY]! >= capDry_g * (1 - 1e-9);
          if (full || (s[S_DRY]! > 0 && (s[S_REQ] === 1 || s[S_TIMER]! >= maxFillS))) {
            s[S_PHASE] = PHASE_PRESS;
            s[S_TIMER] = 0;
          }
        } else if (phase === PHASE_PRESS && s[S_TIMER]! >= pressS) {
          // the plates open: the cake leaves the plant
          for (let k = 0; k < active.length; k++) {
            const j = active[k]!;
            if (chamber[j]! !== 0) Books.postGrams(cake, j, chamber[j]!);
            chamber[j] = 0;
          }
          // the water the cake holds leaves the plant with it: the water books close too
          cake.volume[0]! += s[S_WATER]!;
          s[S_WATER] = 0;
          const dry_kg = s[S_DRY]! / 1000;
          dry.total[0]! += dry_kg;
          wet.total[0]! += dry_kg / ds;
          s[S_DRY] = 0;
          s[S_CYCLES]! += 1;
          s[S_PHASE] = PHASE_DISCHARGE;
          s[S_TIMER] = 0;
        } else if (phase === PHASE_DISCHARGE && s[S_TIMER]! >= dischargeS) {
          s[S_PHASE] = PHASE_FILL;
          s[S_TIMER] = 0;
        }
        s[S_REQ] = 0;
        s[S_FILL_PCT] = (100 * s[S_DRY]!) / capDry_g;
      },
      // the feed tank, and the water the cake in the chambers holds
      water_m3: () => s[S_VTANK]! + s[S_WATER]!,
      addInventory(acc_g) {
        const v = s[S_VTANK]!;
        for (let k = 0; k < active.length; k++) {
          const j = active[k]!;
          acc_g[j]! += v * tank[j]! + chamber[j]!;
        }
      },
      settable() {
        const out: Record<string, number | boolean> = { press_now: false };
        pumpSettings.addValues(out);
        return out;
      },
      ranges() {
        const out: Record<string, Range> = {};
        pumpSettings.addRanges(out);
        return out;
      },
      set(name, value) {
        if (name === 'press_now') {
          if (typeof value !== 'boolean') return 'press_now takes true or false';
          if (value) s[S_REQ] = 1;
          return undefined;
        }
        if (pumpSettings.owns(name)) return pumpSettings.set(name, value);
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
    };
  },
});
