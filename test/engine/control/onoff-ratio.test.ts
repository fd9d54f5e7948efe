import { describe, it, expect } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { OnOff, Ratio } from '../../../src/engine/control/index.ts';

/** A triangle sweep 0 → 10 → 0, three times, in steps of 0.01. */
function sweep(): number[] {
  const out: number[] = [];
  for (let c = 0; c < 3; c++) {
    for (let k = 0; k <= 1000; k++) out.push(k / 100);
    for (let k = 1000; k >= 0; k--) out.push(k / 100);
  }
  return out;
}

describe('on-off with hysteresis', () => {
  it('reverse action switches on at sp − db/2 and off at sp + db/2 only', () => {
    const c = new OnOff(new StateArena(), { setpoint: 5, deadband: 2, initially_on: true });
    const switches: { y: number; on: boolean }[] = [];
    let was = c.on;
    for (const y of sweep()) {
      c.update(60, y);
      if (c.on !== was) switches.push({ y, on: c.on });
      was = c.on;
    }
    expect(switches.length).toBe(6);
    for (const s of switches) expect(s.y).toBeCloseTo(s.on ? 4 : 6, 9);
  });

  it('direct action switches on at sp + db/2 and off at sp − db/2', () => {
    const c = new OnOff(new StateArena(), { setpoint: 5, deadband: 1, action: 'direct', on_output: 80 });
    const switches: { y: number; on: boolean }[] = [];
    let was = c.on;
    for (const y of sweep()) {
      const u = c.update(60, y);
      expect(u).toBe(c.on ? 80 : 0);
      if (c.on !== was) switches.push({ y, on: c.on });
      was = c.on;
    }
    expect(switches.length).toBe(6);
    for (const s of switches) expect(s.y).toBeCloseTo(s.on ? 5.5 : 4.5, 9);
  });

  it('holds its state inside the band and follows manual when not in auto', () => {
    const c = new OnOff(new StateArena(), { setpoint: 5, deadband: 2 });
    c.update(60, 3);
    expect(c.on).toBe(true);
    for (const y of [4.5, 5, 5.9, 4.1]) expect(c.update(60, y)).toBe(100);
    c.set('auto', false);
    expect(c.update(60, 9)).toBe(100); // manual keeps the state it had
    c.set('manual_on', false);
    expect(c.update(60, 0)).toBe(0);
    expect(c.set('deadband', -1)).toBe(false);
    expect(c.set('band', 1)).toBe(false);
  });
});

describe('ratio dosing', () => {
  it('doses ratio × load + bias, clamped to its limits', () => {
    const r = new Ratio(new StateArena(), { ratio: 0.004, bias: 0.01, out_min: 0, out_max: 0.5 });
    expect(r.update(60, 50)).toBeCloseTo(0.21, 12);
    expect(r.update(60, 500)).toBe(0.5);
    expect(r.update(60, -10)).toBe(0);
    expect(r.update(60, 50, 1.5)).toBeCloseTo(0.31, 12); // feedback trim
    r.set('ratio', 0.002);
    expect(r.update(60, 50)).toBeCloseTo(0.11, 12);
    r.set('auto', false);
    expect(r.update(60, 1000)).toBeCloseTo(0.11, 12); // manual holds the last dose
    expect(r.set('out_max', -1)).toBe(false);
  });
});
