/** The benchmark's build stages: each is a valid plant derived from the default park, holding only its stage's unit types. */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { STAGES, stageModel } from '../../src/cli/stages.ts';
import { defaultParkJson } from '../fixtures/models.ts';

const FOUNDATION = ['influent', 'equalization', 'emergency_tank', 'spent_bath_tank', 'mixer', 'splitter', 'discharge'];
const REACTORS = ['cr_reduction', 'cyanide_oxidation', 'complex_breaking', 'precipitation'];

describe('benchmark stages of the default park', () => {
  it.each(STAGES)('%s: compiles, holds only its stage’s units, runs a day with its books closed', (stage) => {
    const plant = compile(stageModel(defaultParkJson(), stage), { file: `default park (${stage})` });
    const types = new Set(plant.units.map((u) => u.json.type));
    const allowed = stage === 'foundation' ? FOUNDATION : stage === 'chemistry' ? [...FOUNDATION, ...REACTORS] : undefined;
    if (allowed) for (const t of types) expect(allowed, t).toContain(t);
    // every influent still reaches an outlet: the bypasses keep the water going
    expect(plant.units.filter((u) => u.json.type === 'influent')).toHaveLength(6);
    expect(types.has('discharge')).toBe(true);
    if (stage === 'chemistry') for (const t of REACTORS) expect(types.has(t), t).toBe(true);
    const sim = createSimulation(plant, { duration_s: 86400 });
    sim.run(86400);
    const s = sim.summary();
    expect(s.worstClosure_rel).toBeLessThan(1e-9);
    const inflow = Object.values(s.flows_m3_d.influents).reduce((a, b) => a + b, 0);
    expect(inflow).toBeGreaterThan(2000);
  });
});
