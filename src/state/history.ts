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
  #accT = NaN;
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
    this.#t = new Float64Array(this.capacity);
    this.#min = new Float32Array(n);
    this.#mean = new Float32Array(n);
    this.#max = new Float32Array(n);
    this.#accMin = new Float64Array(channels);
    this.#accSum = new Float64Array(channels);
    this.#accMax = new Float64Array(channels);
    this.#clearAcc();
    this.#version++;
  }

  /** A restore went back to `rowCount` rows: keep the buckets that lie wholly before it. */
  truncate(rowCount: number): void {
    if (rowCount >= this.#total) return;
    this.#size = Math.min(this.#size, Math.floor(Math.max(0, rowCount) / this.#factor));
    this.#total = this.#size * this.#factor;
    this.#clearAcc();
    this.#version++;
  }

  append(block: RowBlock): void {
    if (block.channels !== this.#channels) this.reset(block.channels);
    // Rows we already hold (a repeat) are skipped; a gap is accepted as is.
    const skip = Math.max(0, this.#total - block.from);
    const n = block.count;
    const C = this.#channels;
    for (let r = skip; r < n; r++) {
      if (this.#accCount === 0) {
        for (let c = 0; c < C; c++) {
          const i = c * n + r;
          this.#accMin[c] = block.min[i] ?? NaN;
          this.#accSum[c] = block.mean[i] ?? NaN;
          this.#accMax[c] = block.max[i] ?? NaN;
        }
      } else {
        for (let c = 0; c < C; c++) {
          const i = c * n + r;
          const lo = block.min[i] ?? NaN;
          const hi = block.max[i] ?? NaN;
          if (lo < (this.#accMin[c] ?? NaN)) this.#accMin[c] = lo;
          if (hi > (this.#accMax[c] ?? NaN)) this.#accMax[c] = hi;
          this.#accSum[c] = (this.#accSum[c] ?? 0) + (block.mean[i] ?? NaN);
        }
      }
      this.#accCount++;
      this.#accT = block.t_s[r] ?? NaN;
      if (this.#accCount === this.#factor) this.#push();
    }
    this.#total = Math.max(this.#total, block.from + n);
    this.#version++;
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

  #clearAcc(): void {
    this.#accCount = 0;
    this.#accT = NaN;
  }

  #push(): void {
    const k = this.#size;
    const cap = this.capacity;
    const inv = 1 / this.#accCount;
    for (let c = 0; c < this.#channels; c++) {
      this.#min[c * cap + k] = this.#accMin[c] ?? NaN;
      this.#mean[c * cap + k] = (this.#accSum[c] ?? NaN) * inv;
      this.#max[c * cap + k] = this.#accMax[c] ?? NaN;
    }
    this.#t[k] = this.#accT;
    this.#size = k + 1;
    this.#clearAcc();
    // halve as soon as full, so the next bucket is gathered at the new factor
    if (this.#size === this.capacity) this.#halve();
  }

  /** Pairs of buckets become one; the factor doubles. */
  #halve(): void {
    const cap = this.capacity;
    const half = this.#size >> 1;
    for (let c = 0; c < this.#channels; c++) {
      const o = c * cap;
      for (let k = 0; k < half; k++) {
        const a = o + 2 * k;
        const b = a + 1;
        const loA = this.#min[a] ?? NaN;
        const loB = this.#min[b] ?? NaN;
        const hiA = this.#max[a] ?? NaN;
        const hiB = this.#max[b] ?? NaN;
        this.#min[o + k] = loB < loA ? loB : loA;
        this.#max[o + k] = hiB > hiA ? hiB : hiA;
        this.#mean[o + k] = 0.5 * ((this.#mean[a] ?? NaN) + (this.#mean[b] ?? NaN));
      }
    }
    for (let k = 0; k < half; k++) this.#t[k] = this.#t[2 * k + 1] ?? NaN;
    this.#size = half;
    this.#factor *= 2;
  }
}
