import { describe, expect, it } from 'vitest';
import { LOG_K, LOG_KW, PHASES, SPECIES, WEAK_ACIDS, orderedSpecies } from '../../../src/engine/chemistry/constants.ts';
import { TOT, createEquilibriumWorkspace, jarOfWater, solveAtPH, solveChargeBalance, thermoAt } from '../../../src/engine/chemistry/index.ts';
import { REACTION_ENTHALPY_kJ_mol } from '../../../src/engine/chemistry/thermoData.ts';
import { logKShift, speciesEnthalpy } from '../../../src/engine/chemistry/thermo.ts';
import { C, NC } from '../../../src/engine/components.ts';
import { arrheniusFactor, membranePermeabilityFactor, nernstFactor, viscosityRatio } from '../../../src/engine/units/temperature.ts';
import { hypochloriteORP_mV, sulfideORP_mV } from '../../../src/engine/units/orp.ts';
import { compile } from '../../../src/engine/compile.ts';
import { ModelError } from '../../../src/engine/errors.ts';
import { model, param, settings, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { crReduction, loop, pid, ORP_PROBE } from '../../fixtures/reactors.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { SLUDGE_FEED, clarifierParams, filterParams, harness, roParams } from '../../fixtures/separations.ts';
import { MEASURE_BY_ID, evaluateMeasure } from '../../../src/engine/measures.ts';

const pow10 = (v: number) => Math.exp(v * Math.LN10);

/** pH of water with a trace of NaCl: neutral, ½ pKw */
function neutralPH(temperature_C: number): number {
  const ws = createEquilibriumWorkspace({ temperature_C });
  ws.tot_mol_L[TOT.Na] = 1e-4;
  ws.tot_mol_L[TOT.Cl] = 1e-4;
  return solveChargeBalance(ws, true);
}

/** Dissolved metal (mg/L) a jar test leaves at `pH` and `temperature_C` */
function jarLeaves(metal: 'Ni' | 'Zn' | 'Cu', mg_L: number, pH: number, temperature_C: number): number {
  const c = new Float64Array(NC);
  c[C[metal]] = mg_L;
  c[C.Na] = 230;
  c[C.Cl] = 355 + (mg_L / { Ni: 58.693, Zn: 65.38, Cu: 63.546 }[metal]) * 2 * 35.453;
  return jarOfWater(c, [pH], { temperature_C }).elements.find((e) => e.id === metal)!.soluble_mg_L[0]!;
}

describe('equilibrium at the water temperature', () => {
  it('is the tables themselves at 25 °C, to the last bit', () => {
    const th = thermoAt(25);
    // a carbonate complex on dissolved CO₂ (H₂CO₃* = 2 H⁺ + CO₃²⁻): its log K on CO₃²⁻ with the carbonate acid's Ka1·Ka2
    const carbonic = WEAK_ACIDS.findIndex((a) => a.name === 'carbonate');
    const ka1ka2 = th.waKa[carbonic * 3]! * th.waKa[carbonic * 3 + 1]!;
    orderedSpecies().forEach((s, j) => expect(th.spK[j], s.name).toBe(Math.pow(10, s.logK) * ka1ka2 ** s.nCO3));
    expect(th.kw).toBe(pow10(LOG_KW));
    expect(th.kH2S).toBe(pow10(LOG_K.H2S));
    expect(th.dhA).toBe(0.509);
  });

  it('gives water the neutral pH its Kw says: 7.26 at 10 °C, 7.00 at 25 °C, 6.76 at 40 °C (pKw 14.53, 14.00, 13.53)', () => {
    expect(neutralPH(10)).toBeCloseTo(7.26, 1);
    expect(Math.abs(neutralPH(10) - 7.265)).toBeLessThan(0.02);
    expect(Math.abs(neutralPH(25) - 6.999)).toBeLessThan(0.005);
    expect(Math.abs(neutralPH(40) - 6.765)).toBeLessThan(0.02);
  });

  it('moves each constant by van \'t Hoff with the database enthalpy: Ni(OH)2 (−95.96 kJ/mol) 0.89 log up at 10 °C', () => {
    const i = PHASES.findIndex((p) => p.name === 'Ni(OH)2');
    const th10 = thermoAt(10);
    expect(Math.log10(th10.khyd[1]!) - PHASES[i]!.logK).toBeCloseTo(0.8906, 3);
    expect(logKShift(-95.96, 283.15)).toBeCloseTo(0.8906, 3);
    expect(logKShift(undefined, 283.15)).toBe(0);
  });

  it('names only reactions the tables have, and gives a hydroxo complex the database does not know n times its first hydrolysis', () => {
    const species = new Set(SPECIES.map((s) => s.name));
    for (const name of Object.keys(REACTION_ENTHALPY_kJ_mol.species)) expect(species.has(name), name).toBe(true);
    const phases = new Set(PHASES.map((p) => p.name));
    for (const name of Object.keys(REACTION_ENTHALPY_kJ_mol.phases)) expect(phases.has(name), name).toBe(true);
    for (const [name, dH] of Object.entries(REACTION_ENTHALPY_kJ_mol.weakAcids)) {
      expect(dH.length, name).toBe(WEAK_ACIDS.find((a) => a.name === name)?.pKa.length);
    }
    const of = (name: string) => speciesEnthalpy(SPECIES.find((s) => s.name === name)!);
    expect(of('NiOH+')).toBe(51.81);
    expect(of('Ni(OH)3-')).toBeCloseTo(3 * 51.81, 9);
    expect(of('Cr(OH)4-')).toBeCloseTo(4 * 51.71, 9);
    expect(of('Pb(OH)2')).toBeCloseTo(2 * 55.81, 9); // PbOH⁺ unknown too: water's ionization
    expect(of('NiCl2')).toBeUndefined(); // a ligand complex the database does not know keeps its constant
    expect(of('Zn(HS)2')).toBeUndefined();
  });

  it('shifts the hydroxides\' solubility minimum to a higher pH in cold water, as pKw rises', () => {
    // at pH 9 cold water holds several times the nickel; far above its minimum the warm water holds more zinc
    const ni10 = jarLeaves('Ni', 50, 9, 10), ni25 = jarLeaves('Ni', 50, 9, 25), ni40 = jarLeaves('Ni', 50, 9, 40);
    expect(ni10 / ni25).toBeGreaterThan(4);
    expect(ni25 / ni40).toBeGreaterThan(2);
    const zn10 = jarLeaves('Zn', 30, 11, 10), zn40 = jarLeaves('Zn', 30, 11, 40);
    expect(zn40 / zn10).toBeGreaterThan(5);
    // the caustic a pH takes follows the water: less OH⁻ is free at pH 10 in cold water
    const ws10 = createEquilibriumWorkspace({ temperature_C: 10 }), ws25 = createEquilibriumWorkspace({ temperature_C: 25 });
    for (const ws of [ws10, ws25]) {
      ws.tot_mol_L[TOT.Na] = 0.01;
      ws.tot_mol_L[TOT.Cl] = 0.01;
    }
    expect(solveAtPH(ws10, 10) / solveAtPH(ws25, 10)).toBeLessThan(0.5);
  });

  it('refuses a temperature outside 5–40 °C, in the solver and in a model file, naming where and why', () => {
    expect(() => createEquilibriumWorkspace({ temperature_C: 60 })).toThrow(/5–40 °C/);
    const cold = model([steadyInfluent('in', 1, { Na: 10 }), unit('out', 'discharge')], [stream('in.out', 'out.in')]);
    cold['settings'] = settings({ temperature_C: param(2) });
    expect(() => compile(cold, { file: 'cold.json' })).toThrow(ModelError);
    expect(() => compile(cold, { file: 'cold.json' })).toThrow(/cold\.json.*settings\.temperature_C\.value.*between 5 and 40 °C/);
    cold['settings'] = settings({ temperature_C: param(12) });
    expect(() => compile(cold, { file: 'cold.json' })).not.toThrow();
  });
});

describe('rates at the water temperature', () => {
  it("slows a reaction by Arrhenius from its 25 °C constant, and a membrane's water by the design correction (×0.74 at 15 °C, ×1.16 at 30 °C)", () => {
    expect(arrheniusFactor(50, 25)).toBe(1);
    expect(arrheniusFactor(50, 15)).toBeCloseTo(Math.exp((-50 / 8.314462618e-3) * (1 / 288.15 - 1 / 298.15)), 12);
    expect(arrheniusFactor(50, 15)).toBeCloseTo(0.497, 3);
    expect(membranePermeabilityFactor(15)).toBeCloseTo(0.735, 3);
    expect(membranePermeabilityFactor(30)).toBeCloseTo(1.157, 3);
  });

  it('leaks more Cr(VI) from the same reduction tank in winter water, and none the less with the activation energy set to 0', () => {
    const leak = (temperature_C: number, ea?: number) => {
      const red = crReduction('red', 12, loop('NaHSO3', 0.3, 1.3, 40, pid(300, 0.15, 600, 'direct'), ORP_PROBE));
      if (ea !== undefined) (red['params'] as Record<string, unknown>)['activation_energy_kJ_mol'] = param(ea);
      const m = model(
        [steadyInfluent('in', 20, { Cr6: 60, Cr3: 6, SO4: 250, Na: 40 }, { pH: param(3) }), red, unit('out', 'discharge')],
        [stream('in.out', 'red.in'), stream('red.out', 'out.in')],
        { temperature_C: param(temperature_C), output_interval_s: param(3600) },
      );
      const sim = createSimulation(compile(m, { file: 'cr-cold' }), { duration_s: 86400 });
      sim.run(86400);
      const s = sim.summary();
      expect(s.massBalance.Cr_total.closure_rel).toBeLessThan(1e-9);
      return s.outletMeans_mg_L['effluent:out']!['Cr6']!;
    };
    const warm = leak(25), cold = leak(10), coldAthermal = leak(10, 0);
    expect(cold / warm).toBeGreaterThan(1.5);
    expect(coldAthermal / warm).toBeGreaterThan(0.8);
    expect(coldAthermal / warm).toBeLessThan(1.25);
  });

  it("reads ORP with the electrode's Nernstian slope at the water's temperature: 59.16 mV per decade at 25 °C, 56.18 at 10 °C", () => {
    expect(nernstFactor(25)).toBe(1);
    expect(59.16 * nernstFactor(10)).toBeCloseTo(56.18, 2);
    // a pH unit up at the same hypochlorite and demand: the reading falls by the slope, scaled
    const hypoPerPH = (n: number) => hypochloriteORP_mV(20, 0.1, 8, -350, n) - hypochloriteORP_mV(20, 0.1, 9, -350, n);
    expect(hypoPerPH(nernstFactor(10)) / hypoPerPH(1)).toBeCloseTo(283.15 / 298.15, 12);
    const perPH = (n: number) => sulfideORP_mV(0, 8, n) - sulfideORP_mV(0, 9, n);
    expect(perPH(1)).toBeCloseTo(59, 9);
    expect(perPH(nernstFactor(10))).toBeCloseTo(59 * 283.15 / 298.15, 9);
  });

  it('needs more feed pressure from an RO in cold water for the same flux', () => {
    const pressure = (temperature_C: number) => {
      const h = harness('ro', roParams(), 'ro', temperature_C);
      h.feed('in', 12, { Na: 150, Cl: 230 });
      h.step(60);
      return { p: h.channel('feed_pressure_bar'), lp: h.channel('permeability_LMH_bar'), flux: h.channel('flux_LMH') };
    };
    const warm = pressure(25), cold = pressure(12);
    expect(cold.flux).toBeCloseTo(warm.flux, 4);
    expect(cold.lp / warm.lp).toBeCloseTo(membranePermeabilityFactor(12), 5);
    expect(cold.p).toBeGreaterThan(warm.p + 1);
  });
  it('settles flocs slower and pushes water through a filter bed harder in cold water, as its viscosity says (×1.38 at 12 °C)', () => {
    expect(viscosityRatio(25)).toBe(1);
    // handbook viscosities: 1.3059 mPa·s at 10 °C, 1.1375 at 15 °C, 0.8900 at 25 °C
    expect(Math.abs(viscosityRatio(10) / (1.3059 / 0.89) - 1)).toBeLessThan(0.01);
    expect(Math.abs(viscosityRatio(15) / (1.1375 / 0.89) - 1)).toBeLessThan(0.01);
    const ss = (c: Float64Array) => evaluateMeasure(MEASURE_BY_ID.get('SS')!, c);
    // a clarifier pushed to 2 m/h of surface load: the cold water carries more floc over the weir
    const clarified = (temperature_C: number) => {
      const h = harness('clarifier', clarifierParams(100, 4, { ratio: 0.05 }), 'u', temperature_C);
      h.feed('in', 200, SLUDGE_FEED);
      h.run(60, 3 * 1440);
      return ss(h.out('out').c);
    };
    expect(clarified(12) / clarified(25)).toBeGreaterThan(1.3);
    const dp = (temperature_C: number) => {
      const h = harness('sand_filter', filterParams(), 'u', temperature_C);
      h.feed('in', 16, { SS_inert: 6 });
      h.run(60, 10);
      return h.channel('dp_kPa');
    };
    expect(dp(12) / dp(25)).toBeCloseTo(viscosityRatio(12), 3);
  });
});
