/**
 * The latest channel rows, kept in preallocated typed arrays outside React and outside any store:
 * charts and the 3D scene read them with `latest()`/`series()` in their own frame loop, and
 * `subscribe` tells them rows arrived (STYLE example 2: fast data never becomes React state).
 */
import type { RowBlock } from '../worker/api.ts';

export type RowKind = 'min' | 'mean' | 'max';
const KINDS: readonly RowKind[] = ['min', 'mean', 'max'];

export class RowRing {
  readonly capacity: number;
  #channels = 0;
  /** rows ever appended (the run's row index of the next row) */
  #total = 0;
  #t = new Float64Array(0);
  #data: Record<RowKind, Float32Array> = { min: new Float32Array(0), mean: new Float32Array(0), max: new Float32Array(0) };
  #listeners = new Set<() => void>();

  constructor(capacity = 8192) {
    this.capacity = capacity;
  }

  get channels(): number {
    return this.#channels;
  }
  /** rows ever received in this run */
  get total(): number {
    return this.#total;
  }
  /** rows still held (the last `size` of `total`) */
  get size(): number {
    return Math.min(this.#total, this.capacity);
  }

  /** Forgets everything and sizes the buffers for `channels` channels. */
  reset(channels: number): void {
    this.#channels = channels;
    this.#total = 0;
    const n = this.capacity * channels;
    // a new run of the same plant keeps its buffers; new ones are written through once here, at load,
    // so the first rows of a run do not pay the pages' first touch
    if (this.#data.mean.length !== n) {
      this.#t = new Float64Array(this.capacity);
      this.#data = { min: new Float32Array(n).fill(NaN), mean: new Float32Array(n).fill(NaN), max: new Float32Array(n).fill(NaN) };
    }
    this.#notify();
  }

  /** Drops rows at and after `rowCount` (a restore went back in time). */
  truncate(rowCount: number): void {
    if (rowCount < this.#total) {
      this.#total = Math.max(0, rowCount);
      this.#notify();
    }
  }

  append(block: RowBlock): void {
    if (block.channels !== this.#channels) this.reset(block.channels);
    if (block.from < this.#total) this.#total = block.from;
    // A gap (rows we never saw) cannot be filled: start over from this block.
    if (block.from > this.#total) this.#total = block.from;
    const cap = this.capacity;
    const n = block.count;
    // Only the last `cap` rows of a huge block can survive.
    const skip = Math.max(0, n - cap);
    const kept = n - skip;
    // Channel-major on both sides: each channel is at most two contiguous copies (before and after
    // the wrap), so a block of thousands of rows costs a few hundred `set` calls, not millions of writes.
    const start = (block.from + skip) % cap;
    const first = Math.min(kept, cap - start);
    this.#t.set(block.t_s.subarray(skip, skip + first), start);
    if (kept > first) this.#t.set(block.t_s.subarray(skip + first, n), 0);
    for (const kind of KINDS) {
      const src = block[kind];
      const dst = this.#data[kind];
      for (let c = 0; c < block.channels; c++) {
        const s0 = c * n + skip;
        const d0 = c * cap;
        dst.set(src.subarray(s0, s0 + first), d0 + start);
        if (kept > first) dst.set(src.subarray(s0 + first, s0 + kept), d0);
      }
    }
    this.#total = block.from + n;
    this.#notify();
  }

  /** The newest value of a channel, NaN when there is none. */
  latest(channel: number, kind: RowKind = 'mean'): number {
    if (this.#total === 0 || channel < 0 || channel >= this.#channels) return NaN;
    const slot = (this.#total - 1) % this.capacity;
    return this.#data[kind][channel * this.capacity + slot] ?? NaN;
  }

  latestTime(): number {
    if (this.#total === 0) return NaN;
    return this.#t[(this.#total - 1) % this.capacity] ?? NaN;
  }

  /** The held rows of one channel in time order, copied into `out` (allocated when not given). */
  series(channel: number, kind: RowKind = 'mean', out?: Float32Array): Float32Array {
    const size = this.size;
    const dst = out && out.length >= size ? out : new Float32Array(size);
    const first = this.#total - size;
    const src = this.#data[kind];
    for (let i = 0; i < size; i++) dst[i] = src[channel * this.capacity + ((first + i) % this.capacity)] ?? NaN;
    return dst;
  }

  times(out?: Float64Array): Float64Array {
    const size = this.size;
    const dst = out && out.length >= size ? out : new Float64Array(size);
    const first = this.#total - size;
    for (let i = 0; i < size; i++) dst[i] = this.#t[(first + i) % this.capacity] ?? NaN;
    return dst;
  }

  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #notify(): void {
    for (const fn of this.#listeners) fn();
  }
}
