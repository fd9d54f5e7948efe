/**
 * The one module that talks to the simulation worker. UI calls these commands; results land in the
 * stores (low rate) and in `rows` (channel data). The worker starts lazily on first use so that
 * importing the stores never spawns one.
 */
import defaultPark from '../../models/default-park.json';
import { connectWorker, type SimClient } from '../worker/client.ts';
import { noModel } from '../worker/errorInfo.ts';
import type { DumpAction, OperatorAction, RunSummary } from '../engine/api.ts';
import type { TimeWindow } from '../engine/export.ts';
import type { ActResult, ErrorInfo, ExportResult, LoadResult, ModelInfo, Speed } from '../worker/api.ts';
import { DESIGN_FILE, designScenario, designStore, withEdit, type DesignEdits } from './designStore.ts';
import { liveStore } from './liveStore.ts';
import { modelStem, modelStore, setModelInfo } from './modelStore.ts';
import { prefsStore } from './prefsStore.ts';
import { viewStore } from './viewStore.ts';
import { clearMeasurements } from './measurements.ts';
import { dropReferenceUnlessOn } from './reference.ts';
import { designKeepFile, keepScenario, savedFor, savedScenarioStore } from './savedScenarios.ts';
import { withReplayFiles } from './replayFiles.ts';
import { history, initialRunState, rows, runStore } from './runStore.ts';
import { dropPendingSummary, onUpdate, showSummary } from './updates.ts';

export const DEFAULT_MODEL_FILE = 'models/default-park.json';

let client: SimClient | null = null;

function workerFailed(message: string): void {
  const error: ErrorInfo = { file: 'sim.worker', path: '', reason: message, message: `sim.worker: ${message}` };
  runStore.setState({ status: 'error', error });
  modelStore.setState({ loading: false });
}

export function getClient(): SimClient {
  if (!client) {
    const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (e) => workerFailed(e.message || 'the simulation worker failed to start'));
    client = connectWorker(worker);
    client.onUpdate(onUpdate);
    void client.setSpeed(prefsStore.getState().speed);
  }
  return client;
}

/** Same file, units (with their parameters), streams and channels: the same plant to draw. */
function sameModel(a: ModelInfo, b: ModelInfo): boolean {
  return a.file === b.file && a.duration_s === b.duration_s && JSON.stringify([a.units, a.streams, a.channels]) === JSON.stringify([b.units, b.streams, b.channels]);
}

/** Same step, recording interval, start and scenario: nothing of the run's description to update. */
function sameRun(a: ModelInfo, b: ModelInfo): boolean {
  return a.step_s === b.step_s && a.output_interval_s === b.output_interval_s && a.start_iso === b.start_iso && JSON.stringify(a.scenario) === JSON.stringify(b.scenario);
}

/** `clearError`: a new model replaces the last load error; a reset of the same model leaves it shown. */
function applyLoad(r: LoadResult, clearError = true): LoadResult {
  if (r.ok) {
    rows.reset(r.model.channels.length);
    history.reset(r.model.channels.length);
    // a new run starts with its trends on the whole run; another model's measurements go
    viewStore.getState().setTrendWindow(null);
    const prevFile = modelStore.getState().info?.file;
    if (prevFile !== r.model.file) clearMeasurements();
    dropReferenceUnlessOn(r.model.file);
    dropPendingSummary(); // a summary of the run before still on its way must not land on the new one
    runStore.setState({ ...initialRunState, status: 'idle' });
    liveStore.setState({ settable: Object.fromEntries(r.model.units.map((u) => [u.id, u.settable])), at_s: 0 });
    const patch = clearError ? { loading: false, error: null } : { loading: false };
    // A reset reloads the same plant: keep its description and index, so the 3D twin is not rebuilt.
    const prev = modelStore.getState().info;
    // Its run settings (a step changed in the top bar, the scenario's name) still change with it.
    if (prev && sameModel(prev, r.model)) modelStore.setState(sameRun(prev, r.model) ? patch : { ...patch, info: r.model });
    else setModelInfo(r.model, patch);
  } else {
    modelStore.setState({ loading: false, error: r.error });
  }
  return r;
}

/** The model as loaded (before any scenario), so a scenario can be applied to it and taken off again. */
let baseModel: { source: string | object; file: string } | null = null;
/** The scenario the user applied (shipped or a file), before any design change; null: the model as it is. */
let appliedScenario: { source: string | object; file: string } | null = null;

/** A load that failed before the worker saw it (a replay file not chosen): shown like the worker's refusals. */
function refused(error: ErrorInfo): LoadResult {
  modelStore.setState({ loading: false, error });
  return { ok: false, error };
}

/**
 * Loads a model (text or parsed JSON), with the replay files it names among `chosen` (file name → text) or
 * shipped in models/. On error the previous model stays loaded and runnable.
 */
export async function loadModel(source: string | object, file: string, chosen: ReadonlyMap<string, string> = new Map()): Promise<LoadResult> {
  modelStore.setState({ loading: true });
  const ready = await withReplayFiles(source, file, chosen);
  if (!ready.ok) return refused(ready.error);
  const c = getClient();
  // The load's own update may arrive before or after its reply; resetting rows here keeps them in step.
  const r = applyLoad(await c.load(ready.source, file));
  if (r.ok) {
    baseModel = { source: ready.source, file };
    appliedScenario = null;
    designStore.setState({ edits: {} });
    void checkKeptScenarios();
  }
  return r;
}

/**
 * Tries each scenario kept for the loaded model on it, as applying it would (its replay files included), and
 * marks those that no longer apply — the model file was changed since they were kept — with the reason.
 */
export async function checkKeptScenarios(): Promise<void> {
  const base = baseModel;
  if (base === null) return;
  const stale: Record<string, ErrorInfo> = {};
  for (const s of savedFor(savedScenarioStore.getState().list, base.file)) {
    const read = await withReplayFiles(s.json, s.file, new Map());
    const problem = read.ok ? await getClient().checkScenario(base.source, base.file, read.source, s.file) : read.error;
    if (problem !== null) stale[s.key] = problem;
  }
  // the model may have changed while the check ran: only the last model's answer counts
  if (baseModel === base) savedScenarioStore.setState({ stale });
}

/**
 * Applies a scenario file (text or parsed JSON) to the loaded model, or with `null` takes the
 * scenario off again; design changes made so far go with the plant they were made on. On error the
 * model runs on as it was.
 */
export async function loadScenario(scenario: { source: string | object; file: string } | null, chosen: ReadonlyMap<string, string> = new Map()): Promise<LoadResult> {
  let ready = scenario;
  if (scenario !== null) {
    const read = await withReplayFiles(scenario.source, scenario.file, chosen);
    if (!read.ok) return refused(read.error);
    ready = { source: read.source, file: scenario.file };
  }
  const r = await loadComposed(ready, {});
  if (r.ok) {
    appliedScenario = ready;
    designStore.setState({ edits: {} });
  }
  return r;
}

/** A scenario's JSON (a file's text is parsed; it parsed once already when the scenario was applied). */
function scenarioJson(scenario: { source: string | object; file: string }): { ok: true; json: object } | { ok: false; error: ErrorInfo } {
  if (typeof scenario.source !== 'string') return { ok: true, json: scenario.source };
  try {
    return { ok: true, json: JSON.parse(scenario.source) as object };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { file: scenario.file, path: '', reason, message: `${scenario.file}: ${reason}` } };
  }
}

/** Loads the base model changed by `scenario` and then by the design `edits`. */
async function loadComposed(scenario: { source: string | object; file: string } | null, edits: DesignEdits): Promise<LoadResult> {
  if (baseModel === null) return { ok: false, error: noModel() };
  let composed = scenario;
  if (Object.keys(edits).length > 0) {
    const base = scenario === null ? null : scenarioJson(scenario);
    if (base !== null && !base.ok) return base;
    composed = { source: designScenario(base?.json ?? null, edits)!, file: scenario?.file ?? DESIGN_FILE };
  }
  modelStore.setState({ loading: true });
  const c = getClient();
  if (composed === null) return applyLoad(await c.load(baseModel.source, baseModel.file));
  return applyLoad(await c.loadScenario(baseModel.source, baseModel.file, composed.source, composed.file));
}

/**
 * Gives a design value (`path` = "unit-id.param", or "settings.step_s") a new value: the plant is rebuilt with
 * it and the run goes back to t = 0. The worker validates it as it validates a model; a refusal
 * comes back with file, path and reason, and the plant runs on as it was. Setting a value back to
 * what it was drops the change.
 */
export function changeDesign(path: string, value: unknown, current: unknown): Promise<LoadResult> {
  return applyDesign(withEdit(designStore.getState().edits, path, value, current));
}

/** Takes back one design change, or all of them. */
export function revertDesign(path?: string): Promise<LoadResult> {
  const all = designStore.getState().edits;
  return applyDesign(path === undefined ? {} : Object.fromEntries(Object.entries(all).filter(([p]) => p !== path)));
}

/** Rebuilds the plant with `edits` on the applied scenario; they become the design changes once it loads. */
async function applyDesign(edits: DesignEdits): Promise<LoadResult> {
  const r = await loadComposed(appliedScenario, edits);
  if (r.ok) designStore.setState({ edits });
  return r;
}

/**
 * The applied scenario with the design changes, as a scenario file's JSON (null when there is neither). It names the
 * model as the app knows it (models/default-park.json, or the file's name), so `simulate --scenario` finds it.
 */
export function designScenarioJson(): object | null {
  const base = appliedScenario === null ? null : scenarioJson(appliedScenario);
  const json = designScenario(base?.ok ? base.json : null, designStore.getState().edits);
  return json === null || baseModel === null ? json : { ...json, model: baseModel.file };
}

export function loadDefaultModel(): Promise<LoadResult> {
  return loadModel(defaultPark, DEFAULT_MODEL_FILE);
}

/**
 * Reads the files the user chose — one document (.json) and the replay CSVs it names — and hands them on;
 * a file that cannot be read, or a choice without exactly one document, shows as a load error.
 */
async function readChosen(files: readonly File[], then: (text: string, file: string, csv: ReadonlyMap<string, string>) => Promise<LoadResult>): Promise<LoadResult> {
  const docs = files.filter((f) => !f.name.toLowerCase().endsWith('.csv'));
  if (docs.length !== 1) {
    const names = files.map((f) => f.name).join(', ');
    const reason = docs.length === 0 ? 'no model or scenario file (.json) among the files chosen' : `choose one model or scenario file at a time, with its CSVs (chosen: ${names})`;
    return refused({ file: names, path: '', reason, message: `${names}: ${reason}` });
  }
  const doc = docs[0]!;
  const csv = new Map<string, string>();
  let reading = doc;
  try {
    const text = await doc.text();
    for (const f of files) {
      if (f === doc) continue;
      reading = f;
      csv.set(f.name, await f.text());
    }
    return await then(text, doc.name, csv);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return refused({ file: reading.name, path: '', reason, message: `${reading.name}: ${reason}` });
  }
}

export function loadModelFiles(files: readonly File[]): Promise<LoadResult> {
  return readChosen(files, (text, file, csv) => loadModel(text, file, csv));
}

/**
 * Applies a scenario file the user chose (with the replay files it names) to the loaded model (see
 * loadScenario); one that applies is kept in this browser for the model, with those files' text in it,
 * offered again after a reload.
 */
export function loadScenarioFiles(files: readonly File[]): Promise<LoadResult> {
  return readChosen(files, async (text, file, csv) => {
    const r = await loadScenario({ source: text, file }, csv);
    const json = appliedScenario === null ? null : scenarioJson(appliedScenario);
    if (r.ok && baseModel !== null && json?.ok) await keepScenario(baseModel.file, file, json.json);
    return r;
  });
}

/**
 * Keeps the applied scenario with the inspector's design changes in this browser, under a new file
 * name; the run goes on as it is. Resolves to that file name, or null when there is nothing to keep.
 */
export async function keepDesign(): Promise<string | null> {
  const json = designScenarioJson();
  if (json === null || baseModel === null) return null;
  const file = designKeepFile(savedScenarioStore.getState().list, baseModel.file, modelStem(baseModel.file));
  await keepScenario(baseModel.file, file, json);
  return file;
}

export function dismissLoadError(): void {
  modelStore.setState({ error: null });
}

/** ▶: starts the planned run from idle or after done, continues when paused. */
export async function play(): Promise<void> {
  const c = getClient();
  const { status } = runStore.getState();
  if (status === 'paused') await c.resume();
  else if (status === 'idle' || status === 'done' || status === 'error') await c.run();
}

export async function pause(): Promise<void> {
  await getClient().pause();
}

/** Back to t = 0 with the same model. */
export async function resetRun(): Promise<void> {
  applyLoad(await getClient().reset(), false);
}

export async function setSpeed(speed: Speed): Promise<void> {
  prefsStore.getState().setSpeed(speed);
  await getClient().setSpeed(speed);
}

/** Re-reads settable values from the worker: one unit's (cheap, for polling while a run goes) or every unit's. */
export async function refreshUnits(unit?: string): Promise<void> {
  const c = getClient();
  if (unit !== undefined) {
    const values = await c.settable(unit);
    if (values) liveStore.setState({ settable: { ...liveStore.getState().settable, [unit]: values }, at_s: runStore.getState().t_s });
    return;
  }
  const units = await c.units();
  liveStore.setState({ settable: Object.fromEntries(units.map((u) => [u.id, u.settable])), at_s: runStore.getState().t_s });
}

/**
 * An operator action, applied by the worker between chunks and logged with simulated time. The
 * engine range-checks it; a refusal comes back as `{ ok: false, error }` with the engine's reason.
 */
export async function act(action: OperatorAction): Promise<ActResult> {
  const r = await getClient().act(action);
  if (r.ok) {
    await refreshUnits(action.unit);
    // The action log is part of the summary: fetch it now rather than at the next throttled update.
    const summary = await getClient().summary();
    if (summary) showSummary(summary, true);
  }
  return r;
}

/** A spent-bath dump into an influent now (a trainer's fault); refused with the engine's reason when the unit takes none. */
export async function injectDump(d: DumpAction): Promise<ActResult> {
  const r = await getClient().dump(d);
  if (r.ok) {
    const summary = await getClient().summary();
    if (summary) showSummary(summary, true);
  }
  return r;
}

/** Acknowledges alarms (one, a unit's, or all) and shows the new alarm states at once. */
export async function acknowledgeAlarms(unit?: string, tag?: string): Promise<number> {
  const n = await getClient().acknowledge(unit, tag);
  if (n > 0) {
    const summary = await getClient().summary();
    if (summary) showSummary(summary, true);
  }
  return n;
}

/** ▶ when stopped, ⏸ when running: the space bar. */
export async function togglePlay(): Promise<void> {
  if (runStore.getState().status === 'running') await pause();
  else await play();
}

/** The run so far as CSV, of the chosen channels (indices into the model's channels) or of all; null with nothing loaded. */
export async function exportCsv(channels?: readonly number[], span?: TimeWindow): Promise<ExportResult | null> {
  return getClient().exportCsv(channels && [...channels], span && { ...span });
}

/** The run summary as the engine has it now (KPIs, books, ledger, action log), for export. */
export async function currentSummary(): Promise<RunSummary | null> {
  return getClient().summary();
}
