/**
 * The twin's per-frame machinery, outside React (STYLE example 2): it owns the three.js objects
 * built for one model and, in `frame()`, reads the latest rows and stores with getState(), moves
 * liquids (liquids.ts), dashes, rotors, warning pads (pads.ts) and the selection and hover outlines
 * (outlines.ts), places labels (labels.ts), and answers picking and the hover tooltip (tooltip.ts).
 * Every buffer it touches per frame is allocated once, with the model; a frame allocates nothing.
 */
import {
  BoxGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  Quaternion,
  Ray,
  Raycaster,
  Vector2,
  Vector3,
  GridHelper,
  type BufferGeometry,
  type Camera,
  type InstancedMesh,
  type ShaderMaterial,
} from 'three';
import { scaleFor, type Scale } from '../state/colorScale.ts';
import { isOverflowing, mainPort, readSource, valueSource, type PlantIndex, type ValueSource } from '../state/plantIndex.ts';
import { rows, runStore } from '../state/runStore.ts';
import { viewStore, type Layers } from '../state/viewStore.ts';
import type { PlantBuild } from './build.ts';
import { DASH_PERIOD, dashSpeed, flowMaterial } from './pipes.ts';
import { bakeColors } from './sink.ts';
import { CameraRig } from './camera.ts';
import { pickPlacement } from './picking.ts';
import { Outlines } from './outlines.ts';
import { FLAG_ALARM, FLAG_WARN, LabelLayer, type LabelTexts } from './labels.ts';
import { instancedMesh } from './instanced.ts';
import { LiquidLayer } from './liquids.ts';
import { Tooltip } from './tooltip.ts';
import { WarningPads } from './pads.ts';

export type { LabelTexts } from './labels.ts';

/** Minimum wall time between two reads of the latest rows: data arrives at ~10 Hz at most. */
const DATA_MS = 100;


export class TwinRuntime {
  readonly root = new Group();
  readonly index: PlantIndex;
  readonly build: PlantBuild;
  readonly n: number;
  /** presets, flights and the user's own view */
  readonly camera: CameraRig;
  /** the units' HTML labels: values, priority placement without overlap */
  readonly labels: LabelLayer;

  // ---- three objects ----
  // unlit materials: shading is baked into vertex colours (sink.ts bakeColors)
  readonly #staticMat = new MeshBasicMaterial({ vertexColors: true });
  readonly #rotorMat = new MeshBasicMaterial({ vertexColors: true });
  readonly #edgeMat = new LineBasicMaterial({ color: 0x7c838a });
  readonly #pipeMats: ShaderMaterial[] = [];
  readonly #pipeMeshes: Mesh[] = [];
  readonly #geos: BufferGeometry[] = [];
  readonly liquids: LiquidLayer;
  readonly #rotors: InstancedMesh | null;
  readonly #pads: WarningPads;
  readonly #outlines: Outlines;
  readonly #grid: GridHelper;

  // ---- per-unit and per-pipe state ----
  /** mapped value per unit (NaN unknown) */
  readonly values: Float64Array;
  readonly #sources: ValueSource[] = [];
  readonly #flags: Uint8Array;
  readonly #speeds: Float32Array;
  readonly #phases: Float32Array;
  readonly #flowing: Uint8Array;
  readonly #rotorAngle: Float32Array;
  #scale: Scale | null = null;
  #colorBy = '';
  #lastTotal = -1;
  #lastData = -Infinity;
  #dataDirty = true;
  #alarms: Record<string, string> = {};

  // ---- labels and tooltip: their words, in the current language ----
  texts: LabelTexts | null = null;
  readonly tooltip = new Tooltip();

  // ---- camera ----
  // float64 like the matrix it is compared with: a float32 copy never equals it, and the labels would be laid out every frame
  readonly #lastCam = new Float64Array(16);
  #lastW = 0;
  #lastH = 0;

  // ---- pointer ----
  readonly pointer = { x: 0, y: 0, inside: false, moved: false };
  hovered = -1;

  // ---- scratch (no allocation per frame) ----
  readonly #m = new Matrix4();
  readonly #v = new Vector3();
  readonly #s = new Vector3();
  readonly #q = new Quaternion();
  readonly #ray = new Raycaster();
  readonly #ndc = new Vector2();
  readonly #localRay = new Ray();
  readonly #up = new Vector3(0, 1, 0);

  /** frames drawn, for the test probe's fps figure */
  frames = 0;
  /** the rendering camera, for picking from DOM events */
  cameraRef: Camera | null = null;
  /** latest mean of a channel (for tooltips built outside the frame loop) */
  readonly latest = (channel: number): number => rows.latest(channel);

  constructor(index: PlantIndex, build: PlantBuild) {
    this.index = index;
    this.build = build;
    this.camera = new CameraRig(build);
    this.labels = new LabelLayer(build);
    const n = (this.n = index.units.length);
    this.values = new Float64Array(n).fill(NaN);
    this.#flags = new Uint8Array(n);
    this.#speeds = new Float32Array(index.streams.length);
    this.#flowing = new Uint8Array(index.streams.length);
    this.#phases = new Float32Array(index.streams.length);
    this.#rotorAngle = Float32Array.from(build.rotors, (_, k) => (k * 1.3) % (2 * Math.PI));

    if (build.staticGeometry) {
      const m = new Mesh(build.staticGeometry, this.#staticMat);
      m.matrixAutoUpdate = false;
      this.root.add(m);
      this.#geos.push(build.staticGeometry);
    }
    if (build.edges) {
      // crisp outlines make grey-on-grey equipment readable, for one more draw call
      const e = new LineSegments(build.edges, this.#edgeMat);
      e.matrixAutoUpdate = false;
      this.root.add(e);
      this.#geos.push(build.edges);
    }
    for (const b of build.pipes) {
      const mat = flowMaterial();
      const mesh = new Mesh(b.geometry, mat);
      mesh.matrixAutoUpdate = false;
      this.#pipeMats.push(mat);
      this.#pipeMeshes.push(mesh);
      this.#geos.push(b.geometry);
      this.root.add(mesh);
    }

    this.liquids = new LiquidLayer(this.root, index, build);
    const rotorGeo = this.#geo(new BoxGeometry(1, 1, 1));
    bakeColors(rotorGeo, 0x5f676f);
    this.#rotors = instancedMesh(this.root, rotorGeo, this.#rotorMat, build.rotors.length, false);
    this.#pads = new WarningPads(this.root, build.placements);

    this.#outlines = new Outlines(this.root, build.placements);

    const b = build.bounds;
    // the grid covers the ground slab (bounds + 8 m), on whole 5 m lines
    const size = Math.ceil((Math.max(b.x1 - b.x0, b.z1 - b.z0) + 16) / 10) * 10;
    this.#grid = new GridHelper(size, size / 5, 0xbcc0c4, 0xc4c8cb);
    this.#grid.position.set(Math.round((b.x0 + b.x1) / 20) * 10, 0.005, Math.round((b.z0 + b.z1) / 20) * 10);
    this.root.add(this.#grid);

    this.liquids.place(this.values, this.#scale, true);
    this.#placeRotors();
  }

  #geo<T extends BufferGeometry>(g: T): T {
    this.#geos.push(g);
    return g;
  }

  dispose(): void {
    // detached first: a frame drawn before React swaps runtimes must not re-upload what is freed here
    this.root.removeFromParent();
    this.root.clear();
    this.disposed = true;
    for (const g of this.#geos) g.dispose();
    this.liquids.dispose();
    this.#pads.dispose();
    this.#outlines.dispose();
    for (const m of [this.#staticMat, this.#edgeMat, this.#rotorMat, ...this.#pipeMats]) m.dispose();
    this.#grid.geometry.dispose();
    (this.#grid.material as LineBasicMaterial).dispose();
    this.#rotors?.dispose();
  }

  /** Called by the labels layer after it rendered (or re-rendered in another language). */
  setLabels(els: (HTMLElement | null)[]): void {
    this.labels.attach(els);
    this.#dataDirty = true;
    // React committed new label elements after the frame its store change asked for: they need one of their own
    this.requestFrame();
  }

  // ======================= per frame =======================

  disposed = false;
  /**
   * The canvas draws on demand: a frame is asked for by whatever changes the picture (a store, the
   * pointer, the controls) and by a frame that is not finished moving (see `animating`). Set by the view.
   */
  requestFrame: () => void = () => {};
  /** the last frame left something moving: a run, a flashing pad, a camera flight or glide, data or labels still to place */
  animating = true;
  #flagged = 0;
  #layers: object | null = null;

  frame(camera: Camera, width: number, height: number, t: number, dt: number, controls: { target: Vector3 } | null): void {
    if (this.disposed) return;
    this.frames++;
    const view = viewStore.getState();
    const run = runStore.getState();
    const running = run.status === 'running';
    const layers = view.layers;

    // data: at most every DATA_MS, and only when rows or the mapping changed
    if (view.colorBy !== this.#colorBy) this.#setColorBy(view.colorBy);
    if (layers !== this.#layers) {
      // labels on or off, values on labels: placed and filled again
      this.#layers = layers;
      this.labels.dirty = true;
      this.#dataDirty = true;
    }
    if (run.alarmsByUnit !== this.#alarms) {
      this.#alarms = run.alarmsByUnit;
      this.#dataDirty = true;
    }
    const now = performance.now();
    if ((this.#dataDirty || rows.total !== this.#lastTotal) && now - this.#lastData >= DATA_MS) {
      this.#lastData = now;
      this.#lastTotal = rows.total;
      this.#dataDirty = false;
      this.#readData(layers);
    }

    // flow dashes: phases advance only while simulated time advances
    const clamped = Math.min(dt, 0.1);
    for (let b = 0; b < this.#pipeMats.length; b++) {
      const mat = this.#pipeMats[b] as ShaderMaterial;
      const u = (mat.uniforms.uPipe as { value: Float32Array }).value;
      const streams = this.build.pipes[b]?.streams ?? [];
      for (let k = 0; k < streams.length; k++) {
        const s = streams[k] as number;
        if (running) this.#phases[s] = ((this.#phases[s] ?? 0) + (this.#speeds[s] ?? 0) * clamped) % DASH_PERIOD;
        u[2 * k] = this.#phases[s] ?? 0;
        u[2 * k + 1] = layers.flow && this.#flowing[s] ? 1 : 0;
      }
      (this.#pipeMeshes[b] as Mesh).visible = layers.pipes;
    }
    this.#grid.visible = layers.grid;

    if (running && this.#rotors) {
      for (let k = 0; k < this.build.rotors.length; k++) this.#rotorAngle[k] = ((this.#rotorAngle[k] ?? 0) + (this.build.rotors[k]?.spec.omega ?? 0) * clamped) % (2 * Math.PI);
      this.#placeRotors();
    }

    this.#pads.pulse(t);

    this.#selection(view.selected);
    this.camera.update(camera, view.camera, controls, dt, width, height);

    const cam = camera.matrixWorld.elements;
    let moved = width !== this.#lastW || height !== this.#lastH;
    for (let k = 0; k < 16 && !moved; k++) if (this.#lastCam[k] !== cam[k]) moved = true;
    if (moved || this.labels.dirty) {
      this.#lastCam.set(cam);
      this.#lastW = width;
      this.#lastH = height;
      this.labels.layout(camera, width, height, layers.labels, view.selected === null ? -1 : (this.index.unitIndex.get(view.selected) ?? -1), this.#flags);
    }
    if (this.pointer.moved) {
      this.pointer.moved = false;
      this.#hover(camera, width, height);
    }
    const dataPending = this.#dataDirty || rows.total !== this.#lastTotal;
    this.animating = running || this.#flagged > 0 || this.camera.settling || moved || dataPending || this.labels.dirty;
  }

  #setColorBy(v: string): void {
    this.#colorBy = v;
    this.#scale = v === 'none' ? null : scaleFor(v, this.index.standard);
    this.#sources.length = 0;
    for (let i = 0; i < this.n; i++) this.#sources.push(v === 'none' ? { kind: 'none' } : valueSource(this.index, i, v));
    this.#dataDirty = true;
  }

  #readData(layers: Layers): void {
    const idx = this.index;
    for (let i = 0; i < this.n; i++) this.values[i] = readSource(this.#sources[i] ?? { kind: 'none' }, rows);
    this.liquids.place(this.values, this.#scale);
    for (let s = 0; s < idx.streams.length; s++) {
      const ch = idx.streams[s]?.flow ?? -1;
      const q = ch >= 0 ? rows.latest(ch) : NaN;
      this.#speeds[s] = dashSpeed(q);
      this.#flowing[s] = q > 1e-6 ? 1 : 0;
    }
    // warnings: an overflowing tank (amber), and whatever the alarm system reports (red/amber)
    let padsChanged = false;
    let flagged = 0;
    for (let i = 0; i < this.n; i++) {
      const id = idx.units[i]?.id ?? '';
      const a = this.#alarms[id];
      const f = a === 'alarm' ? FLAG_ALARM : a === 'warning' || isOverflowing(idx, i, rows) ? FLAG_WARN : 0;
      if (f !== 0) flagged++;
      if (f !== this.#flags[i]) {
        this.#flags[i] = f;
        padsChanged = true;
        this.#pads.set(i, f);
        this.labels.dirty = true;
      }
    }
    this.#flagged = flagged;
    if (padsChanged) this.#pads.commit();
    this.labels.showValues(layers.values, this.values, this.texts, this.#colorBy);
    this.tooltip.invalidate();
    this.#updateTooltip();
  }

  #placeRotors(): void {
    const mesh = this.#rotors;
    if (!mesh) return;
    for (let k = 0; k < this.build.rotors.length; k++) {
      const r = this.build.rotors[k];
      if (!r) continue;
      this.#q.setFromAxisAngle(this.#up, r.rot + (this.#rotorAngle[k] ?? 0));
      this.#s.set(r.spec.len, r.spec.h, r.spec.w);
      mesh.setMatrixAt(k, this.#m.compose(r.pos, this.#q, this.#s));
    }
    mesh.instanceMatrix.needsUpdate = true;
  }

  #selection(selected: string | null): void {
    const i = selected === null ? -1 : this.index.unitIndex.get(selected) ?? -1;
    // the selected unit's label goes first
    if (this.#outlines.select(i)) this.labels.dirty = true;
  }

  // ======================= picking =======================

  /** Unit under normalised device coordinates (−1…1), or −1. */
  pick(camera: Camera, ndcX: number, ndcY: number): number {
    this.#ray.setFromCamera(this.#ndc.set(ndcX, ndcY), camera);
    return pickPlacement(this.#ray.ray, this.build.placements, this.#localRay);
  }

  #hover(camera: Camera, width: number, height: number): void {
    const i = this.pointer.inside && width > 0 ? this.pick(camera, (this.pointer.x / width) * 2 - 1, 1 - (this.pointer.y / height) * 2) : -1;
    if (i !== this.hovered) {
      this.hovered = i;
      this.#outlines.hover(i);
      viewStore.getState().hover(i >= 0 ? (this.index.units[i]?.id ?? null) : null);
      this.#updateTooltip();
    }
    if (i >= 0) this.tooltip.moveTo(this.pointer.x, this.pointer.y, width, height);
  }

  #updateTooltip(): void {
    const i = this.hovered;
    this.tooltip.show(i, this.texts, this.values[i] ?? NaN, this.#colorBy);
  }

  /** Screen position (CSS px in the canvas) of unit i's body centre, or null when behind the camera. */
  project(camera: Camera, i: number, width: number, height: number): { x: number; y: number } | null {
    const p = this.build.placements[i];
    if (!p) return null;
    this.#v.set(p.x, p.eq.height * 0.5, p.z).project(camera);
    if (this.#v.z > 1) return null;
    return { x: ((this.#v.x + 1) / 2) * width, y: ((1 - this.#v.y) / 2) * height };
  }

  /** Screen point (CSS px) on the top surface of unit i's first liquid, for reading its colour back. */
  liquidSpot(camera: Camera, i: number, width: number, height: number): { x: number; y: number } | null {
    return this.liquids.spot(camera, i, width, height);
  }

  /** Units flagged now (for the test probe and the alarm list): 1 warning, 2 alarm. */
  flagOf(i: number): number {
    return this.#flags[i] ?? 0;
  }

  get mappedScale(): Scale | null {
    return this.#scale;
  }

  /** The port a unit's value is read at, for tooltips. */
  portOf(i: number): string | undefined {
    const u = this.index.units[i];
    return u ? mainPort(u) : undefined;
  }
}
