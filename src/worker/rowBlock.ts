/** Channel rows as they cross from the worker: four transferable buffers per block, channel-major (see RowBlock). */
import type { ChannelData } from '../engine/api.ts';
import type { RowBlock } from './api.ts';

/** Packs the engine's per-channel arrays into four buffers (see RowBlock). */
export function packRows(d: ChannelData): RowBlock {
  const channels = d.mean.length;
  const n = d.count;
  const min = new Float32Array(channels * n);
  const mean = new Float32Array(channels * n);
  const max = new Float32Array(channels * n);
  for (let c = 0; c < channels; c++) {
    const lo = d.min[c];
    const mid = d.mean[c];
    const hi = d.max[c];
    if (lo === undefined || mid === undefined || hi === undefined) throw new Error(`channel ${c} missing in channelData`);
    min.set(lo.subarray(0, n), c * n);
    mean.set(mid.subarray(0, n), c * n);
    max.set(hi.subarray(0, n), c * n);
  }
  return { from: d.from, count: n, channels, t_s: d.t_s.slice(0, n), min, mean, max };
}

export function rowTransferables(b: RowBlock): ArrayBuffer[] {
  return [b.t_s.buffer, b.min.buffer, b.mean.buffer, b.max.buffer] as ArrayBuffer[];
}
