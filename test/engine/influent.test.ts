import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';
import { rinseAndDump } from '../fixtures/dumps.ts';
import { C } from '../../src/engine/components.ts';
import { StateArena } from '../../src/engine/arena.ts';
import { PlantClock } from '../../src/engine/clock.ts';
import { constantWater } from '../../src/engine/waterTemperature.ts';
import { PHAnalyser } from '../../src/engine/units/equilibrium.ts';

function influentPlant(extra: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  return compile(
    model([steadyInfluent('in', 100, { Cu: 20 }, extra), unit('out', 'discharge')], [stream('in.out', 'out.in')], settings),
    { file: 'influent' },
  );
}

describe('influent generator', () => {
  it('follows the shift pattern and the weekly pattern', () => {
    const hourly = [...Array(8).fill(0.2), ...Array(16).fill(1)];
    const plant = influentPlant(
      { hourly_factors: param(hourly), weekday_factors: param([1, 1, 1, 1, 1, 1, 0.4]) },
      { output_interval_s: param(3600) },
    );
    const sim = createSimulation(plant, { duration_s: 7 * 86400 });
    sim.run(7 * 86400);
    const flow = sim.channelData().mean[sim.channelInfo().findIndex((c) => c.id === 'in.out/flow_m3_h')]!;
    // the model starts on Monday 2026-03-02 00:00
    expect(flow[3]).toBeCloseTo(20, 9); // Monday 03:00, night
    expect(flow[10]).toBeCloseTo(100, 9); // Monday 10:00, first shift
    expect(flow[6 * 24 + 10]).toBeCloseTo(40, 9); // Sunday 10:00
    expect(flow[6 * 24 + 3]).toBeCloseTo(8, 9); // Sunday night
  });

  it('has noise with the configured spread and a mean of the base flow', () => {
    const plant = influentPlant({ flow_cv: param(0.2), noise_tau_h: param(1) }, { output_interval_s: param(300) });
    const sim = createSimulation(plant, { duration_s: 120 * 86400, seed: 99 });
    sim.run(120 * 86400);
    const books = sim.summary().flows_m3_d.influents['influent:in']!;
    expect(books / 24).toBeGreaterThan(100 * 0.97);
    expect(books / 24).toBeLessThan(100 * 1.03);
    const flow = sim.channelData().mean[sim.channelInfo().findIndex((c) => c.id === 'in.out/flow_m3_h')]!;
    const mean = flow.reduce((a, b) => a + b, 0) / flow.length;
    const sd = Math.sqrt(flow.reduce((a, b) => a + (b - mean) ** 2, 0) / flow.length);
    expect(sd / mean).toBeGreaterThan(0.17);
    expect(sd / mean).toBeLessThan(0.23);
  });

  it('remembers its noise over the configured correlation time: log flow correlates as e^(−lag/τ)', () => {
    // log Q = log Qbase + σx − σ²/2, so log Q is the AR(1) process itself, whatever σ
    const plant = influentPlant({ flow_cv: param(0.2), noise_tau_h: param(1) }, { output_interval_s: param(300) });
    const sim = createSimulation(plant, { duration_s: 120 * 86400, seed: 7 });
    sim.run(120 * 86400);
    const flow = sim.channelData().mean[sim.channelInfo().findIndex((c) => c.id === 'in.out/flow_m3_h')]!;
    const x = Array.from(flow, (q) => Math.log(q));
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    const autocorrelation = (lag: number) => {
      let s = 0;
      for (let i = 0; i + lag < x.length; i++) s += (x[i]! - mean) * (x[i + lag]! - mean);
      return s / (x.length - lag) / variance;
    };
    // the rows are 5 minutes apart: 12 of them an hour, one correlation time
    expect(autocorrelation(1)).toBeCloseTo(Math.exp(-1 / 12), 1);
    expect(Math.abs(autocorrelation(12) - Math.exp(-1))).toBeLessThan(0.06);
    expect(Math.abs(autocorrelation(36) - Math.exp(-3))).toBeLessThan(0.05);
  });

  it('dumps spent baths at random at about the configured rate, each 2–10 m³ at 10–100× the rinse', () => {
    const plant = influentPlant({
      random_dumps: param({ per_month: 6, volume_m3: [2, 10], factor: [10, 100], duration_min: 30 }),
    }, { output_interval_s: param(60) });
    const sim = createSimulation(plant, { duration_s: 365 * 86400, seed: 4 });
    sim.run(365 * 86400);
    const info = sim.channelInfo();
    const d = sim.channelData();
    const cu = d.max[info.findIndex((c) => c.id === 'in.out/Cu_total')]!;
    let dumps = 0;
    for (let i = 1; i < cu.length; i++) if (cu[i]! > 40 && cu[i - 1]! <= 40) dumps++;
    // 6 a month for 12 months ≈ 73; a Poisson count lies within ±3σ (≈ ±26)
    expect(dumps).toBeGreaterThan(47);
    expect(dumps).toBeLessThan(99);
    // the peak concentration of a dump: (100 m³/h·20 + ≤ 20 m³/h·≤ 2000 mg/L) / (100 + ≤ 20) ≤ 350 mg/L
    const peak = cu.reduce((a, b) => Math.max(a, b), 0);
    expect(peak).toBeGreaterThan(60);
    expect(peak).toBeLessThan(350);
    // each one is in the event log, as the shops' own, with its volume, strength and duration: what a trainer or an
    // engineer looks for behind a spike (two dumps within a minute make one spike)
    const logged = sim.actions();
    expect(logged.every((a) => a.source === 'plant' && a.set === 'dump_m3' && a.unit === 'in')).toBe(true);
    expect(logged.length).toBeGreaterThanOrEqual(dumps);
    expect(logged.length).toBeLessThanOrEqual(dumps + 2);
    for (const a of logged) {
      expect(a.value).toBeGreaterThanOrEqual(2);
      expect(a.value).toBeLessThanOrEqual(10);
      expect(a.factor!).toBeGreaterThanOrEqual(10);
      expect(a.factor!).toBeLessThanOrEqual(100);
      expect(a.duration_s).toBe(1800);
    }
  });

  it('takes every dump the model lists, however many, each when it begins, and logs it', () => {
    // 40 dumps a day apart: more than the influent's 16 slots for dumps pending at once
    const listed = Array.from({ length: 40 }, (_, i) => ({ day: i + 0.5, volume_m3: 2, factor: 10, duration_min: 60 }));
    const plant = influentPlant({ dumps: param(listed) }, { output_interval_s: param(3600) });
    const sim = createSimulation(plant, { duration_s: 41 * 86400 });
    sim.run(20 * 86400);
    expect(sim.actions()).toHaveLength(20);
    sim.run(21 * 86400);
    // 41 days of rinse (100 m³/h at 20 mg/L Cu) and 40 dumps of 2 m³ at 200 mg/L
    expect(sim.massBalance()['Cu']!.in_kg).toBeCloseTo((41 * 24 * 100 * 20 + 40 * 2 * 200) / 1000, 6);
    expect(sim.actions().map((a) => a.t_s)).toEqual(listed.map((d) => d.day * 86400));
    expect(sim.actions()[0]).toEqual({ unit: 'in', set: 'dump_m3', value: 2, factor: 10, duration_s: 3600, into: 'rinse', t_s: 43200, source: 'plant' });
  });

  it('stops and restarts when an operator closes it, and the action is logged with sim time', () => {
    const plant = influentPlant({}, { output_interval_s: param(3600) });
    const sim = createSimulation(plant, { duration_s: 86400 });
    sim.run(3 * 3600);
    sim.act({ unit: 'in', set: 'enabled', value: false });
    // a closed line takes no spent bath either
    expect(() => sim.dump({ unit: 'in', volume_m3: 5, factor: 10, duration_s: 600 })).toThrow('dump: in: in is closed (enabled = false): a dump cannot reach the plant');
    sim.run(2 * 3600);
    sim.act({ unit: 'in', set: 'enabled', value: true });
    sim.run(3600);
    const flow = sim.channelData().mean[sim.channelInfo().findIndex((c) => c.id === 'in.out/flow_m3_h')]!;
    expect([...flow]).toEqual([100, 100, 100, 0, 0, 100]);
    expect(sim.actions().map((a) => [a.t_s, a.value])).toEqual([[3 * 3600, false], [5 * 3600, true]]);
    expect(() => sim.act({ unit: 'in', set: 'colour', value: 1 })).toThrow('operator action: in.colour: in has no runtime parameter "colour"');
    expect(() => sim.act({ unit: 'in', set: 'flow_m3_h', value: -4 })).toThrow(/flow_m3_h must be between 0 and/);
    expect(() => sim.act({ unit: 'in', set: 'flow_m3_h', value: 2e-12 })).toThrow(/flow_m3_h is 0 or at least 0\.000001 m³\/h/);
  });

  it('takes a spent-bath dump a trainer injects now: its volume at its strength enters over its duration, exactly, and it is logged', () => {
    const plant = influentPlant({}, { output_interval_s: param(600) });
    const sim = createSimulation(plant, { duration_s: 86400 });
    sim.run(2 * 3600);
    const before = sim.massBalance();
    sim.dump({ unit: 'in', volume_m3: 8, factor: 50, duration_s: 1800 });
    sim.run(3600);
    const after = sim.massBalance();
    // an hour of rinse (100 m³ at 20 mg/L) plus the dump (8 m³ at 50 × 20 mg/L)
    expect(after['Cu']!.in_kg - before['Cu']!.in_kg).toBeCloseTo((100 * 20 + 8 * 50 * 20) / 1000, 9);
    const cu = sim.channelData().max[sim.channelInfo().findIndex((c) => c.id === 'in.out/Cu_total')]!;
    // during the dump: (100 m³/h × 20 + 16 m³/h × 1000 mg/L) / 116 m³/h
    expect(Math.max(...cu)).toBeCloseTo((100 * 20 + 16 * 1000) / 116, 3); // rows are float32
    expect(sim.actions()).toEqual([{ unit: 'in', set: 'dump_m3', value: 8, factor: 50, duration_s: 1800, into: 'rinse', t_s: 7200, source: 'operator' }]);
    expect(() => sim.dump({ unit: 'out', volume_m3: 8, factor: 50, duration_s: 1800 })).toThrow('dump: out: unit "out" takes no dumps (only influents do)');
    expect(() => sim.dump({ unit: 'in', volume_m3: -1, factor: 50, duration_s: 1800 })).toThrow(/positive volume, factor and duration/);
    expect(() => sim.dump({ unit: 'nope', volume_m3: 1, factor: 50, duration_s: 1800 })).toThrow('the plant has no unit "nope"');
    expect(sim.actions()).toHaveLength(1);
  });
  it('keeps its make-up water\'s hardness through a dump: the shops\' load is concentrated, the water\'s Ca and Mg are not, and the rinse reads its pH', () => {
    const hard = { Ni: 50, SO4: 110, Cl: 45, Na: 20, Ca: 40, Mg: 10 };
    const { sim, rinse, dumped } = rinseAndDump(steadyInfluent('in', 100, hard, { pH: param(5) }), { volume_m3: 100, factor: 50, duration_s: 3600 }, 1800);
    // half the flow is the dump at 50×: nickel (100·50 + 100·50·50) / 200 = 25.5×, the hardness as before
    expect(dumped[C.Ni]! / rinse[C.Ni]!).toBeCloseTo(25.5, 9);
    expect(dumped[C.Ca]!).toBeCloseTo(40, 9);
    expect(dumped[C.Mg]!).toBeCloseTo(10, 9);
    // the hardness came as a neutral salt of the acid anion, 2.0 + 0.82 meq/L of sulfate; the analysis, more acid than
    // pH 5, took NaOH to read it
    expect(rinse[C.SO4]!).toBeCloseTo(110 + ((2 * 40) / 40.078 + (2 * 10) / 24.305) * (96.06 / 2), 9);
    expect(rinse[C.Na]!).toBeGreaterThan(20);
    const arena = new StateArena();
    expect(new PHAnalyser(arena, constantWater(arena, new PlantClock('2026-03-02T00:00'), 25)).sample(rinse, 60)).toBeCloseTo(5, 1);
    expect(sim.summary().worstClosure_rel).toBeLessThan(1e-12);
  });
});
