/** The loaded model and the last load error. A failed load keeps the previous model (the worker keeps it too). */
import { createStore } from 'zustand/vanilla';
import type { ErrorInfo, ModelInfo } from '../worker/api.ts';
import { buildPlantIndex, type PlantIndex } from './plantIndex.ts';

export interface ModelState {
  info: ModelInfo | null;
  /** channel lookups for `info`, built once per model */
  index: PlantIndex | null;
  /** a load is in flight */
  loading: boolean;
  /** the last failed load, cleared by the next successful one or by the user */
  error: ErrorInfo | null;
}

export const modelStore = createStore<ModelState>()(() => ({ info: null, index: null, loading: false, error: null }));

/** Installs a model description together with its index, so both always change together. */
export function setModelInfo(info: ModelInfo, patch: Partial<Pick<ModelState, 'loading' | 'error'>> = {}): void {
  modelStore.setState({ info, index: buildPlantIndex(info), ...patch });
}

/** `models/default-park.json` → `default-park`: what files made from a model are named after. */
export function modelStem(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, '') || 'model';
}
