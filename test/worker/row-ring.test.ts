import { describe, expect, it } from 'vitest';
import { RowRing } from '../../src/state/rowRing.ts';
import type { RowBlock } from '../../src/worker/api.ts';

/** A block of `count` rows from `from` for 2 channels: value = 1000·channel + row index. */
function block(from: number, count: number): RowBlock {
  const channels = 2;
  const mk = (off: number) => Float32Array.from({ length: channels * count }, (_, i) => 1000 * Math.floor(i / count) + from + (i % count) + off);
  return { from, count, channels, t_s: Float64Array.from({ length: count }, (_, r) => (from + r + 1) * 300), min: mk(-0.5), mean: mk(0), max: mk(0.5) };
}

describe('RowRing (the app’s row buffer outside React)', () => {
  it('keeps the newest rows in order across the wrap', () => {
    const ring = new RowRing(8);
    ring.append(block(0, 5));
    ring.append(block(5, 6));
    expect(ring.total).toBe(11);
    expect(ring.size).toBe(8);
    expect([...ring.series(1)]).toEqual([1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010]);
    expect([...ring.series(0, 'max')]).toEqual([3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5]);
    expect([...ring.times()]).toEqual([4, 5, 6, 7, 8, 9, 10, 11].map((r) => r * 300));
    expect(ring.latest(1)).toBe(1010);
    expect(ring.latestTime()).toBe(11 * 300);
  });

  it('drops rows after a restore and takes the replacement rows', () => {
    const ring = new RowRing(8);
    ring.append(block(0, 6));
    ring.truncate(3);
    expect(ring.total).toBe(3);
    expect(ring.latest(0)).toBe(2);
    ring.append(block(3, 2));
    expect([...ring.series(0)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps only the last rows of a block larger than the ring', () => {
    const ring = new RowRing(4);
    ring.append(block(0, 10));
    expect([...ring.series(0)]).toEqual([6, 7, 8, 9]);
    expect(ring.latest(5)).toBeNaN();
  });
});
