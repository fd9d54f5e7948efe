/**
 * The engine's public face: the types that the worker, the CLI and the tests see.
 *   const plant = compile(modelJson, { file });        // throws ModelError { file, path, reason }
 *   const sim = createSimulation(plant, scenario);     // scenario: seed, duration, step, output interval, events
 *   sim.run(seconds); sim.act(action); sim.snapshot(); sim.restore(snap);
 *   sim.channelInfo(); sim.channelData(from); sim.massBalance(); sim.summary();
 */
import type { ArenaSnapshot } from './arena.ts';
import type { ComponentId, ElementId } from './components.ts';
import type { KpiReport } from './kpi/report.ts';
import type { Exercise, ExerciseScore } from './kpi/exercise.ts';

/** The `format` field of a scenario file (see model/scenario.ts). */
export const SCENARIO_FORMAT = 'platingtwin/scenario@1';

/**
 * What a run may be: a step of 1 s to an hour (a plant does nothing faster; dosing loops need no coarser),
 * at most ten years, a seed a 32-bit word. Model files, scenarios, the command line and the engine hold to these.
 */
export const RUN_BOUNDS = { minStep_s: 1, maxStep_s: 3600, maxDuration_days: 3660, maxSeed: 2 ** 32 - 1 } as const;

/** How a run is set up beyond the plant itself. Every field is optional; defaults come from the model's settings. */
export interface ScenarioInput {
  name?: string;
  /** the scenario's file, named in its errors */
  file?: string;
  seed?: number;
  duration_s?: number;
  step_s?: number;
  /** Channels are decimated to this interval, keeping min, mean and max. */
  output_interval_s?: number;
  /** Timed events: dumps, operator actions, faults. */
  events?: ScenarioEvent[];
  /** standards the KPIs judge against (ids in models/standards.json); default: those the plant's outlets name, else GB21900-2008-T3 */
  standards?: string[];
  /** a training exercise: the objectives the run's summary scores (kpi/exercise.ts) */
  exercise?: Exercise;
}

export type ScenarioEvent =
  | { at_s: number; kind: 'dump'; unit: string; volume_m3: number; factor: number; duration_s: number; into?: DumpRoute }
  | { at_s: number; kind: 'act'; action: OperatorAction };

/** An operator (or trainer, or scenario) changes a runtime parameter of a unit, e.g. a setpoint. Logged with sim time. */
export interface OperatorAction {
  unit: string;
  set: string;
  value: number | boolean;
}

/**
 * Where a spent bath goes: down the shop's rinse drain into the line (`rinse`, the fault a trainer
 * injects), or into the park's spent-bath main (`spent`), for an influent whose shops collect spent
 * baths apart (its `dumps_to` is "spent").
 */
export const DUMP_ROUTES = ['rinse', 'spent'] as const;
export type DumpRoute = (typeof DUMP_ROUTES)[number];
/** the outlet of an influent whose shops collect their spent baths apart: the spent-bath main */
export const SPENT_PORT = 'spent';

/**
 * A spent-bath dump into an influent now: `volume_m3` at `factor` × the influent's base concentration, over `duration_s`
 * (a trainer's fault, or a scenario's event), down the rinse drain unless `into` says otherwise.
 */
export interface DumpAction {
  unit: string;
  volume_m3: number;
  factor: number;
  duration_s: number;
  into?: DumpRoute;
}

/** A text in both languages; a file may give one text for both (a scenario's description). */
export interface Bilingual {
  en: string;
  zh: string;
}
export function inBothLanguages(text: string | Bilingual): Bilingual {
  return typeof text === 'string' ? { en: text, zh: text } : { en: text.en, zh: text.zh };
}

/** How a dump stands in the action log: `set` is this, `value` the volume, with its factor and duration. */
export const DUMP_SET = 'dump_m3';

export interface LoggedAction extends OperatorAction {
  t_s: number;
  /** who did it: an operator, a scenario's event, or the plant itself (a random or listed spent-bath dump) */
  source: 'operator' | 'scenario' | 'plant';
  /** a dump's strength, duration and route (set = DUMP_SET) */
  factor?: number;
  duration_s?: number;
  into?: DumpRoute;
}

export interface ChannelInfo {
  /** e.g. `eq-cr.level_m`, `s:eq-cr>mix.flow_m3_h`, `discharge.Ni_total_mg_L` */
  id: string;
  unit: string;
  /** what it is: level, flow, a measure's name */
  quantity: string;
  /** unit of measure as displayed */
  uom: string;
  label: { en: string; zh: string };
}

/** Decimated channels: one row per output interval. Arrays are fresh copies, safe to transfer. */
export interface ChannelData {
  /** index of the first row in this block within the whole run */
  from: number;
  count: number;
  /** end time of each interval, s since the start of the run */
  t_s: Float64Array;
  /** per channel, in channelInfo() order (views into `block`) */
  min: Float32Array[];
  mean: Float32Array[];
  max: Float32Array[];
  /** the same rows in one array per statistic, channel-major: channel c's rows at c·count … (c + 1)·count */
  block: { min: Float32Array; mean: Float32Array; max: Float32Array };
}

export interface ComponentBooks {
  in_kg: number;
  /** kg that left through each outlet of the plant (discharge, reuse, cake, concentrate …) */
  out_kg: Record<string, number>;
  /** net kg produced by reactions (negative when consumed); zero for every element group */
  reacted_kg: number;
  /** kg still in tanks and pipes */
  inventory_kg: number;
  /** |in + reacted − out − inventory| / max(in, tiny) */
  closure_rel: number;
}

export type MassBalance = { [K in ComponentId | `${ElementId}_total`]: ComponentBooks };

/** The water books: what came in, what left by each outlet and what the tanks and pipes hold, m³. */
export interface WaterBalance {
  /** what the influents brought and the reagents' solutions, m³ */
  in_m3: number;
  /** of that, the reagents' solutions the dosing pumps delivered */
  reagentSolutions_m3: number;
  out_m3: Record<string, number>;
  /** held in tanks, reactors and pipes now, and at the start of the run */
  inventory_m3: number;
  startInventory_m3: number;
  /** |in − out − (inventory − start inventory)| / max(in, tiny) */
  closure_rel: number;
}

export interface RunSummary {
  model: string;
  t_s: number;
  days: number;
  steps: number;
  step_s: number;
  seed: number;
  /** mean flows over the run, m³/d, per influent and per outlet */
  /** by account; the reagents' solutions by the unit that doses them (`reagent:<unit>`) */
  flows_m3_d: { influents: Record<string, number>; outlets: Record<string, number>; reagents: Record<string, number> };
  massBalance: MassBalance;
  waterBalance: WaterBalance;
  /** flow-weighted mean of every measure over what left through each outlet, mg/L */
  outletMeans_mg_L: Record<string, Record<string, number>>;
  /** cumulative totals by item: reagents (kg of product, 100 % basis), energy, sludge cake, water */
  ledger: {
    reagents_kg: Record<string, number>;
    energy_kWh: Record<string, number>;
    cake_wet_kg: Record<string, number>;
    cake_dry_kg: Record<string, number>;
    water_m3: Record<string, number>;
    /** spent baths hauled away as liquid hazardous waste, kg, by the tank they were hauled from */
    hauled_kg: Record<string, number>;
  };
  /** worst closure over every component and element group */
  worstClosure_rel: number;
  /** compliance, water reuse, reagents, energy, sludge and cost (kpi/report.ts) */
  kpis: KpiReport;
  actions: LoggedAction[];
  /** alarms active or unacknowledged at the end of the run so far */
  alarms: ActiveAlarm[];
  /** how many alarm events (raise, clear, acknowledge) the run has logged */
  alarmEvents: number;
  /** a training exercise's score so far, when the scenario sets one */
  exercise?: ExerciseScore;
}

export interface Snapshot {
  readonly plantId: string;
  readonly t_s: number;
  readonly step: number;
  readonly state: ArenaSnapshot;
  readonly rows: number;
  readonly actions: number;
  readonly alarmEvents: number;
}

/** An alarm that is active or waits for an acknowledgement. Priority 1 is the most urgent. */
export interface ActiveAlarm {
  unit: string;
  tag: string;
  priority: number;
  message: { en: string; zh: string };
  state: 'unacknowledged' | 'acknowledged' | 'cleared, unacknowledged';
  /** the condition still holds */
  inAlarm: boolean;
  /** simulated time of the raise that started this episode */
  since_s: number;
}

export interface AlarmRecord {
  t_s: number;
  unit: string;
  tag: string;
  priority: number;
  kind: 'raise' | 'clear' | 'ack';
  message: { en: string; zh: string };
}

/** A unit as the UI sees it: enough to draw, label and inspect it without touching the engine's internals. */
export interface UnitInfo {
  id: string;
  type: string;
  name: { en: string; zh: string };
  line: string;
  layout: { x: number; z: number; rotation: number };
  /** parameters as given in the model (value with its unit and reference) */
  params: Record<string, { value: unknown; unit?: string; reference: string }>;
  /** runtime-settable names for `act()`, with their values at the start (live values: `Simulation.settable`) */
  settable: Record<string, number | boolean>;
  /** the bounds `act()` holds each bounded number of `settable` to */
  ranges: Record<string, { min: number; max: number }>;
  /** the words each text field of its parameters may take (`residue`, `base.controller.action`), from the schema that checks them */
  choices: Record<string, readonly string[]>;
  inputs: string[];
  outputs: string[];
}

export interface StreamInfo {
  id: string;
  from: { unit: string; port: string };
  to: { unit: string; port: string };
  tear: boolean;
}

/** The running simulation: the same object behind the worker, the CLI and the tests. */
export interface Simulation {
  readonly modelName: string;
  readonly name: { en: string; zh: string };
  readonly units: readonly UnitInfo[];
  readonly streams: readonly StreamInfo[];
  readonly step_s: number;
  readonly duration_s: number;
  readonly output_interval_s: number;
  /** simulated seconds since the start */
  readonly t_s: number;
  readonly steps: number;
  /** wall-clock ISO date-time of t = 0, from the model settings */
  readonly start_iso: string;
  /** Advances by `seconds`, rounded to whole steps. Runs past duration_s are allowed: the duration is the planned run. */
  run(seconds: number): void;
  act(action: OperatorAction): void;
  /** a spent-bath dump into an influent, starting now; logged with the actions */
  dump(d: DumpAction): void;
  snapshot(): Snapshot;
  restore(snap: Snapshot): void;
  channelInfo(): ChannelInfo[];
  /** rows from `fromRow` on, of every channel or of the `channels` chosen (by index; the answer's arrays follow the choice) */
  channelData(fromRow?: number, channels?: readonly number[]): ChannelData;
  massBalance(): MassBalance;
  summary(): RunSummary;
  actions(): LoggedAction[];
  /** a unit's runtime-settable values now (setpoints, pump states, probe faults) */
  settable(unitId: string): Record<string, number | boolean>;
  /** the alarm events logged since event `from` */
  alarmEvents(from?: number): AlarmRecord[];
  /** acknowledges a unit's alarms (one tag, or all); returns how many */
  acknowledge(unit: string, tag?: string): number;
  /**
   * a grab sample, as the last step left it, of the water unit `unitId` receives (`in`: its inlets mixed) or sends
   * on (`out`: its main outlet); undefined for a unit with no such water
   */
  sampleWater(unitId: string, from?: 'in' | 'out'): WaterSample | undefined;
}

/** A grab sample of a water: what flowed and what it carried at one moment (mg/L per component, NC layout). */
export interface WaterSample {
  unit: string;
  /** what the unit receives, or what it sends on */
  from: 'in' | 'out';
  t_s: number;
  flow_m3_h: number;
  conc_mg_L: Float64Array;
  temperature_C: number;
}
