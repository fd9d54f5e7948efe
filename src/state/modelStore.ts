/** The loaded model and the last load error. A failed load keeps the previous model (the worker keeps it too). */
import { createStore } from 'zustand/vanilla';
import type { ErrorInfo, ModelInfo } from '../worker/api.ts';

export interface ModelState {
  info: ModelInfo | null;
  /** a load is in flight */
  loading: boolean;
  /** the last failed load, cleared by the next successful one or by the user */
  error: ErrorInfo | null;
}

export const modelStore = createStore<ModelState>()(() => ({ info: null, loading: false, error: null }));
