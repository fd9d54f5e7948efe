import { describe, it, expect } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { Pid, type AntiWindup, type PidConfig } from '../../../src/engine/control/index.ts';
import { FirstOrderProcess } from './process.ts';

// a neutralisation-like loop: 0.05 pH per % of NaOH pump, 15 min lag, a load that needs 60 % at pH 7
const GAIN = 0.05, TAU = 900, LOAD = 4, SP = 7;
const BASE: PidConfig = { kp: 20, ti_s: 900, out_min: 0, out_max: 100, setpoint: SP };

function loop(config: Partial<PidConfig>, dt: number, y0 = 5) {
  const arena = new StateArena();
  const pid = new Pid(arena, { ...BASE, ...config });
  const plant = new FirstOrderProcess(arena, GAIN, TAU, y0);
  const step = (load: number): number => {
    const u = pid.update(dt, plant.y);
    plant.update(dt, u, load);
    return u;
  };
  return { pid, plant, step };
}

describe('PI on a first-order process', () => {
  it.each([1, 60, 600])('reaches and holds the setpoint within ±1 %% with no steady offset (dt %i s)', (dt) => {
    const { plant, step } = loop({}, dt);
    const n = (h: number): number => Math.round((h * 3600) / dt);
    for (let k = 0; k < n(4); k++) step(LOAD);
    let worst = 0;
    for (let k = 0; k < n(4); k++) {
      step(LOAD);
      worst = Math.max(worst, Math.abs(plant.y - SP));
    }
    expect(worst).toBeLessThan(0.01 * SP);
    expect(Math.abs(plant.y - SP)).toBeLessThan(1e-5);
  });

  it('without integral action (ti_s = 0) keeps an offset: the integral is what removes it', () => {
    const { plant, step } = loop({ ti_s: 0 }, 60);
    for (let k = 0; k < 480; k++) step(LOAD);
    expect(SP - plant.y).toBeGreaterThan(0.01 * SP);
  });

  it('a long step (3600 s) stays bounded: output within limits, every state finite', () => {
    const { pid, plant, step } = loop({}, 3600);
    for (let k = 0; k < 24 * 30; k++) {
      const u = step(k % 48 < 24 ? LOAD : 0);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThanOrEqual(100);
    }
    expect(Number.isFinite(pid.integral)).toBe(true);
    expect(Number.isFinite(plant.y)).toBe(true);
  });
});

describe('output limits and anti-windup', () => {
  // 2 h with the load gone (the pump at 100 % cannot hold pH 7), then the load returns
  function saturationEpisode(aw: AntiWindup) {
    const { plant, step } = loop({ anti_windup: aw }, 60, SP);
    let umin = Infinity, umax = -Infinity;
    for (let k = 0; k < 240; k++) step(LOAD);
    for (let k = 0; k < 120; k++) {
      const u = step(0);
      umin = Math.min(umin, u);
      umax = Math.max(umax, u);
    }
    let peak = -Infinity, lastOutside = 0;
    for (let k = 0; k < 480; k++) {
      const u = step(LOAD);
      umin = Math.min(umin, u);
      umax = Math.max(umax, u);
      peak = Math.max(peak, plant.y);
      if (Math.abs(plant.y - SP) > 0.01 * SP) lastOutside = k + 1;
    }
    return { overshoot: peak - SP, settle_min: lastOutside, umin, umax };
  }

  it('never drives the output outside its limits', () => {
    for (const aw of ['back-calculation', 'conditional', 'none'] as const) {
      const r = saturationEpisode(aw);
      expect(r.umin).toBeGreaterThanOrEqual(0);
      expect(r.umax).toBe(100);
    }
  });

  it('back-calculation and conditional integration cut the overshoot and the recovery after saturation', () => {
    const none = saturationEpisode('none');
    const back = saturationEpisode('back-calculation');
    const cond = saturationEpisode('conditional');
    expect(none.overshoot).toBeGreaterThan(1.5); // the wound-up integral drives pH toward 9
    expect(back.overshoot).toBeLessThan(0.3 * none.overshoot);
    expect(cond.overshoot).toBeLessThan(0.3 * none.overshoot);
    expect(back.settle_min).toBeLessThan(0.6 * none.settle_min);
    expect(cond.settle_min).toBeLessThan(0.6 * none.settle_min);
  });
});

describe('bumpless changes', () => {
  const PID: PidConfig = { kp: 2, ti_s: 600, td_s: 120, out_min: -1000, out_max: 1000, setpoint: 50 };
  function settled(config: Partial<PidConfig> = {}) {
    const pid = new Pid(new StateArena(), { ...PID, ...config });
    for (let k = 0; k < 20; k++) pid.update(60, 50); // at the setpoint: output constant
    return pid;
  }

  it('a setpoint step gives no proportional or derivative kick: only the integral moves', () => {
    const pid = settled();
    const before = pid.output;
    expect(pid.set('setpoint', 55)).toBe(true);
    const after = pid.update(60, 50);
    expect(after - before).toBeCloseTo(0, 9);
    // then the integral of the new error moves it by K·dt/Ti·e = 2·60/600·5 per step
    expect(pid.update(60, 50) - after).toBeCloseTo(1.0, 9);
  });

  it('with bumpless_setpoint off the step kicks by K·Δsp only (the derivative acts on the measurement)', () => {
    const pid = settled({ bumpless_setpoint: false });
    const before = pid.output;
    pid.set('setpoint', 55);
    expect(pid.update(60, 50) - before).toBeCloseTo(10, 9);
  });

  it('manual → auto transfer does not bump the output', () => {
    const pid = new Pid(new StateArena(), { ...PID, auto: false, manual_output: 37 });
    for (let k = 0; k < 10; k++) expect(pid.update(60, 44)).toBe(37); // 6 below setpoint
    pid.set('auto', true);
    const first = pid.update(60, 44);
    expect(first - 37).toBeCloseTo(0, 9); // not the proportional 2·6 = 12
    // from there the integral moves it by 2·60/600·6 = 1.2 per step
    expect(pid.update(60, 44) - first).toBeCloseTo(1.2, 9);
  });

  it('auto → manual holds the current output; manual_output then moves it', () => {
    const pid = new Pid(new StateArena(), PID);
    for (let k = 0; k < 5; k++) pid.update(60, 40);
    const u = pid.output;
    pid.set('auto', false);
    expect(pid.update(60, 30)).toBe(u);
    pid.set('manual_output', 12.5);
    expect(pid.output).toBe(12.5);
    expect(pid.update(60, 30)).toBe(12.5);
  });

  it('a gain change does not bump the output', () => {
    const pid = new Pid(new StateArena(), PID);
    for (let k = 0; k < 5; k++) pid.update(60, 45);
    const before = pid.output;
    pid.set('kp', 6);
    const first = pid.update(60, 45);
    // only the integral the last step added at the old gain, 2·60/600·5 = 1; not (6 − 2)·5 = 20
    expect(first - before).toBeCloseTo(1, 9);
    // the integral now moves at the new gain: 6·60/600·5 = 3 per step
    expect(pid.update(60, 45) - first).toBeCloseTo(3, 9);
  });
});

describe('derivative on measurement, filtered', () => {
  it.each([1, 600])('on a ramp the derivative term settles at −K·Td·slope (dt %i s)', (dt) => {
    const pid = new Pid(new StateArena(), { kp: 2, ti_s: 0, td_s: 300, out_min: -1e6, out_max: 1e6, setpoint: 0 });
    const slope = 0.01; // units per s
    let y = 0;
    for (let t = 0; t < 6 * 3600; t += dt) {
      y += slope * dt;
      pid.update(dt, y);
    }
    const p = 2 * (0 - y);
    expect(pid.output - p).toBeCloseTo(-2 * 300 * slope, 9);
  });

  it('direct action reverses the sign', () => {
    const rev = new Pid(new StateArena(), { kp: 1, ti_s: 0, out_min: -10, out_max: 10, setpoint: 5 });
    const dir = new Pid(new StateArena(), { kp: 1, ti_s: 0, out_min: -10, out_max: 10, setpoint: 5, action: 'direct' });
    expect(rev.update(60, 7)).toBe(-2);
    expect(dir.update(60, 7)).toBe(2);
  });
});

describe('runtime settings by name', () => {
  it('accepts known names, rejects unknown names and wrong types', () => {
    const pid = new Pid(new StateArena(), BASE);
    expect(pid.set('setpoint', 8.5)).toBe(true);
    expect(pid.get('setpoint')).toBe(8.5);
    expect(pid.set('ti_s', 1200)).toBe(true);
    expect(pid.get('ti_s')).toBe(1200);
    expect(pid.set('sepoint', 8)).toBe(false);
    expect(pid.set('kp', true)).toBe(false);
    expect(pid.set('kp', Number.NaN)).toBe(false);
    expect(pid.set('kp', -1)).toBe(false);
    expect(pid.set('out_min', 200)).toBe(false); // above out_max
    expect(pid.get('nope')).toBeUndefined();
    for (const name of pid.settable) expect(pid.get(name)).not.toBeUndefined();
  });
});
