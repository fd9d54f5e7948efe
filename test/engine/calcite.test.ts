/**
 * Calcite in a reactor: a hard, alkaline water drops CaCO₃ on its own slow time (`calcite_tau_s`) toward saturation,
 * calcium and inorganic carbon mole for mole, and an acid one takes it back up.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { C } from '../../src/engine/components.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { PH_PROBE, loop, pid, precipitationReactor, throughReactor } from '../fixtures/reactors.ts';
import { param, steadyInfluent } from '../fixtures/models.ts';

/**
 * a day of a hard rinse (pH 7.5) through a precipitation tank held at `pH` by caustic, or by acid below the rinse's,
 * with calcite on `tau_s` (none when undefined)
 */
function run(pH: number, tau_s: number | undefined, rinse: Record<string, number> = { Ca: 80, Mg: 10, TIC: 24, Na: 40, Cl: 60, SO4: 100 }) {
  const acid = pH < 7.5 ? { acid: loop('H2SO4', 0.98, 1.84, 20, pid(pH, 5, 300, 'direct'), PH_PROBE) } : {};
  const m = throughReactor(
    steadyInfluent('in', 10, rinse, { pH: param(7.5) }),
    precipitationReactor('pr', 40, loop('NaOH', 0.3, 1.33, 60, pid(pH < 7.5 ? pH - 1 : pH, 30, 300, 'reverse'), PH_PROBE), { ...acid, ...(tau_s === undefined ? {} : { calcite_tau_s: param(tau_s) }) }),
    { output_interval_s: param(600) },
  );
  const sim = createSimulation(compile(m, { file: 'calcite' }), { duration_s: 86400 });
  sim.run(86400);
  return { sim, out: sim.sampleWater('pr', 'out')!.conc_mg_L, feed: sim.sampleWater('pr', 'in')!.conc_mg_L };
}

describe('calcite in a reactor', () => {
  it('drops calcium and inorganic carbon mole for mole from a hard water held at pH 10, and weighs it in the solids', () => {
    const { sim, out, feed } = run(10, 600);
    // magnesium stays in the water: it tells the caustic solution's dilution apart
    const dilution = out[C.Mg]! / feed[C.Mg]!;
    const caDropped = (dilution * feed[C.Ca]! - out[C.Ca]!) / 40.078;
    expect(caDropped).toBeGreaterThan(0.3); // mmol/L: a good part of the 2 mmol/L of carbon
    expect(out[C.Ca_p]! / 40.078).toBeCloseTo(caDropped, 6);
    // the books: calcium and carbon reacted mole for mole, and close
    const books = sim.massBalance();
    expect(books['TIC']!.reacted_kg / 12.011).toBeCloseTo(books['Ca']!.reacted_kg / 40.078, 9);
    expect(books['Ca_p']!.reacted_kg).toBeCloseTo(-books['Ca']!.reacted_kg, 9);
    expect(sim.summary().worstClosure_rel).toBeLessThan(1e-12);
  });

  it('goes toward saturation: the faster it forms, the nearer the outlet\'s calcite comes to saturated', () => {
    const slow = run(10, 3600), fast = run(10, 60);
    const caLeft = (r: typeof slow) => r.out[C.Ca]!;
    expect(caLeft(fast)).toBeLessThan(caLeft(slow));
    // held at pH 10 with bicarbonate buffering, saturation leaves ≈ 10–20 mg/L of the 80 (Ksp 10^−8.48)
    expect(caLeft(fast)).toBeGreaterThan(5);
    expect(caLeft(fast)).toBeLessThan(40);
  });

  it('forms none without calcite_tau_s, nor below saturation, and an acid tank takes calcite back up', () => {
    const none = run(10, undefined);
    expect(none.out[C.Ca_p]).toBe(0);
    expect(none.out[C.Ca]! / none.feed[C.Ca]!).toBeCloseTo(none.out[C.Mg]! / none.feed[C.Mg]!, 9);
    // at pH 7 the water is undersaturated: nothing forms
    expect(run(7, 60).out[C.Ca_p]).toBe(0);
    // a rinse carrying calcite into a tank held at pH 4 dissolves it, giving its calcium and carbon back
    const acid = run(4, 60, { Ca: 40, Ca_p: 20, TIC: 6, Na: 40, Cl: 60, SO4: 100 });
    expect(acid.out[C.Ca_p]!).toBeLessThan(0.1 * acid.feed[C.Ca_p]!);
    expect(acid.out[C.Ca]!).toBeGreaterThan(acid.feed[C.Ca]! + 0.9 * acid.feed[C.Ca_p]!);
  });
});
