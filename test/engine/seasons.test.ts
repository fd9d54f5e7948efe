/**
 * The water's temperature through the year (settings.temperature_swing_C): an annual cosine the whole plant follows,
 * step by step, bit-identically across snapshots.
 */
import { describe, expect, it } from 'vitest';
import { StateArena } from '../../src/engine/arena.ts';
import { PlantClock } from '../../src/engine/clock.ts';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { WaterTemperature } from '../../src/engine/waterTemperature.ts';
import { defaultParkJson, param } from '../fixtures/models.ts';

type Json = Record<string, unknown>;

/** The default park starting on `start_iso`, its water as `temperature` says. */
function park(start_iso: string, temperature: Json): ReturnType<typeof compile> {
  const m = defaultParkJson();
  const settings = m['settings'] as Json;
  settings['start_iso'] = start_iso;
  Object.assign(settings, temperature);
  return compile(m, { file: 'season.json' });
}

const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;

describe('the water through the seasons', () => {
  it('follows a cosine through the year: warmest on its day, coldest half a year on, held to 0.1 °C', () => {
    const clock = new PlantClock('2026-01-01T00:00');
    const w = new WaterTemperature(new StateArena(), clock, { mean_C: 20, swing_C: 8, warmestDay: 200 });
    const day = (d: number) => (d - 1) * 86_400;
    expect(w.at(day(200))).toBe(28);
    expect(w.at(day(200 + 365.2422 / 2))).toBe(12);
    expect(w.at(day(200 + 365.2422 / 4))).toBe(20);
    expect(w.at(day(200 - 365.2422))).toBe(28); // the year before
    expect(w.at(day(17) + 3 * 3600)).toBe(Math.round(w.at(day(17) + 3 * 3600) * 10) / 10);
    const constant = new WaterTemperature(new StateArena(), clock, { mean_C: 25, swing_C: 0, warmestDay: 200 });
    expect(constant.at(day(17))).toBe(25);
  });

  it('refuses a swing that takes the water out of 5–40 °C, naming the setting', () => {
    expect(() => park('2026-03-02T00:00', { temperature_C: param(20), temperature_swing_C: param(18) })).toThrow(
      /season\.json: settings\.temperature_swing_C\.value: 20 ± 18 °C leaves 5–40 °C/,
    );
    expect(() => park('2026-03-02T00:00', { temperature_C: param(20), temperature_swing_C: param(8), warmest_day_of_year: param(400) })).toThrow(/warmest_day_of_year\.value: must be between 1 and 366/);
  });

  it('runs winter days as the same plant at the winter temperature does, and logs the water at the outfall', () => {
    const seasonal = createSimulation(park('2026-01-15T00:00', { temperature_C: param(20), temperature_swing_C: param(8) }), { duration_s: 3 * 86_400 });
    const cold = createSimulation(park('2026-01-15T00:00', { temperature_C: param(12) }), { duration_s: 3 * 86_400 });
    for (const sim of [seasonal, cold]) sim.run(sim.duration_s);
    const channel = (sim: typeof cold, id: string) => {
      const c = sim.channelInfo().findIndex((x) => x.id === id);
      expect(c, id).toBeGreaterThanOrEqual(0);
      return sim.channelData(0, [c]).mean[0]!;
    };
    // mid-January, 185 days from the warmest: within 0.1 °C of the 12 °C minimum
    const water = channel(seasonal, 'discharge.temperature_C');
    expect(Math.min(...water)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...water)).toBeLessThanOrEqual(12.4);
    expect(cold.channelInfo().some((x) => x.id === 'discharge.temperature_C')).toBe(false);
    const cu = (sim: typeof cold) => mean(channel(sim, 'discharge.in/Cu_total'));
    expect(Math.abs(cu(seasonal) / cu(cold) - 1)).toBeLessThan(0.05);
    expect(seasonal.summary().worstClosure_rel).toBeLessThanOrEqual(1e-9);
    // the run's KPIs say what water it ran on
    const w = seasonal.summary().kpis.water.temperature_C;
    expect(w.min).toBeGreaterThanOrEqual(12);
    expect(w.max).toBeLessThanOrEqual(12.4);
    expect(cold.summary().kpis.water.temperature_C).toEqual({ mean: 12, min: 12, max: 12 });
  });

  it('continues bit-identically after snapshot → run → restore while the water warms through the spring', () => {
    const sim = createSimulation(park('2026-04-20T00:00', { temperature_C: param(18), temperature_swing_C: param(10) }), { seed: 5, duration_s: 4 * 86_400 });
    sim.run(86_400 + 733 * 60);
    const snap = sim.snapshot();
    sim.run(2 * 86_400);
    const first = sim.channelData(0);
    const books = sim.massBalance();
    sim.restore(snap);
    sim.run(2 * 86_400);
    const again = sim.channelData(0);
    first.mean.forEach((m, i) => expect(Buffer.from(m.buffer).equals(Buffer.from(again.mean[i]!.buffer)), sim.channelInfo()[i]!.id).toBe(true));
    expect(sim.massBalance()).toEqual(books);
    // the water did warm over those days (≈ 0.15 °C a day in late April)
    const c = sim.channelInfo().findIndex((x) => x.id === 'discharge.temperature_C');
    const w = again.mean[c]!;
    expect(w[w.length - 1]! - w[0]!).toBeGreaterThan(0.2);
    const k = sim.summary().kpis.water.temperature_C;
    expect(k.max - k.min).toBeGreaterThan(0.4);
    expect(k.mean).toBeGreaterThan(k.min);
    expect(k.mean).toBeLessThan(k.max);
  });
});
