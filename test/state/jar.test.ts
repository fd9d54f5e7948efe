import { describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../src/engine/api.ts';
import { C, NC } from '../../src/engine/components.ts';
import { jarOfWater, pHSweep } from '../../src/engine/chemistry/jar.ts';
import { pHSetpoints, readJar } from '../../src/state/jar.ts';

const reactor = (params: UnitInfo['params']): UnitInfo => ({
  id: 'r', type: 'precipitation', name: { en: 'r', zh: 'r' }, line: 'l', layout: { x: 0, z: 0, rotation: 0 }, params, settable: {}, ranges: {}, choices: {}, inputs: ['in'], outputs: ['out'],
});
const loop = (kind: 'pH' | 'ORP', setpoint: number) => ({ value: { reagent: 'NaOH', controller: { type: 'pid', setpoint, kp: 1, ti_s: 60 }, probe: { kind, tau_s: 10, noise_sd: 0 } }, reference: 'r' });

describe('reading a jar test', () => {
  it('finds the pH set-points of loops on a pH probe, live where the engine reports them', () => {
    const u = reactor({ base: loop('pH', 9.5), oxidant: loop('ORP', 350), volume_m3: { value: 20, reference: 'r' } });
    expect(pHSetpoints(u, undefined)).toEqual([9.5]);
    expect(pHSetpoints(u, { 'base.setpoint': 10.1, 'oxidant.setpoint': 400 })).toEqual([10.1]);
    expect(pHSetpoints(reactor({}), {})).toEqual([]);
  });

  it('reads the curve against the standard: limits per metal, the window, what never meets it, the value at each set-point', () => {
    const w = new Float64Array(NC);
    w[C.Ni] = 20;
    w[C.Cu] = 5;
    w[C.CuCx] = 0.8; // complexed: no pH takes it below Table 3's 0.3 mg/L
    w[C.Na] = 300;
    w[C.Cl] = 400;
    const jar = { unit: 'r', from: 'in' as const, t_s: 0, flow_m3_h: 10, temperature_C: 25, ...jarOfWater(w, pHSweep(6, 12, 0.1)) };
    const r = readJar(jar, 'GB21900-2008-T3', [9.5, 10.04]);
    expect(r.limits).toEqual({ Ni: 0.1, Cu: 0.3 });
    expect(r.ranges).toEqual([]);
    expect(r.never.map((n) => n.id)).toEqual(['Cu']);
    expect(r.never[0]!.held_mg_L).toBeCloseTo(0.8, 12);
    expect(r.atSetpoints.map((s) => jar.pH[s.index])).toEqual([9.5, 10]);
    // Table 2 allows 0.5 mg/L of copper and nickel: the complexed 0.8 still fails, at any pH
    expect(readJar(jar, 'GB21900-2008-T2', []).never.map((n) => n.id)).toEqual(['Cu']);
    // without the complexed copper, a window opens and nothing is out of reach; no standard named → the engine's default (Table 3)
    w[C.CuCx] = 0;
    const clean = { unit: 'r', from: 'in' as const, t_s: 0, flow_m3_h: 10, temperature_C: 25, ...jarOfWater(w, pHSweep(6, 12, 0.1)) };
    const byDefault = readJar(clean, null, []);
    expect(byDefault.standard).toBe('GB21900-2008-T3');
    expect(byDefault.never).toEqual([]);
    expect(byDefault.ranges.length).toBe(1);
  });
});
