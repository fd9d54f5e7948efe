import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import { C, COMPONENTS, MOLAR_MASS_G_MOL, type ComponentId } from '../../../src/engine/components.ts';
import { StateArena } from '../../../src/engine/arena.ts';
import { PlantClock } from '../../../src/engine/clock.ts';
import { constantWater } from '../../../src/engine/waterTemperature.ts';
import { PHAnalyser } from '../../../src/engine/units/equilibrium.ts';
import { balanceToPH } from '../../../src/engine/units/rinse.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { RO_REJECTION_DEFAULTS } from '../../../src/engine/units/ro.ts';
import { eqTank, model, param, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { concOf, harness, reuseTankParams, roParams, sepUnit } from '../../fixtures/separations.ts';

/** Na + NH4 + 2Ca + 2Ni − Cl − 2SO4, meq/L: the ions of these waters whose charge does not move with pH */
const sid = (c: Float64Array) =>
  c[C.Na]! / 22.99 + c[C.NH3N]! / 14.007 + (2 * c[C.Ca]!) / 40.078 + (2 * c[C.Ni]!) / 58.693 - c[C.Cl]! / 35.453 - (2 * c[C.SO4]!) / 96.06;

const RINSE: Partial<Record<ComponentId, number>> = { Ni: 50, Na: 150, SO4: 300, Cl: 80, Cr6: 2, NH3N: 5, Ni_p: 0.5, SS_inert: 1 };

describe('reverse osmosis', () => {
  it('splits flow by recovery and each component by its rejection against the mean of feed and concentrate', () => {
    const h = harness('ro', roParams());
    h.feed('in', 12, RINSE);
    h.step(60);
    const p = h.out('permeate'), c = h.out('concentrate');
    expect(p.q_m3_h).toBeCloseTo(9, 12);
    expect(c.q_m3_h).toBeCloseTo(3, 12);
    for (const [id, cf] of Object.entries(RINSE) as [ComponentId, number][]) {
      const j = C[id];
      // mass balance per component
      expect(9 * p.c[j]! + 3 * c.c[j]!).toBeCloseTo(12 * cf, 9);
      // the rejection's definition: Cp = (1 − R)·(Cf + Cc)/2, except for sodium, which carries the permeate's charge
      // balance here (it passes 5 %, sulfate 0.5 %): the part no anion goes with stays in the concentrate
      const definition = (1 - RO_REJECTION_DEFAULTS[id].value) * 0.5 * (cf + c.c[j]!);
      if (id === 'Na') expect(p.c[j]!).toBeLessThan(0.8 * definition);
      else expect(p.c[j]!).toBeCloseTo(definition, 9);
    }
    // a feed without carbonate: the permeate's strong-ion difference is the feed's as far as chloride passes
    expect(sid(p.c)).toBeCloseTo((p.c[C.Cl]! / 80) * sid(concOf(RINSE)), 9);
    expect(p.c[C.Ni_p]).toBe(0);
    expect(c.c[C.Ni_p]).toBeCloseTo(2, 12);
    // what an operator reads: nickel's observed rejection 1 − Cp/Cf ≈ 95 % at 75 % recovery (98 % at the membrane)
    expect(1 - p.c[C.Ni]! / 50).toBeGreaterThan(0.94);
    expect(1 - p.c[C.Ni]! / 50).toBeLessThan(0.98);
  });

  it('makes a permeate about a pH unit below the feed (its CO₂ passes, its bicarbonate is held) and a concentrate of about the feed pH', () => {
    // a park's polished water: sodium sulfate and chloride, some hardness, bicarbonate, at pH 7.7
    const feed = concOf({ Na: 350, Ca: 40, SO4: 500, Cl: 200, TIC: 30, NH3N: 2, Ni: 0.05 });
    balanceToPH(feed, 7.7, 'SO4', 25);
    const h = harness('ro', roParams());
    h.feed('in', 12, Object.fromEntries(COMPONENTS.map((id) => [id, feed[C[id]]!])));
    h.step(60);
    const pH = (c: Float64Array) => {
      const arena = new StateArena();
      return new PHAnalyser(arena, constantWater(arena, new PlantClock('2026-03-02T00:00'), 25)).sample(c, 60);
    };
    expect(pH(feed)).toBeCloseTo(7.7, 2);
    // taken ion by ion (Na 5 %, sulfate 0.5 %) the permeate would read ≈ 11 and the concentrate ≈ 3; with the salts in
    // pairs and the inorganic carbon as one ion, about the feed's 7.7. At 7.7, 4.5 % of it is CO₂, which passes whole
    // while 12 % of the bicarbonate does: HCO₃⁻/CO₂ ≈ 2.5 in the permeate, pH ≈ 6.35 + log 2.5 ≈ 6.8
    expect(h.channel('feed_pH')).toBeCloseTo(7.7, 2);
    expect(pH(h.out('permeate').c)).toBeGreaterThan(6.6);
    expect(pH(h.out('permeate').c)).toBeLessThan(7.0);
    expect(pH(h.out('concentrate').c)).toBeCloseTo(7.7, 0);
    // the inorganic carbon is conserved across the membrane: 75 % of the feed as permeate, the rest as concentrate
    const tic = (port: string) => h.out(port).c[C.TIC]!;
    expect(0.75 * tic('permeate') + 0.25 * tic('concentrate')).toBeCloseTo(feed[C.TIC]!, 9);
    // the balance only ever holds salt back: the permeate is no saltier than the rejections alone make it
    // (observed against the feed at 75 % recovery: ≈ 95 % of the TDS held back)
    const tds = (c: Float64Array) => ['Na', 'Ca', 'SO4', 'Cl'].reduce((a, id) => a + c[C[id as ComponentId]]!, 0);
    const byRejection = ['Na', 'Ca', 'SO4', 'Cl'].reduce((a, id) => {
      const s = 1 - RO_REJECTION_DEFAULTS[id as ComponentId].value;
      return a + (s * feed[C[id as ComponentId]]! * 1.25) / (0.5 + 0.75 * s);
    }, 0);
    expect(tds(h.out('permeate').c)).toBeLessThan(byRejection);
    expect(1 - tds(h.out('permeate').c) / tds(feed)).toBeGreaterThan(0.94);
  });

  it('drops the permeate further below a more acid feed, which holds more of its carbon as CO₂', () => {
    const permeatePH = (feedPH: number) => {
      const feed = concOf({ Na: 350, Ca: 40, SO4: 500, Cl: 200, TIC: 30, NH3N: 2 });
      balanceToPH(feed, feedPH, 'SO4', 25);
      const h = harness('ro', roParams());
      h.feed('in', 12, Object.fromEntries(COMPONENTS.map((id) => [id, feed[C[id]]!])));
      h.step(60);
      const arena = new StateArena();
      return new PHAnalyser(arena, constantWater(arena, new PlantClock('2026-03-02T00:00'), 25)).sample(h.out('permeate').c, 60);
    };
    const drop7 = 7 - permeatePH(7), drop8 = 8 - permeatePH(8);
    expect(drop8).toBeGreaterThan(0.7);
    expect(drop7).toBeGreaterThan(drop8);
    expect(permeatePH(7)).toBeLessThan(6.5);
  });

  it('needs the feed pressure of flux, osmotic pressure and channel loss, and the energy that takes', () => {
    const h = harness('ro', roParams());
    h.feed('in', 12, RINSE);
    h.step(60);
    const flux = (9 / 600) * 1000;
    expect(h.channel('flux_LMH')).toBeCloseTo(flux, 4);
    // van 't Hoff by hand on the feed, concentrate and permeate
    const RT = 8.314462618 * 298.15;
    const pi = (c: Float64Array) => Object.keys(RINSE).filter((id) => !id.endsWith('_p') && id !== 'SS_inert')
      .reduce((s, id) => s + (RT * c[C[id as ComponentId]]!) / MOLAR_MASS_G_MOL[id as ComponentId] / 1e5, 0);
    const cf = concOf(RINSE);
    const piAvg = 0.5 * (pi(cf) + pi(h.out('concentrate').c)) - pi(h.out('permeate').c);
    expect(h.channel('osmotic_bar')).toBeCloseTo(piAvg, 4);
    const p = flux / 3.5 + piAvg + 0.75;
    expect(h.channel('feed_pressure_bar')).toBeCloseTo(p, 3);
    const sec = (p * 1e5) / 0.8 / 0.75 / 3.6e6;
    expect(h.channel('specific_energy_kWh_m3')).toBeCloseTo(sec, 4);
    // plant-data.md: brackish 0.13–0.8, industrial 1–2 kWh/m³
    expect(sec).toBeGreaterThan(0.13);
    expect(sec).toBeLessThan(2);
    expect(h.ledger.byItem('energy_kWh')['RO high-pressure pump']).toBeCloseTo((p * 1e5 * (12 / 3600) * 60) / 0.8 / 3.6e6, 9);
  });

  it('reads its concentrate\'s scales, nearer saturation the higher the recovery, and alarms past what its antiscalant holds', () => {
    // the park's polished water with the make-up water's hardness
    const feed = concOf({ Na: 350, Ca: 40, Mg: 10, SO4: 500, Cl: 200, TIC: 30, NH3N: 2 });
    balanceToPH(feed, 7.7, 'SO4', 25);
    const run = (recovery: number, extra: Record<string, unknown> = {}, minutes = 60) => {
      const h = harness('ro', roParams({ recovery_frac: param(recovery), ...extra }));
      h.feed('in', 12, Object.fromEntries(COMPONENTS.map((id) => [id, feed[C[id]]!])));
      h.run(60, minutes);
      return h;
    };
    const low = run(0.5), high = run(0.85);
    // each scale's ions concentrate 3.3-fold more at 85 % than at 50 %: calcite's SI rises by ≈ 2·log 3.3 less the
    // activity and the bicarbonate buffering lost, gypsum's likewise
    expect(high.channel('calcite_SI') - low.channel('calcite_SI')).toBeGreaterThan(0.7);
    expect(high.channel('gypsum_SI') - low.channel('gypsum_SI')).toBeGreaterThan(0.5);
    expect(high.channel('gypsum_SI')).toBeLessThan(0);
    // the readings are the concentrate's own charge balance, as an analyser on it reads it
    const arena = new StateArena();
    const analyser = new PHAnalyser(arena, constantWater(arena, new PlantClock('2026-03-02T00:00'), 25));
    expect(high.channel('concentrate_pH')).toBeCloseTo(analyser.sample(high.out('concentrate').c, 60), 4);
    // without antiscalant calcite scales as soon as it is supersaturated: the alarm after half an hour of it
    const raised = (h: ReturnType<typeof run>) => h.alarms.events.filter((e) => e.kind === 'raise').map((e) => `${e.tag}@${e.t_s}`);
    expect(raised(run(0.75, {}, 29))).toEqual([]);
    expect(raised(run(0.75))).toEqual(['calcite_scaling@1800']);
    // with it, held to a Langelier index of 1.8 and gypsum to 230 %: no alarm, 3 g of it per m³ of feed booked
    const antiscalant = { antiscalant: param({ dose_mg_L: 3, calcite_SI_max: 1.8, gypsum_SI_max: 0.36 }) };
    const dosed = run(0.85, antiscalant, 120);
    expect(raised(dosed)).toEqual([]);
    expect(dosed.ledger.byItem('reagent')['antiscalant']).toBeCloseTo((3 * 12 * 2) / 1000, 9);
    // its pump trips: the concentrate is past saturation with nothing to hold it, and the booking stops
    expect(dosed.rt.set('antiscalant', false)).toBeUndefined();
    dosed.run(60, 60);
    expect(raised(dosed)).toEqual(['calcite_scaling@9000']);
    expect(dosed.ledger.byItem('reagent')['antiscalant']).toBeCloseTo((3 * 12 * 2) / 1000, 9);
    // nor does it dose while the RO stands (its feed bypassed to the concentrate)
    dosed.rt.set('antiscalant', true);
    dosed.rt.set('on', false);
    dosed.run(60, 30);
    expect(dosed.ledger.byItem('reagent')['antiscalant']).toBeCloseTo((3 * 12 * 2) / 1000, 9);
    // a file cannot set an antiscalant below saturation
    expect(() => harness('ro', roParams({ antiscalant: param({ dose_mg_L: 3, calcite_SI_max: -0.5, gypsum_SI_max: 0.36 }) }))).toThrow(/SI ≥ 0/);
  });

  it('loses permeability to fouling, faster with more suspended solids, and a cleaning restores it', () => {
    const run = (ss: number) => {
      const h = harness('ro', roParams());
      h.feed('in', 12, { ...RINSE, SS_inert: ss });
      h.run(600, 30 * 144);
      return h;
    };
    const clean = run(0), dirty = run(5);
    const lpClean = clean.channel('permeability_LMH_bar'), lpDirty = dirty.channel('permeability_LMH_bar');
    expect(lpClean).toBeLessThan(3.5);
    expect(lpDirty).toBeLessThan(lpClean);
    // Lp = Lp0/(1 + F), F = 30 d × (0.002 + 0.01·SS), SS = 5 + 0.5 mg/L Ni as Ni(OH)₂
    expect(lpDirty).toBeCloseTo(3.5 / (1 + 30 * (0.002 + 0.01 * (5 + 0.5 * 1.58))), 3);
    const pBefore = dirty.channel('feed_pressure_bar');
    expect(dirty.rt.set('clean', true)).toBeUndefined();
    dirty.step(600);
    const lpAfter = dirty.channel('permeability_LMH_bar');
    // 95 % of the fouling resistance removed: most of the lost permeability back
    const F = 3.5 / lpDirty - 1;
    expect(lpAfter).toBeCloseTo(3.5 / (1 + 0.05 * F), 2);
    expect(3.5 - lpAfter).toBeLessThan(0.15 * (3.5 - lpDirty));
    expect(dirty.channel('feed_pressure_bar')).toBeLessThan(pBefore - 1);
  });

  it('cuts recovery when the pump reaches its maximum pressure, and sends everything to concentrate when off', () => {
    const h = harness('ro', roParams({ max_feed_pressure_bar: param(5) }));
    h.feed('in', 12, RINSE);
    h.step(60);
    expect(h.channel('feed_pressure_bar')).toBeCloseTo(5, 3);
    const rec = h.channel('recovery_pct') / 100;
    expect(rec).toBeGreaterThan(0.1);
    expect(rec).toBeLessThan(0.75);
    expect(h.out('permeate').q_m3_h).toBeCloseTo(12 * rec, 4);
    h.rt.set('on', false);
    h.step(60);
    expect(h.out('permeate').q_m3_h).toBe(0);
    expect(h.out('concentrate').q_m3_h).toBeCloseTo(12, 12);
    expect(h.out('concentrate').c[C.Ni]).toBeCloseTo(50, 12);
  });

  it('makes TDS climb when the concentrate returns to the front with no other outlet', () => {
    // influent 9 m³/h → tank → RO 12 m³/h at 75 %: 9 m³/h permeate to reuse, 3 m³/h concentrate back to the tank
    const m = model(
      [
        steadyInfluent('in', 9, { Ni: 40, Na: 100, SO4: 250, Cl: 60 }),
        eqTank('eq', 200, 0.5, 12),
        sepUnit('ro', 'ro', roParams({ max_feed_pressure_bar: param(60) })),
        sepUnit('reuse', 'reuse_tank', reuseTankParams({ demand_m3_h: param(9), pump_max_m3_h: param(15) })),
        unit('out', 'discharge'),
      ],
      [
        stream('in.out', 'eq.in'), stream('eq.out', 'ro.in'), stream('eq.overflow', 'out.in'),
        stream('ro.permeate', 'reuse.in'), stream('ro.concentrate', 'eq.in', true), stream('reuse.overflow', 'out.in'),
      ],
      { duration_days: param(20) },
    );
    const sim = createSimulation(compile(m, { file: 'ro-loop' }), { output_interval_s: 86400 });
    sim.run(20 * 86400);
    const ch = sim.channelInfo().findIndex((c) => c.id === 'eq.out/TDS');
    const tds = sim.channelData().mean[ch]!;
    expect(tds[0]!).toBeGreaterThan(450);
    expect(tds[4]!).toBeGreaterThan(1.5 * tds[0]!);
    expect(tds[19]!).toBeGreaterThan(tds[9]!);
    expect(tds[19]!).toBeGreaterThan(3 * 450);
    const s = sim.summary();
    expect(s.worstClosure_rel).toBeLessThan(1e-9);
    // the salt that came in is either in the loop or left with the permeate as reuse water
    expect(s.massBalance.Ni.out_kg['reuse:reuse']! + s.massBalance.Ni.inventory_kg).toBeCloseTo(s.massBalance.Ni.in_kg, 6);
    expect(s.kpis.water.reuse_rate).toBeGreaterThan(0.9);
  });
});
