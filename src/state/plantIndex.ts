/**
 * Lookups from a loaded model to channel indices, built once per model so the frame loop and the
 * panels read numbers by index, never by building channel-id strings. Channel ids follow the
 * engine's conventions (src/engine/api.ts ChannelInfo): `<unit>.level_m`, `<unit>.fill_pct`,
 * `<unit>.pH`, `<unit>.ORP_mV`, and per output port `<unit>.<port>/flow_m3_h` and
 * `<unit>.<port>/<measure>` (Ni_total, SS …). Units without an outlet (the discharge point) take
 * the flow-weighted mix of what flows into them.
 */
import type { StreamInfo, UnitInfo } from '../engine/api.ts';
import { DEFAULT_STANDARD } from '../engine/kpi/parameters.ts';
import { standardLimit, standardPHRange } from './colorScale.ts';
import type { ModelInfo } from '../worker/api.ts';
import { mainOutlet } from '../engine/flowsheet/ports.ts';

/** How a unit's value of one variable is read from the latest row. */
export type ValueSource =
  /** nothing measured here */
  | { kind: 'none' }
  /** the variable is structurally absent (the engine records no such measure on this outlet): 0 */
  | { kind: 'zero' }
  | { kind: 'channel'; channel: number }
  /** Σ flow·conc / Σ flow over inflowing streams; conc −1 means that stream carries none */
  | { kind: 'mix'; conc: Int32Array; flow: Int32Array };

export interface StreamIndex {
  info: StreamInfo;
  from: number;
  to: number;
  /** `<from>.<port>/flow_m3_h`, −1 when the engine records none */
  flow: number;
}

export interface PlantIndex {
  info: ModelInfo;
  units: readonly UnitInfo[];
  unitIndex: ReadonlyMap<string, number>;
  channelIndex: ReadonlyMap<string, number>;
  /** per unit: `level_m` channel or −1 */
  level: Int32Array;
  /** per unit: `fill_pct` channel or −1 */
  fill: Int32Array;
  /** per unit: liquid depth (m) from its `depth_m` parameter, NaN when none */
  depth: Float64Array;
  /** per unit: flow channels of its ports named `overflow`, where the unit has another outlet (a spill, not its way out) */
  overflow: readonly (readonly number[])[];
  /** per unit: every channel the unit owns, in the engine's order */
  unitChannels: readonly (readonly number[])[];
  streams: readonly StreamIndex[];
  /** measures and probes present in this model, in display order */
  colorVars: readonly string[];
  /** the discharge standard named by the model (a discharge unit's `standard` parameter), if any */
  standard: string | null;
}

/** Display order of mappable variables; measures the engine adds later are appended after these. */
export const VAR_ORDER = ['pH', 'ORP', 'Cr6', 'Cr_total', 'Ni_total', 'Cu_total', 'Zn_total', 'Cd_total', 'Pb_total', 'Fe_total', 'CN_total', 'sulfide', 'SS', 'COD', 'NH3N', 'TP', 'TDS'];

export function buildPlantIndex(info: ModelInfo): PlantIndex {
  const units = info.units;
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const channelIndex = new Map(info.channels.map((c, i) => [c.id, i]));
  const ch = (id: string): number => channelIndex.get(id) ?? -1;
  const n = units.length;
  const level = new Int32Array(n);
  const fill = new Int32Array(n);
  const depth = new Float64Array(n);
  const overflow: number[][] = [];
  const unitChannels: number[][] = units.map(() => []);
  units.forEach((u, i) => {
    level[i] = ch(`${u.id}.level_m`);
    fill[i] = ch(`${u.id}.fill_pct`);
    const d = u.params.depth_m?.value;
    depth[i] = typeof d === 'number' && d > 0 ? d : NaN;
    // an overflow is a spill where the tank has a way out besides it; a reuse tank's only outlet is its overflow, the
    // reuse water the shops do not draw going on by design
    const spills = u.outputs.length > 1 ? u.outputs.filter((p) => p === 'overflow') : [];
    overflow.push(spills.map((p) => ch(`${u.id}.${p}/flow_m3_h`)).filter((c) => c >= 0));
  });
  info.channels.forEach((c, i) => unitChannels[unitIndex.get(c.unit) ?? -1]?.push(i));
  const streams = info.streams.map((s) => ({ info: s, from: unitIndex.get(s.from.unit) ?? -1, to: unitIndex.get(s.to.unit) ?? -1, flow: ch(`${s.from.unit}.${s.from.port}/flow_m3_h`) }));

  const present = new Set<string>();
  for (const c of info.channels) {
    const slash = c.id.indexOf('/');
    if (slash >= 0) {
      const q = c.id.slice(slash + 1);
      if (q !== 'flow_m3_h') present.add(q);
    } else if (c.id.endsWith('.pH')) present.add('pH');
    else if (c.id.endsWith('.ORP_mV')) present.add('ORP');
  }
  const colorVars = [...VAR_ORDER.filter((v) => present.has(v)), ...[...present].filter((v) => !VAR_ORDER.includes(v)).sort()];

  let standard: string | null = null;
  for (const u of units) {
    const s = u.params.standard?.value;
    if (u.type === 'discharge' && typeof s === 'string') standard = s;
  }
  return { info, units, unitIndex, channelIndex, level, fill, depth, overflow, unitChannels, streams, colorVars, standard };
}

/**
 * The standard a unit's water answers to, and whether only its workshop-outlet parameters: the outfall's
 * (the model's discharge standard), a monitoring point's first; null for the units in between.
 */
export function judgedBy(u: UnitInfo): { standard: string; workshopOutlet: boolean } | null {
  if (u.type === 'discharge') {
    const s = u.params.standard?.value;
    return { standard: typeof s === 'string' ? s : DEFAULT_STANDARD, workshopOutlet: false };
  }
  if (u.type === 'monitor') {
    const list = u.params.standards?.value;
    const first = Array.isArray(list) ? list[0] : undefined;
    return typeof first === 'string' ? { standard: first, workshopOutlet: u.params.workshop_outlet?.value === true } : null;
  }
  return null;
}

/** The port whose stream carries a unit's treated water (engine/flowsheet/ports.ts). */
export function mainPort(u: UnitInfo): string | undefined {
  return mainOutlet(u.outputs);
}

/** Where unit `i`'s value of `v` comes from (`pH`, `ORP` or a measure such as `Ni_total`). */
export function valueSource(index: PlantIndex, i: number, v: string): ValueSource {
  const u = index.units[i];
  if (!u) return { kind: 'none' };
  if (v === 'pH' || v === 'ORP') return probeSource(index, i, v);
  const port = mainPort(u);
  return port === undefined ? inflowMix(index, i, v) : portSource(index, i, port, v);
}

/**
 * The water leaving unit `i` by `port`: its channel of `v`; zero where the stream is recorded but
 * cannot carry `v`; nothing where the port is not recorded at all.
 */
export function portSource(index: PlantIndex, i: number, port: string, v: string): ValueSource {
  const u = index.units[i];
  if (!u) return { kind: 'none' };
  const c = portMeasure(index, i, port, v);
  if (c >= 0) return { kind: 'channel', channel: c };
  return index.channelIndex.has(`${u.id}.${port}/flow_m3_h`) || hasPortMeasures(index, u.id, port) ? { kind: 'zero' } : { kind: 'none' };
}

/** A unit's own probe (`<unit>.pH`, `<unit>.ORP_mV`); nothing where the plant has none. */
export function probeSource(index: PlantIndex, i: number, v: 'pH' | 'ORP'): ValueSource {
  const u = index.units[i];
  const c = u ? (index.channelIndex.get(v === 'pH' ? `${u.id}.pH` : `${u.id}.ORP_mV`) ?? -1) : -1;
  return c >= 0 ? { kind: 'channel', channel: c } : { kind: 'none' };
}

/** What flows into unit `i`: the mix of its inflowing streams, weighted by each stream's flow. */
export function inflowMix(index: PlantIndex, i: number, v: string): ValueSource {
  const inflows = index.streams.filter((s) => s.to === i && s.flow >= 0);
  if (inflows.length === 0) return { kind: 'none' };
  const conc = Int32Array.from(inflows, (s) => portMeasure(index, s.from, s.info.from.port, v));
  const flow = Int32Array.from(inflows, (s) => s.flow);
  if (inflows.length === 1 && conc[0] !== undefined && conc[0] >= 0) return { kind: 'channel', channel: conc[0] };
  return { kind: 'mix', conc, flow };
}

/**
 * `<unit>.<port>/<measure>`, or −1. A port that shares another's water records no measures of its own:
 * an overflow shares its tank's `out`, a splitter's outlets share the first one's.
 */
export function portMeasure(index: PlantIndex, i: number, port: string, v: string): number {
  const u = index.units[i];
  if (!u) return -1;
  for (const p of [port, 'out', u.outputs[0]]) {
    const c = p === undefined ? undefined : index.channelIndex.get(`${u.id}.${p}/${v}`);
    if (c !== undefined) return c;
  }
  return -1;
}

function hasPortMeasures(index: PlantIndex, unit: string, port: string): boolean {
  const prefix = `${unit}.${port}/`;
  for (const id of index.channelIndex.keys()) if (id.startsWith(prefix)) return true;
  return false;
}

/** Anything with a `latest(channel, kind)` (the row ring) */
export interface LatestReader {
  /** rows received so far */
  readonly total: number;
  latest(channel: number, kind?: 'min' | 'mean' | 'max'): number;
}

/** The current value of a source; NaN when nothing is known (no rows yet, nothing flowing). */
export function readSource(src: ValueSource, rows: LatestReader): number {
  switch (src.kind) {
    case 'none':
      return NaN;
    case 'zero':
      return rows.total > 0 ? 0 : NaN;
    case 'channel':
      return rows.latest(src.channel);
    case 'mix': {
      let q = 0;
      let m = 0;
      for (let k = 0; k < src.flow.length; k++) {
        const f = rows.latest(src.flow[k] ?? -1);
        if (!(f > 0)) continue;
        const c = src.conc[k] ?? -1;
        q += f;
        if (c >= 0) m += f * rows.latest(c);
      }
      return q > 0 ? m / q : NaN;
    }
  }
}

/** The unit is spilling: any of its overflow ports carried flow during the latest output interval. */
export function isOverflowing(index: PlantIndex, i: number, rows: LatestReader): boolean {
  const list = index.overflow[i];
  if (!list) return false;
  for (const c of list) if (rows.latest(c, 'max') > 1e-9) return true;
  return false;
}

/** The channels a trend panel opens with for unit `i`: level, probes, outflow, then the mapped variable. */
export function defaultTrendChannels(index: PlantIndex, i: number, colorBy: string | null): number[] {
  const u = index.units[i];
  if (!u) return [];
  const ids: string[] = [`${u.id}.level_m`, `${u.id}.pH`, `${u.id}.ORP_mV`];
  // a unit with no outlet (the outfall) records the water it receives
  const port = mainPort(u) ?? (u.inputs.includes('in') ? 'in' : undefined);
  if (port !== undefined) ids.push(`${u.id}.${port}/flow_m3_h`);
  if (colorBy && colorBy !== 'pH' && colorBy !== 'ORP' && port !== undefined) ids.push(`${u.id}.${port}/${colorBy}`);
  if (u.outputs.includes('overflow')) ids.push(`${u.id}.overflow/flow_m3_h`);
  // the outfall's log of a water that follows the seasons
  ids.push(`${u.id}.temperature_C`);
  const out = ids.map((id) => index.channelIndex.get(id) ?? -1).filter((c) => c >= 0);
  // a unit with none of these: its first channels
  if (out.length === 0) out.push(...(index.unitChannels[i] ?? []).slice(0, 3));
  return [...new Set(out)];
}

/**
 * The limits a channel's trend is drawn against: at the outfall and at monitoring points, the standard their
 * water answers to (a concentration's limit; pH's range); none for the units in between.
 */
export function trendLimits(index: PlantIndex, channel: number): { values: number[]; standard: string } | null {
  const info = index.info.channels[channel];
  const u = info ? index.units[index.unitIndex.get(info.unit) ?? -1] : undefined;
  const judged = u ? judgedBy(u) : null;
  if (!info || !judged) return null;
  if (info.quantity === 'pH') {
    const range = standardPHRange(judged.standard);
    return range === null ? null : { values: [...range], standard: judged.standard };
  }
  const v = standardLimit(info.quantity, judged.standard, { workshopOutlet: judged.workshopOutlet });
  return v === undefined ? null : { values: [v], standard: judged.standard };
}
