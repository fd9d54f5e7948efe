import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInfo } from '../../src/engine/api.ts';
import { modelStore } from '../../src/state/modelStore.ts';
import { dropReference, dropReferenceUnlessOn, keepReference, referenceAt, referenceStore } from '../../src/state/reference.ts';
import { history, runStore } from '../../src/state/runStore.ts';
import type { ModelInfo, RowBlock } from '../../src/worker/api.ts';

const ch = (id: string): ChannelInfo => ({ id, unit: 'eq', quantity: 'level', uom: 'm', label: { en: id, zh: id } });
const info = (file: string): ModelInfo => ({
  file, modelName: 'x', name: { en: 'x', zh: 'x' }, start_iso: '2026-01-01T00:00', step_s: 60, temperature_C: 25, temperature_swing_C: 0, duration_s: 86_400, output_interval_s: 600,
  units: [], streams: [], channels: [ch('eq.level_m'), ch('eq.fill_pct')],
});

/** `count` rows of 10 min: level = 1 + row/10, fill = 50. */
function rows(count: number): RowBlock {
  const mean = new Float32Array(2 * count);
  for (let r = 0; r < count; r++) {
    mean[r] = 1 + r / 10;
    mean[count + r] = 50;
  }
  return { from: 0, count, channels: 2, t_s: Float64Array.from({ length: count }, (_, r) => (r + 1) * 600), min: mean, mean, max: mean };
}

afterEach(() => {
  dropReference();
  modelStore.setState({ info: null, index: null });
});

describe('a reference run', () => {
  it('keeps every channel of the run so far, and reads it at another run\'s interval ends, linear between its own', () => {
    expect(keepReference('nothing yet')).toBe(false);
    modelStore.setState({ info: info('models/a.json') });
    history.reset(2);
    history.append(rows(6));
    runStore.setState({ t_s: 3600 });
    expect(keepReference('Baseline')).toBe(true);
    const ref = referenceStore.getState().ref!;
    expect(ref.label).toBe('Baseline');
    expect(ref.t_s).toBe(3600);
    expect([...ref.ends_s]).toEqual([600, 1200, 1800, 2400, 3000, 3600]);
    expect([...ref.mean.get('eq.level_m')!].map((v) => Number(v.toFixed(4)))).toEqual([1, 1.1, 1.2, 1.3, 1.4, 1.5]);
    // another run's buckets: at 900 s, halfway between 600 and 1200; before the first and past the last, nothing
    const at = referenceAt(ref, 'eq.level_m', [300, 900, 3600, 4200], 4)!;
    expect(at[0]).toBeNull();
    expect(at[1]).toBeCloseTo(1.05, 6);
    expect(at[2]).toBeCloseTo(1.5, 6);
    expect(at[3]).toBeNull();
    // times as a chart's axis has them (plant epoch added) read the same
    expect(referenceAt(ref, 'eq.level_m', [1e9 + 900], 1, 1e9)![0]).toBeCloseTo(1.05, 6);
    expect(referenceAt(ref, 'eq.nothing', [900], 1)).toBeNull();
  });

  it('stays for a rebuild of the same model file, and goes when another file is loaded', () => {
    modelStore.setState({ info: info('models/a.json') });
    history.reset(2);
    history.append(rows(3));
    keepReference('Baseline');
    dropReferenceUnlessOn('models/a.json');
    expect(referenceStore.getState().ref).not.toBeNull();
    dropReferenceUnlessOn('models/b.json');
    expect(referenceStore.getState().ref).toBeNull();
  });
});
