import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import type { Simulation } from '../../src/engine/api.ts';
import { SCENARIO_FORMAT, parseScenario, scenarioRunInput } from '../../src/engine/model/scenario.ts';
import { model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';

const H = 3600;

/**
 * A rinse of 100 m³/h at 20 mg/L Cu whose shops send their spent baths down a spent-bath main into a 40 m³ tank;
 * the tank bleeds 0.5 m³/h back into the rinse. The model lists one bath: 10 m³ at 100× (2,000 mg/L) on day 0.5.
 */
function spentPlant(tank: Record<string, unknown> = {}) {
  return compile(
    model(
      [
        steadyInfluent('in', 100, { Cu: 20 }, { dumps_to: param('spent'), dumps: param([{ day: 0.5, volume_m3: 10, factor: 100, duration_min: 30 }]) }),
        unit('spent', 'spent_bath_tank', {
          volume_m3: param(40), depth_m: param(2), initial_fill_frac: param(0), bleed_m3_h: param(0.5),
          bleed_stop_fill_frac: param(0.01), high_fill_frac: param(0.2), ...tank,
        }),
        unit('mix', 'mixer'),
        unit('out', 'discharge'),
      ],
      [stream('in.out', 'mix.in'), stream('in.spent', 'spent.in'), stream('spent.out', 'mix.in'), stream('spent.overflow', 'mix.in'), stream('mix.out', 'out.in')],
      { output_interval_s: param(600) },
    ),
    { file: 'spent baths' },
  );
}

const channel = (sim: Simulation, id: string, stat: 'min' | 'mean' | 'max') => {
  const k = sim.channelInfo().findIndex((c) => c.id === id);
  if (k < 0) throw new Error(`no channel ${id}`);
  return [...sim.channelData()[stat][k]!];
};

describe('spent baths collected apart and bled into the line', () => {
  it("takes the shops' own baths through the spent-bath main, and bleeds a 100× bath in at a few per cent of the dump's peak", () => {
    const sim = createSimulation(spentPlant(), { duration_s: 3 * 86400 });
    sim.run(3 * 86400);
    // the rinse itself never carries the bath
    expect(Math.max(...channel(sim, 'in.out/Cu_total', 'max'))).toBeCloseTo(20, 4);
    // the main carries it: 10 m³ over 30 min is 20 m³/h at 2,000 mg/L
    expect(Math.max(...channel(sim, 'in.spent/flow_m3_h', 'max'))).toBeCloseTo(20, 4);
    // down the drain the line would have seen (100 × 20 + 20 × 2,000) / 120 = 350 mg/L; through the tank at most
    // (100 × 20 + 0.5 × 2,000) / 100.5 = 29.85 mg/L
    const peak = Math.max(...channel(sim, 'mix.out/Cu_total', 'max'));
    expect(peak).toBeGreaterThan(29.5);
    expect(peak).toBeLessThan(29.9);
    // 10 m³ at 0.5 m³/h: drained to its stop level (0.4 m³) in about 19 h, the line back at the rinse's 20 mg/L
    const fill = channel(sim, 'spent.fill_pct', 'mean');
    // 10 m³ in 40 m³, less what the bleed took while the bath came in
    expect(Math.max(...fill)).toBeGreaterThan(24);
    expect(Math.max(...fill)).toBeLessThan(25);
    expect(fill.at(-1)).toBeCloseTo(1, 1);
    expect(channel(sim, 'mix.out/Cu_total', 'mean').at(-1)).toBeCloseTo(20, 6);
    // the books close with the bath's 20 kg in them, and the log has the dump as the shops', into the main
    const cu = sim.massBalance()['Cu']!;
    expect(cu.in_kg).toBeCloseTo((3 * 24 * 100 * 20 + 10 * 2000) / 1000, 6);
    expect(cu.closure_rel).toBeLessThan(1e-12);
    expect(sim.actions()).toEqual([{ unit: 'in', set: 'dump_m3', value: 10, factor: 100, duration_s: 1800, into: 'spent', t_s: 43200, source: 'plant' }]);
    // the tank raised its high-fill alarm with the bath in it, and cleared it as it drained
    expect(sim.alarmEvents().filter((e) => e.unit === 'spent').map((e) => [e.tag, e.kind])).toEqual([['level_high', 'raise'], ['level_high', 'clear']]);
  });

  it("still lets a trainer dump a bath down the rinse drain, and sends one into the main only where there is one", () => {
    const sim = createSimulation(spentPlant(), { duration_s: 86400 });
    sim.run(2 * H);
    sim.dump({ unit: 'in', volume_m3: 8, factor: 50, duration_s: 1800 });
    sim.run(H);
    // down the drain: (100 × 20 + 16 × 1,000) / 116 mg/L straight to the line
    expect(Math.max(...channel(sim, 'mix.out/Cu_total', 'max'))).toBeCloseTo((100 * 20 + 16 * 1000) / 116, 3);
    sim.dump({ unit: 'in', volume_m3: 8, factor: 50, duration_s: 1800, into: 'spent' });
    sim.run(H);
    // 8 m³ in 40 m³, less the bleed
    expect(Math.max(...channel(sim, 'spent.fill_pct', 'max'))).toBeGreaterThan(19);
    expect(Math.max(...channel(sim, 'spent.fill_pct', 'max'))).toBeLessThan(20);
    expect(sim.actions().map((a) => a.into)).toEqual(['rinse', 'spent']);

    const plain = compile(model([steadyInfluent('in', 100, { Cu: 20 }), unit('out', 'discharge')], [stream('in.out', 'out.in')]), { file: 'plain' });
    const simPlain = createSimulation(plain, { duration_s: 86400 });
    expect(() => simPlain.dump({ unit: 'in', volume_m3: 8, factor: 50, duration_s: 1800, into: 'spent' })).toThrow(
      'dump: in: influent "in" has no spent-bath main: its shops\' spent baths go down the rinse drain (dumps_to "rinse")',
    );
    expect(simPlain.actions()).toHaveLength(0);

    // a scenario names the route of its dumps; one into a main the influent lacks is refused before the run
    const scenario = (into: string) => ({
      format: SCENARIO_FORMAT, name: { en: 'bath', zh: '废液' },
      events: [{ kind: 'dump', at: { hour: 1 }, unit: 'in', volume_m3: 8, factor: 50, duration_min: 30, into }],
    });
    const input = scenarioRunInput(parseScenario(scenario('spent'), 'bath.json'), 'bath.json');
    expect(input.events).toEqual([{ at_s: H, kind: 'dump', unit: 'in', volume_m3: 8, factor: 50, duration_s: 1800, into: 'spent' }]);
    const viaMain = createSimulation(spentPlant(), { ...input, duration_s: 86400 });
    viaMain.run(2 * H);
    expect(viaMain.actions().find((a) => a.source === 'scenario')?.into).toBe('spent');
    expect(() => createSimulation(plain, { ...input, duration_s: 86400 })).toThrow('events[0].unit');
    expect(() => parseScenario(scenario('sewer'), 'bath.json')).toThrow(/bath\.json: events\[0\]\.into/);
  });

  it('spills a bath it has no room for into the line, and an operator can stop or raise the bleed', () => {
    const sim = createSimulation(spentPlant({ volume_m3: param(6) }), { duration_s: 2 * 86400 });
    sim.run(86400);
    // 10 m³ into 6 m³: about 4 m³ spill at once, at the bath's strength
    expect(Math.max(...channel(sim, 'spent.overflow/flow_m3_h', 'max'))).toBeGreaterThan(5);
    expect(Math.max(...channel(sim, 'mix.out/Cu_total', 'max'))).toBeGreaterThan(100);
    expect(sim.settable('spent')).toEqual({ pump_on: true, bleed_m3_h: 0.5, haul_m3: 0 });
    sim.act({ unit: 'spent', set: 'pump_on', value: false });
    sim.act({ unit: 'spent', set: 'bleed_m3_h', value: 2 });
    expect(sim.settable('spent')).toEqual({ pump_on: false, bleed_m3_h: 2, haul_m3: 0 });
    expect(() => sim.act({ unit: 'spent', set: 'bleed_m3_h', value: -1 })).toThrow(/bleed_m3_h must be between 0 and/);
    expect(sim.massBalance()['Cu']!.closure_rel).toBeLessThan(1e-12);
  });

  it('has a tanker haul contents away as liquid hazardous waste: out of the tank and into the books, the ledger and the cost', () => {
    const sim = createSimulation(spentPlant({ bleed_m3_h: param(0) }), { duration_s: 2 * 86400 });
    sim.run(86400);
    // the whole bath is there (no bleed): 10 m³ at 2,000 mg/L Cu
    const inTank = () => sim.massBalance()['Cu']!.inventory_kg;
    expect(inTank()).toBeCloseTo(20, 6);
    sim.act({ unit: 'spent', set: 'haul_m3', value: 4 });
    expect(inTank()).toBeCloseTo(12, 6);
    // more than is there takes what is there
    sim.act({ unit: 'spent', set: 'haul_m3', value: 30 });
    expect(inTank()).toBeCloseTo(0, 9);
    expect(() => sim.act({ unit: 'spent', set: 'haul_m3', value: -1 })).toThrow(/haul_m3 must be between 0 and 40/);
    sim.run(86400);
    const s = sim.summary();
    const cu = s.massBalance['Cu']!;
    expect(cu.out_kg['hauled:spent']).toBeCloseTo(20, 6);
    expect(cu.closure_rel).toBeLessThan(1e-12);
    // 10 m³ of water with 2 kg/m³ of Cu in it, weighed as a tonne per m³ plus everything it carries
    expect(s.ledger.hauled_kg['spent']).toBeCloseTo(10 * (1000 + 2), 6);
    expect(s.kpis.water.hauled_m3_d).toBeCloseTo(10 / 2, 9);
    expect(s.kpis.cost.byCategory.hauled_CNY_d).toBeCloseTo((10.02 * 3000) / 2, 6);
    expect(s.kpis.cost.byUnit['spent']!.hauled_CNY).toBeCloseTo(10.02 * 3000, 6);
    // the log says what the tanker took: 4 m³, then the 6 m³ left of the 30 asked for
    expect(s.actions.filter((a) => a.set === 'haul_m3').map((a) => a.value)).toEqual([4, 6]);
  });
});
