/**
 * The one API between the main thread and the simulation (DESIGN §9). `SimHost` implements it; the
 * worker exposes a `SimHost` through comlink and tests call a `SimHost` in-process, so both sides
 * see exactly these types. Everything here is structured-cloneable: no classes, no functions
 * except the update listener, which crosses as a `Comlink.proxy`.
 */
import type { WaterJar } from '../engine/chemistry/jarResult.ts';
import type { TimeWindow } from '../engine/export.ts';
import type { Bilingual, ChannelInfo, DumpAction, LoggedAction, OperatorAction, RunSummary, ScenarioEvent, ScenarioInput, StreamInfo, UnitInfo } from '../engine/api.ts';

/** Real-time pacing in simulated seconds per wall second; 'max' runs as fast as the CPU allows. */
export type Speed = number | 'max';
export const SPEEDS: readonly Speed[] = [1, 60, 600, 3600, 'max'];

/** A bad model, scenario or action, always in this shape: `file: path: reason` on one line. */
export interface ErrorInfo {
  file: string;
  /** JSON path inside the file, '' for the top level or when no path applies */
  path: string;
  reason: string;
  /** the one-line text, `file: path: reason` */
  message: string;
}

export interface ModelInfo {
  file: string;
  /** the engine's model name (English) */
  modelName: string;
  name: { en: string; zh: string };
  /** wall-clock ISO date-time of t = 0 */
  start_iso: string;
  step_s: number;
  /** the water's temperature, °C (settings.temperature_C), or its annual mean with a swing: chemistry, kinetics, membranes and biology follow it */
  temperature_C: number;
  /** half the water's annual range, °C (0: constant) */
  temperature_swing_C: number;
  /** the planned run length from the model settings or the scenario */
  duration_s: number;
  output_interval_s: number;
  units: UnitInfo[];
  streams: StreamInfo[];
  channels: ChannelInfo[];
  /** the scenario file applied to the model, if any: what it says of itself and the events it schedules */
  scenario?: { file: string; name: { en: string; zh: string }; description?: Bilingual; events: ScenarioEvent[] };
}

export type LoadResult = { ok: true; model: ModelInfo } | { ok: false; error: ErrorInfo };
export type ActResult = { ok: true; logged: LoggedAction } | { ok: false; error: ErrorInfo };
export type ExportResult = { ok: true; csv: string } | { ok: false; error: ErrorInfo };
export type RestoreResult = { ok: true; t_s: number } | { ok: false; error: ErrorInfo };

/** empty: nothing loaded · idle: loaded, not started · running · paused · done: reached the target · error: the engine threw */
export type RunStatus = 'empty' | 'idle' | 'running' | 'paused' | 'done' | 'error';

/**
 * New decimated channel rows, packed channel-major so a block is four transferable buffers however
 * many channels there are: channel c's rows are `mean.subarray(c * count, (c + 1) * count)`.
 */
export interface RowBlock {
  /** index of the first row within the whole run */
  from: number;
  count: number;
  channels: number;
  t_s: Float64Array;
  min: Float32Array;
  mean: Float32Array;
  max: Float32Array;
}

/** What the host pushes to its listener, at most ~10 times a wall second plus once per status change. */
export interface SimUpdate {
  /** increases by one per update; `RunEnd.seq` names the last update sent before a run ended */
  seq: number;
  status: RunStatus;
  t_s: number;
  steps: number;
  /** fraction of the current run's target, 0–1 */
  progress: number;
  speed: Speed;
  /** rows the engine holds after this update; fewer than the receiver has means a restore truncated them */
  rowCount: number;
  rows: RowBlock | null;
  /** sent a few times a second and at every status change; null in between */
  summary: RunSummary | null;
  error: ErrorInfo | null;
}

export interface RunEnd {
  status: RunStatus;
  t_s: number;
  seq: number;
  error: ErrorInfo | null;
}

export interface HostState {
  status: RunStatus;
  t_s: number;
  steps: number;
  progress: number;
  speed: Speed;
  seq: number;
  /** chunks executed since the model was loaded: a run of more than ~20 ms takes several */
  chunks: number;
  /** wall milliseconds spent inside the engine since the model was loaded (the rest is pacing and streaming) */
  busy_ms: number;
}

/** A snapshot stays in the worker (its state can be megabytes); the main thread holds this handle. */
export interface SnapshotRef {
  id: number;
  t_s: number;
  steps: number;
  rows: number;
}

export type UpdateListener = (update: SimUpdate) => unknown;

export interface SimApi {
  /** One listener per host; the client fans updates out. Pass null to release it. */
  setListener(listener: UpdateListener | null): Promise<void>;
  /**
   * Compiles a model (JSON text or an already parsed object) and creates a simulation from it. On a
   * bad model the current simulation, if any, is kept and keeps working.
   */
  load(source: string | object, file: string, scenario?: ScenarioInput): Promise<LoadResult>;
  /** A fresh simulation of the loaded model and scenario, back at t = 0. */
  reset(): Promise<LoadResult>;
  /**
   * Runs `duration_s` more simulated seconds (default: to the planned duration, or the planned
   * duration again once past it), in chunks paced by the speed. Resolves when the target is reached
   * ('done'), on pause ('paused'), on error, or 'idle' when a load/reset replaced the simulation.
   */
  run(duration_s?: number): Promise<RunEnd>;
  /** Stops at the end of the current chunk; the pending run() resolves 'paused'. */
  pause(): Promise<HostState>;
  /** Continues toward the same target; resolves like run(). */
  resume(): Promise<RunEnd>;
  setSpeed(speed: Speed): Promise<HostState>;
  /** Applied between chunks, logged with its simulated time. */
  act(action: OperatorAction): Promise<ActResult>;
  /** A spent-bath dump into an influent, starting at the simulated time now; logged like an action. */
  dump(d: DumpAction): Promise<ActResult>;
  /** Acknowledges a unit's alarms (one tag, or all of them; every unit's with no unit); resolves to how many. */
  acknowledge(unit?: string, tag?: string): Promise<number>;
  snapshot(): Promise<SnapshotRef | null>;
  restore(id: number): Promise<RestoreResult>;
  summary(): Promise<RunSummary | null>;
  /** Rows from `fromRow` to now, packed like the streamed ones (and transferred). */
  channelData(fromRow?: number): Promise<RowBlock | null>;
  /**
   * The run so far as CSV (the format of `simulate --out run.csv`), of every channel or of the chosen
   * ones (indices into ModelInfo.channels), whole or the rows of a span of time; null with no model loaded.
   */
  exportCsv(channels?: number[], span?: TimeWindow): Promise<ExportResult | null>;
  /**
   * Loads a model changed by a scenario file (`platingtwin/scenario@1`): its overrides, added and
   * removed units and streams applied to the model, its events, seed, duration and standards to the
   * run. The scenario's own `model` field is not followed: the scenario applies to the model given.
   */
  loadScenario(model: string | object, modelFile: string, scenario: string | object, scenarioFile: string): Promise<LoadResult>;
  /**
   * Whether a scenario still applies to a model (both text or parsed JSON) as loadScenario would apply it: null,
   * or why not as { file, path, reason }. Nothing is loaded; the running simulation goes on.
   */
  checkScenario(model: string | object, modelFile: string, scenario: string | object, scenarioFile: string): Promise<ErrorInfo | null>;
  /** Units with their current settable values (the model's values overlaid with logged actions). */
  units(): Promise<UnitInfo[]>;
  /** One unit's current settable values (cheap enough to poll while a run goes); null for an unknown unit. */
  settable(unit: string): Promise<Record<string, number | boolean> | null>;
  /**
   * A jar test of a grab sample of the water `unit` receives now: its metals brought to each pH of the
   * sweep (JAR_PH unless given) with NaOH or HCl, after any Na₂S dose, solids allowed to form; null with no model loaded.
   */
  jar(unit: string, options?: JarOptions): Promise<JarResult | null>;
  state(): Promise<HostState>;
}

export interface JarOptions {
  range?: PHRange;
  /** the water the unit receives (default) or the water it sends on */
  from?: 'in' | 'out';
  /** Na₂S added to the sample before the sweep, mg/L as S */
  sulfideDose_mg_L?: number;
}

/** A pH sweep, both ends included. */
export interface PHRange {
  from: number;
  to: number;
  step: number;
}
/** The sweep a jar test takes unless told otherwise: from a Cr(VI) reduction's acid to past every hydroxide's minimum. */
export const JAR_PH: PHRange = { from: 2, to: 12.5, step: 0.1 };

export interface JarTest extends WaterJar {
  unit: string;
  from: 'in' | 'out';
  /** simulated time of the sample */
  t_s: number;
  /** the flow the unit received when sampled */
  flow_m3_h: number;
  /** the water's temperature then, °C: the jar is brought to each pH at it */
  temperature_C: number;
}
export type JarResult = { ok: true; jar: JarTest } | { ok: false; error: ErrorInfo };
