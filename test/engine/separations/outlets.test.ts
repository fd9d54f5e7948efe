import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import { C } from '../../../src/engine/components.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { model, param, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { evaporatorParams, harness, reuseTankParams, sepUnit } from '../../fixtures/separations.ts';

describe('reuse water tank', () => {
  it('sends its demand out of the plant as reuse water and spills the surplus', () => {
    const h = harness('reuse_tank', reuseTankParams({ initial_fill_frac: param(1), demand_m3_h: param(5) }));
    h.feed('in', 8, { Ni: 1, Na: 20 });
    h.run(60, 600);
    expect(h.out('overflow').q_m3_h).toBeCloseTo(3, 9);
    const reuse = h.books.accounts.find((a) => a.name === 'reuse:u')!;
    expect(reuse.kind).toBe('outlet');
    expect(reuse.volume[0]).toBeCloseTo(50, 9);
    expect(h.ledger.byItem('water_m3')['reuse']).toBeCloseTo(50, 9);
    expect(h.channel('reuse_m3_h')).toBeCloseTo(5, 5);
    // demand above supply: the tank draws down to its stop level, then delivers what comes in
    h.rt.set('demand_m3_h', 20);
    h.run(60, 600);
    expect(h.out('overflow').q_m3_h).toBe(0);
    expect(h.channel('level_m')).toBeCloseTo(0.1 * 3, 4);
    expect(h.channel('reuse_m3_h')).toBeCloseTo(8, 4);
    expect(h.rt.set('demand_m3_h', -1)).toMatch(/between/);
  });
});

describe('evaporator', () => {
  it('leaves the brine as concentrate and the distillate as reuse water, at its energy per m³ evaporated', () => {
    const h = harness('evaporator', evaporatorParams());
    h.feed('in', 2, { Ni: 500, SO4: 900 });
    h.run(60, 60);
    const conc = h.books.accounts.find((a) => a.name === 'concentrate:u')!;
    const reuse = h.books.accounts.find((a) => a.name === 'reuse:u')!;
    expect(conc.volume[0]).toBeCloseTo(0.2, 12);
    expect(reuse.volume[0]).toBeCloseTo(1.8, 12);
    expect(conc.g[C.Ni]).toBeCloseTo(2 * 500 * 0.999, 9);
    expect(reuse.g[C.Ni]).toBeCloseTo(2 * 500 * 0.001, 9);
    expect(h.ledger.byItem('energy_kWh')['evaporation']).toBeCloseTo(45 * 1.8, 9);
    // hauled as hazardous waste: 0.2 m³ of brine, a tonne of water per m³ plus its 5 g/L Ni and 9 g/L SO4
    const brine_kg_m3 = 1000 + (500 * 0.999 + 900 * 0.999) / 0.1 / 1000;
    expect(h.ledger.byItem('hauled_kg')['evaporator residue']).toBeCloseTo(0.2 * brine_kg_m3, 9);
    // what leaves the plant is recorded as the streams are (channel rows hold single precision): the residue 10× as
    // strong, the distillate it reuses
    expect(h.channel('residue/flow_m3_h') / 0.2).toBeCloseTo(1, 6);
    expect(h.channel('residue/Ni_total') / ((500 * 0.999) / 0.1)).toBeCloseTo(1, 6);
    expect(h.channel('distillate/flow_m3_h') / 1.8).toBeCloseTo(1, 6);
    expect(h.channel('distillate/Ni_total') / ((500 * 0.001) / 0.9)).toBeCloseTo(1, 6);
  });

  it('returns its residue to the plating baths instead, as recovered metal that nobody hauls', () => {
    const h = harness('evaporator', evaporatorParams({ residue: param('to_baths') }));
    h.feed('in', 2, { Ni: 500, SO4: 900 });
    h.run(60, 60);
    const back = h.books.accounts.find((a) => a.name === 'recovered:u')!;
    expect(back.kind).toBe('outlet');
    expect(back.g[C.Ni]).toBeCloseTo(2 * 500 * 0.999, 9);
    expect(h.books.accounts.some((a) => a.name === 'concentrate:u')).toBe(false);
    expect(h.ledger.byItem('hauled_kg')).toEqual({});
  });

  it('can send its condensate on through a port instead', () => {
    const h = harness('evaporator', evaporatorParams({ condensate: param('port') }));
    h.feed('in', 2, { Ni: 500 });
    h.step(60);
    expect(h.out('condensate').q_m3_h).toBeCloseTo(1.8, 12);
    expect(h.out('condensate').c[C.Ni]).toBeCloseTo((500 * 0.001) / 0.9, 12);
    expect(h.books.accounts.some((a) => a.name === 'reuse:u')).toBe(false);
  });
});

describe('outlets in a plant', () => {
  it('book reuse, concentrate and effluent as separate outlets that close the books', () => {
    const m = model(
      [
        steadyInfluent('in', 10, { Ni: 20, Na: 50, SO4: 100 }),
        unit('split', 'splitter', { fractions: param({ a: 0.6, b: 0.3, c: 0.1 }) }),
        sepUnit('reuse', 'reuse_tank', reuseTankParams({ demand_m3_h: param(4) })),
        sepUnit('evap', 'evaporator', evaporatorParams()),
        sepUnit('mon', 'monitor', { standards: param(['GB21900-2008-T3']), workshop_outlet: param(false) }),
        unit('out', 'discharge'),
      ],
      [
        stream('in.out', 'split.in'), stream('split.a', 'reuse.in'), stream('split.b', 'mon.in'), stream('split.c', 'evap.in'),
        stream('mon.out', 'out.in'), stream('reuse.overflow', 'out.in'),
      ],
    );
    const sim = createSimulation(compile(m, { file: 'outlets' }));
    sim.run(86400);
    const s = sim.summary();
    expect(s.worstClosure_rel).toBeLessThan(1e-9);
    expect(Object.keys(s.massBalance.Ni.out_kg).sort()).toEqual(['concentrate:evap', 'effluent:out', 'reuse:evap', 'reuse:reuse']);
    // water: 10 m³/h in; 4 m³/h reused from the tank, 0.9 m³/h distilled, the rest discharged or in the tank
    expect(s.kpis.water.reuse_m3_d).toBeCloseTo(4 * 24 + 0.9 * 24, 6);
    expect(s.kpis.water.reuse_rate).toBeCloseTo((4 + 0.9) / 10, 6);
    expect(s.kpis.water.concentrate_m3_d).toBeCloseTo(0.1 * 24, 6);
  });
});
