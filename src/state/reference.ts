/**
 * A reference run: the run as it stood when the engineer kept it (every channel's trend, and its summary), drawn
 * beside the runs that follow on the same model — before and after a change of set-point, size or reagent, on
 * one chart. Kept until dropped or another model file is loaded; a design change or a scenario rebuilds the
 * plant from the same file, so the reference stays for exactly that comparison. It is kept in this browser too
 * (IndexedDB), so a reload on the same model file finds it again.
 */
import { del, get, set } from 'idb-keyval';
import { createStore } from 'zustand/vanilla';
import type { ChannelInfo, RunSummary } from '../engine/api.ts';
import type { LatestReader } from './plantIndex.ts';
import { browserDb } from './browserDb.ts';
import { modelStore } from './modelStore.ts';
import { history, runStore } from './runStore.ts';

export interface ReferenceRun {
  /** the model file it ran on */
  file: string;
  /** what it was: the scenario and design changes it ran with, as the app words them */
  label: string;
  /** how far it had run, s */
  t_s: number;
  /** end of each stored interval, s from the run's start */
  ends_s: Float64Array;
  /** each channel's interval means, by channel id */
  mean: ReadonlyMap<string, Float32Array>;
  summary: RunSummary | null;
}

export interface ReferenceState {
  ref: ReferenceRun | null;
  /** the reference is written to this browser's IndexedDB: a reload finds it */
  stored: boolean;
}

export const referenceStore = createStore<ReferenceState>()(() => ({ ref: null, stored: false }));

const { attempt } = browserDb('platingtwin-reference', 'runs');
const KEY = 'reference';

const isReference = (v: unknown): v is ReferenceRun =>
  typeof v === 'object' && v !== null && typeof (v as ReferenceRun).file === 'string' && typeof (v as ReferenceRun).label === 'string' &&
  typeof (v as ReferenceRun).t_s === 'number' && (v as ReferenceRun).ends_s instanceof Float64Array && (v as ReferenceRun).mean instanceof Map;

/**
 * The reference kept in this browser, if any (once, at start-up): shown when the model loaded is its file, or
 * before any has loaded (the load then drops it if the file differs); forgotten when another model is loaded.
 */
export async function initReference(): Promise<void> {
  const kept = await attempt((store) => get<unknown>(KEY, store));
  if (!isReference(kept) || referenceStore.getState().ref !== null) return;
  const file = modelStore.getState().info?.file;
  if (file !== undefined && file !== kept.file) await attempt((store) => del(KEY, store));
  else referenceStore.setState({ ref: kept, stored: true });
}

/** Keeps the run so far as the reference (replacing one kept before); false when nothing has run yet. */
export function keepReference(label: string): boolean {
  const info = modelStore.getState().info;
  if (info === null || history.size === 0) return false;
  const mean = new Map<string, Float32Array>();
  info.channels.forEach((c, i) => mean.set(c.id, history.series(i, 'mean')));
  const { t_s, summary } = runStore.getState();
  const ref: ReferenceRun = { file: info.file, label, t_s, ends_s: history.times(), mean, summary };
  referenceStore.setState({ ref, stored: false });
  void attempt(async (store) => {
    await set(KEY, ref, store);
    if (referenceStore.getState().ref === ref) referenceStore.setState({ stored: true });
  });
  return true;
}

export function dropReference(): void {
  if (referenceStore.getState().ref === null) return;
  referenceStore.setState({ ref: null, stored: false });
  void attempt((store) => del(KEY, store));
}

/** Drops a reference run on another model file than `file`. */
export function dropReferenceUnlessOn(file: string): void {
  const ref = referenceStore.getState().ref;
  if (ref !== null && ref.file !== file) dropReference();
}

/**
 * The reference run's last interval, read like the live rows (plantIndex.ts' LatestReader) for the channels of
 * `channels` (the loaded model's): what a profile shows of the run as it ended; NaN for a channel it did not record.
 */
export function referenceLatest(ref: ReferenceRun, channels: readonly ChannelInfo[]): LatestReader {
  return {
    total: ref.ends_s.length,
    latest: (c) => {
      const mean = ref.mean.get(channels[c]?.id ?? '');
      return mean === undefined || mean.length === 0 ? NaN : mean[mean.length - 1]!;
    },
  };
}

/**
 * The reference's mean of channel `id` at each of the `n` interval ends `ends_s` (s from the run's start, plus
 * `offset_s` as a chart's axis has them), linear between the reference's own interval ends; null outside the
 * time it ran, or where it did not record that channel.
 */
export function referenceAt(ref: ReferenceRun, id: string, ends_s: ArrayLike<number>, n: number, offset_s = 0): (number | null)[] | null {
  const mean = ref.mean.get(id);
  if (mean === undefined) return null;
  const t = ref.ends_s, m = t.length;
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  if (m === 0) return out;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const x = ends_s[k]! - offset_s;
    if (x < t[0]! || x > t[m - 1]!) continue;
    while (j < m - 2 && t[j + 1]! < x) j++;
    const t0 = t[j]!, t1 = t[Math.min(j + 1, m - 1)]!;
    const a = mean[j]!, b = mean[Math.min(j + 1, m - 1)]!;
    out[k] = t1 > t0 ? a + ((b - a) * (x - t0)) / (t1 - t0) : a;
  }
  return out;
}
