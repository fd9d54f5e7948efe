/**
 * Low-rate run state for React: status, progress, clock and the run summary, updated at most ~10
 * times a second by the worker's throttled updates. Channel rows never come here: see `rows`.
 */
import { createStore } from 'zustand/vanilla';
import type { RunSummary } from '../engine/api.ts';
import type { ErrorInfo, RunStatus } from '../worker/api.ts';
import { RowRing } from './rowRing.ts';

export interface RunState {
  status: RunStatus;
  /** fraction of the current run target, 0–1 */
  progress: number;
  /** simulated seconds since t = 0 */
  t_s: number;
  summary: RunSummary | null;
  error: ErrorInfo | null;
}

export const initialRunState: RunState = { status: 'empty', progress: 0, t_s: 0, summary: null, error: null };

export const runStore = createStore<RunState>()(() => ({ ...initialRunState }));

/** Latest channel rows, outside React state; read with getState-style calls in a frame loop. */
export const rows = new RowRing();
