/**
 * How the worker's updates land in the stores: rows into the ring buffers, run status into the run store, and the
 * run summary (big tables) at most once a second while a run streams, with the alarm flags it implies.
 */
import type { ActiveAlarm, RunSummary } from '../engine/api.ts';
import type { SimUpdate } from '../worker/api.ts';
import { history, rows, runStore, type AlarmLevel, type RunState } from './runStore.ts';

/** While a run streams, the summary (books, KPIs: big tables) reaches React at most this often. */
const SUMMARY_MS = 1000;
let lastSummary = -Infinity;
let summarySeq = 0;

export function onUpdate(u: SimUpdate): void {
  if (u.rowCount < rows.total) rows.truncate(u.rowCount);
  if (u.rowCount < history.total) history.truncate(u.rowCount);
  if (u.rows) {
    rows.append(u.rows);
    history.append(u.rows);
  }
  runStore.setState({ status: u.status, progress: u.progress, t_s: u.t_s, error: u.error });
  const now = performance.now();
  // every summary when the run stops (the final books), about one a second while it goes
  if (u.summary && (u.status !== 'running' || now - lastSummary >= SUMMARY_MS)) {
    lastSummary = now;
    // While running, the panels that show the summary re-render in a task of their own, not on top of
    // the rows' message: each task stays short. The final summary lands with its status, at once.
    showSummary(u.summary, u.status !== 'running');
  }
}

/** Puts a summary (and the alarm flags it implies) in the run store, now or in a task of its own; the newest wins. */
export function showSummary(summary: RunSummary, now: boolean): void {
  const seq = ++summarySeq;
  const apply = () => {
    if (seq !== summarySeq) return; // a newer summary has come since
    const patch: Partial<RunState> = { summary };
    const flags = alarmsByUnit(summary.alarms);
    // a new object only when a flag changed: the panels that read it re-render on identity
    if (!sameFlags(flags, runStore.getState().alarmsByUnit)) patch.alarmsByUnit = flags;
    runStore.setState(patch);
  };
  if (now) apply();
  else setTimeout(apply, 0);
}

/** Per unit, the worst of its engine alarms still in alarm: priority 1–2 flash red, 3–4 amber. */
function alarmsByUnit(alarms: readonly ActiveAlarm[] | undefined): Record<string, AlarmLevel> {
  const out: Record<string, AlarmLevel> = {};
  for (const a of alarms ?? []) {
    if (!a.inAlarm) continue;
    out[a.unit] = a.priority <= 2 || out[a.unit] === 'alarm' ? 'alarm' : 'warning';
  }
  return out;
}

function sameFlags(a: Record<string, AlarmLevel>, b: Record<string, AlarmLevel>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Forgets a summary still on its way (a new run or model starts): it must not land on what comes next. */
export function dropPendingSummary(): void {
  summarySeq++;
}
