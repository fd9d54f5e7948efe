import { describe, expect, it } from 'vitest';
import type { ChannelInfo, UnitInfo } from '../../src/engine/api.ts';
import { agreement, clearMeasurements, measuredStore, readingIn, readMeasurements, type CsvParser } from '../../src/state/measurements.ts';
import { buildPlantIndex } from '../../src/state/plantIndex.ts';
import { parseTimeSeriesCsv } from '../../src/engine/timeSeriesCsv.ts';

/** the parser the app runs in a worker, here in-process */
const parse: CsvParser = (text, rules) => Promise.resolve().then(() => parseTimeSeriesCsv(text, rules));
import type { ModelInfo } from '../../src/worker/api.ts';

const unit = (id: string, type: string, outputs: string[]): UnitInfo => ({
  id, type, name: { en: id, zh: id }, line: 'l', layout: { x: 0, z: 0, rotation: 0 }, params: {}, settable: {}, ranges: {}, choices: {}, inputs: ['in'], outputs,
});
const ch = (id: string): ChannelInfo => ({ id, unit: id.split(/[./]/)[0] ?? '', quantity: id.split('/')[1] ?? id.split('.').pop() ?? '', uom: '', label: { en: id, zh: id } });

function index() {
  const info: ModelInfo = {
    file: 'park.json', modelName: 'park', name: { en: 'park', zh: 'park' }, start_iso: '2026-03-02T00:00', step_s: 60, temperature_C: 25, temperature_swing_C: 0, duration_s: 86400, output_interval_s: 300,
    units: [unit('eq', 'equalization', ['out', 'overflow'])],
    streams: [],
    channels: ['eq.level_m', 'eq.out/flow_m3_h', 'eq.out/Ni_total', 'eq.overflow/flow_m3_h'].map(ch),
  };
  return buildPlantIndex(info);
}

describe('values measured on the plant, laid over the trends', () => {
  it('names channels by their id or by what follows the unit, and reads times on the plant clock or from the start', async () => {
    clearMeasurements();
    const ix = index();
    const r = await readMeasurements('time;level_m;Ni_total\n2026-03-02 06:00;2.1;48\n2026-03-02 07:30;2.4;52\n', 'lab.csv', ix, 0, parse);
    expect(r).toEqual({ ok: true, channels: ['eq.level_m', 'eq.out/Ni_total'] });
    const ni = measuredStore.getState().byChannel['eq.out/Ni_total']!;
    // 06:00 and 07:30 of the run's first day
    expect([...ni.t_s]).toEqual([6 * 3600, 7.5 * 3600]);
    expect([...ni.values]).toEqual([48, 52]);
    expect(ni.file).toBe('lab.csv');
    const h = await readMeasurements('t_h,eq.out/flow_m3_h\n1.5,30\n', 'flow.csv', ix, 0, parse);
    expect(h.ok).toBe(true);
    expect([...measuredStore.getState().byChannel['eq.out/flow_m3_h']!.t_s]).toEqual([5400]);
    // the earlier file's channels stay
    expect(Object.keys(measuredStore.getState().byChannel).sort()).toEqual(['eq.level_m', 'eq.out/Ni_total', 'eq.out/flow_m3_h']);
    clearMeasurements(['eq.level_m']);
    expect(Object.keys(measuredStore.getState().byChannel).sort()).toEqual(['eq.out/Ni_total', 'eq.out/flow_m3_h']);
  });

  it('refuses a column that is no channel of the unit, or could be several, and a bad cell, with its line', async () => {
    clearMeasurements();
    const ix = index();
    const bad = async (text: string) => {
      const r = await readMeasurements(text, 'lab.csv', ix, 0, parse);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(await bad('t_h,Cu_total\n0,1\n')).toMatch(/^lab\.csv: line 1: column "Cu_total" is no channel of eq \(it has eq\.level_m, /);
    expect(await bad('t_h,flow_m3_h\n0,1\n')).toMatch(/column "flow_m3_h" could be any of eq\.out\/flow_m3_h, eq\.overflow\/flow_m3_h: name one of them/);
    expect(await bad('t_h,level_m\n0,high\n')).toBe('lab.csv: line 2, column "level_m": "high" is not a number');
    expect(await bad('level_m\n1\n')).toMatch(/no time column/);
    expect(measuredStore.getState().byChannel).toEqual({});
  });

  it("compares each reading with the twin's mean over the interval that holds it: bias and mean absolute error", () => {
    // intervals (0, 10], (10, 20], (20, 30] with simulated means 1, 2, 3
    const ends = [10, 20, 30];
    const means = [1, 2, 3];
    const readings = { t_s: Float64Array.from([-5, 5, 10, 15, 29, 31]), values: Float64Array.from([9, 1.5, 0.5, 2.5, 2, 9]) };
    // -5 and 31 lie outside the run; 5 and 10 fall in the first interval, 15 in the second, 29 in the third
    const fit = agreement(readings, ends, means, 3)!;
    expect(fit.n).toBe(4);
    expect(fit.bias).toBeCloseTo((0.5 - 0.5 + 0.5 - 1) / 4, 12);
    expect(fit.mae).toBeCloseTo((0.5 + 0.5 + 0.5 + 1) / 4, 12);
    expect(agreement({ t_s: Float64Array.from([40]), values: Float64Array.from([1]) }, ends, means, 3)).toBeNull();
    expect(readingIn(readings, 10, 20)).toBe(2.5);
    expect(readingIn(readings, 0, 10)).toBe(0.5);
    expect(readingIn(readings, 15, 29)).toBe(2);
    expect(readingIn(readings, 16, 28)).toBeUndefined();
  });
});
