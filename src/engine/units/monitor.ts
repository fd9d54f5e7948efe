/**
 * Monitoring point (监测点): a sampling point with no hold-up — water passes from `in` to `out`
 * unchanged. It names the standards it checks; the compliance tracker (kpi/compliance.ts) reads its
 * inflow. At a workshop or pretreatment-facility outlet (车间或生产设施废水排放口), GB 21900-2008
 * measures total Cr, Cr(VI), Ni, Cd, Ag, Pb and Hg there rather than at the final outlet; mark such a
 * point `workshop_outlet` and the tracker evaluates those parameters here. The final outlet is the
 * `discharge` unit (units/simple.ts). Like the outfall, it has an online pH analyser (`<id>.pH`): a reading every few
 * minutes, which compliance judges pH by.
 */
import { z } from 'zod';
import { param } from '../model/params.ts';
import { defineUnitType } from './unitType.ts';
import { onlinePHAnalyser } from './equilibrium.ts';

const params = z.strictObject({
  standards: param(z.array(z.string().min(1)).min(1, 'name at least one standard, e.g. "GB21900-2008-T3"')),
  workshop_outlet: param(z.boolean()),
});
type P = z.infer<typeof params>;

export const monitor = defineUnitType({
  type: 'monitor',
  label: { en: 'monitoring point', zh: '监测点' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out'] }),
  recordsSalinity: true,
  requiredInputs: ['in'],
  create(ctx, _p: P) {
    const inSlots = ctx.inputs['in']!, out = ctx.outputs['out']!;
    const c = ctx.streams.concView(out);
    const analyser = onlinePHAnalyser(ctx);
    return {
      step(_t, dt_s) {
        const q = ctx.streams.mix(inSlots, c, ctx.active);
        ctx.streams.setFlow(out, q);
        if (q > 0) analyser.sample(c, dt_s);
      },
      analyserPH: () => analyser.reading,
      addInventory() {},
      settable: () => ({}),
      set: (name) => `${ctx.id} has no runtime parameter "${name}"`,
    };
  },
});
