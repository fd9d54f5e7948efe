/**
 * What the operator is looking at: the selected unit, the variable mapped onto the liquid, which
 * layers of the twin are drawn, and camera requests. The 3D scene reads it with getState() in its
 * frame loop; panels bind to it with useStore.
 */
import { createStore } from 'zustand/vanilla';

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
  select(id: string | null): void;
  hover(id: string | null): void;
  setColorBy(v: string): void;
  setLayer(name: keyof Layers, on: boolean): void;
  flyTo(preset: CameraPreset): void;
}

export const DEFAULT_LAYERS: Layers = { labels: true, values: true, pipes: true, flow: true, grid: true };

export const viewStore = createStore<ViewState>()((set, get) => ({
  selected: null,
  hovered: null,
  // The first thing a park engineer asks of the twin: where is the nickel?
  colorBy: 'Ni_total',
  layers: { ...DEFAULT_LAYERS },
  camera: { preset: 'overview', seq: 0 },
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
}));
