import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { COMPONENTS, ELEMENTS } from '../../src/engine/components.ts';
import { defaultParkJson, eqTank, model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';

describe('mass books', () => {
  it('close within 1e-9 for every component and element over a 365-day run of the default park, which meets Table 2 through its dumps', () => {
    const sim = createSimulation(compile(defaultParkJson(), { file: 'models/default-park.json' }), { duration_s: 365 * 86400, standards: ['GB21900-2008-T2'] });
    sim.run(365 * 86400);
    const books = sim.massBalance();
    for (const id of [...COMPONENTS, ...ELEMENTS.map((e) => `${e}_total` as const)]) {
      expect(books[id].closure_rel, id).toBeLessThan(1e-9);
    }
    // something real flowed: ≈ 3,000 m³/d of water carrying tonnes of metal
    const s = sim.summary();
    const influent = Object.values(s.flows_m3_d.influents).reduce((a, b) => a + b, 0);
    expect(influent).toBeGreaterThan(2700);
    expect(influent).toBeLessThan(3300);
    expect(books.Ni_total.in_kg).toBeGreaterThan(1000);
    expect(books.Cr_total.out_kg['effluent:discharge']).toBeGreaterThan(0);
    // and the water's books: influent + reagent solutions = effluent + reuse water + the water in the cake + the change in
    // what the tanks hold; the solutions ≈ 14 m³/d (PAM at 0.1 % is most of it), each unit's in its own account
    const water = s.waterBalance;
    expect(water.closure_rel).toBeLessThan(1e-9);
    expect((water.in_m3 - water.reagentSolutions_m3) / 365).toBeCloseTo(influent, 6);
    const solutions = Object.values(s.flows_m3_d.reagents).reduce((a, b) => a + b, 0);
    expect(water.reagentSolutions_m3 / 365).toBeCloseTo(solutions, 6);
    expect(solutions).toBeGreaterThan(10);
    expect(solutions).toBeLessThan(20);
    expect(s.flows_m3_d.reagents['reagent:precip']).toBeGreaterThan(s.flows_m3_d.reagents['reagent:cr-red']!);
    expect(water.out_m3['cake:press']! / 365).toBeGreaterThan(0.3);
    expect(water.inventory_m3).toBeGreaterThan(1000);
    // about four spent-bath dumps a month per stream, and still every modelled parameter within Table 2
    // ≥ 99 % of the time at the workshop outlets and the final outlet
    const judged = s.kpis.compliance[0]!.parameters.filter((p) => p.modelled);
    expect(new Set(judged.map((p) => p.point))).toEqual(new Set(['mon-cr', 'mon-ni', 'discharge']));
    for (const p of judged) expect(p.within_pct!, `${p.parameter} at ${p.point}`).toBeGreaterThanOrEqual(99);
    // the dumps do show: some parameter leaves its limit for a while
    expect(judged.some((p) => p.exceedances > 0)).toBe(true);
  });

  it('close through a recycle loop broken by a tear stream, with mass in transit counted', () => {
    // influent → tank A → splitter: 60 % back to A (tear), 40 % to B → discharge; B also overflows
    const m = model(
      [
        steadyInfluent('in', 10, { Ni: 50, Cu: 20, SO4: 300 }, {
          flow_cv: param(0.3), conc_cv: param(0.3), noise_tau_h: param(1),
          dumps: param([{ day: 0.3, volume_m3: 4, factor: 30, duration_min: 20 }]),
        }),
        eqTank('a', 60, 0.5, 25, { level_gain_m3_h: param(40), pump_max_m3_h: param(80) }),
        unit('split', 'splitter', { fractions: param({ back: 0.6, on: 0.4 }) }),
        eqTank('b', 30, 0.2, 10, { level_gain_m3_h: param(20) }),
        unit('out', 'discharge'),
      ],
      [
        stream('in.out', 'a.in'),
        stream('a.out', 'split.in'),
        stream('split.back', 'a.in', true),
        stream('split.on', 'b.in'),
        stream('b.out', 'out.in'),
        stream('a.overflow', 'out.in'),
        stream('b.overflow', 'out.in'),
      ],
    );
    for (const step_s of [1, 60, 3600]) {
      const sim = createSimulation(compile(m, { file: 'recycle' }), { duration_s: 20 * 86400, step_s });
      sim.run(20 * 86400);
      const books = sim.massBalance();
      for (const id of ['Ni', 'Cu', 'SO4', 'Ni_total'] as const) expect(books[id].closure_rel, `${id} at ${step_s} s`).toBeLessThan(1e-9);
      // the water in transit in the tear stream is counted too
      expect(sim.summary().waterBalance.closure_rel, `water at ${step_s} s`).toBeLessThan(1e-9);
      expect(books.Ni.out_kg['effluent:out']!).toBeGreaterThan(0.5 * books.Ni.in_kg);
    }
  });

  it('put a scheduled dump into the books exactly: volume × factor × base concentration', () => {
    const dump = { day: 0.25, volume_m3: 6, factor: 40, duration_min: 45 };
    const run = (dumps: unknown[]) => {
      const m = model(
        [steadyInfluent('in', 12, { Cd: 0.8 }, { dumps: param(dumps) }), eqTank('eq', 100, 0.5, 12), unit('out', 'discharge')],
        [stream('in.out', 'eq.in'), stream('eq.out', 'out.in'), stream('eq.overflow', 'out.in')],
      );
      const sim = createSimulation(compile(m, { file: 'dump' }), { step_s: 600 });
      sim.run(86400);
      return sim.massBalance().Cd.in_kg;
    };
    // a 45-minute dump on a 10-minute step straddles steps; its volume must still be whole
    expect(run([dump]) - run([])).toBeCloseTo((6 * 40 * 0.8) / 1000, 12);
  });

  it('stay closed whatever metal a line carries: every metal in every rinse, cadmium cyanide in the cyanide line, precipitated where the pH drives it', () => {
    // a reactor precipitates any metal that reaches it, not only those its line was designed for: cadmium from a
    // cadmium-cyanide bath, iron and lead in the chromium rinse — once, their precipitate went unseen and the books opened
    const m = defaultParkJson() as { units: { id: string; type: string; params: { conc_mg_L?: { value: Record<string, number> } } }[] };
    for (const u of m.units) {
      const c = u.params.conc_mg_L?.value;
      if (u.type !== 'influent' || c === undefined) continue;
      for (const metal of ['Cr3', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe']) c[metal] ??= 2;
    }
    m.units.find((u) => u.id === 'inf-cn')!.params.conc_mg_L!.value.Cd = 15;
    const sim = createSimulation(compile(m, { file: 'every-metal' }), { duration_s: 2 * 86400 });
    sim.run(2 * 86400);
    const books = sim.massBalance();
    for (const id of [...COMPONENTS, ...ELEMENTS.map((e) => `${e}_total` as const)]) expect(books[id].closure_rel, id).toBeLessThan(1e-9);
    // at the cyanide stages' pH ≈ 10 cadmium hydroxide forms, and goes on down the line with the water
    const info = sim.channelInfo();
    const d = sim.channelData();
    const mean = (id: string) => {
      const c = info.findIndex((x) => x.id === id);
      expect(c, id).toBeGreaterThanOrEqual(0);
      const a = d.mean[c]!;
      return a.slice(a.length / 2).reduce((x, y) => x + y, 0) / (a.length / 2);
    };
    expect(books.Cd_p.reacted_kg).toBeGreaterThan(0);
    expect(mean('cn-2.out/Cd_total')).toBeGreaterThan(1);
  });

  it('stay closed, with every channel a number, when every influent runs at a hundred times its strength (spent baths straight into the lines)', () => {
    const m = defaultParkJson() as { units: { type: string; params: { conc_mg_L?: { value: Record<string, number> }; random_dumps?: unknown; dumps?: unknown } }[] };
    for (const u of m.units) {
      const c = u.params.conc_mg_L?.value;
      if (u.type !== 'influent' || c === undefined) continue;
      for (const k of Object.keys(c)) c[k] = c[k]! * 100;
      // a dump on top would be more than water can carry, which the model refuses (tested elsewhere)
      delete u.params.random_dumps;
      delete u.params.dumps;
    }
    const sim = createSimulation(compile(m, { file: 'strong' }), { duration_s: 2 * 86400 });
    sim.run(2 * 86400);
    const d = sim.channelData();
    const info = sim.channelInfo();
    const broken = info.filter((_, c) => ![d.min[c]!, d.mean[c]!, d.max[c]!].every((a) => a.every(Number.isFinite))).map((c) => c.id);
    expect(broken).toEqual([]);
    expect(sim.summary().worstClosure_rel).toBeLessThan(1e-9);
  });
});
