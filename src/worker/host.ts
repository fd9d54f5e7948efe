/**
 * SimHost owns one simulation and runs it in short chunks. The worker exposes an instance through
 * comlink; tests also use one in-process (the "direct" engine) so both paths run the same code.
 *
 * Chunks are sized from the measured step rate to take ~CHUNK_MS of CPU, then the loop yields to
 * the event loop, so pause(), act() and setSpeed() are handled between chunks and never mid-step.
 */
import * as Comlink from 'comlink';
import { createSimulation } from '../engine/simulate.ts';
import { channelsCsv, type TimeWindow } from '../engine/export.ts';
import type { DumpAction, OperatorAction, ScenarioInput, Simulation, UnitInfo } from '../engine/api.ts';
import type {
  ActResult,
  ErrorInfo,
  ExportResult,
  HostState,
  JarOptions,
  JarResult,
  LoadResult,
  RestoreResult,
  RowBlock,
  RunEnd,
  RunStatus,
  SimApi,
  SimUpdate,
  SnapshotRef,
  Speed,
  UpdateListener,
} from './api.ts';
import { Pacer, openYield } from './pacing.ts';
import { packRows, rowTransferables } from './rowBlock.ts';
import { noModel, toErrorInfo } from './errorInfo.ts';
import { modelInfo, prepareModel, prepareScenario, type Loaded, type Prepared } from './loading.ts';
import { jarTest, scenarioProblem } from './lab.ts';
import { SnapshotShelf } from './snapshots.ts';

/** CPU time per chunk: long enough to amortise the yield, short enough to answer a pause within a frame or two. */
const CHUNK_MS = 20;
const EMIT_MS = 100;
/** The summary (books, KPIs with compliance per point) is large to build and to clone: once a second while running, and at every status change. */
const SUMMARY_MS = 1000;
/** Real-time pacing drops a backlog larger than this (a slow machine at ×3600 must not burst to catch up). */
const MAX_BACKLOG_MS = 250;

const now = (): number => performance.now();

export class SimHost implements SimApi {
  #listener: UpdateListener | null = null;
  /** what is loaded: plant, file, run settings, scenario; reset starts it again */
  #loaded: Loaded | null = null;
  #sim: Simulation | null = null;
  #status: RunStatus = 'empty';
  #error: ErrorInfo | null = null;
  #speed: Speed = 'max';

  /** run target in whole steps */
  #startSteps = 0;
  #targetSteps = 0;
  /** each loop gets a generation; a newer loop (resume, load, reset) makes an older one stop */
  #gen = 0;
  #supersededAs: RunStatus = 'idle';
  #loop: Promise<RunEnd> | null = null;

  readonly #pace = new Pacer(CHUNK_MS, MAX_BACKLOG_MS);
  #chunks = 0;
  #busyMs = 0;

  #seq = 0;
  #rowsSent = 0;
  #lastEmit = -Infinity;
  #lastSummary = -Infinity;

  readonly #snapshots = new SnapshotShelf();

  async setListener(listener: UpdateListener | null): Promise<void> {
    const old = this.#listener as (UpdateListener & { [Comlink.releaseProxy]?: () => void }) | null;
    // A comlink proxy holds a MessagePort open until released.
    if (old && old !== listener && typeof old[Comlink.releaseProxy] === 'function') old[Comlink.releaseProxy]();
    this.#listener = listener;
  }

  async load(source: string | object, file: string, scenario?: ScenarioInput): Promise<LoadResult> {
    return this.#start(prepareModel(source, file, scenario));
  }

  async loadScenario(model: string | object, modelFile: string, scenario: string | object, scenarioFile: string): Promise<LoadResult> {
    return this.#start(prepareScenario(model, modelFile, scenario, scenarioFile));
  }

  async checkScenario(model: string | object, modelFile: string, scenario: string | object, scenarioFile: string): Promise<ErrorInfo | null> {
    return scenarioProblem(model, modelFile, scenario, scenarioFile);
  }

  async reset(): Promise<LoadResult> {
    return this.#loaded ? this.#start({ ok: true, loaded: this.#loaded }) : { ok: false, error: noModel() };
  }

  /** A fresh simulation of what was prepared; the one running now stays when this fails. */
  #start(p: Prepared): LoadResult {
    if (!p.ok) return p;
    const { loaded } = p;
    let sim: Simulation;
    try {
      sim = createSimulation(loaded.plant, loaded.run);
    } catch (e) {
      return { ok: false, error: toErrorInfo(e, loaded.scenario?.file ?? loaded.file) };
    }
    this.#loaded = loaded;
    this.#install(sim);
    return { ok: true, model: modelInfo(sim, loaded) };
  }

  async run(duration_s?: number): Promise<RunEnd> {
    const sim = this.#sim;
    if (!sim) return this.#end('empty', noModel());
    if (this.#status === 'running' && this.#loop) return this.#loop;
    let d = duration_s;
    if (d === undefined) d = sim.t_s < sim.duration_s - sim.step_s / 2 ? sim.duration_s - sim.t_s : sim.duration_s;
    if (!(d >= 0) || !Number.isFinite(d)) {
      return this.#end(this.#status, { file: this.#fileName, path: '', reason: `run: bad duration ${String(duration_s)}`, message: `run: bad duration ${String(duration_s)}` });
    }
    this.#startSteps = sim.steps;
    this.#targetSteps = sim.steps + Math.round(d / sim.step_s);
    this.#error = null;
    return this.#startLoop();
  }

  async pause(): Promise<HostState> {
    if (this.#status === 'running') {
      this.#status = 'paused';
      this.#pace.wake();
    }
    return this.#state();
  }

  async resume(): Promise<RunEnd> {
    if (!this.#sim) return this.#end('empty', noModel());
    if (this.#status === 'running' && this.#loop) return this.#loop;
    if (this.#status !== 'paused') return this.#end(this.#status, null);
    return this.#startLoop();
  }

  async setSpeed(speed: Speed): Promise<HostState> {
    if (speed === 'max' || (typeof speed === 'number' && speed > 0 && Number.isFinite(speed))) {
      this.#speed = speed;
      this.#pace.reanchor(this.#sim?.steps ?? 0);
      this.#pace.wake();
    }
    return this.#state();
  }

  async act(action: OperatorAction): Promise<ActResult> {
    return this.#logged('action', (sim) => sim.act(action));
  }

  async dump(d: DumpAction): Promise<ActResult> {
    return this.#logged('dump', (sim) => sim.dump(d));
  }

  /** Applies something the engine logs (an action, a dump) between chunks; answers with its log entry. */
  #logged(what: string, apply: (sim: Simulation) => void): ActResult {
    const sim = this.#sim;
    if (!sim) return { ok: false, error: noModel() };
    try {
      apply(sim);
    } catch (e) {
      return { ok: false, error: toErrorInfo(e, what) };
    }
    const log = sim.actions();
    const logged = log[log.length - 1];
    if (!logged) return { ok: false, error: { file: what, path: '', reason: 'the engine did not log it', message: `${what}: the engine did not log it` } };
    this.#emit(true);
    return { ok: true, logged };
  }

  async acknowledge(unit?: string, tag?: string): Promise<number> {
    const sim = this.#sim;
    if (!sim) return 0;
    const units = unit === undefined ? [...new Set(sim.summary().alarms.map((a) => a.unit))] : [unit];
    let n = 0;
    try {
      for (const u of units) n += sim.acknowledge(u, tag);
    } catch {
      return 0; // an unknown unit: nothing to acknowledge
    }
    if (n > 0) this.#emit(true);
    return n;
  }

  async snapshot(): Promise<SnapshotRef | null> {
    const sim = this.#sim;
    if (!sim) return null;
    const snap = sim.snapshot();
    const id = this.#snapshots.keep(snap);
    return { id, t_s: snap.t_s, steps: snap.step, rows: snap.rows };
  }

  async restore(id: number): Promise<RestoreResult> {
    const sim = this.#sim;
    const snap = this.#snapshots.get(id);
    if (!sim || !snap) {
      const reason = sim ? `no snapshot ${id}` : 'no model loaded';
      return { ok: false, error: { file: this.#fileName, path: '', reason, message: `${this.#fileName}: ${reason}` } };
    }
    try {
      sim.restore(snap);
    } catch (e) {
      return { ok: false, error: toErrorInfo(e, this.#fileName) };
    }
    this.#rowsSent = Math.min(this.#rowsSent, snap.rows);
    this.#pace.reanchor(this.#sim?.steps ?? 0);
    if (this.#status === 'done' && sim.steps < this.#targetSteps) this.#status = 'paused';
    this.#emit(true);
    return { ok: true, t_s: sim.t_s };
  }

  async summary() {
    return this.#sim ? this.#sim.summary() : null;
  }

  async channelData(fromRow = 0): Promise<RowBlock | null> {
    if (!this.#sim) return null;
    const block = packRows(this.#sim.channelData(fromRow));
    return Comlink.transfer(block, rowTransferables(block));
  }

  async exportCsv(channels?: number[], span?: TimeWindow): Promise<ExportResult | null> {
    const sim = this.#sim;
    if (!sim) return null;
    try {
      return { ok: true, csv: channelsCsv(sim, channels, span) };
    } catch (e) {
      return { ok: false, error: toErrorInfo(e, 'export') };
    }
  }

  async settable(unit: string): Promise<Record<string, number | boolean> | null> {
    const sim = this.#sim;
    if (!sim || !sim.units.some((u) => u.id === unit)) return null;
    return sim.settable(unit);
  }

  async jar(unit: string, options: JarOptions = {}): Promise<JarResult | null> {
    return this.#sim ? jarTest(this.#sim, unit, options) : null;
  }

  async units(): Promise<UnitInfo[]> {
    const sim = this.#sim;
    if (!sim) return [];
    return sim.units.map((u) => ({ ...u, settable: sim.settable(u.id) }));
  }

  async state(): Promise<HostState> {
    return this.#state();
  }

  get #fileName(): string {
    return this.#loaded?.file ?? '';
  }

  // ---- internals ----

  #install(sim: Simulation): void {
    this.#stopLoop('idle');
    this.#sim = sim;
    this.#status = 'idle';
    this.#error = null;
    this.#startSteps = sim.steps;
    this.#targetSteps = sim.steps + Math.round(sim.duration_s / sim.step_s);
    this.#rowsSent = 0;
    this.#chunks = 0;
    this.#busyMs = 0;
    this.#snapshots.clear();
    this.#emit(true);
  }

  #stopLoop(as: RunStatus): void {
    if (this.#loop) {
      this.#supersededAs = as;
      this.#gen++;
      this.#pace.wake();
      this.#loop = null;
    }
  }

  #startLoop(): Promise<RunEnd> {
    this.#stopLoop('paused');
    const gen = ++this.#gen;
    this.#status = 'running';
    this.#pace.reanchor(this.#sim?.steps ?? 0);
    const loop = this.#runLoop(gen);
    this.#loop = loop;
    return loop;
  }

  async #runLoop(gen: number): Promise<RunEnd> {
    const sim = this.#sim;
    if (!sim) return this.#end('empty', noModel());
    this.#emit(true);
    const y = openYield();
    const live = () => this.#gen === gen && this.#status === 'running';
    try {
      while (live()) {
        const remaining = this.#targetSteps - sim.steps;
        if (remaining <= 0) {
          this.#status = 'done';
          break;
        }
        let n = Math.min(remaining, this.#pace.chunkSteps());
        if (this.#speed !== 'max') {
          const due = this.#pace.dueSteps(sim.steps, this.#speed, sim.step_s);
          if (due <= 0) {
            await this.#pace.sleep(this.#pace.msToNextStep(sim.steps, this.#speed, sim.step_s));
            continue;
          }
          n = Math.min(n, due);
        }
        const t0 = now();
        sim.run(n * sim.step_s);
        const ms = now() - t0;
        this.#chunks++;
        this.#busyMs += ms;
        this.#pace.learn(n, ms);
        this.#emit(false);
        await y.next();
      }
    } catch (e) {
      if (this.#gen === gen) {
        this.#status = 'error';
        this.#error = toErrorInfo(e, this.#fileName);
      }
    } finally {
      y.close();
    }
    if (this.#gen !== gen) return this.#end(this.#supersededAs, null);
    this.#loop = null;
    this.#emit(true);
    return this.#end(this.#status, this.#error);
  }

  #progress(): number {
    const span = this.#targetSteps - this.#startSteps;
    const steps = this.#sim?.steps ?? 0;
    if (span <= 0) return steps >= this.#targetSteps ? 1 : 0;
    return Math.min(1, Math.max(0, (steps - this.#startSteps) / span));
  }

  #state(): HostState {
    const sim = this.#sim;
    return { status: this.#status, t_s: sim?.t_s ?? 0, steps: sim?.steps ?? 0, progress: this.#progress(), speed: this.#speed, seq: this.#seq, chunks: this.#chunks, busy_ms: this.#busyMs };
  }

  #end(status: RunStatus, error: ErrorInfo | null): RunEnd {
    return { status, t_s: this.#sim?.t_s ?? 0, seq: this.#seq, error };
  }

  /** Pushes progress, new rows and (a few times a second) the summary; throttled unless forced. */
  #emit(force: boolean): void {
    const t = now();
    if (!force && t - this.#lastEmit < EMIT_MS) return;
    this.#lastEmit = t;
    const sim = this.#sim;
    let rows: RowBlock | null = null;
    let summary = null;
    let rowCount = 0;
    if (sim) {
      const data = sim.channelData(this.#rowsSent);
      rowCount = data.from + data.count;
      if (data.count > 0) {
        rows = packRows(data);
        this.#rowsSent = rowCount;
      }
      if (force || t - this.#lastSummary >= SUMMARY_MS) {
        summary = sim.summary();
        this.#lastSummary = t;
      }
    }
    const update: SimUpdate = {
      seq: ++this.#seq,
      status: this.#status,
      t_s: sim?.t_s ?? 0,
      steps: sim?.steps ?? 0,
      progress: this.#progress(),
      speed: this.#speed,
      rowCount,
      rows,
      summary,
      error: this.#error,
    };
    const listener = this.#listener;
    if (!listener) return;
    try {
      const r = listener(rows ? Comlink.transfer(update, rowTransferables(rows)) : update);
      // Through comlink the call returns a promise; a closed page must not become an unhandled rejection here.
      if (r instanceof Promise) r.catch(() => {});
    } catch {
      // A listener's bug must not stop the simulation.
    }
  }
}
