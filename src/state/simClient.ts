/**
 * The one module that talks to the simulation worker. UI calls these commands; results land in the
 * stores (low rate) and in `rows` (channel data). The worker starts lazily on first use so that
 * importing the stores never spawns one.
 */
import defaultPark from '../../models/default-park.json';
import { connectWorker, type SimClient } from '../worker/client.ts';
import type { ErrorInfo, LoadResult, SimUpdate, Speed } from '../worker/api.ts';
import { modelStore } from './modelStore.ts';
import { prefsStore } from './prefsStore.ts';
import { initialRunState, rows, runStore } from './runStore.ts';

export const DEFAULT_MODEL_FILE = 'models/default-park.json';

let client: SimClient | null = null;

function onUpdate(u: SimUpdate): void {
  if (u.rowCount < rows.total) rows.truncate(u.rowCount);
  if (u.rows) rows.append(u.rows);
  const patch: Partial<typeof initialRunState> = { status: u.status, progress: u.progress, t_s: u.t_s, error: u.error };
  if (u.summary) patch.summary = u.summary;
  runStore.setState(patch);
}

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

/** `clearError`: a new model replaces the last load error; a reset of the same model leaves it shown. */
function applyLoad(r: LoadResult, clearError = true): LoadResult {
  if (r.ok) {
    rows.reset(r.model.channels.length);
    runStore.setState({ ...initialRunState, status: 'idle' });
    modelStore.setState(clearError ? { info: r.model, loading: false, error: null } : { info: r.model, loading: false });
  } else {
    modelStore.setState({ loading: false, error: r.error });
  }
  return r;
}

/** Loads a model (text or parsed JSON). On error the previous model stays loaded and runnable. */
export async function loadModel(source: string | object, file: string): Promise<LoadResult> {
  modelStore.setState({ loading: true });
  const c = getClient();
  // The load's own update may arrive before or after its reply; resetting rows here keeps them in step.
  return applyLoad(await c.load(source, file));
}

export function loadDefaultModel(): Promise<LoadResult> {
  return loadModel(defaultPark, DEFAULT_MODEL_FILE);
}

export async function loadModelFile(file: File): Promise<LoadResult> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const error: ErrorInfo = { file: file.name, path: '', reason, message: `${file.name}: ${reason}` };
    modelStore.setState({ loading: false, error });
    return { ok: false, error };
  }
  return loadModel(text, file.name);
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
