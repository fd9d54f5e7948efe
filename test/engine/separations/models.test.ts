/** The example plants in models/ compile, run a month and close their books. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import { COMPONENTS, ELEMENTS } from '../../../src/engine/components.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';

const load = (name: string) => {
  const file = fileURLToPath(new URL(`../../../models/${name}.json`, import.meta.url));
  return createSimulation(compile(JSON.parse(readFileSync(file, 'utf8')), { file: `models/${name}.json` }));
};

/** every parameter of every unit says where its number came from */
function references(name: string): string[] {
  const json = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../models/${name}.json`, import.meta.url)), 'utf8')) as {
    units: { id: string; params: Record<string, { reference?: string }> }[];
  };
  return json.units.flatMap((u) => Object.entries(u.params).filter(([, v]) => !(typeof v.reference === 'string' && v.reference.length > 0)).map(([k]) => `${u.id}.${k}`));
}

describe('example models', () => {
  it('nickel-rinse-ro: a month with closure ≤ 1e-9, most of the water reused and the nickel recovered', () => {
    const sim = load('nickel-rinse-ro');
    expect(sim.duration_s).toBe(30 * 86400);
    sim.run(sim.duration_s);
    const s = sim.summary();
    for (const id of [...COMPONENTS, ...ELEMENTS.map((e) => `${e}_total` as const)]) expect(s.massBalance[id].closure_rel, id).toBeLessThan(1e-9);
    expect(s.kpis.water.reuse_rate).toBeGreaterThan(0.9);
    const ni = s.massBalance.Ni_total;
    // nickel leaves as concentrate back to the bath, a little as cake and in the reuse water
    expect(ni.out_kg['recovered:evap']!).toBeGreaterThan(0.8 * ni.in_kg);
    expect(s.kpis.recovery.metals_kg_d.Ni!).toBeCloseTo(ni.out_kg['recovered:evap']! / s.kpis.days, 9);
    // at bath strength, so the bath can take it back: tens of g/L of nickel in a few hundred litres a day
    const back_m3 = s.waterBalance.out_m3['recovered:evap']!;
    expect(ni.out_kg['recovered:evap']! / back_m3).toBeGreaterThan(40);
    expect(ni.out_kg['recovered:evap']! / back_m3).toBeLessThan(90);
    expect(back_m3 / s.kpis.days).toBeLessThan(0.5);
    expect(ni.out_kg['cake:press-ni']!).toBeGreaterThan(0);
    // a closed loop: its equalization tank carries the production peaks and nothing spills to the workshop outlet
    expect(s.kpis.water.effluent_m3_d).toBe(0);
    expect(ni.out_kg['effluent:discharge'] ?? 0).toBe(0);
    expect(s.kpis.energy.byItem_kWh_d['RO high-pressure pump']!).toBeGreaterThan(0);
    expect(references('nickel-rinse-ro')).toEqual([]);
  });

  it('job-shop: raw acid rinses precipitated at pH 8.7 with sulfide; a month with closure ≤ 1e-9, Table 3 SS and metals met, the metals in HW17 cake', () => {
    const sim = load('job-shop');
    sim.run(sim.duration_s);
    const s = sim.summary();
    // the rinses carry their metals dissolved: what reaches the cake was precipitated in the plant
    for (const el of ['Ni_total', 'Cu_total', 'Zn_total', 'Fe_total'] as const) {
      const b = s.massBalance[el];
      expect(b.out_kg['cake:press']!, el).toBeGreaterThan(0.8 * b.in_kg);
      expect(b.out_kg['effluent:discharge']!, el).toBeLessThan(0.02 * b.in_kg);
    }
    expect(s.ledger.reagents_kg['NaOH']!).toBeGreaterThan(0);
    expect(s.ledger.reagents_kg['Na2S']!).toBeGreaterThan(0);
    for (const id of [...COMPONENTS, ...ELEMENTS.map((e) => `${e}_total` as const)]) expect(s.massBalance[id].closure_rel, id).toBeLessThan(1e-9);
    const t3 = s.kpis.compliance.find((c) => c.id === 'GB21900-2008-T3')!;
    for (const p of ['SS', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Cr_total', 'pH']) {
      const row = t3.parameters.find((r) => r.parameter === p)!;
      expect(row.status, p).toBe('compliant');
    }
    expect(s.ledger.cake_dry_kg['HW17']!).toBeGreaterThan(100);
    expect(s.kpis.sludge.metals.Fe.pct_dry!).toBeGreaterThan(5);
    expect(s.kpis.cost.opex_CNY_m3).toBeGreaterThan(0);
    expect(references('job-shop')).toEqual([]);
  });
});

describe('the outfall records the effluent it receives', () => {
  it('its flow and measures are the inflows mixed: step by step, they carry exactly the mass the books count as effluent', () => {
    const plant = compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../../models/default-park.json', import.meta.url)), 'utf8')), { file: 'models/default-park.json' });
    // a row per step, so each row is one sample, not an interval's mean
    const sim = createSimulation(plant, { duration_s: 3 * 86400, step_s: 60, output_interval_s: 60 });
    sim.run(sim.duration_s);
    const infos = sim.channelInfo();
    const at = (id: string) => infos.findIndex((c) => c.id === id);
    const flow = at('discharge.in/flow_m3_h');
    expect(flow).toBeGreaterThanOrEqual(0);
    expect(infos[flow]!.unit).toBe('discharge');
    const data = sim.channelData();
    const s = sim.summary();
    const volume_m3 = data.mean[flow]!.reduce((a, q) => a + (q / 3600) * 60, 0);
    expect(volume_m3 / 3).toBeCloseTo(s.flows_m3_d.outlets['effluent:discharge']!, 0);
    for (const m of ['Ni_total', 'Cu_total', 'Cr_total', 'COD', 'TDS']) {
      const c = at(`discharge.in/${m}`);
      expect(c, m).toBeGreaterThanOrEqual(0);
      const g = data.mean[c]!.reduce((a, v, r) => a + v * (data.mean[flow]![r]! / 3600) * 60, 0);
      if (m === 'TDS' || m === 'COD') {
        expect(g, m).toBeGreaterThan(0);
        continue;
      }
      const element = m.replace('_total', '') as 'Ni' | 'Cu' | 'Cr';
      // rows are float32: the sum over 4,320 of them agrees to a few parts per million
      expect(g / 1000 / s.massBalance[`${element}_total`].out_kg['effluent:discharge']!, m).toBeCloseTo(1, 4);
    }
  });
});
