import { describe, it, expect } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { Rng } from '../../../src/engine/rng.ts';
import { LimitAlarm, OnOff, Pid, Pump, Ratio, Sensor, type AlarmEventKind, type AlarmSink } from '../../../src/engine/control/index.ts';
import { FirstOrderProcess } from './process.ts';

class Log implements AlarmSink {
  readonly events: number[] = [];
  record(t_s: number, alarm: number, kind: AlarmEventKind): void {
    this.events.push(t_s, alarm, kind);
  }
}

/** A noisy pH loop with every element in it, faults injected on a schedule. */
function plant(seed: number) {
  const arena = new StateArena();
  const rng = new Rng(arena, seed);
  const log = new Log();
  const ph = new Sensor(arena, { min: 0, max: 14, tau_s: 30, noise_sd: 0.03 }, rng);
  const pid = new Pid(arena, { kp: 20, ti_s: 900, td_s: 60, out_min: 0, out_max: 100, setpoint: 9 });
  const pump = new Pump(arena, { capacity_m3_h: 0.3, ramp_s: 120, power_kW: 0.4 });
  const tank = new FirstOrderProcess(arena, 0.05, 900, 6);
  const level = new OnOff(arena, { setpoint: 5, deadband: 1 });
  const polymer = new Ratio(arena, { ratio: 0.01, out_min: 0, out_max: 1 });
  const high = new LimitAlarm(arena, { id: 0, type: 'high', limit: 9.3, deadband: 0.1, on_delay_s: 120 }, log);
  const low = new LimitAlarm(arena, { id: 1, type: 'low', limit: 8.5, deadband: 0.1 }, log);
  let k = 0;
  const trace: number[] = [];
  const step = (dt: number): void => {
    k++;
    if (k === 300) ph.set('drift_per_h', 0.2);
    if (k === 900) pump.set('tripped', true);
    if (k === 960) { pump.set('reset', true); high.set('ack', true); }
    const load = 4 + 0.5 * Math.sin(k / 50);
    const y = ph.update(dt, tank.y);
    const u = pid.update(dt, y);
    const q = pump.update(dt, u);
    tank.update(dt, (q / 0.3) * 100, load);
    const lv = level.update(dt, 5 + Math.sin(k / 20) + 0.2 * rng.normal());
    const dose = polymer.update(dt, 20 + 10 * rng.uniform());
    high.update(dt, y, k * dt);
    low.update(dt, y, k * dt);
    trace.push(y, u, q, tank.y, lv, dose, high.state, low.state, pump.volume_m3, pump.energy_kWh);
  };
  return { arena, log, trace, step, pid, ph };
}

const bits = (xs: number[]): string => Buffer.from(new Float64Array(xs).buffer).toString('hex');

describe('determinism and snapshots', () => {
  it('the same seed gives bit-identical runs; another seed does not', () => {
    const a = plant(11), b = plant(11), c = plant(12);
    for (let i = 0; i < 2000; i++) { a.step(60); b.step(60); c.step(60); }
    expect(bits(a.trace)).toBe(bits(b.trace));
    expect(a.log.events).toEqual(b.log.events);
    expect(a.log.events.length).toBeGreaterThan(0);
    expect(bits(a.trace)).not.toBe(bits(c.trace));
  });

  it('arena save/load continues bit-identically, faults and alarms included', () => {
    const p = plant(5);
    for (let i = 0; i < 600; i++) p.step(60);
    const snap = p.arena.save();
    const mark = p.trace.length, marks = p.log.events.length;
    for (let i = 0; i < 1000; i++) p.step(60);
    const first = p.trace.slice(mark), firstEvents = p.log.events.slice(marks);

    // a second plant built the same way, loaded from the snapshot, replays the same future
    const q = plant(999);
    for (let i = 0; i < 600; i++) q.step(60); // its own step counter reaches the same schedule point
    q.arena.load(snap);
    const qm = q.trace.length, qe = q.log.events.length;
    for (let i = 0; i < 1000; i++) q.step(60);
    expect(bits(q.trace.slice(qm))).toBe(bits(first));
    expect(q.log.events.slice(qe)).toEqual(firstEvents);
    expect(firstEvents.length).toBeGreaterThan(0);
  });

  it('operator settings live in the snapshot: a restore undoes them', () => {
    const p = plant(5);
    for (let i = 0; i < 10; i++) p.step(60);
    const snap = p.arena.save();
    p.pid.set('setpoint', 8);
    p.pid.set('auto', false);
    p.ph.set('failed', true);
    p.arena.load(snap);
    expect(p.pid.get('setpoint')).toBe(9);
    expect(p.pid.auto).toBe(true);
    expect(p.ph.failed).toBe(false);
  });
});
