/**
 * A trainee who tries everything: every runtime setting of every unit, at values from sensible to absurd, every
 * two hours for four days of the default park. The engine refuses what is out of range with its reason and
 * takes the rest; whatever the plant does then, no chart gets a NaN and the books close.
 */
import { describe, expect, it } from 'vitest';
import { loadPlant, readJsonFile } from '../../src/cli/io.ts';
import { compile } from '../../src/engine/compile.ts';
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

/**
 * The model file and the running plant hold a setting to the same bounds: a model that loads can be set back to every
 * value it starts with, and a file is refused, with the path and the reason, where a panel would refuse the value.
 */
describe('a setting is bounded the same in the model file and at run time', () => {
  const MODELS = ['models/default-park.json', 'models/job-shop.json', 'models/nickel-rinse-ro.json'];

  it.each(MODELS)('%s: every unit takes back every setting it starts with', (file) => {
    const { plant } = loadPlant(file, undefined);
    const sim = createSimulation(plant, { duration_s: 3600 });
    const refused: string[] = [];
    for (const u of sim.units) {
      for (const [name, value] of Object.entries(sim.settable(u.id))) {
        try {
          sim.act({ unit: u.id, set: name, value });
        } catch (e) {
          refused.push(`${u.id}.${name}: ${(e as Error).message}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it('holds a set-point to what its probe reads, a probe fault to its span, a controller output to 0–100 % and a pump to the park’s flows, saying so', () => {
    const { plant } = loadPlant('models/default-park.json', undefined);
    const sim = createSimulation(plant, { duration_s: 86_400 });
    const before = sim.settable('precip')['base.setpoint'];
    const refusal = (set: string, value: number) => {
      try {
        sim.act({ unit: 'precip', set, value });
        return 'taken';
      } catch (e) {
        return (e as Error).message.replace(/^operator action: precip\.\S+: /, '');
      }
    };
    // a pH loop (base) and an ORP loop (sulfide): their set-points, and what a trainee may do to their probes
    expect(refusal('base.setpoint', 20)).toBe('base.setpoint must be between 0 and 14');
    expect(refusal('base.setpoint', -0.1)).toBe('base.setpoint must be between 0 and 14');
    expect(refusal('sulfide.setpoint', 2000)).toBe('sulfide.setpoint must be between -1000 and 1500');
    expect(refusal('base.probe.bias', 15)).toBe('base.probe.bias must be between -14 and 14');
    expect(refusal('base.probe.drift_per_h', 1e9)).toBe('base.probe.drift_per_h must be between -14 and 14');
    expect(refusal('sulfide.probe.noise_sd', 3000)).toBe('sulfide.probe.noise_sd must be between 0 and 2500');
    expect(refusal('base.out_max', 500)).toBe('base.out_max must be between 0 and 100');
    expect(refusal('base.manual_output', -5)).toBe('base.manual_output must be between 0 and 100');
    expect(refusal('base.pump.capacity_m3_h', 1e12)).toBe('base.pump.capacity_m3_h must be between 0 and 100000');
    expect(refusal('coagulant.ratio', -5)).toBe('coagulant.ratio must be between 0 and 1000000');
    // a refusal changes nothing; the ends of each range are taken
    expect(sim.settable('precip')['base.setpoint']).toBe(before);
    for (const [set, value] of [['base.setpoint', 14], ['sulfide.setpoint', -1000], ['base.probe.bias', -14], ['sulfide.probe.drift_per_h', 2500], ['base.out_max', 100], ['base.pump.capacity_m3_h', 1e5]] as const) {
      expect(refusal(set, value), set).toBe('taken');
      expect(sim.settable('precip')[set]).toBe(value);
    }
    sim.run(3600);
    expect(sim.summary().worstClosure_rel).toBeLessThan(1e-9);
  });

  it('declares the bounds it holds each setting to, as its refusals state them', () => {
    const { plant } = loadPlant('models/default-park.json', undefined);
    const sim = createSimulation(plant, { duration_s: 86_400 });
    let checked = 0;
    for (const u of sim.units) {
      for (const [name, r] of Object.entries(u.ranges)) {
        expect(typeof u.settable[name], `${u.id}.${name}`).toBe('number');
        for (const past of [r.max + Math.max(1, Math.abs(r.max) * 0.01), r.min - Math.max(1, Math.abs(r.min) * 0.01)]) {
          expect(() => sim.act({ unit: u.id, set: name, value: past }), `${u.id}.${name} = ${past}`).toThrow(`${name} must be between ${r.min} and ${r.max}`);
        }
        checked++;
      }
    }
    // every number an operator sets but the controllers' tuning and a probe's lag (bounded below only)
    expect(checked).toBeGreaterThan(150);
  });

  it('says why it refuses a value, for every setting of every shipped plant: the kind it takes, its range, or what else it asks', () => {
    let refused = 0;
    for (const file of ['models/default-park.json', 'models/job-shop.json', 'models/nickel-rinse-ro.json']) {
      const sim = createSimulation(loadPlant(file, undefined).plant, { duration_s: 86_400 });
      for (const u of sim.units) {
        for (const [name, now] of Object.entries(u.settable)) {
          const tries: (number | boolean)[] = typeof now === 'boolean' ? [5, -1] : [-1, 1e12, -1e12, Number.NaN, true];
          for (const value of tries) {
            const snap = sim.snapshot();
            try {
              sim.act({ unit: u.id, set: name, value });
            } catch (e) {
              refused++;
              const why = (e as Error).message;
              expect(why, `${file} ${u.id}.${name} = ${String(value)}`).toMatch(new RegExp(`${name.replace(/\./g, '\\.')} (takes|must)`));
            }
            sim.restore(snap);
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('default park: a file value past a setting\'s run-time bound is refused, naming the parameter; the bound itself loads', () => {
    const json = readJsonFile('models/default-park.json') as { units: { id: string; params: Record<string, { value: unknown }> }[] };
    const sim = createSimulation(compile(json, { file: 'park.json' }), { duration_s: 3600 });
    const checked: string[] = [];
    json.units.forEach((u, i) => {
      for (const name of Object.keys(sim.settable(u.id))) {
        // the file's place of this setting: `k` → params.k.value, `coagulant.al_to_p_molar` → params.coagulant.value.al_to_p_molar
        const [head, ...rest] = name.split('.');
        const holder = u.params[head!];
        if (holder === undefined || rest.length > 1) continue;
        const parent = (rest.length === 0 ? holder : holder.value) as Record<string, unknown>;
        const key = rest.length === 0 ? 'value' : rest[0]!;
        if (typeof parent[key] !== 'number') continue;
        // the bound the running plant holds the setting to, as the engine declares it
        const bound = sim.units.find((x) => x.id === u.id)!.ranges[name]?.max;
        if (bound === undefined) continue;
        const withValue = (v: number) => {
          const copy = structuredClone(json);
          const p = copy.units[i]!.params[head!]!;
          ((rest.length === 0 ? p : p.value) as Record<string, unknown>)[key] = v;
          return copy;
        };
        expect(() => compile(withValue(bound), { file: 'park.json' }), `${u.id}.${name} at ${bound}`).not.toThrow();
        const path = `units[${i}].params.${rest.length === 0 ? `${head}.value` : `${head}.value.${key}`}`;
        expect(() => compile(withValue(bound * 1.01), { file: 'park.json' }), `${u.id}.${name} past ${bound}`).toThrow(new RegExp(`^park\\.json: ${path.replace(/[[\].]/g, '\\$&')}: `));
        checked.push(`${u.id}.${name}`);
      }
    });
    // the settings with a file value of their own: flows, rate constants, recoveries, SRT, filter and tank settings
    expect(checked.length).toBeGreaterThan(25);
  });
});
