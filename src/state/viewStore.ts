/**
 * What the operator is looking at: the selected unit, the variable mapped onto the liquid, which
 * layers of the twin are drawn, and camera requests. The 3D scene reads it with getState() in its
 * frame loop; panels bind to it with useStore.
 */
import { createStore } from 'zustand/vanilla';
import type { TimeWindow } from '../engine/export.ts';

export interface Layers {
  labels: boolean;
  /** live value under each label */
  values: boolean;
  pipes: boolean;
  /** moving dashes along pipes */
  flow: boolean;
  grid: boolean;
}

/** `overview`, or `line:<line id>` to frame one treatment line. */
export type CameraPreset = string;

export interface ViewState {
  selected: string | null;
  /** unit under the pointer in the 3D view (for the tree's highlight) */
  hovered: string | null;
  /** `none`, `pH`, `ORP` or a measure id such as `Ni_total` */
  colorBy: string;
  layers: Layers;
  /** a new `seq` asks the camera to fly to `preset` */
  camera: { preset: CameraPreset; seq: number };
  /**
   * The time window every trend shows, s of simulated time from the start; null for the whole run. It stays
   * when another unit is selected, so an upset can be followed from unit to unit.
   */
  trendWindow: TrendWindow | null;
  select(id: string | null): void;
  hover(id: string | null): void;
  setColorBy(v: string): void;
  setLayer(name: keyof Layers, on: boolean): void;
  flyTo(preset: CameraPreset): void;
  setTrendWindow(w: TrendWindow | null): void;
}

/** the span of the run the trends show, s */
export type TrendWindow = TimeWindow;

export const DEFAULT_LAYERS: Layers = { labels: true, values: true, pipes: true, flow: true, grid: true };

export const viewStore = createStore<ViewState>()((set, get) => ({
  selected: null,
  hovered: null,
  // The first thing a park engineer asks of the twin: where is the nickel?
  colorBy: 'Ni_total',
  layers: { ...DEFAULT_LAYERS },
  camera: { preset: 'overview', seq: 0 },
  trendWindow: null,
  select(id) {
    if (get().selected !== id) set({ selected: id });
  },
  hover(id) {
    if (get().hovered !== id) set({ hovered: id });
  },
  setColorBy(v) {
    set({ colorBy: v });
  },
  setLayer(name, on) {
    set({ layers: { ...get().layers, [name]: on } });
  },
  flyTo(preset) {
    set({ camera: { preset, seq: get().camera.seq + 1 } });
  },
  setTrendWindow(w) {
    set({ trendWindow: w !== null && w.to_s > w.from_s ? { ...w } : null });
  },
}));
