/**
 * Low-rate run state for React: status, progress, clock and the run summary, updated at most ~10
 * times a second by the worker's throttled updates. Channel rows never come here: see `rows`.
 */
import { createStore } from 'zustand/vanilla';
import type { RunSummary } from '../engine/api.ts';
import type { ErrorInfo, RunStatus } from '../worker/api.ts';
import { HistoryRing } from './history.ts';
import { RowRing } from './rowRing.ts';

export interface RunState {
  status: RunStatus;
  /** fraction of the current run target, 0–1 */
  progress: number;
  /** simulated seconds since t = 0 */
  t_s: number;
  summary: RunSummary | null;
  error: ErrorInfo | null;
  /**
   * Units in alarm or warning, by unit id; the twin flashes them (red/amber). The engine reports no
   * alarms yet, so this stays empty until it does; overflowing tanks are flagged by the scene itself.
   */
  alarmsByUnit: Record<string, AlarmLevel>;
}

export type AlarmLevel = 'alarm' | 'warning';

export const initialRunState: RunState = { status: 'empty', progress: 0, t_s: 0, summary: null, error: null, alarmsByUnit: {} };

export const runStore = createStore<RunState>()(() => ({ ...initialRunState }));

/** Latest channel rows, outside React state; read with getState-style calls in a frame loop. */
// 2,048 rows: the scene needs the latest, the alarm list looks back a few days; at 650 channels
// the ring is 16 MB — the whole run lives in `history` for trends.
export const rows = new RowRing(2048);

/** The whole run at bounded resolution (min/mean/max kept), for trends. */
export const history = new HistoryRing(2048);
