/**
 * Reuse water tank (回用水池): a well-mixed tank (exact, flowsheet/tank.ts) from which the reuse pump
 * sends water back to the plating lines — it leaves the plant through the books account
 * `reuse:<id>` and the ledger's water line. The pump delivers the demand while the tank holds more
 * than its stop level; what exceeds the tank's volume spills through `overflow` (usually to the
 * discharge), so a reuse tank without demand passes its water on.
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { S_PER_H, m3s_to_m3h } from '../convert.ts';
import { Pump, prefixed } from '../control/index.ts';
import { mixTank } from '../flowsheet/tank.ts';
import { Books } from '../kpi/books.ts';
import { FLOW_SETTING, fraction, holdingTankGeometry, inRange, param, pumpCapacity_m3_h, type Range } from '../model/params.ts';
import { defineUnitType, setNumber, unitChannel } from './unitType.ts';

const params = z.strictObject({
  ...holdingTankGeometry,
  demand_m3_h: param(inRange(FLOW_SETTING)),
  pump_max_m3_h: param(pumpCapacity_m3_h),
  pump_stop_fill_frac: param(fraction),
});
type P = z.infer<typeof params>;

export const reuseTank = defineUnitType({
  type: 'reuse_tank',
  label: { en: 'reuse water tank', zh: '回用水池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['overflow'] }),
  recordsSalinity: true,
  create(ctx, p: P) {
    const vMax = p.volume_m3.value, area = vMax / p.depth_m.value, stop = p.pump_stop_fill_frac.value * vMax;
    const active = ctx.active;
    const s = ctx.arena.alloc(3); // [0] volume m³, [1] demand m³/h, [2] reuse flow m³/h
    const c = ctx.arena.alloc(NC);
    const out = new Float64Array(NC); // scratch: mean outflow concentration
    s[0] = vMax * p.initial_fill_frac.value;
    s[1] = p.demand_m3_h.value;
    const pump = new Pump(ctx.arena, { capacity_m3_h: p.pump_max_m3_h.value, command: 'm3_h' });
    const pumpSettings = prefixed(pump, 'pump');
    const account = ctx.books.open('reuse', ctx.id);
    const water = ctx.ledger.line('water_m3', 'reuse', ctx.id);
    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const ovSlot = ctx.outputs['overflow']!;
    const cOv = ctx.streams.concView(ovSlot);
    const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
    ctx.channels.add(ch('level_m', 'level', 'm', 'level', '液位'), [[s, 0, 1 / area]]);
    ctx.channels.add(ch('reuse_m3_h', 'flow', 'm³/h', 'reuse flow', '回用水量'), [[s, 2, 1]]);

    return {
      step(_t_s, dt_s) {
        const q = inlet.read(active);
        const v0 = s[0]!;
        const avail_m3_h = m3s_to_m3h(Math.max(0, v0 - stop) / dt_s + q);
        const qR = pump.update(dt_s, Math.min(s[1]!, avail_m3_h)) / S_PER_H;
        const vEnd = v0 + (q - qR) * dt_s;
        const qO = vEnd > vMax ? (vEnd - vMax) / dt_s : 0;
        const v1 = vEnd > vMax ? vMax : Math.max(vEnd, 0);
        mixTank(c, v0, v1, q, inlet.conc, qR + qO, dt_s, out, active);
        s[0] = v1;
        s[2] = qR * S_PER_H;
        if (qR > 0) {
          Books.post(account, out, qR * dt_s, active);
          water.total[0]! += qR * dt_s;
        }
        for (let k = 0; k < active.length; k++) cOv[active[k]!] = out[active[k]!]!;
        ctx.streams.setFlow(ovSlot, qO);
      },
      water_m3: () => s[0]!,
      addInventory(acc_g) {
        const v = s[0]!;
        for (let k = 0; k < active.length; k++) acc_g[active[k]!]! += v * c[active[k]!]!;
      },
      settable() {
        const o: Record<string, number | boolean> = { demand_m3_h: s[1]! };
        pumpSettings.addValues(o);
        return o;
      },
      ranges() {
        const out: Record<string, Range> = { demand_m3_h: FLOW_SETTING };
        pumpSettings.addRanges(out);
        return out;
      },
      set(name, value) {
        if (name === 'demand_m3_h') return setNumber(name, value, FLOW_SETTING, (v) => (s[1] = v));
        if (pumpSettings.owns(name)) return pumpSettings.set(name, value);
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
    };
  },
});
