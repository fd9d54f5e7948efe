import { describe, expect, it } from 'vitest';
import type { ChannelInfo, StreamInfo, UnitInfo } from '../../src/engine/api.ts';
import { buildPlantIndex, defaultTrendChannels, isOverflowing, readSource, trendLimits, valueSource } from '../../src/state/plantIndex.ts';
import type { ModelInfo } from '../../src/worker/api.ts';

const unit = (id: string, type: string, outputs: string[], params: UnitInfo['params'] = {}): UnitInfo => ({
  id, type, name: { en: id, zh: id }, line: 'l', layout: { x: 0, z: 0, rotation: 0 }, params, settable: {}, ranges: {}, choices: {}, inputs: ['in'], outputs,
});
const ch = (id: string): ChannelInfo => ({ id, unit: id.split(/[./]/)[0] ?? '', quantity: id.split('/')[1] ?? id.split('.').pop() ?? '', uom: '', label: { en: id, zh: id } });
const stream = (from: string, to: string): StreamInfo => {
  const [fu = '', fp = ''] = from.split('.');
  const [tu = '', tp = ''] = to.split('.');
  return { id: `${from}>${to}`, from: { unit: fu, port: fp }, to: { unit: tu, port: tp }, tear: false };
};

/** eq → (out, overflow) → discharge; precip → discharge. Channels named as the engine names them. */
function info(): ModelInfo {
  const channels = ['eq.level_m', 'eq.fill_pct', 'eq.out/flow_m3_h', 'eq.out/Ni_total', 'eq.overflow/flow_m3_h', 'precip.pH', 'precip.out/flow_m3_h', 'precip.out/Cu_total', 'discharge.pH', 'discharge.in/flow_m3_h', 'discharge.in/Ni_total'].map(ch);
  return {
    file: 'x', modelName: 'x', name: { en: 'x', zh: 'x' }, start_iso: '2026-01-01T00:00', step_s: 60, temperature_C: 25, temperature_swing_C: 0, duration_s: 86400, output_interval_s: 300,
    units: [unit('eq', 'equalization', ['out', 'overflow'], { depth_m: { value: 4, reference: 'r' } }), unit('precip', 'precipitation', ['out']), unit('discharge', 'discharge', [], { standard: { value: 'GB21900-2008-T3', reference: 'r' } })],
    streams: [stream('eq.out', 'discharge.in'), stream('eq.overflow', 'discharge.in'), stream('precip.out', 'discharge.in')],
    channels,
  };
}

/** Latest values by channel id. */
function reader(values: Record<string, number>, i = info()) {
  const byIdx = i.channels.map((c) => values[c.id] ?? NaN);
  return { total: 1, latest: (c: number) => byIdx[c] ?? NaN };
}

describe('plant index: from a model to channel indices', () => {
  it('finds levels, depth, overflow ports, the standard and the mappable variables', () => {
    const ix = buildPlantIndex(info());
    expect(ix.level[0]).toBe(0);
    expect(ix.fill[0]).toBe(1);
    expect(ix.level[1]).toBe(-1);
    expect(ix.depth[0]).toBe(4);
    expect(ix.overflow[0]).toEqual([4]);
    expect(ix.standard).toBe('GB21900-2008-T3');
    expect(ix.colorVars).toEqual(['pH', 'Ni_total', 'Cu_total']);
    expect(ix.streams.map((s) => s.flow)).toEqual([2, 4, 6]);
  });

  it('reads a unit’s own outlet, zero for a measure its outlet does not carry, nothing where nothing is measured', () => {
    const ix = buildPlantIndex(info());
    const r = reader({ 'eq.out/Ni_total': 12, 'precip.pH': 9.1 });
    expect(readSource(valueSource(ix, 0, 'Ni_total'), r)).toBe(12);
    expect(readSource(valueSource(ix, 1, 'Ni_total'), r)).toBe(0);
    expect(readSource(valueSource(ix, 1, 'pH'), r)).toBe(9.1);
    expect(readSource(valueSource(ix, 0, 'pH'), r)).toBeNaN();
    // before any row: unknown, not zero
    expect(readSource(valueSource(ix, 1, 'Ni_total'), { total: 0, latest: () => NaN })).toBeNaN();
  });

  it('gives an outlet without ports the flow-weighted mix of what flows in; an overflow shares its tank’s concentration', () => {
    const ix = buildPlantIndex(info());
    const src = valueSource(ix, 2, 'Ni_total');
    expect(src.kind).toBe('mix');
    // eq: 10 m³/h out + 10 m³/h overflow at 12 mg/L; precip: 20 m³/h without nickel → 6 mg/L
    const r = reader({ 'eq.out/flow_m3_h': 10, 'eq.overflow/flow_m3_h': 10, 'eq.out/Ni_total': 12, 'precip.out/flow_m3_h': 20 });
    expect(readSource(src, r)).toBeCloseTo(6, 12);
    // nothing flowing: no value rather than a made-up one
    expect(readSource(src, reader({ 'eq.out/Ni_total': 12 }))).toBeNaN();
  });

  it('flags a tank whose overflow ran in the latest interval (its max, so a short spill counts)', () => {
    const ix = buildPlantIndex(info());
    const i = info();
    const idx = i.channels.findIndex((c) => c.id === 'eq.overflow/flow_m3_h');
    const spill = { total: 1, latest: (c: number, kind?: string) => (c === idx && kind === 'max' ? 0.5 : 0) };
    expect(isOverflowing(ix, 0, spill)).toBe(true);
    expect(isOverflowing(ix, 0, { total: 1, latest: () => 0 })).toBe(false);
    expect(isOverflowing(ix, 1, spill)).toBe(false);
  });

  it('does not flag a reuse tank whose only outlet is its overflow: the water the shops do not draw goes on by design', () => {
    const base = info();
    const withReuse: ModelInfo = {
      ...base,
      channels: [...base.channels, ch('reuse.overflow/flow_m3_h')],
      units: [...base.units, unit('reuse', 'reuse_tank', ['overflow'])],
    };
    const ix = buildPlantIndex(withReuse);
    const c = withReuse.channels.length - 1;
    const running = { total: 1, latest: (k: number) => (k === c ? 30 : 0) };
    expect(ix.overflow[3]).toEqual([]);
    expect(isOverflowing(ix, 3, running)).toBe(false);
  });

  it('opens trends on level, probes, outflow, the mapped variable and the overflow', () => {
    const ix = buildPlantIndex(info());
    const ids = (cs: number[]) => cs.map((c) => ix.info.channels[c]?.id);
    expect(ids(defaultTrendChannels(ix, 0, 'Ni_total'))).toEqual(['eq.level_m', 'eq.out/flow_m3_h', 'eq.out/Ni_total', 'eq.overflow/flow_m3_h']);
    // the outfall has no outlet: its pH, and the flow and mapped variable of the effluent it receives
    expect(ids(defaultTrendChannels(ix, 2, 'Ni_total'))).toEqual(['discharge.pH', 'discharge.in/flow_m3_h', 'discharge.in/Ni_total']);
    // where the water follows the seasons, the outfall's log of it too
    const seasonal = info();
    seasonal.channels.push(ch('discharge.temperature_C'));
    const sx = buildPlantIndex(seasonal);
    expect(defaultTrendChannels(sx, 2, 'Ni_total').map((c) => sx.info.channels[c]?.id)).toEqual(['discharge.pH', 'discharge.in/flow_m3_h', 'discharge.in/Ni_total', 'discharge.temperature_C']);
  });

  it("draws a trend against the limits of the standard its water answers to: the outfall's, a workshop outlet's own parameters, nothing in between", () => {
    const base = info();
    const mon = (id: string, standards: string[], workshop: boolean) =>
      unit(id, 'monitor', ['out'], { standards: { value: standards, reference: 'r' }, workshop_outlet: { value: workshop, reference: 'r' } });
    const ix = buildPlantIndex({
      ...base,
      units: [...base.units, mon('mon-ni', ['GB21900-2008-T3'], true), mon('mon-reuse', ['GBT19923-process'], false)],
      channels: [...base.channels, ...['mon-ni.out/Ni_total', 'mon-ni.out/Cu_total', 'mon-reuse.out/TDS', 'mon-reuse.out/Ni_total'].map(ch)],
    });
    const at = (id: string) => trendLimits(ix, ix.channelIndex.get(id) ?? -1);
    // GB 21900 Table 3 at the outfall: nickel 0.1 mg/L, pH 6–9; the flow has none
    expect(at('discharge.in/Ni_total')).toEqual({ values: [0.1], standard: 'GB21900-2008-T3' });
    expect(at('discharge.pH')).toEqual({ values: [6, 9], standard: 'GB21900-2008-T3' });
    expect(at('discharge.in/flow_m3_h')).toBeNull();
    // a workshop outlet answers for the workshop parameters (nickel), not for copper
    expect(at('mon-ni.out/Ni_total')?.values).toEqual([0.1]);
    expect(at('mon-ni.out/Cu_total')).toBeNull();
    // reuse water: GB/T 19923's dissolved solids; it sets no nickel limit
    expect(at('mon-reuse.out/TDS')).toEqual({ values: [1000], standard: 'GBT19923-process' });
    expect(at('mon-reuse.out/Ni_total')).toBeNull();
    // water inside the plant answers to nothing yet
    expect(at('eq.out/Ni_total')).toBeNull();
  });
});
