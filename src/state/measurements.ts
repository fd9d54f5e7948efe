/**
 * Values measured on the real plant, laid over the simulated trends so an engineer sees where the twin and
 * the plant part: a CSV (engine/timeSeriesCsv.ts) whose columns name channels of one unit — by the channel's
 * id (`eq-ni.out/Ni_total`), or by what follows the unit's id when only one channel ends so (`level_m`,
 * `out/Ni_total`, `Ni_total`) — at the plant's times (`time`, read on the model's clock) or hours from the
 * run's start (`t_h`). Kept per channel until another model is loaded.
 */
import { createStore } from 'zustand/vanilla';
import { CsvError, type CsvRules, type TimeSeriesCsv } from '../engine/timeSeriesCsv.ts';
import { PlantClock } from '../engine/clock.ts';
import type { PlantIndex } from './plantIndex.ts';

/** A year of 5-minute readings, twice over. */
const MAX_MEASURED_ROWS = 210_000;

export interface MeasuredSeries {
  /** sample times, s from the run's start */
  readonly t_s: Float64Array;
  readonly values: Float64Array;
  /** the file they came from */
  readonly file: string;
}

export const measuredStore = createStore<{ byChannel: Readonly<Record<string, MeasuredSeries>> }>()(() => ({ byChannel: {} }));

/** The channel of unit `unit` that column `name` means, or why none (no such channel, or several). */
function channelFor(index: PlantIndex, unit: number, name: string): { id: string } | { why: string } {
  const u = index.units[unit]!;
  const ids = (index.unitChannels[unit] ?? []).map((c) => index.info.channels[c]!.id);
  const exact = ids.filter((id) => id === name || id === `${u.id}.${name}`);
  const matches = exact.length > 0 ? exact : ids.filter((id) => id.endsWith(`/${name}`) || id.endsWith(`.${name}`));
  if (matches.length === 1) return { id: matches[0]! };
  if (matches.length === 0) return { why: `column "${name}" is no channel of ${u.id} (it has ${ids.join(', ')})` };
  return { why: `column "${name}" could be any of ${matches.join(', ')}: name one of them` };
}

/** Parses a CSV by the rules (engine/timeSeriesCsv.ts) somewhere: the app does it off the main thread (csvOffThread.ts). */
export type CsvParser = (text: string, rules: Pick<CsvRules, 'maxRows' | 'minRows'>) => Promise<TimeSeriesCsv>;

/**
 * Reads measurements of unit `unit` from a CSV's text, parsed by `parse`; on success they are shown on that
 * unit's trends. Resolves to the channels measured, or the reason the file was refused (with its line and column).
 */
export async function readMeasurements(text: string, file: string, index: PlantIndex, unit: number, parse: CsvParser): Promise<{ ok: true; channels: string[] } | { ok: false; reason: string }> {
  let csv: TimeSeriesCsv;
  try {
    csv = await parse(text, { maxRows: MAX_MEASURED_ROWS, minRows: 1 });
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, reason: `${file}: ${err.message}` };
    throw err;
  }
  const ids: string[] = [];
  for (const n of csv.names) {
    const c = channelFor(index, unit, n);
    if ('why' in c) return { ok: false, reason: `${file}: line ${csv.headerLine}: ${c.why}` };
    ids.push(c.id);
  }
  if (ids.length === 0) return { ok: false, reason: `${file}: line ${csv.headerLine}: no column of values` };
  // the plant's clock for `time`; `t_h` is from the run's start already
  const shift = csv.timeKind === 'time' ? new PlantClock(index.info.start_iso).epoch_s : 0;
  const t_s = csv.t_s.map((t) => t - shift);
  const added = Object.fromEntries(ids.map((id, k) => [id, { t_s, values: csv.values[k]!, file }]));
  measuredStore.setState({ byChannel: { ...measuredStore.getState().byChannel, ...added } });
  return { ok: true, channels: ids };
}

/** Forgets the measurements of `channels`, or all of them. */
export function clearMeasurements(channels?: readonly string[]): void {
  if (channels === undefined) {
    measuredStore.setState({ byChannel: {} });
    return;
  }
  const keep = { ...measuredStore.getState().byChannel };
  for (const c of channels) delete keep[c];
  measuredStore.setState({ byChannel: keep });
}

/**
 * How the plant's readings compare with the twin: each reading against the simulated mean of the interval that
 * holds it (intervals end at `ends_s` − `offset_s`, ascending, s from the start). Bias is the mean of reading − twin; MAE the
 * mean of its size. Null when no reading falls within the simulated run.
 */
export function agreement(readings: { t_s: Float64Array; values: Float64Array }, ends_s: ArrayLike<number>, means: ArrayLike<number>, n: number, offset_s = 0): { n: number; bias: number; mae: number } | null {
  if (n === 0) return null;
  const first = (n > 1 ? ends_s[0]! - (ends_s[1]! - ends_s[0]!) : ends_s[0]! - 1) - offset_s;
  let count = 0, sum = 0, abs = 0;
  for (let k = 0, b = 0; k < readings.t_s.length; k++) {
    const t = readings.t_s[k]!;
    if (!(t > first) || t > ends_s[n - 1]! - offset_s) continue;
    while (ends_s[b]! - offset_s < t) b++;
    const d = readings.values[k]! - means[b]!;
    if (!Number.isFinite(d)) continue;
    count++;
    sum += d;
    abs += Math.abs(d);
  }
  return count === 0 ? null : { n: count, bias: sum / count, mae: abs / count };
}

/** The last of `readings` (times ascending) in (from_s, to_s], or undefined. */
export function readingIn(readings: { t_s: Float64Array; values: Float64Array } | undefined, from_s: number, to_s: number): number | undefined {
  if (readings === undefined) return undefined;
  const t = readings.t_s;
  let lo = 0, hi = t.length;
  // first index with t > to_s
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! <= to_s) lo = mid + 1;
    else hi = mid;
  }
  const k = lo - 1;
  return k >= 0 && t[k]! > from_s ? readings.values[k] : undefined;
}
