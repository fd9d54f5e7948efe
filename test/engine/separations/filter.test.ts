import { describe, expect, it } from 'vitest';
import { C } from '../../../src/engine/components.ts';
import { filterParams, harness } from '../../fixtures/separations.ts';
import { param } from '../../fixtures/models.ts';

// 16 m³/h on 2 m² = the 8 m/h design rate; SS = 4·1.58 + 6 ≈ 12.3 mg/L
const FEED = { Ni_p: 4, SS_inert: 6, Ni: 30, SO4: 100 };
const SS_FEED = 4 * 1.58 + 6;

describe('sand filter and ultrafiltration', () => {
  it('removes its fraction of every particulate and passes the dissolved components', () => {
    const h = harness('sand_filter', filterParams());
    h.feed('in', 16, FEED);
    h.run(60, 10);
    const f = h.out('out');
    expect(f.q_m3_h).toBeCloseTo(16, 12);
    expect(f.c[C.Ni_p]).toBeCloseTo(0.4, 12);
    expect(f.c[C.SS_inert]).toBeCloseTo(0.6, 12);
    expect(f.c[C.Ni]).toBe(30);
    expect(h.rt.set('removal_frac', 0.5)).toBeUndefined();
    h.step(60);
    expect(h.out('out').c[C.Ni_p]).toBeCloseTo(2, 12);
  });

  it('builds up pressure drop with captured solids, backwashes at the limit and starts clean again', () => {
    const h = harness('sand_filter', filterParams());
    h.feed('in', 16, FEED);
    const dp: number[] = [], bw: number[] = [];
    let bwVolume = 0, bwSolids_g = 0;
    for (let k = 0; k < 3 * 24 * 60; k++) {
      h.step(60);
      dp.push(h.channel('dp_kPa'));
      const b = h.out('backwash');
      bw.push(b.q_m3_h);
      bwVolume += b.q_m3_h / 60;
      // what the backwash releases, above the filtered water it is made of
      bwSolids_g += (b.q_m3_h / 60) * (1.58 * b.c[C.Ni_p]! + b.c[C.SS_inert]! - 0.1 * SS_FEED);
    }
    // clean bed at the design rate reads the clean ΔP; the deposit rate sets the time to the limit
    expect(dp[0]).toBeGreaterThan(10);
    expect(dp[0]).toBeLessThan(10.1);
    const hoursToLimit = ((40 - 10) / 20) * 2 * 1000 / (0.9 * 16 * SS_FEED); // σ_limit·A / capture rate
    const firstBw = bw.findIndex((q) => q > 0);
    expect(firstBw / 60).toBeCloseTo(hoursToLimit, 0);
    // cycles: each backwash delivers its 3 m³ and the ΔP falls back near clean
    const starts = bw.filter((q, i) => q > 0 && !(bw[i - 1]! > 0)).length;
    expect(starts).toBeGreaterThanOrEqual(3);
    expect(bwVolume / starts).toBeCloseTo(3, 1);
    expect(Math.min(...dp.slice(firstBw + 11, firstBw + 20))).toBeLessThan(12);
    // the backwash water carries what the bed caught (less what it holds now)
    const caught = 0.9 * 16 * SS_FEED * 72;
    const held = h.channel('captured_kg_m2') * 2 * 1000;
    expect(Math.abs(bwSolids_g + held - caught) / caught).toBeLessThan(1e-5);
    expect(h.ledger.byItem('energy_kWh')['filtration']).toBeCloseTo(0.03 * 16 * 72, 6);
  });

  it('backwashes on demand and on a timer, taking the backwash water from the filtrate', () => {
    const h = harness('sand_filter', filterParams({ dp_limit_kPa: param(1000), backwash_interval_h: param(6) }));
    h.feed('in', 20, FEED);
    h.run(60, 60);
    const before = h.channel('captured_kg_m2');
    expect(h.rt.set('backwash_now', true)).toBeUndefined();
    h.step(60);
    expect(h.out('backwash').q_m3_h).toBeCloseTo(18, 9); // 3 m³ in 10 min
    expect(h.out('out').q_m3_h).toBeCloseTo(2, 9); // the backwash water is filtrate
    h.run(60, 12);
    expect(h.out('backwash').q_m3_h).toBe(0);
    // what is left was caught while the backwash ran
    expect(h.channel('captured_kg_m2')).toBeLessThan(0.25 * before);
    // the timer: six hours after that backwash began, the next one
    let next = -1;
    for (let k = 0; k < 8 * 60 && next < 0; k++) {
      h.step(60);
      if (h.out('backwash').q_m3_h > 0) next = k;
    }
    expect((next + 14) / 60).toBeCloseTo(6, 1);
  });

  it('waits for water: with no flow a backwash carries nothing until the feed returns', () => {
    const h = harness('sand_filter', filterParams());
    h.feed('in', 16, FEED);
    h.run(60, 120);
    const held = h.channel('captured_kg_m2');
    h.feed('in', 0, FEED);
    h.rt.set('backwash_now', true);
    h.run(60, 30);
    expect(h.out('backwash').q_m3_h).toBe(0);
    expect(h.channel('backwash')).toBe(1);
    expect(h.channel('captured_kg_m2')).toBeCloseTo(held, 6);
    h.feed('in', 16, FEED);
    h.run(60, 15);
    expect(h.channel('backwash')).toBe(0);
    expect(h.channel('captured_kg_m2')).toBeLessThan(0.2 * held);
  });

  it('UF (high removal, low flux) reads its transmembrane pressure and fouls faster per m²', () => {
    const h = harness('ultrafiltration', filterParams({ removal_frac: param(0.999), design_rate_m_h: param(0.06), area_m2: param(270), clean_dp_kPa: param(30), dp_per_kg_m2_kPa: param(2000), dp_limit_kPa: param(100) }));
    h.feed('in', 16, FEED);
    h.run(60, 60);
    expect(h.out('out').c[C.Ni_p]).toBeCloseTo(0.004, 9);
    expect(h.channel('rate_m_h')).toBeCloseTo(16 / 270, 5);
    const tmp0 = h.channel('dp_kPa');
    h.run(60, 600);
    expect(h.channel('dp_kPa')).toBeGreaterThan(tmp0);
  });
});
