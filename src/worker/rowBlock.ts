/** Channel rows as they cross from the worker: four transferable buffers per block, channel-major (see RowBlock). */
import type { ChannelData } from '../engine/api.ts';
import type { RowBlock } from './api.ts';

/** The engine's rows as a RowBlock: its channel-major arrays as they are (fresh for every read, so they can be transferred). */
export function packRows(d: ChannelData): RowBlock {
  return { from: d.from, count: d.count, channels: d.mean.length, t_s: d.t_s, min: d.block.min, mean: d.block.mean, max: d.block.max };
}

export function rowTransferables(b: RowBlock): ArrayBuffer[] {
  return [b.t_s.buffer, b.min.buffer, b.mean.buffer, b.max.buffer] as ArrayBuffer[];
}
