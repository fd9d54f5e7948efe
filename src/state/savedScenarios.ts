/**
 * Scenarios kept in this browser (DESIGN §8: storable in IndexedDB as well as in files): a scenario
 * file the user applied, or the inspector's design changes kept on purpose, remembered for the model
 * they change, so they are still offered after a reload. The worker validates a kept scenario again
 * each time it is applied, like any file. Where the browser has no IndexedDB (a private window in
 * some browsers), scenarios are kept for the session only, and the store says so.
 */
import { del, entries, set } from 'idb-keyval';
import { createStore } from 'zustand/vanilla';
import type { Bilingual } from '../engine/api.ts';
import type { ErrorInfo } from '../worker/api.ts';
import { browserDb } from './browserDb.ts';
import { scenarioName } from './scenarios.ts';

export interface SavedScenario {
  /** model file and scenario file, one entry per pair: applying the same file again replaces it */
  key: string;
  /** the model it was applied to, as the app names it (models/default-park.json, or a file's name) */
  model: string;
  /** its file name, shown in errors as any file's */
  file: string;
  name: Bilingual;
  saved_iso: string;
  json: object;
}

export interface SavedScenariosState {
  list: readonly SavedScenario[];
  /** false: no IndexedDB here, kept for this session only */
  persistent: boolean;
  /** by key, the kept scenarios of the loaded model that no longer apply to it (the model file changed), and why */
  stale: Readonly<Record<string, ErrorInfo>>;
}

export const savedScenarioStore = createStore<SavedScenariosState>()(() => ({ list: [], persistent: true, stale: {} }));

const keyOf = (model: string, file: string) => `${model}\n${file}`;
const byTime = (a: SavedScenario, b: SavedScenario) => b.saved_iso.localeCompare(a.saved_iso);
const isSaved = (v: unknown): v is SavedScenario =>
  typeof v === 'object' && v !== null && typeof (v as SavedScenario).key === 'string' && typeof (v as SavedScenario).model === 'string' &&
  typeof (v as SavedScenario).file === 'string' && typeof (v as SavedScenario).json === 'object';

const { attempt } = browserDb('platingtwin', 'scenarios', () => savedScenarioStore.setState({ persistent: false }));

/** Reads the kept scenarios (once, at start-up). */
export async function initSavedScenarios(): Promise<void> {
  const all = await attempt((store) => entries(store));
  if (all === undefined) return;
  const list = all.map(([, v]) => v).filter(isSaved);
  savedScenarioStore.setState({ list: [...list].sort(byTime) });
}

/** Keeps a scenario that applied to `model`; the same file for the same model is replaced. */
export async function keepScenario(model: string, file: string, json: object, now = new Date()): Promise<SavedScenario> {
  const entry: SavedScenario = { key: keyOf(model, file), model, file, name: scenarioName(json, file), saved_iso: now.toISOString(), json };
  // written first, so what the list shows is what a reload finds
  await attempt((store) => set(entry.key, entry, store));
  savedScenarioStore.setState((s) => ({ list: [entry, ...s.list.filter((x) => x.key !== entry.key)].sort(byTime) }));
  return entry;
}

export async function forgetScenario(key: string): Promise<void> {
  await attempt((store) => del(key, store));
  savedScenarioStore.setState((s) => {
    const { [key]: _gone, ...stale } = s.stale;
    return { list: s.list.filter((x) => x.key !== key), stale };
  });
}

/** The kept scenarios for `model`, newest first. */
export function savedFor(list: readonly SavedScenario[], model: string): SavedScenario[] {
  return list.filter((s) => s.model === model);
}

/** A file name for design changes kept in the browser, not yet taken for `model`. */
export function designKeepFile(list: readonly SavedScenario[], model: string, stem: string): string {
  const taken = new Set(savedFor(list, model).map((s) => s.file));
  for (let n = 1; ; n++) {
    const file = `${stem}-design-changes-${n}.scenario.json`;
    if (!taken.has(file)) return file;
  }
}
