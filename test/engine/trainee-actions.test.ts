/**
 * A trainee who tries everything: every runtime setting of every unit, at values from sensible to absurd, every
 * two hours for four days of the default park. The engine refuses what is out of range with its reason and
 * takes the rest; whatever the plant does then, no chart gets a NaN and the books close.
 */
import { describe, expect, it } from 'vitest';
import { loadPlant } from '../../src/cli/io.ts';
import { ModelError } from '../../src/engine/errors.ts';
import { createSimulation } from '../../src/engine/simulate.ts';

/** A small seeded generator (LCG), so the test makes the same moves every run. */
function moves(seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
}

const VALUES: readonly (number | boolean)[] = [0, 1, -1, 1e-9, 0.5, 2, 7, 14, 100, 1e4, 1e9, 1e15, -1e6, true, false];

describe('a trainee who tries everything', () => {
  it.each([1, 2, 3])('moves of seed %i: taken or refused with a reason, no NaN on any chart, the books closed', (seed) => {
    const { plant } = loadPlant('models/default-park.json', undefined);
    const sim = createSimulation(plant, { duration_s: 4 * 86_400, seed });
    const pick = moves(seed);
    let taken = 0, refused = 0;
    for (let h = 0; h < 96; h += 2) {
      for (let k = 0; k < 3; k++) {
        const unit = pick(sim.units);
        const names = Object.keys(sim.settable(unit.id));
        if (names.length === 0) continue;
        try {
          sim.act({ unit: unit.id, set: pick(names), value: pick(VALUES) });
          taken++;
        } catch (e) {
          expect(e).toBeInstanceOf(ModelError);
          expect((e as ModelError).message).toMatch(/^operator action: \S+\.\S+: \S/);
          refused++;
        }
      }
      sim.run(7200);
    }
    expect(taken).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(10);
    const d = sim.channelData(0);
    const nanChannels = sim.channelInfo().filter((_, c) => [d.min[c]!, d.mean[c]!, d.max[c]!].some((a) => a.some((x) => Number.isNaN(x))));
    expect(nanChannels.map((c) => c.id)).toEqual([]);
    const summary = sim.summary();
    expect(summary.worstClosure_rel).toBeLessThanOrEqual(1e-9);
    expect(Number.isFinite(summary.kpis.cost.opex_CNY_m3)).toBe(true);
  });
});
