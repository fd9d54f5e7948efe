/**
 * The default park with its A/O membrane bioreactor: COD, TP and TN at the discharge meet
 * GB 21900-2008 Table 2 (and the Table 3 the park is held to) at least 99 % of the time, the books
 * close, and the waste biological sludge goes down the sludge line.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import { COMPONENTS, ELEMENTS } from '../../../src/engine/components.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { defaultParkJson } from '../../fixtures/models.ts';

describe('default park with biological treatment', () => {
  it('meets Table 2 and Table 3 for COD, TP, TN and NH3-N at the discharge ≥ 99 % of 40 days, books closed', () => {
    const sim = createSimulation(compile(defaultParkJson(), { file: 'models/default-park.json' }), {
      duration_s: 40 * 86400,
      standards: ['GB21900-2008-T2', 'GB21900-2008-T3'],
    });
    sim.run(sim.duration_s);
    const s = sim.summary();
    for (const std of s.kpis.compliance.filter((c) => c.id.startsWith('GB21900'))) {
      for (const p of ['COD', 'TP', 'TN', 'NH3N']) {
        const row = std.parameters.find((r) => r.parameter === p && r.point === 'discharge')!;
        expect(row.modelled, `${std.id} ${p}`).toBe(true);
        expect(row.within_pct!, `${std.id} ${p}`).toBeGreaterThanOrEqual(99);
      }
    }
    const t2 = s.kpis.compliance.find((c) => c.id === 'GB21900-2008-T2')!;
    const cod = t2.parameters.find((r) => r.parameter === 'COD' && r.point === 'discharge')!;
    // the inert COD of the plating additives is what is left: well above zero, below the limit
    expect(cod.mean!).toBeGreaterThan(10);
    expect(cod.mean!).toBeLessThan(50);
    for (const id of [...COMPONENTS, ...ELEMENTS.map((e) => `${e}_total` as const)]) expect(s.massBalance[id].closure_rel, id).toBeLessThan(1e-9);
    // biomass is made, wasted to the sludge line and pressed with the cake; none leaves with the water
    const vss = s.massBalance.VSS;
    expect(vss.reacted_kg).toBeGreaterThan(0);
    expect(vss.out_kg['cake:press']!).toBeGreaterThan(0);
    expect(vss.out_kg['effluent:discharge']!).toBeLessThan(1e-6 * vss.reacted_kg);
    // nearly all the phosphorus is precipitated, and leaves as solids in the cake (the rest is still in the sludge line)
    const pp = s.massBalance.P_p;
    expect(pp.reacted_kg).toBeGreaterThan(0.9 * s.massBalance.TP.in_kg);
    expect(pp.out_kg['cake:press']!).toBeGreaterThan(0.4 * pp.reacted_kg);
    expect(pp.out_kg['cake:press']! + pp.inventory_kg).toBeCloseTo(pp.reacted_kg, 6);
    expect(s.kpis.energy.byItem_kWh_d['aeration']!).toBeGreaterThan(0);
  });
});
