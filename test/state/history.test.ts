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

  it('keeps channels apart in a multi-channel block, however the rows are cut into blocks', () => {
    // channel c reads (c + 1) × row index; blocks are channel-major (a channel's rows are contiguous)
    const multi = (from: number, count: number): RowBlock => {
      const C = 3;
      const mean = new Float32Array(C * count);
      for (let c = 0; c < C; c++) for (let r = 0; r < count; r++) mean[c * count + r] = (c + 1) * (from + r);
      return { from, count, channels: C, t_s: Float64Array.from({ length: count }, (_, r) => (from + r + 1) * 60), min: mean.map((v) => v - 1), mean, max: mean.map((v) => v + 1) };
    };
    const whole = new HistoryRing(16);
    whole.append(multi(0, 77));
    const cut = new HistoryRing(16);
    for (let from = 0, k = 1; from < 77; from += k, k = (k % 9) + 2) cut.append(multi(from, Math.min(k, 77 - from)));
    expect(whole.factor).toBe(8);
    expect(cut.factor).toBe(8);
    for (const k of ['min', 'mean', 'max'] as const) {
      for (let c = 0; c < 3; c++) expect([...cut.series(c, k)]).toEqual([...whole.series(c, k)]);
    }
    // 77 rows at 8 per bucket: 9 whole buckets, channel 2 three times channel 0, ends of the buckets as times
    expect([...whole.series(0)]).toEqual([3.5, 11.5, 19.5, 27.5, 35.5, 43.5, 51.5, 59.5, 67.5]);
    expect([...whole.series(2)]).toEqual([...whole.series(0)].map((v) => 3 * v));
    expect([...whole.series(1, 'max')]).toEqual([15, 31, 47, 63, 79, 95, 111, 127, 143]);
    expect([...whole.times()]).toEqual([480, 960, 1440, 1920, 2400, 2880, 3360, 3840, 4320]);
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

describe('HistoryRing work in slices (a halving of hundreds of channels must not stall the screen)', () => {
  const C = 5;
  const multi = (from: number, count: number): RowBlock => {
    const mean = new Float32Array(C * count);
    for (let c = 0; c < C; c++) for (let r = 0; r < count; r++) mean[c * count + r] = (c + 1) * (from + r) + (r % 7 === 3 ? 50 : 0);
    return { from, count, channels: C, t_s: Float64Array.from({ length: count }, (_, r) => (from + r + 1) * 60), min: mean.map((v) => v - 1), mean, max: mean.map((v) => v + 2) };
  };

  it('leaves channels for later slices, gives a channel that is read its finished buckets, and ends where one pass would', () => {
    const queued: (() => void)[] = [];
    // every slice stops after one channel; its continuation waits in `queued`
    const sliced = new HistoryRing(16, { schedule: (w) => queued.push(w), slice_ms: -1 });
    const whole = new HistoryRing(16);
    sliced.append(multi(0, 40));
    whole.append(multi(0, 40));
    // the shared figures are settled at once; four of five channels wait, one continuation is queued
    expect(sliced.factor).toBe(whole.factor);
    expect(sliced.size).toBe(whole.size);
    expect([...sliced.times()]).toEqual([...whole.times()]);
    expect(sliced.behind).toBe(C - 1);
    expect(queued.length).toBe(1);
    // a trend reading channel 3 gets it caught up first
    expect([...sliced.series(3, 'max')]).toEqual([...whole.series(3, 'max')]);
    expect(sliced.behind).toBe(C - 2);
    // a slice at a time: each does one more channel and queues the next
    let slices = 0;
    while (queued.length > 0) {
      queued.shift()!();
      slices++;
    }
    expect(slices).toBe(C - 2);
    expect(sliced.behind).toBe(0);
    for (const k of ['min', 'mean', 'max'] as const) for (let c = 0; c < C; c++) expect([...sliced.series(c, k)]).toEqual([...whole.series(c, k)]);
  });

  it('catches every channel up before the next block, a restore or a reset, so no channel misses a step of its plan', () => {
    const queued: (() => void)[] = [];
    const sliced = new HistoryRing(16, { schedule: (w) => queued.push(w), slice_ms: -1 });
    const whole = new HistoryRing(16);
    for (let from = 0; from < 90; from += 15) {
      // no slice ever runs: the next append must do the rest first
      sliced.append(multi(from, 15));
      whole.append(multi(from, 15));
    }
    expect(sliced.factor).toBe(8);
    for (const k of ['min', 'mean', 'max'] as const) for (let c = 0; c < C; c++) expect([...sliced.series(c, k)]).toEqual([...whole.series(c, k)]);
    sliced.append(multi(90, 10));
    whole.append(multi(90, 10));
    sliced.truncate(64);
    whole.truncate(64);
    expect(sliced.behind).toBe(0);
    for (let c = 0; c < C; c++) expect([...sliced.series(c)]).toEqual([...whole.series(c)]);
    // a continuation left over from before runs harmlessly
    for (const w of queued.splice(0)) w();
    for (let c = 0; c < C; c++) expect([...sliced.series(c)]).toEqual([...whole.series(c)]);
  });
});
