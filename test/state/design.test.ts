import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { ModelError } from '../../src/engine/errors.ts';
import { applyScenarioToModel, parseScenario } from '../../src/engine/model/scenario.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { describeEdit, designScenario, leavesOf, withEdit, withLeaf, type DesignEdits } from '../../src/state/designStore.ts';

const park = JSON.parse(readFileSync('models/default-park.json', 'utf8')) as { units: { id: string; params: Record<string, { value: unknown }> }[] };
const param = (id: string, name: string) => park.units.find((u) => u.id === id)!.params[name]!.value;

/** The default park changed by a scenario object, compiled as the worker compiles it. */
function plantWith(scenario: object) {
  const s = parseScenario(scenario, 'design.json');
  return compile(applyScenarioToModel(park, s, 'design.json'), { file: 'models/default-park.json' });
}

describe('design changes made in the inspector', () => {
  it('remember what a value was before the first change, and drop a change set back to it', () => {
    let edits: DesignEdits = withEdit({}, 'eq-ni.volume_m3', 300, 150);
    edits = withEdit(edits, 'eq-ni.volume_m3', 450, 300);
    expect(edits['eq-ni.volume_m3']).toEqual({ value: 450, was: 150 });
    expect(withEdit(edits, 'eq-ni.volume_m3', 150, 450)).toEqual({});
  });

  it('become a valid scenario file that rebuilds the plant with the new values, and a heavier nickel rinse brings in more nickel', () => {
    const conc = param('inf-ni', 'conc_mg_L') as Record<string, number>;
    const edits = withEdit(withEdit({}, 'eq-ni.volume_m3', 300, param('eq-ni', 'volume_m3')), 'inf-ni.conc_mg_L', { ...conc, Ni: 2 * conc['Ni']! }, conc);
    const scenario = designScenario(null, edits)!;
    expect(scenario['format']).toBe('platingtwin/scenario@1');
    // described in both languages, on top of what the applied scenario said (one text, or one per language)
    expect(scenario.description).toEqual({ en: expect.stringContaining('Design changes: ') as string, zh: expect.stringContaining('设计变更：') as string });
    expect((scenario.description as { en: string }).en).toContain('inf-ni.conc_mg_L.Ni: 50 → 100');
    expect(designScenario({ description: 'Base.' }, edits)!.description).toMatchObject({ en: expect.stringMatching(/^Base\. Design changes: /) as string, zh: expect.stringMatching(/^Base\. 设计变更：/) as string });
    expect(designScenario({ description: { en: 'Base.', zh: '基准。' } }, edits)!.description).toMatchObject({ zh: expect.stringMatching(/^基准。 设计变更：/) as string });
    const plant = plantWith(scenario);
    expect(plant.units.find((u) => u.id === 'eq-ni')!.json.params['volume_m3']).toMatchObject({ value: 300 });

    const nickelIn = (p: ReturnType<typeof compile>) => {
      const sim = createSimulation(p, { duration_s: 86_400 });
      sim.run(sim.duration_s);
      return sim.massBalance()['Ni_total']!.in_kg;
    };
    const base = nickelIn(compile(park, { file: 'models/default-park.json' }));
    const heavier = nickelIn(plant);
    // the nickel rinse is 50 mg/L of the park's nickel; the other streams carry the rest, unchanged
    const rinse_kg = heavier - base;
    expect(rinse_kg).toBeGreaterThan(0.25 * base);
    expect(heavier).toBeLessThan(2 * base);
  });

  it('go on top of the applied scenario: its events and overrides stay, the design change wins where both set a value', () => {
    const shipped = JSON.parse(readFileSync('models/scenarios/training-chromium-dump.json', 'utf8')) as { events: unknown[]; overrides?: Record<string, unknown>; name: { en: string } };
    const s = designScenario({ ...shipped, overrides: { ...shipped.overrides, 'eq-cr.volume_m3': 100 } }, withEdit({}, 'eq-cr.volume_m3', 220, 100))!;
    expect(s.overrides).toMatchObject({ 'eq-cr.volume_m3': 220 });
    expect((s as { events: unknown[] }).events).toEqual(shipped.events);
    expect(s.name?.en).toBe(`${shipped.name.en} + design changes`);
    expect(plantWith(s).units.find((u) => u.id === 'eq-cr')!.json.params['volume_m3']).toMatchObject({ value: 220 });
  });

  it('refuse an impossible value with the model path and the reason, as a model file would', () => {
    const s = designScenario(null, withEdit({}, 'eq-ni.volume_m3', -5, 150))!;
    let err: unknown;
    try {
      plantWith(s);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).path).toMatch(/^units\[\d+\]\.params\.volume_m3\.value$/);
    expect((err as ModelError).reason).toMatch(/greater than zero/);
  });

  it('change entries of a dosing set: ferrous sulfate for bisulfite needs ≈ 5× the mass, so in a load peak the bisulfite-sized pump saturates and Cr(VI) breaks through until the pump is resized', () => {
    const reductant = param('cr-red', 'reductant') as Record<string, unknown>;
    const run = (leaves: Record<string, unknown>) => {
      let value: unknown = reductant;
      for (const [path, v] of Object.entries(leaves)) value = withLeaf(value, path, v);
      const edits = withEdit({}, 'cr-red.reductant', value, reductant);
      const scenario = designScenario(null, edits);
      const plant = scenario === null ? compile(park, { file: 'models/default-park.json' }) : plantWith(scenario);
      const sim = createSimulation(plant, { duration_s: 3 * 86_400, output_interval_s: 3600 });
      // a load peak the pump must meet, the same in every run: a spent passivation bath dumped on day 1
      sim.run(86_400);
      sim.dump({ unit: 'inf-cr', volume_m3: 10, factor: 20, duration_s: 1800 });
      sim.run(2 * 86_400);
      const info = sim.channelInfo();
      const d = sim.channelData(0);
      // after the first 6 h (the start from an arbitrary fill)
      const peak = (id: string) => Math.max(...Array.from(d.max[info.findIndex((c) => c.id === id)]!).filter((_, i) => d.t_s[i]! > 6 * 3600));
      return { edits, cr6: peak('cr-red.out/Cr6'), dose_kg_h: peak('cr-red.reductant.dose_kg_h'), reagents: sim.summary().ledger.reagents_kg as Record<string, number> };
    };
    const bisulfite = run({});
    expect(bisulfite.cr6).toBeLessThan(1);
    const fe = run({ reagent: 'FeSO4·7H2O' });
    expect(describeEdit('cr-red.reductant', fe.edits['cr-red.reductant']!)).toEqual(['cr-red.reductant.reagent: "NaHSO3" → "FeSO4·7H2O"']);
    expect(fe.reagents['FeSO4·7H2O']).toBeGreaterThan(0);
    expect(fe.reagents['NaHSO3'] ?? 0).toBe(0);
    // the pump at full stroke: 150 L/h of a 30 % solution at 1.3 kg/L
    expect(fe.dose_kg_h).toBeCloseTo(150 * 0.3 * 1.3, 1);
    expect(fe.cr6).toBeGreaterThan(10);
    const resized = run({ reagent: 'FeSO4·7H2O', pump_capacity_L_h: 750 });
    expect(resized.dose_kg_h).toBeGreaterThan(fe.dose_kg_h);
    expect(resized.cr6).toBeLessThan(fe.cr6 / 20);
  });

  it('describe a table by the entries that changed', () => {
    expect(describeEdit('inf-ni.conc_mg_L', { was: { Ni: 50, Cl: 45 }, value: { Ni: 80, Cl: 45 } })).toEqual(['inf-ni.conc_mg_L.Ni: 50 → 80']);
    expect(describeEdit('eq-ni.volume_m3', { was: 150, value: 300 })).toEqual(['eq-ni.volume_m3: 150 → 300']);
    expect([...leavesOf({ reagent: 'NaOH', controller: { setpoint: 9 }, factors: [1, 2] }).keys()]).toEqual(['reagent', 'controller.setpoint', 'factors']);
    expect(withLeaf({ controller: { setpoint: 9, kp: 1 } }, 'controller.setpoint', 9.5)).toEqual({ controller: { setpoint: 9.5, kp: 1 } });
  });
});
