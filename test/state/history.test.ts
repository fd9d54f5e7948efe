import { describe, expect, it } from 'vitest';
import { HistoryRing } from '../../src/state/history.ts';
import type { RowBlock } from '../../src/worker/api.ts';

/** `count` rows from `from` of one channel: mean = row index, min = mean − 1, max = mean + 1, with a spike. */
function block(from: number, count: number, spikeAt = -1): RowBlock {
  const mean = Float32Array.from({ length: count }, (_, r) => from + r);
  const max = mean.map((v, r) => (from + r === spikeAt ? 1000 : v + 1));
  return { from, count, channels: 1, t_s: Float64Array.from({ length: count }, (_, r) => (from + r + 1) * 60), min: mean.map((v) => v - 1), mean, max };
}

describe('HistoryRing (the whole run for trends, at bounded size)', () => {
  it('keeps every row while they fit', () => {
    const h = new HistoryRing(8);
    h.append(block(0, 5));
    expect(h.size).toBe(5);
    expect(h.factor).toBe(1);
    expect([...h.series(0)]).toEqual([0, 1, 2, 3, 4]);
    expect([...h.times()]).toEqual([60, 120, 180, 240, 300]);
  });

  it('halves its resolution when full: means average, min and max survive, times are bucket ends', () => {
    const h = new HistoryRing(8);
    h.append(block(0, 20, 13));
    // 20 rows into 8 slots: factor 4 → 5 complete buckets of 4 rows
    expect(h.factor).toBe(4);
    expect(h.size).toBe(5);
    expect([...h.series(0, 'mean')]).toEqual([1.5, 5.5, 9.5, 13.5, 17.5]);
    expect([...h.series(0, 'min')]).toEqual([-1, 3, 7, 11, 15]);
    // the spike at row 13 is never averaged away
    expect([...h.series(0, 'max')]).toEqual([4, 8, 12, 1000, 20]);
    expect([...h.times()]).toEqual([240, 480, 720, 960, 1200]);
  });

  it('gives the same buckets whether rows come in one block or row by row', () => {
    const a = new HistoryRing(16);
    const b = new HistoryRing(16);
    a.append(block(0, 100, 42));
    for (let r = 0; r < 100; r++) b.append(block(r, 1, 42));
    expect(b.factor).toBe(a.factor);
    for (const k of ['min', 'mean', 'max'] as const) expect([...b.series(0, k)]).toEqual([...a.series(0, k)]);
  });

  it('skips rows it already has, drops what a restore took back, and resets on a new channel count', () => {
    const h = new HistoryRing(16);
    h.append(block(0, 6));
    h.append(block(4, 4));
    expect(h.total).toBe(8);
    expect([...h.series(0)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    h.truncate(3);
    expect(h.total).toBe(3);
    expect([...h.series(0)]).toEqual([0, 1, 2]);
    const v = h.version;
    h.append({ ...block(0, 2), channels: 1 });
    expect(h.version).toBeGreaterThan(v);
    h.reset(3);
    expect(h.size).toBe(0);
    expect(h.channels).toBe(3);
  });
});
