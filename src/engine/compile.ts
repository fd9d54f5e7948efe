/**
 * compile(model) → Plant: validates a model file completely before anything runs, and turns it into
 * an immutable flowsheet — units in evaluation order, streams wired to ports, recycles broken at
 * their tear streams. Every failure is a ModelError naming the file, the JSON path and the reason.
 */
import { ModelError, parseOrThrow } from './errors.ts';
import { DEFAULT_WARMEST_DAY, MODEL_FORMAT, modelSchema, type ModelJson, type StreamJson, type UnitJson } from './model/schema.ts';
import { UNIT_TYPES } from './units/registry.ts';
import type { AnyUnitType } from './units/unitType.ts';
import { PlantClock } from './clock.ts';
import { MAX_MODEL_BYTES, MAX_MODEL_DEPTH } from './model/json.ts';
import { days_to_s, h_to_s } from './convert.ts';

/** hours after the start before compliance is judged, when the model does not say */
export const DEFAULT_COMPLIANCE_WARMUP_H = 24;

export interface CompiledStream {
  readonly index: number;
  readonly id: string;
  readonly from: { readonly unit: string; readonly port: string };
  readonly to: { readonly unit: string; readonly port: string };
  readonly tear: boolean;
}

export interface CompiledUnit {
  readonly id: string;
  readonly type: AnyUnitType;
  readonly json: UnitJson;
  /** parameters as parsed by the unit type's schema */
  readonly params: unknown;
  readonly layout: { readonly x: number; readonly z: number; readonly rotation: number };
  /** stream indices into each input port */
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  /** the stream index out of each output port */
  readonly outputs: Readonly<Record<string, number>>;
}

export interface Plant {
  readonly file: string;
  readonly name: { readonly en: string; readonly zh: string };
  readonly description: string;
  readonly settings: {
    readonly start_iso: string;
    readonly step_s: number;
    readonly duration_s: number;
    readonly output_interval_s: number | undefined;
    readonly compliance_warmup_s: number;
    readonly seed: number;
    /** the water's temperature or annual mean, its annual half-range and warmest day (waterTemperature.ts) */
    readonly temperature_C: number;
    readonly temperature_swing_C: number;
    readonly warmest_day_of_year: number;
  };
  /** in evaluation order: every unit after the units that feed it, tear streams aside */
  readonly units: readonly CompiledUnit[];
  readonly streams: readonly CompiledStream[];
  /** the validated model JSON, for display and for scenarios */
  readonly json: ModelJson;
}

export interface CompileOptions {
  file: string;
}

/** Parses JSON text (with size and nesting limits) and compiles it. */
export function compileText(text: string, opts: CompileOptions): Plant {
  return compile(parseModelText(text, opts.file), opts);
}

export function parseModelText(text: string, file: string): unknown {
  if (text.length > MAX_MODEL_BYTES) {
    throw new ModelError(file, '', `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a model is at most ${MAX_MODEL_BYTES / 1024 / 1024} MB`);
  }
  if (text.trim() === '') throw new ModelError(file, '', 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelError(file, '', `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return json;
}

/** Refuses pathologically nested input before a recursive validator could overflow the stack. */
function checkDepth(json: unknown, file: string): void {
  const stack: [unknown, number, string][] = [[json, 0, '']];
  while (stack.length > 0) {
    const [v, d, path] = stack.pop()!;
    if (d > MAX_MODEL_DEPTH) throw new ModelError(file, path, `nested more than ${MAX_MODEL_DEPTH} levels deep; a model is never that deep`);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, d + 1, `${path}[${i}]`]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, d + 1, path === '' ? k : `${path}.${k}`]);
  }
}

export function compile(json: unknown, opts: CompileOptions): Plant {
  const file = opts.file;
  checkDepth(json, file);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelError(file, '', 'a model is a JSON object');
  if ((json as Record<string, unknown>)['format'] === undefined) throw new ModelError(file, 'format', `missing; the first field must be "format": "${MODEL_FORMAT}"`);
  const model = parseOrThrow(modelSchema, json, file, []);

  try {
    new PlantClock(model.settings.start_iso);
  } catch (err) {
    throw new ModelError(file, 'settings.start_iso', (err as Error).message);
  }

  // units: known type, unique id, parameters valid for the type
  const byId = new Map<string, { json: UnitJson; type: AnyUnitType; params: unknown; index: number }>();
  model.units.forEach((u, i) => {
    if (byId.has(u.id)) throw new ModelError(file, `units[${i}].id`, `duplicate unit id "${u.id}" (also units[${byId.get(u.id)!.index}])`);
    const type = UNIT_TYPES.get(u.type);
    if (type === undefined) throw new ModelError(file, `units[${i}].type`, `unknown unit type "${u.type}"; known types: ${[...UNIT_TYPES.keys()].join(', ')}`);
    const params = parseOrThrow(type.params, u.params, file, ['units', i, 'params']);
    byId.set(u.id, { json: u, type, params, index: i });
  });

  // investments: unique ids, and the units each names are in the plant (an upgrade that removed one names it no more)
  const investmentIds = new Map<string, number>();
  (model.investments ?? []).forEach((inv, i) => {
    const first = investmentIds.get(inv.id);
    if (first !== undefined) throw new ModelError(file, `investments[${i}].id`, `duplicate investment id "${inv.id}" (also investments[${first}])`);
    investmentIds.set(inv.id, i);
    inv.units?.forEach((id, k) => {
      if (!byId.has(id)) throw new ModelError(file, `investments[${i}].units[${k}]`, `the plant has no unit "${id}"`);
    });
  });

  // streams: both ends exist, each output port feeds exactly one stream
  const streams: CompiledStream[] = [];
  const inputs = new Map<string, Record<string, number[]>>();
  const outputs = new Map<string, Record<string, number>>();
  const streamIds = new Set<string>();
  model.streams.forEach((s: StreamJson, i) => {
    const end = (ref: string, side: 'from' | 'to') => {
      const [unit, port] = ref.split('.') as [string, string];
      const u = byId.get(unit);
      if (u === undefined) throw new ModelError(file, `streams[${i}].${side}`, `no unit "${unit}"`);
      const ports = u.type.ports(u.params);
      const list = side === 'from' ? ports.outputs : ports.inputs;
      if (!list.includes(port)) {
        throw new ModelError(file, `streams[${i}].${side}`, `unit "${unit}" (${u.json.type}) has no ${side === 'from' ? 'output' : 'input'} port "${port}"; it has: ${list.join(', ') || 'none'}`);
      }
      return { unit, port };
    };
    const from = end(s.from, 'from'), to = end(s.to, 'to');
    const id = s.id ?? `${s.from}>${s.to}`;
    if (streamIds.has(id)) throw new ModelError(file, `streams[${i}]`, `duplicate stream "${id}"`);
    streamIds.add(id);
    const outs = outputs.get(from.unit) ?? {};
    if (outs[from.port] !== undefined) throw new ModelError(file, `streams[${i}].from`, `port "${s.from}" already feeds streams[${outs[from.port]}]; an output feeds one stream (use a splitter)`);
    outs[from.port] = i;
    outputs.set(from.unit, outs);
    const ins = inputs.get(to.unit) ?? {};
    (ins[to.port] ??= []).push(i);
    inputs.set(to.unit, ins);
    streams.push({ index: i, id, from, to, tear: s.tear === true });
  });
  for (const [id, u] of byId) {
    const ports = u.type.ports(u.params);
    for (const port of ports.outputs) {
      if (outputs.get(id)?.[port] === undefined) {
        throw new ModelError(file, `units[${u.index}]`, `output port "${id}.${port}" is not connected; every output must go somewhere or water and metal would vanish`);
      }
    }
    for (const port of u.type.requiredInputs ?? []) {
      if ((inputs.get(id)?.[port]?.length ?? 0) === 0) throw new ModelError(file, `units[${u.index}]`, `input port "${id}.${port}" is not fed by any stream`);
    }
  }

  const order = evaluationOrder(model.units, streams, file);
  const ranks = rankOf(order, streams);
  const lines = [...new Set(model.units.map((u) => u.line))];
  const laneCount = new Map<string, number>();
  const units: CompiledUnit[] = order.map((id) => {
    const u = byId.get(id)!;
    // automatic layout: x by topological rank, z by line (one lane per line, units of a rank side by side)
    const rank = ranks.get(id)!;
    const laneKey = `${u.json.line}:${rank}`;
    const k = laneCount.get(laneKey) ?? 0;
    laneCount.set(laneKey, k + 1);
    const auto = { x: rank * 14, z: lines.indexOf(u.json.line) * 14 + k * 6 };
    const l = u.json.layout ?? auto;
    return Object.freeze({
      id,
      type: u.type,
      json: u.json,
      params: u.params,
      layout: Object.freeze({ x: l.x, z: l.z, rotation: u.json.layout?.rotation ?? 0 }),
      inputs: Object.freeze(inputs.get(id) ?? {}),
      outputs: Object.freeze(outputs.get(id) ?? {}),
    });
  });

  const st = model.settings;
  return Object.freeze({
    file,
    name: model.name,
    description: model.description ?? '',
    settings: Object.freeze({
      start_iso: st.start_iso,
      step_s: st.step_s.value,
      duration_s: days_to_s(st.duration_days.value),
      output_interval_s: st.output_interval_s?.value,
      compliance_warmup_s: h_to_s(st.compliance_warmup_h?.value ?? DEFAULT_COMPLIANCE_WARMUP_H),
      seed: st.seed,
      temperature_C: st.temperature_C.value,
      temperature_swing_C: st.temperature_swing_C?.value ?? 0,
      warmest_day_of_year: st.warmest_day_of_year?.value ?? DEFAULT_WARMEST_DAY,
    }),
    units: Object.freeze(units),
    streams: Object.freeze(streams.map((s) => Object.freeze(s))),
    json: model,
  });
}

/** Kahn's algorithm over the non-tear streams, ties kept in file order; a leftover cycle is an error that names it. */
function evaluationOrder(units: readonly UnitJson[], streams: readonly CompiledStream[], file: string): string[] {
  const indeg = new Map(units.map((u) => [u.id, 0]));
  const next = new Map<string, string[]>(units.map((u) => [u.id, []]));
  for (const s of streams) {
    if (s.tear) continue;
    next.get(s.from.unit)!.push(s.to.unit);
    indeg.set(s.to.unit, indeg.get(s.to.unit)! + 1);
  }
  const order: string[] = [];
  const ready = units.filter((u) => indeg.get(u.id) === 0).map((u) => u.id);
  const position = new Map(units.map((u, i) => [u.id, i]));
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const n of next.get(id)!) {
      indeg.set(n, indeg.get(n)! - 1);
      if (indeg.get(n) === 0) ready.push(n);
    }
  }
  if (order.length < units.length) {
    const left = new Set(units.map((u) => u.id).filter((id) => !order.includes(id)));
    // units downstream of a loop are left over too: peel off those that lead nowhere inside the set,
    // until every unit left has a successor left, so a walk forward must come round to a loop
    for (let peeled = true; peeled; ) {
      peeled = false;
      for (const id of left) {
        if (!next.get(id)!.some((n) => left.has(n))) {
          left.delete(id);
          peeled = true;
        }
      }
    }
    let cur = [...left][0]!;
    const path: string[] = [];
    while (!path.includes(cur)) {
      path.push(cur);
      cur = next.get(cur)!.find((n) => left.has(n))!;
    }
    const loop = [...path.slice(path.indexOf(cur)), cur];
    const first = streams.find((s) => s.from.unit === loop[0] && s.to.unit === loop[1])!;
    throw new ModelError(file, `streams[${first.index}]`, `recycle without a tear: ${loop.join(' → ')}; mark one stream in the loop with "tear": true`);
  }
  return order;
}

function rankOf(order: readonly string[], streams: readonly CompiledStream[]): Map<string, number> {
  const rank = new Map(order.map((id) => [id, 0]));
  for (const id of order) {
    for (const s of streams) {
      if (s.tear || s.from.unit !== id) continue;
      rank.set(s.to.unit, Math.max(rank.get(s.to.unit)!, rank.get(id)! + 1));
    }
  }
  return rank;
}
