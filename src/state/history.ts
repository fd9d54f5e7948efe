/**
 * The whole run at a bounded size, for trends: rows are merged into buckets of `factor` rows
 * (min of mins, mean of means, max of maxes), and when the buffer fills every pair of buckets is
 * merged and the factor doubles. A 30-day run of 5-minute rows ends at 10–20-minute buckets, a
 * year of hourly rows at 4-hour ones — and a spike is never averaged away, because min and max
 * survive every merge.
 *
 * The work is planned once per block and done channel by channel: the bucket times and counts are
 * shared, so an append settles them at once and queues each channel's folds and halvings. Halving
 * 800 channels × 2,048 buckets touches ~20 MB, tens of milliseconds on a busy two-core machine: the
 * queue is worked off in slices of a few milliseconds, each a task of its own, so the main thread
 * never stalls on it; a channel that is read (a trend) or a new block catches up first.
 */
import type { RowBlock } from '../worker/api.ts';
import type { RowKind } from './rowRing.ts';

/** One step of the plan every channel carries out in order. */
type Op =
  | { kind: 'fold'; block: RowBlock; r: number; m: number; size0: number; count0: number; factor: number }
  | { kind: 'halve'; size: number };

/** How long one slice of queued work may run, ms: well inside the 50 ms of a long task. */
const SLICE_MS = 6;

const defaultSchedule = (work: () => void): void => {
  setTimeout(work, 0);
};

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
  /** the plan not yet carried out by every channel, and per channel how much of it is done */
  #ops: Op[] = [];
  #done = new Int32Array(0);
  /** where the next slice starts looking for a channel that is behind */
  #cursor = 0;
  #scheduled = false;
  readonly #schedule: (work: () => void) => void;
  readonly #slice_ms: number;

  /**
   * `capacity` must be even (buckets merge in pairs). `schedule` runs queued work later, in a task of its
   * own (setTimeout by default); `slice_ms` bounds each slice of it, the first one within `append` included.
   */
  constructor(capacity = 4096, opts: { schedule?: (work: () => void) => void; slice_ms?: number } = {}) {
    this.capacity = capacity - (capacity % 2);
    this.#schedule = opts.schedule ?? defaultSchedule;
    this.#slice_ms = opts.slice_ms ?? SLICE_MS;
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
  /** channels that still have queued work (0 once every slice has run) */
  get behind(): number {
    let n = 0;
    for (let c = 0; c < this.#channels; c++) if (this.#done[c]! < this.#ops.length) n++;
    return n;
  }

  reset(channels: number): void {
    this.#ops = [];
    this.#cursor = 0;
    if (this.#done.length !== channels) this.#done = new Int32Array(channels);
    else this.#done.fill(0);
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
    this.#catchUpAll();
    this.#size = Math.min(this.#size, Math.floor(Math.max(0, rowCount) / this.#factor));
    this.#total = this.#size * this.#factor;
    this.#accCount = 0;
    this.#version++;
  }

  append(block: RowBlock): void {
    if (block.channels !== this.#channels) this.reset(block.channels);
    // a channel's plan must run in order: whatever is still queued goes first
    this.#catchUpAll();
    // Rows we already hold (a repeat) are skipped; a gap is accepted as is.
    const n = block.count;
    let r = Math.max(0, this.#total - block.from);
    while (r < n) {
      // the rows up to the one that fills the buffer, then (when full) a halving
      const f = this.#factor;
      const toFull = f - this.#accCount + (this.capacity - this.#size - 1) * f;
      const m = Math.min(n - r, toFull);
      this.#ops.push({ kind: 'fold', block, r, m, size0: this.#size, count0: this.#accCount, factor: f });
      this.#foldTimes(block, r, m);
      r += m;
      if (this.#size === this.capacity) {
        this.#ops.push({ kind: 'halve', size: this.#size });
        this.#halveTimes();
      }
    }
    this.#total = Math.max(this.#total, block.from + n);
    this.#version++;
    this.#work(performance.now());
  }

  /** Carries out queued work, channel by channel, until it is done or the slice's time is up; the rest later. */
  #work(t0: number): void {
    const ops = this.#ops, done = this.#done, channels = this.#channels;
    for (let k = 0; k < channels; k++) {
      const c = (this.#cursor + k) % channels;
      if (done[c]! >= ops.length) continue;
      this.#catchUp(c);
      if (performance.now() - t0 > this.#slice_ms && this.#anyBehind(c + 1, channels - k - 1)) {
        this.#cursor = (c + 1) % channels;
        if (!this.#scheduled) {
          this.#scheduled = true;
          this.#schedule(() => {
            this.#scheduled = false;
            this.#work(performance.now());
          });
        }
        return;
      }
    }
    this.#ops = [];
    done.fill(0);
    this.#cursor = 0;
  }

  /** Whether any of the `count` channels from `from` on (wrapping round) still has queued work. */
  #anyBehind(from: number, count: number): boolean {
    for (let k = 0; k < count; k++) if (this.#done[(from + k) % this.#channels]! < this.#ops.length) return true;
    return false;
  }

  #catchUpAll(): void {
    if (this.#ops.length === 0) return;
    for (let c = 0; c < this.#channels; c++) this.#catchUp(c);
    this.#ops = [];
    this.#done.fill(0);
    this.#cursor = 0;
  }

  /** Channel c carries out the plan from where it stopped. */
  #catchUp(c: number): void {
    const ops = this.#ops;
    for (let i = this.#done[c]!; i < ops.length; i++) {
      const op = ops[i]!;
      if (op.kind === 'fold') this.#foldChannel(c, op.block, op.r, op.m, op.size0, op.count0, op.factor);
      else this.#halveChannel(c, op.size);
    }
    this.#done[c] = ops.length;
  }

  /** Folds rows [r, r + m) of a block's channel c into its open bucket and the buckets after it. */
  #foldChannel(c: number, block: RowBlock, r: number, m: number, size0: number, count0: number, f: number): void {
    const n = block.count, inv = 1 / f;
    const bMin = block.min, bMean = block.mean, bMax = block.max;
    const min = this.#min, mean = this.#mean, max = this.#max;
    let lo = this.#accMin[c]!, sum = this.#accSum[c]!, hi = this.#accMax[c]!;
    let count = count0, k = c * this.capacity + size0;
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
    this.#accMin[c] = lo;
    this.#accSum[c] = sum;
    this.#accMax[c] = hi;
  }

  /** The shared side of a fold: bucket times (the end of each bucket's last row), the size and the open count. */
  #foldTimes(block: RowBlock, r: number, m: number): void {
    const f = this.#factor;
    let count = this.#accCount, size = this.#size;
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
    if (channel >= 0 && channel < this.#channels && this.#done[channel]! < this.#ops.length) this.#catchUp(channel);
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

  /** Pairs of channel c's buckets become one. */
  #halveChannel(c: number, size: number): void {
    const half = size >> 1;
    const min = this.#min, mean = this.#mean, max = this.#max;
    const o = c * this.capacity;
    for (let k = 0; k < half; k++) {
      const a = o + 2 * k;
      const loA = min[a]!, loB = min[a + 1]!;
      const hiA = max[a]!, hiB = max[a + 1]!;
      min[o + k] = loB < loA ? loB : loA;
      max[o + k] = hiB > hiA ? hiB : hiA;
      mean[o + k] = 0.5 * (mean[a]! + mean[a + 1]!);
    }
  }

  /** The shared side of a halving: bucket times, the size; the factor doubles. */
  #halveTimes(): void {
    const half = this.#size >> 1;
    for (let k = 0; k < half; k++) this.#t[k] = this.#t[2 * k + 1]!;
    this.#size = half;
    this.#factor *= 2;
  }
}
