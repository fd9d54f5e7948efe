import { describe, it, expect } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { Rng } from '../../../src/engine/rng.ts';
import { Sensor, type SensorConfig } from '../../../src/engine/control/index.ts';

function sensor(config: Partial<SensorConfig> = {}, seed = 1): Sensor {
  const arena = new StateArena();
  return new Sensor(arena, { min: 0, max: 14, ...config }, new Rng(arena, seed));
}

describe('sensor lag', () => {
  it.each([1, 600])('follows 1 − exp(−t/τ) within 1e-9 on a unit step (dt %i s)', (dt) => {
    const tau = 300;
    const s = sensor({ tau_s: tau, initial: 0, max: 10 });
    let worst = 0;
    for (let t = dt; t <= 3600; t += dt) {
      const r = s.update(dt, 1);
      worst = Math.max(worst, Math.abs(r - (1 - Math.exp(-t / tau))));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('without an initial value starts settled at the first true value', () => {
    const s = sensor({ tau_s: 600 });
    expect(s.update(60, 7.3)).toBe(7.3);
  });
});

describe('sensor faults', () => {
  it('drift accumulates at the configured rate, set at run time by a trainer', () => {
    const s = sensor();
    s.update(60, 7);
    expect(s.set('drift_per_h', 0.05)).toBe(true);
    for (let k = 0; k < 24 * 60; k++) s.update(60, 7); // one day
    expect(s.drift).toBeCloseTo(1.2, 9);
    expect(s.reading).toBeCloseTo(8.2, 9);
    expect(s.set('drift', 0)).toBe(true); // recalibration
    expect(s.update(60, 7)).toBeCloseTo(7 + 0.05 / 60, 9);
  });

  it('bias offsets the reading', () => {
    const s = sensor({ bias: -0.3 });
    expect(s.update(60, 7)).toBeCloseTo(6.7, 12);
    s.set('bias', 0.4);
    expect(s.update(60, 7)).toBeCloseTo(7.4, 12);
  });

  it('stuck holds the last reading while the process moves, and resumes when freed', () => {
    const s = sensor({ noise_sd: 0.02 });
    s.update(60, 7);
    const held = s.update(60, 7);
    s.set('stuck', true);
    for (let k = 0; k < 100; k++) expect(s.update(60, 7 + k * 0.05)).toBe(held);
    expect(s.stuck).toBe(true);
    s.set('stuck', false);
    expect(Math.abs(s.update(60, 11) - 11)).toBeLessThan(0.2);
  });

  it('failed reads the fail value, raises the flag and never NaN', () => {
    const s = sensor({ fail_value: 0, noise_sd: 0.1 });
    s.update(60, 7);
    expect(s.failed).toBe(false);
    s.set('failed', true);
    expect(s.failed).toBe(true);
    for (let k = 0; k < 10; k++) expect(s.update(60, 7)).toBe(0);
    expect(s.update(60, Number.NaN)).toBe(0);
    s.set('failed', false);
    expect(Math.abs(s.update(60, 7) - 7)).toBeLessThan(1);
  });

  it('a non-finite true value never reaches the reading', () => {
    const s = sensor({ tau_s: 120 });
    s.update(60, 7);
    expect(Number.isFinite(s.update(60, Number.NaN))).toBe(true);
    expect(s.reading).toBeCloseTo(7, 12);
  });

  it('clamps to the instrument range', () => {
    const s = sensor();
    expect(s.update(60, 15.2)).toBe(14);
    expect(s.update(60, -3)).toBe(0);
  });

  it('noise has the configured standard deviation and zero mean', () => {
    const s = sensor({ noise_sd: 0.05 });
    const n = 20000;
    let sum = 0, sum2 = 0;
    for (let k = 0; k < n; k++) {
      const e = s.update(60, 7) - 7;
      sum += e;
      sum2 += e * e;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(Math.sqrt(sum2 / n - mean * mean)).toBeCloseTo(0.05, 3);
    expect(s.set('noise_sd', -1)).toBe(false);
  });

  it('a fault on one sensor leaves the random numbers of the rest of the run unchanged', () => {
    const run = (fault: boolean): number[] => {
      const arena = new StateArena();
      const rng = new Rng(arena, 42);
      const a = new Sensor(arena, { min: 0, max: 14, noise_sd: 0.1 }, rng);
      const b = new Sensor(arena, { min: 0, max: 14, noise_sd: 0.1 }, rng);
      const out: number[] = [];
      for (let k = 0; k < 50; k++) {
        if (k === 10 && fault) { a.set('failed', true); a.set('noise_sd', 0); }
        a.update(60, 7);
        out.push(b.update(60, 7));
      }
      return out;
    };
    expect(run(true)).toEqual(run(false));
  });

  it('rejects unknown names and wrong types', () => {
    const s = sensor();
    expect(s.set('drift_rate', 1)).toBe(false);
    expect(s.set('stuck', 7)).toBe(false);
    expect(s.set('bias', true)).toBe(false);
    for (const name of s.settable) expect(s.get(name)).not.toBeUndefined();
  });
});
