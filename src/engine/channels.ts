/**
 * Result channels: chosen variables sampled every step and decimated to the output interval,
 * keeping min, mean and max of each interval so a spike is never averaged away.
 * A channel is a linear combination of values in the state arena (a stream's flow, a sum of
 * components, a tank's volume over its area), so sampling is one flat loop over one array.
 * The running accumulators live in the arena (a snapshot restores a half-finished interval);
 * finished rows live in chunks outside it and are truncated on restore.
 */
import type { StateArena } from './arena.ts';
import type { ChannelData, ChannelInfo } from './api.ts';

export type ChannelTerm = readonly [source: Float64Array, index: number, coef: number];

const ROWS_PER_CHUNK = 1024;

export class ChannelRecorder {
  readonly infos: ChannelInfo[] = [];
  private readonly termsByChannel: (readonly ChannelTerm[])[] = [];
  private readonly gates: (ChannelTerm | undefined)[] = [];
  // flattened after `seal`: absolute indices into the arena's first page
  private page: Float64Array = new Float64Array(0);
  private termIdx = new Int32Array(0);
  private termCoef = new Float64Array(0);
  private chanEnd = new Int32Array(0);
  /** per channel the index of its gate (a flow): when it is zero the channel reads 0; −1 for none */
  private gateIdx = new Int32Array(0);
  /**
   * per channel [sum, min, max] over the open interval, side by side (one cache line per channel in the
   * per-step loop, not three); and the samples in the interval
   */
  private acc: Float64Array = new Float64Array(0);
  private count: Float64Array = new Float64Array(1);
  private chunks: Float32Array[] = [];
  private timeChunks: Float64Array[] = [];
  private rowCount = 0;
  private sealed = false;

  /**
   * Adds a channel. With a `gate` (a stream's flow), the channel reads 0 while nothing flows: the
   * concentration of a dry overflow means nothing, and skipping it keeps sampling cheap.
   */
  add(info: ChannelInfo, terms: readonly ChannelTerm[], gate?: ChannelTerm): void {
    if (this.sealed) throw new Error('channels: add after seal');
    if (this.infos.some((c) => c.id === info.id)) throw new Error(`channels: ${info.id} added twice`);
    this.infos.push(info);
    this.termsByChannel.push(terms);
    this.gates.push(gate);
  }

  seal(arena: StateArena): void {
    const n = this.infos.length;
    this.acc = arena.alloc(3 * n);
    this.count = arena.alloc(1);
    const page = arena.firstPage!;
    const absolute = ([src, i]: ChannelTerm): number => {
      if (src.buffer !== page.buffer) throw new Error('channels: a channel reads state outside the arena\'s first page');
      return (src.byteOffset - page.byteOffset) / 8 + i;
    };
    const all = this.termsByChannel.flat();
    this.page = page;
    this.termIdx = Int32Array.from(all, absolute);
    this.termCoef = Float64Array.from(all, (t) => t[2]);
    let end = 0;
    this.chanEnd = Int32Array.from(this.termsByChannel, (t) => (end += t.length));
    this.gateIdx = Int32Array.from(this.gates, (g) => (g === undefined ? -1 : absolute(g)));
    this.resetInterval();
    this.sealed = true;
  }

  get channels(): number {
    return this.infos.length;
  }

  get rows(): number {
    return this.rowCount;
  }

  private resetInterval(): void {
    const acc = this.acc;
    for (let a = 0; a < acc.length; a += 3) {
      acc[a] = 0;
      acc[a + 1] = Infinity;
      acc[a + 2] = -Infinity;
    }
    this.count[0] = 0;
  }

  /** Samples every channel once (call once per step, after the units have stepped). */
  sample(): void {
    const n = this.infos.length, page = this.page, acc = this.acc;
    const idx = this.termIdx, coef = this.termCoef, ends = this.chanEnd, gates = this.gateIdx;
    let k = 0;
    for (let c = 0, a = 0; c < n; c++, a += 3) {
      let v = 0;
      const e = ends[c]!;
      const g = gates[c]!;
      if (g >= 0 && !(page[g]! > 0)) k = e;
      else for (; k < e; k++) v += coef[k]! * page[idx[k]!]!;
      acc[a]! += v;
      if (v < acc[a + 1]!) acc[a + 1] = v;
      if (v > acc[a + 2]!) acc[a + 2] = v;
    }
    this.count[0]! += 1;
  }

  /** Closes the open interval as one row ending at `t_s`. */
  flushRow(t_s: number): void {
    const n = this.infos.length;
    const samples = this.count[0]!;
    if (samples === 0) return;
    const chunkNo = Math.floor(this.rowCount / ROWS_PER_CHUNK);
    const r = this.rowCount % ROWS_PER_CHUNK;
    if (chunkNo === this.chunks.length) {
      this.chunks.push(new Float32Array(ROWS_PER_CHUNK * n * 3));
      this.timeChunks.push(new Float64Array(ROWS_PER_CHUNK));
    }
    const chunk = this.chunks[chunkNo]!;
    this.timeChunks[chunkNo]![r] = t_s;
    const base = r * n * 3;
    const acc = this.acc;
    for (let c = 0, a = 0; c < n; c++, a += 3) {
      chunk[base + a] = acc[a + 1]!;
      chunk[base + a + 1] = acc[a]! / samples;
      chunk[base + a + 2] = acc[a + 2]!;
    }
    this.rowCount++;
    this.resetInterval();
  }

  /** Forgets rows after `rows` (restore of a snapshot). */
  truncate(rows: number): void {
    this.rowCount = Math.min(this.rowCount, rows);
    this.chunks.length = Math.ceil(this.rowCount / ROWS_PER_CHUNK);
    this.timeChunks.length = this.chunks.length;
  }

  /**
   * Rows from `fromRow` on, of every channel or of the `channels` chosen (by index, in that order: the
   * arrays of the answer follow the choice).
   */
  data(fromRow = 0, channels?: readonly number[]): ChannelData {
    const all = this.infos.length;
    const pick = channels ?? null;
    const n = pick === null ? all : pick.length;
    if (pick !== null) {
      for (const c of pick) if (!(Number.isInteger(c) && c >= 0 && c < all)) throw new RangeError(`channels: no channel ${c} (there are ${all})`);
    }
    const from = Math.max(0, Math.min(fromRow, this.rowCount));
    const count = this.rowCount - from;
    const t_s = new Float64Array(count);
    // one array per statistic, channel-major; the per-channel arrays are views into it
    const block = { min: new Float32Array(n * count), mean: new Float32Array(n * count), max: new Float32Array(n * count) };
    const views = (a: Float32Array) => Array.from({ length: n }, (_, c) => a.subarray(c * count, (c + 1) * count));
    const lo = block.min, mid = block.mean, hi = block.max;
    for (let i = 0; i < count; i++) {
      const row = from + i;
      const chunk = this.chunks[Math.floor(row / ROWS_PER_CHUNK)]!;
      const r = row % ROWS_PER_CHUNK;
      t_s[i] = this.timeChunks[Math.floor(row / ROWS_PER_CHUNK)]![r]!;
      const base = r * all * 3;
      for (let c = 0, k = i; c < n; c++, k += count) {
        const src = base + 3 * (pick === null ? c : pick[c]!);
        lo[k] = chunk[src]!;
        mid[k] = chunk[src + 1]!;
        hi[k] = chunk[src + 2]!;
      }
    }
    return { from, count, t_s, min: views(lo), mean: views(mid), max: views(hi), block };
  }
}
