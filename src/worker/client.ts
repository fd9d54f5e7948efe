/**
 * The main-thread face of a SimHost, the same whether the host is in a worker or in-process:
 * `connectWorker(worker)` for the app, `connectDirect()` (direct.ts) for tests and Node. This file
 * must not import the engine, or the physics would land in the main-thread bundle. Updates fan out to any
 * number of local subscribers; run()/resume() resolve only after the update that ended the run has
 * been delivered, because comlink sends the listener's messages on a different port than replies.
 */
import * as Comlink from 'comlink';
import type { RunEnd, SimApi, SimUpdate } from './api.ts';

/** The worker API as the main thread uses it: every call of SimApi, with updates fanned out to subscribers. */
export interface SimClient extends Omit<SimApi, 'setListener'> {
  readonly kind: 'direct' | 'worker';
  /** Subscribes to pushed updates; returns the unsubscribe function. */
  onUpdate(fn: (u: SimUpdate) => void): () => void;
  /** Releases the listener and, for a worker, terminates it. */
  dispose(): Promise<void>;
}

// Compile-time check that comlink's Remote of the API has the same callable shape as the API itself.
type RemoteApi = Comlink.Remote<SimApi>;
const _sameShape: (r: RemoteApi) => Omit<SimApi, 'setListener'> = (r) => r;
void _sameShape;

export function createClient(api: SimApi, kind: SimClient['kind'], wrapListener: (fn: (u: SimUpdate) => void) => (u: SimUpdate) => void, terminate: () => void): SimClient {
  const subscribers = new Set<(u: SimUpdate) => void>();
  let lastSeq = 0;
  const seqWaiters: { seq: number; resolve: () => void }[] = [];

  const dispatch = (u: SimUpdate): void => {
    lastSeq = Math.max(lastSeq, u.seq);
    for (const fn of subscribers) {
      try {
        fn(u);
      } catch (e) {
        console.error('sim update subscriber failed', e);
      }
    }
    for (let i = seqWaiters.length - 1; i >= 0; i--) {
      const w = seqWaiters[i];
      if (w && w.seq <= lastSeq) {
        seqWaiters.splice(i, 1);
        w.resolve();
      }
    }
  };
  const ready = api.setListener(wrapListener(dispatch));

  const afterSeq = async (end: RunEnd): Promise<RunEnd> => {
    if (end.seq > lastSeq) await new Promise<void>((resolve) => seqWaiters.push({ seq: end.seq, resolve }));
    return end;
  };
  const call = async <T>(f: () => Promise<T>): Promise<T> => {
    await ready;
    return f();
  };

  return {
    kind,
    onUpdate(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    load: (source, file, scenario) => call(() => api.load(source, file, scenario)),
    loadScenario: (model, modelFile, scenario, scenarioFile) => call(() => api.loadScenario(model, modelFile, scenario, scenarioFile)),
    reset: () => call(() => api.reset()),
    run: (d) => call(() => api.run(d)).then(afterSeq),
    pause: () => call(() => api.pause()),
    resume: () => call(() => api.resume()).then(afterSeq),
    setSpeed: (s) => call(() => api.setSpeed(s)),
    act: (a) => call(() => api.act(a)),
    dump: (d) => call(() => api.dump(d)),
    acknowledge: (unit, tag) => call(() => api.acknowledge(unit, tag)),
    snapshot: () => call(() => api.snapshot()),
    restore: (id) => call(() => api.restore(id)),
    summary: () => call(() => api.summary()),
    channelData: (from) => call(() => api.channelData(from)),
    exportCsv: (channels, span) => call(() => api.exportCsv(channels, span)),
    units: () => call(() => api.units()),
    settable: (unit) => call(() => api.settable(unit)),
    jar: (unit, options) => call(() => api.jar(unit, options)),
    checkScenario: (model, modelFile, scenario, scenarioFile) => call(() => api.checkScenario(model, modelFile, scenario, scenarioFile)),
    state: () => call(() => api.state()),
    async dispose() {
      subscribers.clear();
      // a run() awaiting its last update would otherwise wait forever once the listener is gone
      for (const w of seqWaiters.splice(0)) w.resolve();
      try {
        await api.setListener(null);
      } finally {
        terminate();
      }
    },
  };
}

/** The app's path: the engine runs in `worker`, which must be a module worker running sim.worker.ts. */
export function connectWorker(worker: Worker): SimClient {
  const remote = Comlink.wrap<SimApi>(worker);
  return createClient(remote as unknown as SimApi, 'worker', (fn) => Comlink.proxy(fn), () => {
    remote[Comlink.releaseProxy]();
    worker.terminate();
  });
}
