import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import { C, MOLAR_MASS_G_MOL, SOLIDS_G_PER_G } from '../../../src/engine/components.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { model, param, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { clarifierUnit, harness, pressParams, sepUnit, thickenerParams } from '../../fixtures/separations.ts';

const OH = 15.999 + 1.008;
/** hydroxide mass per gram of metal, from molar masses: Ni(OH)₂, Fe(OH)₃ */
const NI_OH2 = (MOLAR_MASS_G_MOL.Ni + 2 * OH) / MOLAR_MASS_G_MOL.Ni;
const FE_OH3 = (MOLAR_MASS_G_MOL.Fe + 3 * OH) / MOLAR_MASS_G_MOL.Fe;

describe('sludge thickener', () => {
  it('thickens to its underflow solids fraction and keeps its solids retention time', () => {
    // 6 m³/h at 1,000 mg/L Fe_p (1,914 mg/L as Fe(OH)₃)
    const h = harness('thickener', thickenerParams());
    h.feed('in', 6, { Fe_p: 1000, Na: 200 });
    h.run(300, 12 * 24 * 10);
    const u = h.out('underflow'), s = h.out('supernatant');
    const k = SOLIDS_G_PER_G.Fe_p!;
    const solids = (c: Float64Array) => k * c[C.Fe_p]!;
    expect(solids(u.c)).toBeCloseTo(30_000, -1);
    // steady state: the underflow takes what the blanket catches; the supernatant the 5 % it misses
    const fed = 6 * 1000 * k;
    expect(u.q_m3_h * solids(u.c)).toBeCloseTo(0.95 * fed, -1);
    expect(s.q_m3_h * solids(s.c)).toBeCloseTo(0.05 * fed, 0);
    expect(u.q_m3_h + s.q_m3_h).toBeCloseTo(6, 12);
    expect(u.c[C.Na]).toBe(200);
    // blanket = F·τ = 0.95 × 6 m³/h × 1,914 g/m³ × 12 h
    expect(h.channel('blanket_kg')).toBeCloseTo((0.95 * fed * 12) / 1000, 0);
  });

  it('catching next to nothing (capture 10⁻¹², the least a model may give) sends everything up with the water: no Infinity from a trickle of underflow', () => {
    const h = harness('thickener', thickenerParams({ capture_frac: param(1e-12) }));
    h.feed('in', 6, { Fe_p: 1000, Na: 200 });
    h.run(60, 24 * 60);
    const u = h.out('underflow'), s = h.out('supernatant');
    expect(u.q_m3_h).toBe(0);
    expect(s.c[C.Fe_p]).toBeCloseTo(1000, 6);
    expect(h.worstImbalance()).toBeLessThan(1e-12);
  });

  it('holds its solids while the underflow pump is tripped and spills them once its blanket is full', () => {
    const h = harness('thickener', thickenerParams({ max_blanket_kg: param(500) }));
    h.feed('in', 6, { Fe_p: 1000 });
    h.rt.set('underflow_pump.tripped', true);
    h.run(600, 6 * 144);
    expect(h.out('underflow').q_m3_h).toBe(0);
    expect(h.channel('blanket_kg')).toBeGreaterThan(400);
    expect(h.channel('blanket_kg')).toBeLessThan(500);
    expect(h.channel('capture_pct')).toBeLessThan(50);
  });
});

describe('filter press', () => {
  it('runs fill–press–discharge cycles and makes cake at its dry-solids fraction', () => {
    // 2 m³/h of 3 % sludge = 60 kg/h dry; chambers hold 0.5 m³ × 1,250 kg/m³ × 0.375 = 234 kg dry
    const h = harness('filter_press', pressParams());
    const k = SOLIDS_G_PER_G.Fe_p!;
    h.feed('in', 2, { Fe_p: 30_000 / k, Na: 300 });
    const phases: number[] = [];
    for (let k = 0; k < 2 * 24 * 60; k++) {
      h.step(60);
      phases.push(h.channel('phase'));
    }
    const cycles = h.channel('cycles');
    const dry = h.ledger.byItem('cake_dry_kg')['HW17']!, wet = h.ledger.byItem('cake_wet_kg')['HW17']!;
    expect(dry / wet).toBeCloseTo(0.375, 12);
    expect(dry / cycles).toBeCloseTo(234.375, 0);
    // 48 h × 60 kg/h × 0.995 ≈ 2,866 kg dry fed: 12 cycles, less what waits in the feed tank
    expect(cycles).toBeGreaterThanOrEqual(10);
    expect(cycles).toBeLessThanOrEqual(13);
    // every phase shows up, and each complete press lasts its hour (60 steps), each discharge its half hour
    expect(new Set(phases)).toEqual(new Set([0, 1, 2]));
    const runs = (phase: number) => {
      const lengths: number[] = [];
      let n = 0;
      phases.forEach((p, i) => {
        if (p === phase) n++;
        if ((p !== phase || i === phases.length - 1) && n > 0) {
          if (p !== phase) lengths.push(n);
          n = 0;
        }
      });
      return lengths;
    };
    expect(new Set(runs(1))).toEqual(new Set([60]));
    expect(new Set(runs(2))).toEqual(new Set([30]));
    // the cake leaves through the books with the water it holds: 1/0.375 − 1 kg of water per kg dry at 300 mg/L Na
    const cake = h.books.accounts.find((a) => a.name === 'cake:u')!;
    expect(cake.g[C.Fe_p]! / 1000).toBeCloseTo(dry / k, 3);
    expect(cake.g[C.Na]!).toBeCloseTo(dry * (1 / 0.375 - 1) * 300 / 1000, 3);
    // and the books count that water as water leaving the plant: the wet cake less its dry solids, a tonne per m³
    expect(cake.volume[0]!).toBeCloseTo((wet - dry) / 1000, 6);
  });

  it('fed sludge wetter in the cake than in the feed: no filtrate, every solid kept, the books closed', () => {
    // 12 % feed into a cake of 6 % dry solids: the cake would hold more water than comes with the solids
    const h = harness('filter_press', pressParams({ cake_dry_solids_frac: param(0.06), capture_frac: param(0.9) }));
    const k = SOLIDS_G_PER_G.Fe_p!;
    h.feed('in', 1, { Fe_p: 120_000 / k, Na: 300 });
    h.run(60, 12 * 60);
    expect(h.ledger.byItem('cake_dry_kg')['HW17']!).toBeGreaterThan(0);
    expect(h.worstImbalance()).toBeLessThan(1e-12);
  });
});

describe('sludge line in a plant', () => {
  it('turns the particulate metal fed into cake tonnes that match hydroxide stoichiometry (within 10 %)', () => {
    // 10 m³/h with 200 mg/L Ni and 300 mg/L Fe as particulates (≈ 890 mg/L SS), over 30 days
    const ni_p = 200, fe_p = 300;
    const m = model(
      [
        steadyInfluent('in', 10, { Ni_p: ni_p, Fe_p: fe_p, Na: 300, SO4: 400 }),
        clarifierUnit('clar', 10, 3.5, { ratio: 0.1 }),
        sepUnit('thick', 'thickener', thickenerParams({ solids_retention_h: param(12), underflow_pump_max_m3_h: param(5) })),
        sepUnit('press', 'filter_press', pressParams({ feed_pump_m3_h: param(3), chamber_volume_m3: param(0.3) })),
        unit('mix', 'mixer'),
        unit('out', 'discharge'),
      ],
      [
        stream('in.out', 'mix.in'), stream('mix.out', 'clar.in'), stream('clar.out', 'out.in'),
        stream('clar.underflow', 'thick.in'), stream('thick.underflow', 'press.in'),
        stream('thick.supernatant', 'mix.in', true), stream('press.filtrate', 'mix.in', true),
      ],
      { duration_days: param(30) },
    );
    const sim = createSimulation(compile(m, { file: 'sludge-line' }));
    sim.run(30 * 86400);
    const s = sim.summary();
    expect(s.worstClosure_rel).toBeLessThan(1e-9);
    const fed_kg = (10 * 24 * 30) * (ni_p * NI_OH2 + fe_p * FE_OH3) / 1000;
    const dry = s.ledger.cake_dry_kg['HW17']!;
    expect(Math.abs(dry - fed_kg) / fed_kg).toBeLessThan(0.1);
    expect(s.ledger.cake_wet_kg['HW17']! / dry).toBeCloseTo(1 / 0.375, 9);
    // the cake's nickel content as a KPI: kg and % of the dry solids
    const ni = s.kpis.sludge.metals.Ni;
    expect(ni.kg).toBeCloseTo(s.massBalance.Ni_total.out_kg['cake:press']!, 9);
    const pct = (100 * ni_p) / (ni_p * NI_OH2 + fe_p * FE_OH3);
    expect(ni.pct_dry!).toBeCloseTo(pct, 0);
    expect(s.kpis.sludge.dry_solids_frac).toBeCloseTo(0.375, 9);
    expect(s.kpis.sludge.label).toMatch(/HW17/);
  });
});
