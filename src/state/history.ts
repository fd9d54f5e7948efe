/**
 * The whole run at a bounded size, for trends: rows are merged into buckets of `factor` rows
 * (min of mins, mean of means, max of maxes), and when the buffer fills every pair of buckets is
 * merged and the factor doubles. A 30-day run of 5-minute rows ends at 10–20-minute buckets, a
 * year of hourly rows at 4-hour ones — and a spike is never averaged away, because min and max
 * survive every merge.
 */
import type { RowBlock } from '../worker/api.ts';
import type { RowKind } from './rowRing.ts';

export class HistoryRing {
  readonly capacity: number;
  #channels = 0;
  /** input rows per stored bucket, a power of two */
  #factor = 1;
  /** stored (complete) buckets */
  #size = 0;
  /** input rows ever taken in */
  #total = 0;
  #t = new Float64Array(0);
  #min = new Float32Array(0);
  #mean = new Float32Array(0);
  #max = new Float32Array(0);
  /** the bucket being filled, per channel */
  #accMin = new Float64Array(0);
  #accSum = new Float64Array(0);
  #accMax = new Float64Array(0);
  #accCount = 0;
  #version = 0;

  /** `capacity` must be even (buckets merge in pairs). */
  constructor(capacity = 4096) {
    this.capacity = capacity - (capacity % 2);
  }

  get channels(): number {
    return this.#channels;
  }
  get factor(): number {
    return this.#factor;
  }
  /** stored buckets */
  get size(): number {
    return this.#size;
  }
  get total(): number {
    return this.#total;
  }
  /** changes whenever the content changes: a cheap "is my chart stale" test */
  get version(): number {
    return this.#version;
  }

  reset(channels: number): void {
    this.#channels = channels;
    this.#factor = 1;
    this.#size = 0;
    this.#total = 0;
    const n = this.capacity * channels;
    // a new run of the same plant keeps its buffers; new ones are written through once here, at load,
    // so the first rows of a run do not pay the pages' first touch
    if (this.#min.length !== n) {
      this.#t = new Float64Array(this.capacity);
      this.#min = new Float32Array(n).fill(NaN);
      this.#mean = new Float32Array(n).fill(NaN);
      this.#max = new Float32Array(n).fill(NaN);
      this.#accMin = new Float64Array(channels);
      this.#accSum = new Float64Array(channels);
      this.#accMax = new Float64Array(channels);
    }
    this.#accCount = 0;
    this.#version++;
  }

  /** A restore went back to `rowCount` rows: keep the buckets that lie wholly before it. */
  truncate(rowCount: number): void {
    if (rowCount >= this.#total) return;
    this.#size = Math.min(this.#size, Math.floor(Math.max(0, rowCount) / this.#factor));
    this.#total = this.#size * this.#factor;
    this.#accCount = 0;
    this.#version++;
  }

  append(block: RowBlock): void {
    if (block.channels !== this.#channels) this.reset(block.channels);
    // Rows we already hold (a repeat) are skipped; a gap is accepted as is.
    const n = block.count;
    let r = Math.max(0, this.#total - block.from);
    while (r < n) {
      // the rows up to the one that fills the buffer: folded channel by channel, so both the block and the
      // buffer are read and written in order (row by row, every channel would be a scattered write)
      const f = this.#factor;
      const toFull = f - this.#accCount + (this.capacity - this.#size - 1) * f;
      const m = Math.min(n - r, toFull);
      this.#fold(block, r, m);
      r += m;
      if (this.#size === this.capacity) this.#halve();
    }
    this.#total = Math.max(this.#total, block.from + n);
    this.#version++;
  }

  /** Folds rows [r, r + m) of a block into the open bucket and the buckets after it (never past a full buffer). */
  #fold(block: RowBlock, r: number, m: number): void {
    const n = block.count, cap = this.capacity, f = this.#factor, inv = 1 / f;
    const bMin = block.min, bMean = block.mean, bMax = block.max;
    const min = this.#min, mean = this.#mean, max = this.#max;
    const accMin = this.#accMin, accSum = this.#accSum, accMax = this.#accMax;
    const count0 = this.#accCount, size0 = this.#size;
    for (let c = 0; c < this.#channels; c++) {
      let lo = accMin[c]!, sum = accSum[c]!, hi = accMax[c]!;
      let count = count0, k = c * cap + size0;
      for (let i = c * n + r, end = i + m; i < end; i++) {
        const a = bMin[i]!, b = bMean[i]!, d = bMax[i]!;
        if (count === 0) {
          lo = a;
          sum = b;
          hi = d;
        } else {
          if (a < lo) lo = a;
          if (d > hi) hi = d;
          sum += b;
        }
        if (++count === f) {
          min[k] = lo;
          mean[k] = sum * inv;
          max[k] = hi;
          k++;
          count = 0;
        }
      }
      accMin[c] = lo;
      accSum[c] = sum;
      accMax[c] = hi;
    }
    // bucket times: the end of each bucket's last row
    let count = count0, size = size0;
    for (let i = r; i < r + m; i++) {
      if (++count === f) {
        this.#t[size++] = block.t_s[i]!;
        count = 0;
      }
    }
    this.#size = size;
    this.#accCount = count;
  }

  /** Stored buckets of one channel in time order, into `out` (allocated when too small). */
  series(channel: number, kind: RowKind = 'mean', out?: Float32Array): Float32Array {
    const size = this.#size;
    const dst = out && out.length >= size ? out : new Float32Array(size);
    const src = kind === 'min' ? this.#min : kind === 'max' ? this.#max : this.#mean;
    dst.set(src.subarray(channel * this.capacity, channel * this.capacity + size));
    return dst;
  }

  /** End time (s) of each stored bucket. */
  times(out?: Float64Array): Float64Array {
    const dst = out && out.length >= this.#size ? out : new Float64Array(this.#size);
    dst.set(this.#t.subarray(0, this.#size));
    return dst;
  }

  /** Pairs of buckets become one; the factor doubles. */
  #halve(): void {
    const cap = this.capacity;
    const half = this.#size >> 1;
    const min = this.#min, mean = this.#mean, max = this.#max;
    for (let c = 0; c < this.#channels; c++) {
      const o = c * cap;
      for (let k = 0; k < half; k++) {
        const a = o + 2 * k;
        const loA = min[a]!, loB = min[a + 1]!;
        const hiA = max[a]!, hiB = max[a + 1]!;
        min[o + k] = loB < loA ? loB : loA;
        max[o + k] = hiB > hiA ? hiB : hiA;
        mean[o + k] = 0.5 * (mean[a]! + mean[a + 1]!);
      }
    }
    for (let k = 0; k < half; k++) this.#t[k] = this.#t[2 * k + 1]!;
    this.#size = half;
    this.#factor *= 2;
  }
}
