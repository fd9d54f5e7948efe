/**
 * Conservation per unit, watertap-style: for every component, what came in through the inputs
 * equals what left through the outputs and outlet accounts plus the change in what the unit holds,
 * to 1e-9 of the inflow — at steps from 1 s to 1 h, through load changes, dry spells, backwashes,
 * press cycles and cleanings.
 */
import { describe, expect, it } from 'vitest';
import { C, type ComponentId } from '../../../src/engine/components.ts';
import {
  SLUDGE_FEED, clarifierParams, evaporatorParams, filterParams, harness, pressParams, reuseTankParams, roParams, thickenerParams, type Harness,
} from '../../fixtures/separations.ts';
import { param } from '../../fixtures/models.ts';

type Feed = Partial<Record<ComponentId, number>>;
const RINSE: Feed = { Ni: 45, Ni_p: 4, SS_inert: 6, Na: 120, SO4: 180, Cl: 60, Cu: 2, COD: 30, TIC: 5 };

/** Runs a day in four phases: design flow, double flow with a richer feed, nothing, a trickle. */
function drive(h: Harness, port: string, q_m3_h: number, feed: Feed, dt_s: number, each?: (phase: number) => void): void {
  const phases: [number, number][] = [[1, 1], [2, 3], [0, 1], [0.2, 0.5]];
  phases.forEach(([fq, fc], i) => {
    const conc: Feed = Object.fromEntries(Object.entries(feed).map(([k, v]) => [k, (v ?? 0) * fc]));
    h.feed(port, q_m3_h * fq, conc);
    each?.(i);
    h.run(dt_s, Math.max(1, Math.round(21600 / dt_s)));
  });
}

const STEPS = [1, 60, 3600];

describe('conservation: in − out − Δinventory = 0 per component', () => {
  it.each(STEPS)('clarifier at dt = %d s (ratio underflow, then fixed, with PAM)', (dt) => {
    const h = harness('clarifier', clarifierParams(50, 3.5, { ratio: 0.06 }));
    drive(h, 'in', 60, { ...SLUDGE_FEED, PAM: 1.5 }, dt, (phase) => {
      if (phase === 1) expect(h.rt.set('underflow_m3_h', 2)).toBeUndefined();
    });
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(STEPS)('sand filter at dt = %d s (pressure-triggered and manual backwashes)', (dt) => {
    const h = harness('sand_filter', filterParams({ dp_limit_kPa: param(20) }));
    drive(h, 'in', 16, RINSE, dt, (phase) => {
      if (phase === 3) h.rt.set('backwash_now', true);
    });
    expect(h.totals().out_g.some((g) => g > 0)).toBe(true);
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(STEPS)('ultrafiltration at dt = %d s', (dt) => {
    const h = harness('ultrafiltration', filterParams({ removal_frac: param(0.999), design_rate_m_h: param(0.06), area_m2: param(300), backwash_interval_h: param(0.5) }));
    drive(h, 'in', 16, RINSE, dt);
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(STEPS)('RO at dt = %d s (recovery change, pressure limit, cleaning)', (dt) => {
    const h = harness('ro', roParams({ max_feed_pressure_bar: param(12) }));
    drive(h, 'in', 12, RINSE, dt, (phase) => {
      if (phase === 1) h.rt.set('recovery_frac', 0.85);
      if (phase === 2) h.rt.set('clean', true);
    });
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(STEPS)('thickener at dt = %d s (underflow pump tripped for a while)', (dt) => {
    const h = harness('thickener', thickenerParams({ max_blanket_kg: param(400) }));
    drive(h, 'in', 6, { ...SLUDGE_FEED, Fe_p: 2000, SS_inert: 3000 }, dt, (phase) => {
      if (phase === 1) h.rt.set('underflow_pump.tripped', true);
      if (phase === 2) h.rt.set('underflow_pump.reset', true);
    });
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(STEPS)('filter press at dt = %d s (cycles, a full feed tank, press_now)', (dt) => {
    const h = harness('filter_press', pressParams({ feed_tank_m3: param(4) }));
    drive(h, 'in', 3, { ...SLUDGE_FEED, Fe_p: 9000, Ni_p: 3000, SS_inert: 8000 }, dt, (phase) => {
      if (phase === 3) h.rt.set('press_now', true);
    });
    expect(h.ledger.byItem('cake_dry_kg')['HW17']).toBeGreaterThan(0);
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(STEPS)('reuse tank at dt = %d s (demand above and below supply, overflow)', (dt) => {
    const h = harness('reuse_tank', reuseTankParams({ volume_m3: param(20) }));
    drive(h, 'in', 8, RINSE, dt, (phase) => {
      if (phase === 1) h.rt.set('demand_m3_h', 30);
    });
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it.each(['reuse', 'port'])('evaporator with condensate to %s', (condensate) => {
    const h = harness('evaporator', evaporatorParams({ condensate: param(condensate) }));
    drive(h, 'in', 3, { ...RINSE, Ni: 400 }, 60);
    expect(h.worstImbalance()).toBeLessThan(1e-9);
  });

  it('monitor passes everything through', () => {
    const h = harness('monitor', { standards: param(['GB21900-2008-T3']), workshop_outlet: param(true) });
    drive(h, 'in', 10, RINSE, 60);
    expect(h.worstImbalance()).toBeLessThan(1e-12);
    expect(h.out('out').q_m3_h).toBeCloseTo(2, 12);
    expect(h.out('out').c[C.Ni]).toBeCloseTo(45 * 0.5, 12);
  });
});
