/** Units in warning or alarm now: the engine's alarms (`alarmsByUnit`) and tanks spilling over. */
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { isOverflowing } from '../state/plantIndex.ts';
import { rows, runStore, type AlarmLevel } from '../state/runStore.ts';
import { useLive } from './useLive.ts';

export interface ActiveWarning {
  unit: string;
  level: AlarmLevel;
  kind: 'overflow' | 'alarm';
  /** simulated time the condition began (as far back as the held rows reach), NaN when unknown */
  since_s: number;
}

let scratch = new Float32Array(0);
let scratchT = new Float64Array(0);

/** Start of the current overflow episode: walk back through the held rows while any overflow ran. */
function overflowSince(channels: readonly number[]): number {
  if (rows.size === 0) return NaN;
  if (scratch.length < rows.capacity) {
    scratch = new Float32Array(rows.capacity);
    scratchT = new Float64Array(rows.capacity);
  }
  const n = rows.size;
  const t = rows.times(scratchT);
  let first = n;
  const running = new Uint8Array(n);
  for (const c of channels) {
    const a = rows.series(c, 'max', scratch);
    for (let k = 0; k < n; k++) if ((a[k] ?? 0) > 1e-9) running[k] = 1;
  }
  while (first > 0 && running[first - 1]) first--;
  if (first === n) return NaN;
  // the row's time is the end of its interval; the episode began within the interval before
  return (first > 0 ? t[first - 1] : t[0]) ?? NaN;
}

export function useWarnings(): ActiveWarning[] {
  const index = useStore(modelStore, (s) => s.index);
  const alarms = useStore(runStore, (s) => s.alarmsByUnit);
  return useLive(
    () => {
      const out: ActiveWarning[] = [];
      if (!index) return out;
      index.units.forEach((u, i) => {
        const a = alarms[u.id];
        if (a) out.push({ unit: u.id, level: a, kind: 'alarm', since_s: NaN });
        else if (isOverflowing(index, i, rows)) out.push({ unit: u.id, level: 'warning', kind: 'overflow', since_s: overflowSince(index.overflow[i] ?? []) });
      });
      return out;
    },
    (a, b) => a.length === b.length && a.every((w, i) => w.unit === b[i]?.unit && w.level === b[i]?.level && w.kind === b[i]?.kind && Object.is(w.since_s, b[i]?.since_s)),
    300,
    [index, alarms],
  );
}
