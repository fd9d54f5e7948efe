/**
 * Capital and payback: the investments a design lists (the model's, and an upgrade scenario's `addInvestments`),
 * checked like every other part of a model file, reported with the KPIs, and weighed against a baseline as a manager
 * weighs an upgrade: extra capital over the yearly saving.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import { ModelError } from '../../../src/engine/errors.ts';
import { comparisonRows, paybackAgainst, runFigures, type CostFigures } from '../../../src/engine/kpi/compare.ts';
import { applyScenarioToModel, parseScenario } from '../../../src/engine/model/scenario.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { model, param, steadyInfluent, stream, unit } from '../../fixtures/models.ts';

const investment = (id: string, CNY: unknown, units?: string[]) => ({ id, name: { en: id, zh: id }, CNY: param(CNY, `quote for ${id}`), ...(units ? { units } : {}) });

function plantWith(investments: unknown[] | undefined) {
  const m = model([steadyInfluent('inf', 10, { Na: 100, Cl: 154 }), unit('out', 'discharge')], [stream('inf.out', 'out.in')]);
  return investments === undefined ? m : { ...m, investments };
}

function refusal(json: unknown, file = 'plant.json'): ModelError {
  try {
    compile(json, { file });
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error('compiled');
}

describe('capital cost', () => {
  it('reports the investments a model lists, with their basis, and none for a plant that lists none', () => {
    const run = (json: unknown) => {
      const sim = createSimulation(compile(json, { file: 'plant.json' }), { duration_s: 3600 });
      sim.run(3600);
      return sim.summary().kpis.capital;
    };
    expect(run(plantWith(undefined))).toEqual({ total_CNY: 0, items: [] });
    const c = run(plantWith([investment('pump', 120_000, ['inf']), investment('outfall', 30_000.5)]));
    expect(c.total_CNY).toBe(150_000.5);
    expect(c.items).toEqual([
      { id: 'pump', name: { en: 'pump', zh: 'pump' }, CNY: 120_000, reference: 'quote for pump', units: ['inf'] },
      { id: 'outfall', name: { en: 'outfall', zh: 'outfall' }, CNY: 30_000.5, reference: 'quote for outfall', units: [] },
    ]);
  });

  it('refuses an investment with a duplicate id, a unit the plant lacks, a negative or missing sum, or no reference', () => {
    expect(refusal(plantWith([investment('a', 1), investment('a', 2)]))).toMatchObject({ path: 'investments[1].id', reason: expect.stringMatching(/duplicate investment id "a" \(also investments\[0\]\)/) });
    expect(refusal(plantWith([investment('a', 1, ['inf', 'ghost'])]))).toMatchObject({ path: 'investments[0].units[1]', reason: 'the plant has no unit "ghost"' });
    expect(refusal(plantWith([investment('a', -5)])).path).toBe('investments[0].CNY.value');
    expect(refusal(plantWith([investment('a', 'lots')])).path).toBe('investments[0].CNY.value');
    expect(refusal(plantWith([{ id: 'a', name: { en: 'a', zh: 'a' }, CNY: { value: 5 } }])).path).toBe('investments[0].CNY.reference');
    expect(refusal(plantWith([{ id: 'a', name: { en: 'a', zh: 'a' } }])).path).toBe('investments[0].CNY');
  });

  it("adds an upgrade scenario's investments to the model's, and takes another quote for one by override", () => {
    const base = plantWith([investment('outfall', 30_000)]);
    const scenario = parseScenario({
      format: 'platingtwin/scenario@1',
      name: { en: 'upgrade', zh: '改造' },
      addInvestments: [investment('pump', 120_000, ['inf'])],
      overrides: { 'investments.outfall': 45_000 },
    }, 'up.json');
    const plant = compile(applyScenarioToModel(base, scenario, 'up.json'), { file: 'up.json' });
    expect(plant.json.investments?.map((x) => [x.id, x.CNY.value])).toEqual([['outfall', 45_000], ['pump', 120_000]]);
    // the new quote says where it came from, and what the model said
    expect(plant.json.investments?.[0]?.CNY.reference).toBe("scenario up.json (the model's: quote for outfall)");
    // the model file itself is untouched
    expect((base as { investments: { CNY: { value: number } }[] }).investments[0]!.CNY.value).toBe(30_000);
    const unknown = parseScenario({ format: 'platingtwin/scenario@1', name: { en: 'x', zh: 'x' }, overrides: { 'investments.ghost': 1 } }, 'x.json');
    expect(() => applyScenarioToModel(base, unknown, 'x.json')).toThrow(/x\.json: overrides\["investments\.ghost"\]: the model and the scenario list no investment "ghost"/);
  });

  it("refuses an upgrade whose investment names a unit the same upgrade removes", () => {
    const scenario = parseScenario({
      format: 'platingtwin/scenario@1',
      name: { en: 'upgrade', zh: '改造' },
      removeUnits: ['inf'],
      addUnits: [steadyInfluent('inf2', 10, { Na: 100, Cl: 154 })],
      addStreams: [stream('inf2.out', 'out.in')],
      addInvestments: [investment('pump', 1, ['inf'])],
    }, 'up.json');
    expect(refusal(applyScenarioToModel(plantWith(undefined), scenario, 'up.json'), 'up.json')).toMatchObject({ file: 'up.json', path: 'investments[0].units[0]' });
  });
});

describe('payback against a baseline', () => {
  const base: CostFigures = { capital_CNY: 100_000, influent_m3_d: 1000, opex_CNY_m3: 3, net_CNY_m3: 2.5 };

  it('is the extra capital over the yearly saving, per m³ of the design\'s own water, net of the credits where both runs price them', () => {
    const up: CostFigures = { capital_CNY: 465_000, influent_m3_d: 1000, opex_CNY_m3: 3.4, net_CNY_m3: 1.5 };
    expect(paybackAgainst(base, up)).toEqual({ extraCapital_CNY: 365_000, saving_CNY_yr: 365_000, net: true, payback_years: 1 });
    // a park that grew is weighed on its own water: the same saving per m³ on twice the water pays back twice as fast
    expect(paybackAgainst(base, { ...up, influent_m3_d: 2000 }).payback_years).toBeCloseTo(0.5, 12);
    // a baseline that prices no water: the operating cost, which this upgrade raises — it never pays back
    const p = paybackAgainst({ ...base, net_CNY_m3: null }, up);
    expect(p.net).toBe(false);
    expect(p.saving_CNY_yr).toBeCloseTo(-0.4 * 1000 * 365, 9);
    expect(p.payback_years).toBeNull();
  });

  it('gives no payback where nothing more is invested, or where it would outlast the plant', () => {
    expect(paybackAgainst(base, { ...base, net_CNY_m3: 1 }).payback_years).toBeNull();
    // 31 years of a 1,000 CNY/yr saving
    expect(paybackAgainst(base, { ...base, capital_CNY: 131_000, net_CNY_m3: 2.5 - 1 / 365 }).payback_years).toBeNull();
    expect(paybackAgainst(base, { ...base, capital_CNY: 129_000, net_CNY_m3: 2.5 - 1 / 365 }).payback_years).toBeCloseTo(29, 9);
  });

  it('adds the capital rows to a comparison only where some design lists investments', () => {
    const sim = createSimulation(compile(plantWith(undefined), { file: 'plant.json' }), { duration_s: 3600 });
    sim.run(3600);
    const plain = runFigures(sim.summary());
    expect(comparisonRows([plain, plain]).some((r) => r.key.includes('capital') || r.key === 'payback_years')).toBe(false);
    const rows = comparisonRows([{ ...plain, ...base }, { ...plain, capital_CNY: 465_000, influent_m3_d: 1000, opex_CNY_m3: 3.4, net_CNY_m3: 1.5 }, { ...plain, ...base, capital_CNY: 50_000 }]);
    const row = (key: string) => rows.find((r) => r.key === key)?.values;
    expect(row('capital_CNY')).toEqual([100_000, 465_000, 50_000]);
    expect(row('extraCapital_CNY')).toEqual([null, 365_000, -50_000]);
    expect(row('saving_CNY_yr')).toEqual([null, 365_000, 0]);
    expect(row('payback_years')).toEqual([null, 1, null]);
  });
});
