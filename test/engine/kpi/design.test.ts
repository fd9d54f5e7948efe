/**
 * The design check: each unit's sizing on the run's own flows against plant-data.md's design windows — hours of flow
 * an equalization tank holds at the mean flow, a reaction tank's contact time at the busiest hour, which stage of a
 * cyanide oxidation a tank is, and that a pH trim that feeds no separator is not judged as a precipitation tank.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/engine/compile.ts';
import type { DesignCheck } from '../../../src/engine/kpi/design.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { defaultParkJson, eqTank, model, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { ORP_PROBE, crReduction, loop, pid, throughReactor } from '../../fixtures/reactors.ts';

const H = 3600;
const RINSE = { Cr6: 20, Na: 100, Cl: 154 };

function checks(json: unknown, hours: number, during?: (sim: ReturnType<typeof createSimulation>) => void): DesignCheck[] {
  const sim = createSimulation(compile(json, { file: 'plant.json' }), { duration_s: hours * H });
  if (during) during(sim);
  else sim.run(hours * H);
  return sim.summary().kpis.design;
}

describe('design check', () => {
  it('holds an equalization tank to 6–12 h of its mean flow: 80 m³ on 10 m³/h is 8 h, within; 40 m³ is 4 h, too little', () => {
    const json = model(
      [steadyInfluent('inf', 10, RINSE), eqTank('eq-a', 80, 0.5, 10), eqTank('eq-b', 40, 0.5, 10), unit('out', 'discharge')],
      [stream('inf.out', 'eq-a.in'), stream('eq-a.out', 'eq-b.in'), stream('eq-b.out', 'out.in'), stream('eq-a.overflow', 'out.in'), stream('eq-b.overflow', 'out.in')],
    );
    const [a, b] = checks(json, 24);
    expect(a).toMatchObject({ unit: 'eq-a', figure: 'equalization_h', basis: 'mean flow', min: 6, max: 12, status: 'within', concern: false, uom: 'h' });
    expect(a!.value).toBeCloseTo(8, 9);
    expect(b).toMatchObject({ unit: 'eq-b', status: 'below', concern: true });
    expect(b!.value).toBeCloseTo(4, 9);
    expect(b!.reference).toMatch(/plant-data\.md design values: equalization HRT 6–12 h/);
  });

  it("takes a reaction tank's contact time at the busiest hour: an hour at twice the flow halves it, and that is what is judged", () => {
    const json = throughReactor(steadyInfluent('in', 10, RINSE), crReduction('pr', 4.5, loop('NaHSO3', 0.3, 1.3, 40, pid(300, 0.15, 600, 'direct'), ORP_PROBE)));
    const steady = checks(json, 6);
    expect(steady).toHaveLength(1);
    expect(steady[0]).toMatchObject({ unit: 'pr', figure: 'contact_min', duty: 'Cr(VI) reduction', basis: 'peak hour', min: 20, max: 30, status: 'within' });
    expect(steady[0]!.value).toBeCloseTo(27, 6);
    // three hours at 10 m³/h, one at 20, two more at 10: the busiest hour had 20 m³
    const surge = checks(json, 6, (sim) => {
      sim.run(3 * H);
      sim.act({ unit: 'in', set: 'flow_m3_h', value: 20 });
      sim.run(H);
      sim.act({ unit: 'in', set: 'flow_m3_h', value: 10 });
      sim.run(2 * H);
    });
    expect(surge[0]).toMatchObject({ status: 'below', concern: true });
    expect(surge[0]!.value).toBeCloseTo(13.5, 6);
  });

  it('judges the default park unit by unit: both cyanide stages by their own minimum, the tanks that precipitate by theirs, and its RO', () => {
    const got = checks(defaultParkJson(), 48);
    const of = (unit: string) => got.filter((c) => c.unit === unit);
    expect(of('cn-1')[0]).toMatchObject({ duty: 'cyanide oxidation, stage 1', min: 30, max: null });
    expect(of('cn-2')[0]).toMatchObject({ duty: 'cyanide oxidation, stage 2', min: 45, max: null });
    for (const id of ['cr-precip', 'ni-precip', 'precip']) expect(of(id)[0]).toMatchObject({ duty: 'precipitation and flocculation' });
    // the final pH trim and the reuse water's feed no separator: they are not precipitation tanks
    expect(of('final-ph')).toEqual([]);
    expect(of('reuse-ph')).toEqual([]);
    expect(of('clar')[0]).toMatchObject({ figure: 'surface_load_m_h', min: 0.8, max: 1.5 });
    expect(of('ro').map((c) => [c.figure, c.basis])).toEqual([['recovery_pct', 'setting'], ['flux_LMH', 'while producing']]);
    expect(of('ro')[0]!.value).toBeCloseTo(75, 9);
    // its flux at its mean production on 2,800 m² lies in the 12–20 L/m²/h window it was sized for
    expect(of('ro')[1]!.status).toBe('within');
    expect(got.filter((c) => c.figure === 'equalization_h')).toHaveLength(6);
    for (const c of got) expect(Number.isFinite(c.value) && c.value > 0).toBe(true);
  });
});
