/**
 * Units without holdup: a mixer (junction), a splitter (fixed fractions to named ports) and the
 * discharge point, where treated water leaves the plant and the books count it as effluent.
 */
import { z } from 'zod';
import { NC } from '../components.ts';
import { m3s_to_m3h } from '../convert.ts';
import { addWaterChannels } from '../measures.ts';
import { Books } from '../kpi/books.ts';
import { fraction, param, reference } from '../model/params.ts';
import { defineUnitType } from './unitType.ts';
import { onlinePHAnalyser } from './equilibrium.ts';

const noRuntime = (id: string) => ({
  settable: () => ({}),
  set: (name: string) => `${id} has no runtime parameter "${name}"`,
});

export const mixer = defineUnitType({
  type: 'mixer',
  label: { en: 'mixer', zh: '汇流' },
  params: z.strictObject({}),
  ports: () => ({ inputs: ['in'], outputs: ['out'] }),
  requiredInputs: ['in'],
  create(ctx) {
    const inSlots = ctx.inputs['in']!, out = ctx.outputs['out']!;
    const c = ctx.streams.concView(out); // mixed straight into the outlet
    const active = ctx.active;
    return {
      step() {
        ctx.streams.setFlow(out, ctx.streams.mix(inSlots, c, active));
      },
      addInventory() {},
      ...noRuntime(ctx.id),
    };
  },
});

const portName = /^[a-z][a-z0-9_]*$/;
const splitterParams = z.strictObject({
  fractions: z
    .strictObject({ value: z.record(z.string().regex(portName, 'port names are lower-case words'), fraction), reference, unit: z.string().optional() })
    .superRefine((f, ctx) => {
      const values = Object.values(f.value);
      if (values.length < 2) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a splitter needs at least two outlets' });
      const sum = values.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['value'], message: `fractions must add up to 1 (they add up to ${sum})` });
    }),
});
type SplitterParams = z.infer<typeof splitterParams>;

export const splitter = defineUnitType({
  type: 'splitter',
  label: { en: 'splitter', zh: '分流' },
  params: splitterParams,
  ports: (p: SplitterParams) => {
    const [first, ...rest] = Object.keys(p.fractions.value);
    return { inputs: ['in'], outputs: [first!, ...rest], sameAs: Object.fromEntries(rest.map((port) => [port, first!])) };
  },
  create(ctx, p: SplitterParams) {
    const inSlots = ctx.inputs['in']!;
    const ports = Object.keys(p.fractions.value);
    const outs = Int32Array.from(ports, (port) => ctx.outputs[port]!);
    const fr = Float64Array.from(ports, (port) => p.fractions.value[port]!);
    const c = new Float64Array(NC);
    return {
      step() {
        const q = ctx.streams.mix(inSlots, c, ctx.active);
        // the last outlet takes the remainder so the split conserves water to the last bit
        let rest = q;
        for (let k = 0; k < outs.length; k++) {
          const qk = k === outs.length - 1 ? rest : q * fr[k]!;
          rest -= qk;
          ctx.streams.write(outs[k]!, qk, c, ctx.active);
        }
      },
      addInventory() {},
      ...noRuntime(ctx.id),
    };
  },
});

export const discharge = defineUnitType({
  type: 'discharge',
  label: { en: 'discharge point', zh: '总排放口' },
  params: z.strictObject({ standard: param(z.string().min(1)).optional() }),
  ports: () => ({ inputs: ['in'], outputs: [] }),
  recordsSalinity: true,
  create(ctx) {
    const inSlots = ctx.inputs['in']!;
    const account = ctx.books.open('effluent', ctx.id);
    // the effluent as the outfall receives it (its inflows mixed), in the arena so channels can read it:
    // the water the discharge standard judges, with its flow
    const c = ctx.arena.alloc(NC);
    const flow_m3_s = ctx.arena.alloc(1);
    addWaterChannels(ctx.channels, { key: `${ctx.id}.in`, unit: ctx.id, name: ctx.name, flow: [flow_m3_s, 0, m3s_to_m3h(1)], conc_mg_L: c, carried: new Set(ctx.active), salty: true });
    // the monitoring point's pH, as the online analyser reports it: a reading every few minutes, held
    // in between and while nothing flows
    const analyser = onlinePHAnalyser(ctx);
    // the outfall logs the water's temperature where it moves through the year
    if (ctx.water.swing_C > 0) ctx.channels.add({ id: `${ctx.id}.temperature_C`, unit: ctx.id, quantity: 'temperature', uom: '°C', label: { en: `${ctx.name.en} water temperature`, zh: `${ctx.name.zh}水温` } }, [[ctx.water.state, 0, 1]]);
    return {
      step(_t, dt_s) {
        const q = ctx.streams.mix(inSlots, c, ctx.active);
        flow_m3_s[0] = q;
        if (q > 0) {
          Books.post(account, c, q * dt_s, ctx.active);
          analyser.sample(c, dt_s);
        }
      },
      analyserPH: () => analyser.reading,
      addInventory() {},
      ...noRuntime(ctx.id),
    };
  },
});
