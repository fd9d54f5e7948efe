/**
 * createSimulation(plant, scenario) → Simulation: the fixed-step loop. Within a step, scenario
 * events fire, then every unit steps in evaluation order (hydraulics, then — inside reactors —
 * reactions, equilibria and separations), tear streams advance, and channels are sampled.
 * All mutable state lives in one arena, so snapshot/restore continue bit-identically.
 */
import {
  DUMP_SET, RUN_BOUNDS, type ChannelData, type DumpRoute, type ChannelInfo, type DumpAction, type LoggedAction, type MassBalance, type OperatorAction, type RunSummary,
  type ScenarioEvent, type ScenarioInput, type Simulation, type Snapshot, type StreamInfo, type UnitInfo, type WaterSample,
} from './api.ts';
import { StateArena } from './arena.ts';
import { ChannelRecorder } from './channels.ts';
import { PlantClock } from './clock.ts';
import { WaterTemperature } from './waterTemperature.ts';
import type { Plant } from './compile.ts';
import { NC } from './components.ts';
import { S_PER_DAY, m3s_to_m3h } from './convert.ts';
import { ModelError } from './errors.ts';
import { StreamTable } from './flowsheet/streams.ts';
import { componentSupport } from './flowsheet/support.ts';
import { mainOutlet } from './flowsheet/ports.ts';
import { Books } from './kpi/books.ts';
import { Ledger } from './kpi/ledger.ts';
import { AlarmLog } from './alarms.ts';
import { outletMeans } from './kpi/summary.ts';
import { objectiveRefusal, scoreExercise } from './kpi/exercise.ts';
import { chemistryPH, createKpiTracker } from './kpi/report.ts';
import { addWaterChannels } from './measures.ts';
import { Rng, streamSeed } from './rng.ts';
import { paramChoices } from './model/choices.ts';
import type { UnitRuntime } from './units/unitType.ts';

/** Nice output intervals; the default is the smallest that keeps a run under MAX_DEFAULT_ROWS rows. */
const NICE_INTERVALS_S = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
const MAX_DEFAULT_ROWS = 10_000;
/**
 * Recorded values (rows × channels × min, mean, max) a run may plan: 4 bytes each, 600 MB. A year of the
 * default park at 10 min is 124 million; at 1 min it would be 1.2 billion, more than a browser tab holds.
 */
const MAX_RECORDED_VALUES = 150e6;

let plantCounter = 0;
const ALL_COMPONENTS = Int32Array.from({ length: NC }, (_, j) => j);

/**
 * A unit's runtime, or a ModelError naming the unit: a schema bound missed should still reach the user as
 * file, path and reason, not as a stack trace.
 */
function buildUnit<T>(plant: Plant, u: Plant['units'][number], create: () => T): T {
  try {
    return create();
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError(plant.file, `units["${u.id}"].params`, `unit "${u.id}" (${u.json.type}) cannot be built from these parameters: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function createSimulation(plant: Plant, scenario: ScenarioInput = {}): Simulation {
  const where = scenario.file ?? plant.file;
  const step_s = scenario.step_s ?? plant.settings.step_s;
  if (!(step_s >= RUN_BOUNDS.minStep_s && step_s <= RUN_BOUNDS.maxStep_s)) throw new ModelError(where, 'step_s', `must be between ${RUN_BOUNDS.minStep_s} and ${RUN_BOUNDS.maxStep_s} s, got ${step_s}`);
  const duration_s = scenario.duration_s ?? plant.settings.duration_s;
  if (!(duration_s > 0 && duration_s <= RUN_BOUNDS.maxDuration_days * S_PER_DAY)) throw new ModelError(where, 'duration_s', `must be positive and at most ten years, got ${duration_s} s`);
  const seed = scenario.seed ?? plant.settings.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > RUN_BOUNDS.maxSeed) throw new ModelError(where, 'seed', `must be a whole number from 0 to ${RUN_BOUNDS.maxSeed}, got ${seed}`);
  const requested = scenario.output_interval_s ?? plant.settings.output_interval_s ?? NICE_INTERVALS_S.find((s) => duration_s / s <= MAX_DEFAULT_ROWS) ?? S_PER_DAY;
  if (!(requested > 0)) throw new ModelError(where, 'output_interval_s', `must be positive, got ${requested}`);
  const stepsPerRow = Math.max(1, Math.round(requested / step_s));
  const output_interval_s = stepsPerRow * step_s;

  const plantId = `${plant.file}#${++plantCounter}`;
  const arena = new StateArena();
  const clockState = arena.alloc(3); // [0] t_s, [1] steps, [2] next scenario event index
  const clock = new PlantClock(plant.settings.start_iso);
  const st = plant.settings;
  const water = new WaterTemperature(arena, clock, { mean_C: st.temperature_C, swing_C: st.temperature_swing_C, warmestDay: st.warmest_day_of_year });
  const books = new Books(arena);
  const ledger = new Ledger(arena);
  const alarmLog = new AlarmLog(arena);
  const channels = new ChannelRecorder();

  // stream slots: one per stream, plus a delayed slot for each tear stream
  let slots = plant.streams.length;
  const readSlot = plant.streams.map((s) => (s.tear ? slots++ : s.index));
  const tearPairs = plant.streams.filter((s) => s.tear).map((s) => [s.index, readSlot[s.index]!] as const);
  const support = componentSupport(plant.units, plant.streams);
  const slotActive: Int32Array[] = [];
  plant.streams.forEach((s) => {
    slotActive[s.index] = support.get(s.from.unit)!;
    slotActive[readSlot[s.index]!] = support.get(s.from.unit)!;
  });
  const streams = new StreamTable(arena, slots, tearPairs, slotActive);
  const actionLog: LoggedAction[] = [];
  const runtimes: UnitRuntime[] = [];
  const byId = new Map<string, UnitRuntime>();
  for (const u of plant.units) {
    const inputs: Record<string, Int32Array> = {};
    for (const port of u.type.ports(u.params).inputs) inputs[port] = Int32Array.from(u.inputs[port] ?? [], (i) => readSlot[i]!);
    const rt = buildUnit(plant, u, () => u.type.create(
      { id: u.id, arena, rng: (purpose) => new Rng(arena, streamSeed(seed, `${u.id}/${purpose}`)),
        logDump: (at_s, volume_m3, factor, duration_s, into) => actionLog.push({ unit: u.id, set: DUMP_SET, value: volume_m3, factor, duration_s, into, t_s: at_s, source: 'plant' }),
        streams, inputs, outputs: u.outputs, books, channels, clock, name: u.json.name, active: support.get(u.id)!, ledger, water, alarms: alarmLog },
      u.params,
    ));
    runtimes.push(rt);
    byId.set(u.id, rt);
  }

  // every stream: flow and the measures a lab would report, named after the port that feeds it
  for (const s of plant.streams) {
    const from = plant.units.find((u) => u.id === s.from.unit)!;
    // a port that carries the same water as another (an overflow, a splitter's other outlets) records its flow alone
    const same = from.type.ports(from.params).sameAs?.[s.from.port] !== undefined;
    addWaterChannels(channels, {
      key: `${s.from.unit}.${s.from.port}`,
      unit: s.from.unit,
      name: from.json.name,
      flow: [streams.flow_m3_s, s.index, m3s_to_m3h(1)],
      conc_mg_L: same ? null : streams.concView(s.index),
      carried: new Set(support.get(s.from.unit)!),
      salty: from.type.recordsSalinity === true || plant.units.find((u) => u.id === s.to.unit)!.type.recordsSalinity === true,
    });
  }
  channels.seal(arena);
  const plannedRows = Math.ceil(duration_s / output_interval_s);
  if (plannedRows * channels.channels * 3 > MAX_RECORDED_VALUES) {
    const least_s = Math.ceil((duration_s * channels.channels * 3) / MAX_RECORDED_VALUES / step_s) * step_s;
    throw new ModelError(where, 'output_interval_s', `${output_interval_s} s over ${(duration_s / S_PER_DAY).toFixed(0)} days is ${plannedRows.toLocaleString('en')} rows of ${channels.channels} channels, ${Math.round((plannedRows * channels.channels * 12) / 1e6).toLocaleString('en')} MB of results: choose at least ${least_s} s`);
  }
  const membranes = [...byId].flatMap(([unit, rt]) => (rt.membraneScaling === undefined ? [] : [{ unit, scaling: rt.membraneScaling }]));
  const kpi = createKpiTracker({ plant, streams, readSlot, books, ledger, arena, water, membranes }, { standards: scenario.standards, pH: chemistryPH(arena, water, (id) => byId.get(id)?.analyserPH) });

  /** Why unit `id` cannot take a dump by route `into`, or undefined when it can. */
  const refusesDumps = (id: string, into: DumpRoute): string | undefined => {
    const rt = byId.get(id);
    if (rt === undefined) return `the plant has no unit "${id}"`;
    if (rt.dump === undefined || rt.dumpRoutes === undefined) return `unit "${id}" takes no dumps (only influents do)`;
    if (rt.dumpRoutes.includes(into)) return undefined;
    return into === 'spent'
      ? `influent "${id}" has no spent-bath main: its shops' spent baths go down the rinse drain (dumps_to "rinse")`
      : `unit "${id}" takes no dumps by "${into}"; it takes: ${rt.dumpRoutes.join(', ')}`;
  };

  // in time order, each with its place in the scenario's list (what an error names)
  const timed = (scenario.events ?? []).map((e, i) => ({ e, i })).sort((a, b) => a.e.at_s - b.e.at_s);
  const events: ScenarioEvent[] = timed.map((x) => x.e);
  timed.forEach(({ e, i }) => {
    const rt = byId.get(e.kind === 'dump' ? e.unit : e.action.unit);
    const name = e.kind === 'dump' ? e.unit : e.action.unit;
    if (rt === undefined) throw new ModelError(where, `events[${i}].unit`, `the plant has no unit "${name}"`);
    if (!(e.at_s >= 0)) throw new ModelError(where, `events[${i}].at`, 'must not be negative');
    const refused = e.kind === 'dump' ? refusesDumps(e.unit, e.into ?? 'rinse') : undefined;
    if (refused !== undefined) throw new ModelError(where, `events[${i}].unit`, refused);
    if (e.kind === 'act' && !(e.action.set in rt.settable())) {
      throw new ModelError(where, `events[${i}].set`, `unit "${name}" has no runtime parameter "${e.action.set}"; it has: ${Object.keys(rt.settable()).join(', ') || 'none'}`);
    }
  });
  refuseBadEventValues();
  const badObjective = scenario.exercise === undefined ? undefined : objectiveRefusal(scenario.exercise, {
    settable: (id) => byId.get(id)?.settable(),
    alarms: alarmLog,
    judged: () => kpi.report(0).compliance,
  });
  if (badObjective !== undefined) throw new ModelError(where, badObjective[0], badObjective[1]);
  const inventory_g = new Float64Array(NC);

  /**
   * Every event tried on the plant as built, in time order, and the state put back: a value its unit
   * refuses (out of range, the wrong kind, a dump too strong to be water) is refused now, not when the
   * event comes due mid-run. Settings build on each other (a pump's capacity, then a flow within it);
   * each dump is tried alone, since at run time earlier ones have drained before later ones start.
   */
  function refuseBadEventValues(): void {
    if (timed.length === 0) return;
    const built = arena.save();
    try {
      for (const { e, i } of timed) {
        if (e.kind === 'act') {
          const err = byId.get(e.action.unit)!.set(e.action.set, e.action.value);
          if (err !== undefined) throw new ModelError(where, `events[${i}].value`, err);
          continue;
        }
        const before = arena.save();
        const err = byId.get(e.unit)!.dump!(e.at_s, e.volume_m3, e.factor, e.duration_s, e.into ?? 'rinse');
        arena.load(before);
        if (err !== undefined) throw new ModelError(where, `events[${i}]`, err);
      }
    } finally {
      arena.load(built);
    }
  }

  function applyAction(action: OperatorAction, source: LoggedAction['source']): void {
    const rt = byId.get(action.unit);
    if (rt === undefined) throw new ModelError('operator action', action.unit, `the plant has no unit "${action.unit}"`);
    const err = rt.set(action.set, action.value);
    if (err !== undefined) throw new ModelError('operator action', `${action.unit}.${action.set}`, err);
    const applied = rt.applied?.(action.set);
    actionLog.push({ ...action, ...(applied === undefined ? {} : { value: applied }), t_s: clockState[0]!, source });
  }

  /**
   * A dump into an influent from `at_s` (within this step or later), logged with the actions; the
   * reason when the unit refuses it (it takes no dumps, a bad volume, too many pending).
   */
  function applyDump(d: DumpAction, at_s: number, source: LoggedAction['source']): string | undefined {
    const into = d.into ?? 'rinse';
    const refused = refusesDumps(d.unit, into);
    if (refused !== undefined) return refused;
    const err = byId.get(d.unit)!.dump!(at_s, d.volume_m3, d.factor, d.duration_s, into);
    if (err === undefined) actionLog.push({ unit: d.unit, set: DUMP_SET, value: d.volume_m3, factor: d.factor, duration_s: d.duration_s, into, t_s: at_s, source });
    return err;
  }

  function fireEvents(t_s: number, dt_s: number): void {
    const end = t_s + dt_s;
    while (clockState[2]! < events.length && events[clockState[2]!]!.at_s < end) {
      const e = events[clockState[2]!]!;
      clockState[2]! += 1;
      // a scenario's dump was checked when the run was set up; one that finds all the influent's dump
      // slots taken is not logged (the influent's limit of pending dumps)
      if (e.kind === 'dump') applyDump(e, Math.max(e.at_s, t_s), 'scenario');
      else applyAction(e.action, 'scenario');
    }
  }

  /** The water the plant holds: every unit's, and what is in transit in tear streams. */
  function waterInventory(): number {
    let v = streams.tearWater_m3(step_s);
    for (const rt of runtimes) v += rt.water_m3?.() ?? 0;
    return v;
  }
  const startWater_m3 = waterInventory();

  function inventory(): Float64Array {
    inventory_g.fill(0);
    for (const rt of runtimes) rt.addInventory(inventory_g);
    streams.addTearInventory(step_s, inventory_g);
    return inventory_g;
  }

  const unitInfos: UnitInfo[] = plant.units.map((u) => {
    const ports = u.type.ports(u.params);
    return {
      id: u.id,
      type: u.json.type,
      name: u.json.name,
      line: u.json.line,
      layout: { ...u.layout },
      params: u.json.params as UnitInfo['params'],
      settable: byId.get(u.id)!.settable(),
      ranges: { ...byId.get(u.id)!.ranges?.() },
      choices: paramChoices(u.type.params, u.json.params),
      inputs: [...ports.inputs],
      outputs: [...ports.outputs],
    };
  });
  const streamInfos: StreamInfo[] = plant.streams.map((s) => ({ id: s.id, from: { ...s.from }, to: { ...s.to }, tear: s.tear }));

  // the step functions on their own: reading `.step` off runtimes of a dozen shapes is a megamorphic
  // property load every unit, every step
  const stepFns = runtimes.map((rt) => rt.step);

  const sim: Simulation = {
    modelName: plant.name.en,
    name: { ...plant.name },
    units: unitInfos,
    streams: streamInfos,
    step_s,
    duration_s,
    output_interval_s,
    start_iso: plant.settings.start_iso,
    get t_s() {
      return clockState[0]!;
    },
    get steps() {
      return clockState[1]!;
    },
    run(seconds: number) {
      if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new ModelError('run', 'seconds', `must be a finite non-negative number, got ${seconds}`);
      const n = Math.round(seconds / step_s);
      const count = stepFns.length;
      for (let k = 0; k < n; k++) {
        const t = clockState[0]!;
        water.update(t);
        if (clockState[2]! < events.length) fireEvents(t, step_s);
        for (let u = 0; u < count; u++) stepFns[u]!(t, step_s);
        if (t >= plant.settings.compliance_warmup_s) kpi.sample(step_s);
        streams.advanceTears();
        channels.sample();
        const steps = clockState[1]! + 1;
        clockState[1] = steps;
        // time from the step count, so it never drifts by accumulated rounding
        clockState[0] = steps * step_s;
        if (steps % stepsPerRow === 0) channels.flushRow(steps * step_s);
      }
    },
    act(action: OperatorAction) {
      applyAction(action, 'operator');
    },
    dump(d: DumpAction) {
      const err = applyDump(d, clockState[0]!, 'operator');
      if (err !== undefined) throw new ModelError('dump', d.unit, err);
    },
    snapshot(): Snapshot {
      return { plantId, t_s: clockState[0]!, step: clockState[1]!, state: arena.save(), rows: channels.rows, actions: actionLog.length, alarmEvents: alarmLog.events.length };
    },
    restore(snap: Snapshot) {
      if (snap.plantId !== plantId) throw new ModelError('snapshot', '', 'the snapshot belongs to another simulation');
      arena.load(snap.state);
      channels.truncate(snap.rows);
      actionLog.length = snap.actions;
      alarmLog.events.length = snap.alarmEvents;
    },
    channelInfo(): ChannelInfo[] {
      return channels.infos.map((c) => ({ ...c, label: { ...c.label } }));
    },
    channelData(fromRow = 0, chosen?: readonly number[]): ChannelData {
      return channels.data(fromRow, chosen);
    },
    massBalance(): MassBalance {
      return books.report(inventory());
    },
    summary(): RunSummary {
      const balance = books.report(inventory());
      const days = clockState[0]! / S_PER_DAY;
      const kpis = kpi.report(clockState[0]!);
      const perDay = (rec: Record<string, number>) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, days > 0 ? v / days : 0]));
      return {
        model: plant.name.en,
        t_s: clockState[0]!,
        days,
        steps: clockState[1]!,
        step_s,
        seed,
        flows_m3_d: { influents: perDay(books.volumes('influent')), outlets: perDay(books.volumes('outlet')), reagents: perDay(books.reagentSolutionsByUnit()) },
        massBalance: balance,
        waterBalance: books.waterReport(waterInventory(), startWater_m3),
        outletMeans_mg_L: Object.fromEntries(
          books.accounts.filter((a) => a.kind === 'outlet').flatMap((a) => {
            const means = outletMeans(books, a.name);
            return means === undefined ? [] : [[a.name, means]];
          }),
        ),
        ledger: {
          reagents_kg: ledger.byItem('reagent'),
          energy_kWh: ledger.byItem('energy_kWh'),
          cake_wet_kg: ledger.byItem('cake_wet_kg'),
          cake_dry_kg: ledger.byItem('cake_dry_kg'),
          water_m3: ledger.byItem('water_m3'),
          hauled_kg: ledger.byUnit('hauled_kg'),
        },
        worstClosure_rel: Math.max(...Object.values(balance).map((b) => b.closure_rel)),
        kpis,
        actions: actionLog.map((a) => ({ ...a })),
        alarms: alarmLog.active(),
        alarmEvents: alarmLog.events.length,
        ...(scenario.exercise === undefined ? {} : {
          exercise: scoreExercise(scenario.exercise, { t_s: clockState[0]!, duration_s, actions: actionLog, alarmEvents: alarmLog.events, compliance: kpis.compliance }),
        }),
      };
    },
    actions: () => actionLog.map((a) => ({ ...a })),
    alarmEvents: (from = 0) => alarmLog.events.slice(from),
    acknowledge(unit: string, tag?: string) {
      if (!byId.has(unit)) throw new ModelError('acknowledge', unit, `the plant has no unit "${unit}"`);
      return alarmLog.acknowledge(clockState[0]!, unit, tag);
    },
    settable(unitId: string) {
      const rt = byId.get(unitId);
      if (rt === undefined) throw new ModelError('settable', unitId, `the plant has no unit "${unitId}"`);
      return rt.settable();
    },
    sampleWater(unitId: string, from: 'in' | 'out' = 'in'): WaterSample | undefined {
      const u = plant.units.find((x) => x.id === unitId);
      if (u === undefined) throw new ModelError('sample', unitId, `the plant has no unit "${unitId}"`);
      let slots: Int32Array;
      if (from === 'in') slots = Int32Array.from(Object.values(u.inputs).flat(), (i) => readSlot[i]!);
      else {
        // the main outlet among those connected (an RO's permeate)
        const port = mainOutlet(u.type.ports(u.params).outputs.filter((p) => p in u.outputs));
        slots = port === undefined ? new Int32Array(0) : Int32Array.of(u.outputs[port]!);
      }
      if (slots.length === 0) return undefined;
      const conc_mg_L = new Float64Array(NC);
      const q = streams.mix(slots, conc_mg_L, ALL_COMPONENTS);
      return { unit: unitId, from, t_s: clockState[0]!, flow_m3_h: m3s_to_m3h(q), conc_mg_L, temperature_C: water.now_C };
    },
  };
  return sim;
}
