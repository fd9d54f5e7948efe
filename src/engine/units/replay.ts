/**
 * Measured influent replayed from a CSV: the park's online monitoring (flow, and where it has them, pH and
 * concentrations) instead of the generator's patterns and noise. The file is a time series (timeSeriesCsv.ts):
 *
 *   t_h,flow_m3_h,pH,Ni,Cu          hours from the first sample (or `time`: 2025-03-10 08:00 …)
 *   0,12.5,6.8,48,1.2
 *
 * whose columns are `flow_m3_h` (required), `pH` (optional) and each component by its id (mg/L). Between samples
 * the values are interpolated linearly; after the last, the series either repeats (a measured week drives a
 * year) or holds its last sample.
 */
import { z } from 'zod';
import { COMPONENTS, NC, componentIndexOf } from '../components.ts';
import { createEquilibriumWorkspace } from '../chemistry/index.ts';
import { m3h_to_m3s } from '../convert.ts';
import { CsvError, parseTimeSeriesCsv } from '../timeSeriesCsv.ts';
import { MAX_CONC_mg_L } from '../model/params.ts';
import { balanceToPH, noBalanceReason } from './rinse.ts';

/** A year of 5-minute samples, twice over. */
export const MAX_REPLAY_ROWS = 210_000;

export type AfterEnd = NonNullable<ReplayParam['after_end']>;

export interface ReplaySeries {
  /** sample times, s from the first sample (the first is 0) */
  readonly t_s: Float64Array;
  readonly flow_m3_s: Float64Array;
  /** pH per sample, when the CSV has the column */
  readonly pH: Float64Array | null;
  /** the component columns: their indices, and per sample their values (row-major, mg/L) */
  readonly components: Int32Array;
  readonly conc_mg_L: Float64Array;
  /** repeat: the length of one cycle (the last sample is followed by the first one interval later) */
  readonly period_s: number;
}

/** What is wrong with a replay's CSV, and where (the line and column). */
export const ReplayError = CsvError;

/** Parses a replay CSV; throws a ReplayError naming the line and column of the first problem. */
export function parseReplayCsv(text: string): ReplaySeries {
  const csv = parseTimeSeriesCsv(text, {
    maxRows: MAX_REPLAY_ROWS,
    minRows: 2,
    checkNames: (names) => {
      if (!names.includes('flow_m3_h')) return 'no "flow_m3_h" column';
      const other = names.find((n) => n !== 'flow_m3_h' && n !== 'pH' && componentIndexOf(n) === undefined);
      return other === undefined ? undefined : `column "${other}" is neither t_h/time, flow_m3_h, pH nor a component (${COMPONENTS.join(', ')})`;
    },
    range: (name) =>
      name === 'flow_m3_h' ? [0, 1e5, '0 … 100,000 m³/h'] : name === 'pH' ? [0, 14, 'pH 0 … 14'] : [0, MAX_CONC_mg_L, `0 … ${MAX_CONC_mg_L.toLocaleString('en')} mg/L`],
  });
  const col = (name: string) => csv.values[csv.names.indexOf(name)];
  const n = csv.t_s.length;
  const t0 = csv.t_s[0]!;
  const t_s = csv.t_s.map((t) => t - t0);
  const flow_m3_s = col('flow_m3_h')!.map(m3h_to_m3s);
  const components = csv.names.filter((nm) => nm !== 'flow_m3_h' && nm !== 'pH');
  const conc_mg_L = new Float64Array(n * components.length);
  components.forEach((nm, c) => col(nm)!.forEach((v, r) => (conc_mg_L[r * components.length + c] = v)));
  const last = t_s[n - 1]!;
  return {
    t_s,
    flow_m3_s,
    pH: col('pH') ?? null,
    components: Int32Array.from(components, (nm) => componentIndexOf(nm)!),
    conc_mg_L,
    period_s: last + (last - t_s[n - 2]!),
  };
}

/**
 * Where time `t_s` of the run falls in the series: writes the index of the sample before it into `at[0]` and
 * the weight of the sample after it into `at[1]` (its index is at[0] + 1, or 0 when a repeat wraps round).
 */
export function locate(series: ReplaySeries, afterEnd: AfterEnd, t_s: number, at: Float64Array): void {
  const times = series.t_s;
  const n = times.length;
  let t = t_s;
  if (afterEnd === 'repeat') t = t - Math.floor(t / series.period_s) * series.period_s;
  else if (t >= times[n - 1]!) {
    at[0] = n - 1;
    at[1] = 0;
    return;
  }
  if (t < 0) t = 0;
  if (t >= times[n - 1]!) {
    // between the last sample and the first of the next cycle
    at[0] = n - 1;
    at[1] = (t - times[n - 1]!) / (series.period_s - times[n - 1]!);
    return;
  }
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid;
  }
  at[0] = lo;
  at[1] = (t - times[lo]!) / (times[lo + 1]! - times[lo]!);
}

/**
 * An influent's `replay` parameter: `file` names the CSV beside the model and the loader reads it into `csv`
 * (model/replayFiles.ts); `after_end` says what follows the last sample (default: repeat).
 */
export const replayParam = z.strictObject({ file: z.string().min(1).optional(), csv: z.string().optional(), after_end: z.enum(['repeat', 'hold']).optional() });
export type ReplayParam = z.infer<typeof replayParam>;
const parsedReplays = new WeakMap<ReplayParam, ReplaySeries | string>();

/** The parsed series of a replay parameter, or why there is none (parsed once per parameter object). */
export function replaySeriesOf(replay: ReplayParam): ReplaySeries | string {
  const known = parsedReplays.get(replay);
  if (known !== undefined) return known;
  let out: ReplaySeries | string;
  if (replay.csv === undefined) {
    out = `the CSV "${replay.file ?? ''}" was not read: the command line reads it beside the model file; in the app, load it together with the model`;
  } else {
    try {
      out = parseReplayCsv(replay.csv);
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      out = `${replay.file ?? 'the CSV'}: ${err.message}`;
    }
  }
  parsedReplays.set(replay, out);
  return out;
}

/**
 * Each sample's composition over the influent's own components (`support`, the only ones it can carry), row-major,
 * `support.length` per sample: the model's analysis with the CSV's columns in place of its own, brought to the
 * sample's pH (or the model's) by the charge balance. One row when the CSV gives neither concentrations nor pH.
 */
export interface ReplayRows {
  readonly support: Int32Array;
  readonly rows: Float64Array;
  readonly count: number;
}

const builtCompositions = new WeakMap<object, { temperature_C: number; rows: ReplayRows | string }>();

/**
 * The samples' compositions, or the reason when a sample has no charge balance. Built once per influent's
 * parameters (`key`, of which `support` follows) and temperature: the schema's check and the unit's runtime
 * share it, since a year of samples is megabytes.
 */
export function replayCompositions(key: object, series: ReplaySeries, base: Float64Array, pH: number | undefined, acidAnion: 'SO4' | 'Cl', temperature_C: number, support: Int32Array): ReplayRows | string {
  const known = builtCompositions.get(key);
  if (known !== undefined && known.temperature_C === temperature_C) return known.rows;
  const rows = buildCompositions(series, base, pH, acidAnion, temperature_C, support);
  builtCompositions.set(key, { temperature_C, rows });
  return rows;
}

function buildCompositions(series: ReplaySeries, base: Float64Array, pH: number | undefined, acidAnion: 'SO4' | 'Cl', temperature_C: number, support: Int32Array): ReplayRows | string {
  const count = series.components.length === 0 && series.pH === null ? 1 : series.t_s.length;
  const width = support.length;
  const rows = new Float64Array(count * width);
  const row = new Float64Array(NC);
  const ws = createEquilibriumWorkspace({ temperature_C });
  const nc = series.components.length;
  for (let r = 0; r < count; r++) {
    row.set(base);
    for (let c = 0; c < nc; c++) row[series.components[c]!] = series.conc_mg_L[r * nc + c]!;
    const target = series.pH?.[r] ?? pH;
    if (target !== undefined && !balanceToPH(row, target, acidAnion, temperature_C, ws)) {
      return noBalanceReason(`sample ${r + 1}`, target);
    }
    for (let k = 0; k < width; k++) rows[r * width + k] = row[support[k]!]!;
  }
  return { support, rows, count };
}
