import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { mixTank } from '../../src/engine/flowsheet/tank.ts';
import { C, NC } from '../../src/engine/components.ts';
import { eqTank, model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const all = Int32Array.from({ length: NC }, (_, i) => i);

/** influent (Q, Cin) → EQ (V, constant volume) → discharge; Ni channel of the tank outlet. */
function cstr(step_s: number, q_m3_h: number, v_m3: number, cin_mg_L: number) {
  const m = model(
    [
      steadyInfluent('in', q_m3_h, { Ni: cin_mg_L, Cu: 1 }),
      eqTank('eq', v_m3 / 0.5, 0.5, q_m3_h),
      unit('out', 'discharge'),
    ],
    [stream('in.out', 'eq.in'), stream('eq.out', 'out.in'), stream('eq.overflow', 'out.in')],
    { step_s: param(step_s), output_interval_s: param(step_s) },
  );
  const sim = createSimulation(compile(m, { file: 'cstr' }));
  return { sim, ni: sim.channelInfo().findIndex((c) => c.id === 'eq.out/Ni_total') };
}

describe('well-mixed tank update (mixTank)', () => {
  it.each([1, 10, 60, 600, 3600])('matches the analytical step response C(t) = Cin(1 − e^(−t/τ)) at dt = %d s', (dt) => {
    const v = 100, q = 50 / 3600, tau = v / q;
    const c = new Float64Array(NC), cin = new Float64Array(NC), out = new Float64Array(NC);
    cin[C.Ni] = 40;
    for (let t = dt; t <= 12 * 3600 + 1e-9; t += dt) {
      mixTank(c, v, v, q, cin, q, dt, out, all);
      const exact = 40 * (1 - Math.exp(-t / tau));
      expect(rel(c[C.Ni]!, exact)).toBeLessThan(1e-6);
      // the outflow carries the exact mean over the step
      const meanExact = 40 - (40 * tau * (Math.exp(-(t - dt) / tau) - Math.exp(-t / tau))) / dt;
      expect(rel(out[C.Ni]!, meanExact)).toBeLessThan(1e-6);
    }
  });

  it.each([1, 60, 3600])('matches the analytical pulse decay C0·e^(−t/τ) at dt = %d s', (dt) => {
    const v = 250, q = 30 / 3600, tau = v / q;
    const c = new Float64Array(NC), cin = new Float64Array(NC), out = new Float64Array(NC);
    c[C.Cu] = 500;
    for (let t = dt; t <= 24 * 3600 + 1e-9; t += dt) {
      mixTank(c, v, v, q, cin, q, dt, out, all);
      expect(rel(c[C.Cu]!, 500 * Math.exp(-t / tau))).toBeLessThan(1e-6);
    }
  });

  it('matches the exact solution while the tank fills (variable volume)', () => {
    // V(t) = V0 + (Qin − Qout)t,  C = Cin − (Cin − C0)(V0/V)^(Qin/(Qin − Qout))
    const v0 = 50, qin = 80 / 3600, qout = 20 / 3600, cin = 10, c0 = 100;
    for (const dt of [1, 60, 900, 3600]) {
      const c = new Float64Array(NC), cIn = new Float64Array(NC), out = new Float64Array(NC);
      c[C.Zn] = c0;
      cIn[C.Zn] = cin;
      let v = v0;
      for (let t = dt; t <= 4 * 3600 + 1e-9; t += dt) {
        const v1 = v + (qin - qout) * dt;
        mixTank(c, v, v1, qin, cIn, qout, dt, out, all);
        v = v1;
        const exact = cin - (cin - c0) * Math.pow(v0 / (v0 + (qin - qout) * t), qin / (qin - qout));
        expect(rel(c[C.Zn]!, exact)).toBeLessThan(1e-6);
      }
    }
  });

  it('conserves mass to rounding for any step: V0·C0 + Qin·Cin·dt = V1·C1 + Qout·Cout·dt', () => {
    const c = new Float64Array(NC), cin = new Float64Array(NC), out = new Float64Array(NC);
    c[C.Ni] = 7;
    cin[C.Ni] = 55;
    const v0 = 120, v1 = 90, qin = 0.01, qout = 0.01 + 30 / 3600, dt = 3600;
    const before = v0 * c[C.Ni]! + qin * dt * cin[C.Ni]!;
    mixTank(c, v0, v1, qin, cin, qout, dt, out, all);
    expect(rel(v1 * c[C.Ni]! + qout * dt * out[C.Ni]!, before)).toBeLessThan(1e-14);
  });
});

describe('equalization tank in a plant', () => {
  it.each([1, 60, 600, 3600])('reproduces the CSTR step response at the tank outlet with dt = %d s', (dt) => {
    const q = 60, v = 240, tau = (v / q) * 3600;
    const { sim, ni } = cstr(dt, q, v, 30);
    sim.run(16 * 3600);
    const d = sim.channelData();
    for (let i = 0; i < d.count; i++) {
      const t = d.t_s[i]!;
      const meanExact = 30 - (30 * tau * (Math.exp(-(t - dt) / tau) - Math.exp(-t / tau))) / dt;
      // channels are stored as float32: compare at that precision
      expect(rel(d.mean[ni]![i]!, meanExact)).toBeLessThan(1e-6);
    }
  });

  it('damps a spent-bath dump: the outlet peak is a small fraction of the inlet peak', () => {
    const m = model(
      [steadyInfluent('in', 20, { Ni: 40 }), eqTank('eq', 320, 0.5, 20), unit('out', 'discharge')],
      [stream('in.out', 'eq.in'), stream('eq.out', 'out.in'), stream('eq.overflow', 'out.in')],
      { output_interval_s: param(600) },
    );
    const sim = createSimulation(compile(m, { file: 'spike' }), {
      duration_s: 86400,
      events: [{ kind: 'dump', at_s: 6 * 3600, unit: 'in', volume_m3: 5, factor: 50, duration_s: 1800 }],
    });
    sim.run(86400);
    const info = sim.channelInfo();
    const d = sim.channelData();
    const peak = (id: string) => Math.max(...d.max[info.findIndex((c) => c.id === id)]!);
    const inPeak = peak('in.out/Ni_total'), outPeak = peak('eq.out/Ni_total');
    // inlet: (20 m³/h·40 + 10 m³/h·2000) / 30 m³/h ≈ 693 mg/L while the dump lasts
    expect(inPeak).toBeGreaterThan(650);
    expect(inPeak).toBeLessThan(700);
    // 5 m³ × 2000 mg/L spread over ≈ 165 m³ of tank: about 100 mg/L, a seventh of the inlet peak
    expect(outPeak).toBeLessThan(inPeak / 5);
    expect(outPeak).toBeGreaterThan(40);
  });

  it('level control raises the pump-out when the level rises and holds it near the setpoint', () => {
    const m = model(
      [
        steadyInfluent('in', 30, { Cu: 10 }),
        eqTank('eq', 200, 0.3, 20, { level_gain_m3_h: param(60), pump_max_m3_h: param(60) }),
        unit('out', 'discharge'),
      ],
      [stream('in.out', 'eq.in'), stream('eq.out', 'out.in'), stream('eq.overflow', 'out.in')],
      { output_interval_s: param(3600) },
    );
    const sim = createSimulation(compile(m, { file: 'level' }), { duration_s: 3 * 86400 });
    sim.run(3 * 86400);
    const info = sim.channelInfo();
    const d = sim.channelData();
    const fill = d.mean[info.findIndex((c) => c.id === 'eq.fill_pct')]!;
    const pump = d.mean[info.findIndex((c) => c.id === 'eq.out/flow_m3_h')]!;
    // P-only control settles where 20 + 60·(fill − 0.5) = 30, i.e. fill = 66.7 %
    expect(fill[d.count - 1]!).toBeCloseTo(66.67, 1);
    expect(pump[d.count - 1]!).toBeCloseTo(30, 2);
  });

  it('overflows to the emergency tank when full, and the water and metal are all accounted for', () => {
    const m = model(
      [
        steadyInfluent('in', 40, { Zn: 25 }),
        eqTank('eq', 100, 0.9, 10),
        unit('em', 'emergency_tank', {
          volume_m3: param(500), depth_m: param(5), initial_fill_frac: param(0), return_flow_m3_h: param(0), return_stop_fill_frac: param(0.01),
        }),
        unit('out', 'discharge'),
      ],
      [stream('in.out', 'eq.in'), stream('eq.out', 'out.in'), stream('eq.overflow', 'em.in'), stream('em.out', 'out.in'), stream('em.overflow', 'out.in')],
      { output_interval_s: param(3600) },
    );
    const sim = createSimulation(compile(m, { file: 'overflow' }), { duration_s: 86400 });
    sim.run(86400);
    const info = sim.channelInfo();
    const d = sim.channelData();
    const emLevel = d.mean[info.findIndex((c) => c.id === 'em.fill_pct')]!;
    // 40 in, 10 pumped: after the tank fills (≈ 20 min) 30 m³/h overflow → ≈ 720 m³/d, more than the 500 m³ tank
    expect(emLevel[d.count - 1]!).toBeCloseTo(100, 5);
    const books = sim.massBalance();
    expect(books.Zn.closure_rel).toBeLessThan(1e-12);
    // what is not in the tanks left through the discharge, including the emergency overflow
    expect(books.Zn.in_kg).toBeCloseTo(40 * 24 * 25 / 1000, 6);
    const emOverflow = d.mean[info.findIndex((c) => c.id === 'em.overflow/flow_m3_h')]!;
    expect(emOverflow[d.count - 1]!).toBeCloseTo(30, 6);
    expect(books.Zn.out_kg['effluent:out']! + books.Zn.inventory_kg).toBeCloseTo(books.Zn.in_kg, 9);
  });
});
