/**
 * Sludge thickener (污泥浓缩池): a gravity thickener as a solids store. The fraction `capture_frac`
 * of the incoming particulates joins the sludge blanket; the rest leaves with the supernatant.
 * The underflow pump draws the blanket down with a solids retention time τ,
 *     dM/dt = F − M/τ   (exact over the step: M1 = Fτ + (M0 − Fτ)·e^(−dt/τ)),
 * at the underflow solids fraction w (sludge density taken as water's), so the underflow flow is
 * (solids drawn) / (w · 10⁶ g/m³). The pump's capacity, and the inflow itself (the basin stays full,
 * water in the blanket is not tracked), cap the underflow; what they hold back stays in the blanket.
 * An optional blanket capacity makes capture fade over its last 20 %: a full thickener spills solids
 * with the supernatant. Dissolved components pass with the water unchanged.
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { S_PER_H, h_to_s } from '../convert.ts';
import { Pump, prefixed } from '../control/index.ts';
import { fraction, param, positive, pumpCapacity_m3_h, type Range } from '../model/params.ts';
import { SOLIDS_FACTOR, splitActive } from './solids.ts';
import { defineUnitType, unitChannel } from './unitType.ts';

const params = z.strictObject({
  capture_frac: param(fraction),
  underflow_solids_frac: param(positive.max(0.3, 'a gravity thickener does not reach 30 % solids')),
  solids_retention_h: param(positive),
  underflow_pump_max_m3_h: param(pumpCapacity_m3_h),
  max_blanket_kg: param(positive).optional(),
});
type P = z.infer<typeof params>;

/** g of dry solids per m³ of sludge per unit mass fraction (density of water) */
const G_PER_M3 = 1e6;
const S_BLANKET = 0, S_CAPTURE = 1;

export const thickener = defineUnitType({
  type: 'thickener',
  label: { en: 'sludge thickener', zh: '污泥浓缩池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['supernatant', 'underflow'] }),
  requiredInputs: ['in'],
  create(ctx, p: P) {
    const capture = p.capture_frac.value;
    const xU = p.underflow_solids_frac.value * G_PER_M3;
    const tau = h_to_s(p.solids_retention_h.value);
    const maxBlanket_g = (p.max_blanket_kg?.value ?? Infinity) * 1000;
    const { particulate: part, dissolved: diss } = splitActive(ctx.active);
    const kS = SOLIDS_FACTOR;
    const m = ctx.arena.alloc(NC); // blanket, g per component
    const s = ctx.arena.alloc(2);
    const drawn = new Float64Array(NC); // scratch
    const pump = new Pump(ctx.arena, { capacity_m3_h: p.underflow_pump_max_m3_h.value, command: 'm3_h' });
    const pumpSettings = prefixed(pump, 'underflow_pump');
    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const supSlot = ctx.outputs['supernatant']!, ufSlot = ctx.outputs['underflow']!;
    const cS = ctx.streams.concView(supSlot), cU = ctx.streams.concView(ufSlot);
    let lastDt = 0, decay = 0;
    const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
    ctx.channels.add(ch('blanket_kg', 'solids', 'kg', 'sludge blanket (dry)', '泥层干固体'), [[s, S_BLANKET, 1 / 1000]]);
    ctx.channels.add(ch('capture_pct', 'capture', '%', 'solids capture', '固体捕获率'), [[s, S_CAPTURE, 100]]);

    return {
      step(_t_s, dt_s) {
        const q = inlet.read(ctx.active);
        const cin = inlet.conc;
        if (dt_s !== lastDt) {
          lastDt = dt_s;
          decay = Math.exp(-dt_s / tau);
        }
        const m0 = s[S_BLANKET]!;
        const fill = m0 / maxBlanket_g;
        const cap = fill < 0.8 ? capture : fill >= 1 ? 0 : capture * (1 - fill) * 5;
        s[S_CAPTURE] = cap;
        // what the blanket would give up over the step, per component
        let want = 0;
        for (let k = 0; k < part.length; k++) {
          const j = part[k]!;
          const F = cap * q * cin[j]!;
          const m1 = F * tau + (m[j]! - F * tau) * decay;
          const d = m[j]! + F * dt_s - m1;
          drawn[j] = d > 0 ? d : 0;
          want += kS[j]! * drawn[j]!;
        }
        const wanted_m3_h = (want / xU / dt_s) * S_PER_H;
        const pumped = Math.min(pump.update(dt_s, wanted_m3_h) / S_PER_H, q);
        // a trickle of 10⁻¹² m³/s is no underflow: dividing its solids by its volume would overflow to Infinity
        const qU = pumped > 1e-12 ? pumped : 0;
        const scale = want > 0 ? Math.min(1, (qU * dt_s * xU) / want) : 0;
        const qS = q - qU;
        const vU = qU * dt_s, vS = qS * dt_s;
        let blanket = 0;
        for (let k = 0; k < part.length; k++) {
          const j = part[k]!;
          const out = drawn[j]! * scale;
          const passing = (1 - cap) * q * cin[j]! * dt_s;
          m[j] = m[j]! + cap * q * cin[j]! * dt_s - out;
          if (vS > 0) {
            cS[j] = passing / vS;
            cU[j] = vU > 0 ? out / vU : 0;
          } else {
            // all the water leaves as underflow: the uncaught solids go with it
            cS[j] = 0;
            cU[j] = vU > 0 ? (out + passing) / vU : 0;
            if (vU <= 0) m[j] = m[j]! + passing; // nothing flows: it stays
          }
          blanket += kS[j]! * m[j]!;
        }
        s[S_BLANKET] = blanket;
        for (let k = 0; k < diss.length; k++) {
          const j = diss[k]!;
          cS[j] = cin[j]!;
          cU[j] = cin[j]!;
        }
        ctx.streams.setFlow(supSlot, qS);
        ctx.streams.setFlow(ufSlot, qU);
      },
      addInventory(acc_g) {
        for (let k = 0; k < part.length; k++) acc_g[part[k]!]! += m[part[k]!]!;
      },
      settable() {
        const out: Record<string, number | boolean> = {};
        pumpSettings.addValues(out);
        return out;
      },
      ranges() {
        const out: Record<string, Range> = {};
        pumpSettings.addRanges(out);
        return out;
      },
      set: (name, value) => (pumpSettings.owns(name) ? pumpSettings.set(name, value) : `${ctx.id} has no runtime parameter "${name}"`),
    };
  },
});
