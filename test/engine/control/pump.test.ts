import { describe, it, expect } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { Pump } from '../../../src/engine/control/index.ts';

describe('pump', () => {
  it('delivers the commanded percent of capacity, clamped to 0…capacity', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 0.2 });
    expect(p.update(60, 50)).toBeCloseTo(0.1, 12);
    expect(p.flow_m3_s).toBeCloseTo(0.1 / 3600, 15);
    expect(p.update(60, 140)).toBe(0.2);
    expect(p.update(60, -5)).toBe(0);
  });

  it('reads an absolute command in m³/h when configured so', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 30, command: 'm3_h' });
    expect(p.update(60, 12)).toBe(12);
    expect(p.update(60, 45)).toBe(30);
  });

  it('a trip gives zero flow until reset, whatever the command and the on switch', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 1 });
    expect(p.update(60, 80)).toBeCloseTo(0.8, 12);
    expect(p.set('tripped', true)).toBe(true);
    expect(p.flow_m3_h).toBe(0);
    for (let k = 0; k < 30; k++) expect(p.update(60, 100)).toBe(0);
    p.set('on', false);
    p.set('on', true);
    expect(p.update(60, 100)).toBe(0); // a restart does not clear a trip
    expect(p.set('reset', true)).toBe(true);
    expect(p.tripped).toBe(false);
    expect(p.update(60, 100)).toBe(1);
  });

  it('off gives zero flow; on resumes', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 1, on: false });
    expect(p.update(60, 100)).toBe(0);
    p.set('on', true);
    expect(p.update(60, 100)).toBe(1);
  });

  it('the rate limit ramps the flow at capacity/ramp_s', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 10, ramp_s: 300 });
    expect(p.update(60, 100)).toBeCloseTo(2, 12);
    expect(p.update(60, 100)).toBeCloseTo(4, 12);
    for (let k = 0; k < 5; k++) p.update(60, 100);
    expect(p.flow_m3_h).toBe(10);
    expect(p.update(60, 0)).toBeCloseTo(8, 12);
    p.set('tripped', true); // a trip stops it at once, no ramp
    expect(p.update(60, 100)).toBe(0);
  });

  it('counts volume, energy and running hours', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 2, power_kW: 1.5 });
    for (let k = 0; k < 60; k++) p.update(60, 50); // 1 h at 1 m³/h
    for (let k = 0; k < 60; k++) p.update(60, 0); // 1 h stopped
    expect(p.volume_m3).toBeCloseTo(1, 12);
    expect(p.energy_kWh).toBeCloseTo(0.75, 12);
    expect(p.runtime_h).toBeCloseTo(1, 12);
  });

  it('a lower capacity (worn pump) limits the flow; bad values are rejected', () => {
    const p = new Pump(new StateArena(), { capacity_m3_h: 2 });
    p.update(60, 100);
    expect(p.set('capacity_m3_h', 1.5)).toBe(true);
    expect(p.flow_m3_h).toBe(1.5);
    expect(p.update(60, 100)).toBe(1.5);
    expect(p.set('capacity_m3_h', 0)).toBe(false);
    expect(p.set('on', 3)).toBe(false);
    expect(p.set('speed', 50)).toBe(false);
  });
});
