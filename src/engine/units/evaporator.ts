/**
 * Evaporator (蒸发器, MVR): the end of a concentrate line. A fraction `evaporated_frac` of the feed
 * water boils off and condenses as distillate carrying `carryover_frac` of every component (droplet
 * entrainment); the rest — the concentrated brine or crystals with everything the distillate did
 * not take — leaves the plant as `residue` says: `hazardous_waste`, hauled to a licensed processor
 * (books `concentrate:<id>`, weighed onto the ledger to be costed like the spent baths), or `to_baths`,
 * a concentrate of one line's metal returned to its plating baths (books `recovered:<id>`, the metal a
 * model may credit at its price). The distillate either leaves as reuse water (`reuse:<id>`, counted in
 * the reuse rate) or goes on through the `condensate` port. No hold-up is modelled.
 * Energy: kWh per m³ evaporated (MVR: about 30–60).
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { m3s_to_m3h } from '../convert.ts';
import { addWaterChannels } from '../measures.ts';
import { Books } from '../kpi/books.ts';
import { HAULED_RESIDUE } from '../kpi/costs.ts';
import { liquidWeight_kg } from '../kpi/ledger.ts';
import { fraction, nonNegative, param } from '../model/params.ts';
import { defineUnitType } from './unitType.ts';

const params = z.strictObject({
  evaporated_frac: param(fraction.max(0.999, 'something must stay behind to carry the salt')),
  carryover_frac: param(fraction),
  energy_kWh_m3_evaporated: param(nonNegative),
  condensate: param(z.enum(['reuse', 'port'])),
  residue: param(z.enum(['hazardous_waste', 'to_baths'])),
});
type P = z.infer<typeof params>;

export const evaporator = defineUnitType({
  type: 'evaporator',
  label: { en: 'evaporator', zh: '蒸发器' },
  params,
  ports: (p: P) => ({ inputs: ['in'], outputs: p.condensate.value === 'port' ? ['condensate'] : [] }),
  recordsSalinity: true,
  create(ctx, p: P) {
    const fEvap = p.evaporated_frac.value, carry = p.carryover_frac.value, e = p.energy_kWh_m3_evaporated.value;
    const active = ctx.active;
    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const toBaths = p.residue.value === 'to_baths';
    const residue = ctx.books.open(toBaths ? 'recovered' : 'concentrate', ctx.id);
    const hauledKg = toBaths ? undefined : ctx.ledger.line('hauled_kg', HAULED_RESIDUE, ctx.id);
    const toPort = p.condensate.value === 'port';
    const reuse = toPort ? undefined : ctx.books.open('reuse', ctx.id);
    const slot = toPort ? ctx.outputs['condensate']! : -1;
    // what leaves the plant, in the arena so its channels can read it: the residue, and the distillate reused here
    const cD = toPort ? ctx.streams.concView(slot) : ctx.arena.alloc(NC);
    const cR = ctx.arena.alloc(NC);
    const out_m3_s = ctx.arena.alloc(2); // [0] residue, [1] distillate reused here
    const carried = new Set(active);
    addWaterChannels(ctx.channels, { key: `${ctx.id}.residue`, unit: ctx.id, name: { en: `${ctx.name.en} residue`, zh: `${ctx.name.zh}残液` }, flow: [out_m3_s, 0, m3s_to_m3h(1)], conc_mg_L: cR, carried, salty: true });
    if (!toPort) addWaterChannels(ctx.channels, { key: `${ctx.id}.distillate`, unit: ctx.id, name: { en: `${ctx.name.en} distillate`, zh: `${ctx.name.zh}冷凝水` }, flow: [out_m3_s, 1, m3s_to_m3h(1)], conc_mg_L: cD, carried, salty: true });
    const energy = ctx.ledger.line('energy_kWh', 'evaporation', ctx.id);
    const water = ctx.ledger.line('water_m3', 'condensate', ctx.id);
    return {
      step(_t_s, dt_s) {
        const q = inlet.read(active);
        const cin = inlet.conc;
        const vD = fEvap * q * dt_s, vR = q * dt_s - vD;
        // the distillate takes carry × the feed's mass in fEvap of its water: mg/L = carry·cin/fEvap
        const kD = fEvap > 0 ? carry / fEvap : 0, kR = vR > 0 ? (1 - (fEvap > 0 ? carry : 0)) / (1 - fEvap) : 0;
        for (let k = 0; k < active.length; k++) {
          const j = active[k]!;
          cD[j] = kD * cin[j]!;
          cR[j] = kR * cin[j]!;
        }
        Books.post(residue, cR, vR, active);
        out_m3_s[0] = dt_s > 0 ? vR / dt_s : 0;
        out_m3_s[1] = toPort || !(dt_s > 0) ? 0 : vD / dt_s;
        if (hauledKg !== undefined) hauledKg.total[0]! += liquidWeight_kg(vR, cR, active);
        if (reuse !== undefined) Books.post(reuse, cD, vD, active);
        else ctx.streams.setFlow(slot, vD / dt_s);
        energy.total[0]! += e * vD;
        water.total[0]! += vD;
      },
      addInventory() {},
      settable: () => ({}),
      set: (name) => `${ctx.id} has no runtime parameter "${name}"`,
    };
  },
});
