/**
 * Turns a model into what the GPU draws, once per model: one merged mesh of static equipment,
 * pipe batches with the flow shader's attributes, and instance tables for liquids, rotors and
 * warning pads. Nothing here runs per frame.
 */
import { EdgesGeometry, Matrix4, Quaternion, Vector3, type BufferGeometry } from 'three';
import type { PlantIndex } from '../state/plantIndex.ts';
import { buildEquipment, type Equipment, type LiquidSpec, type RotorSpec } from './equipment.ts';
import { pipeGeometry, PIPES_PER_BATCH, routePipe, type PipePath } from './pipes.ts';
import { GeometrySink } from './sink.ts';

export interface Placement {
  x: number;
  z: number;
  /** rad about +y */
  rot: number;
  cos: number;
  sin: number;
  eq: Equipment;
}

const FOOT_Q = new Quaternion();
const FOOT_S = new Vector3();
const FOOT_V = new Vector3();

/** `out` := unit p's footprint box (its equipment's plan grown by `margin`), `h` high, placed and turned; for a unit box. */
export function footprintMatrix(p: Placement, margin: number, h: number, out: Matrix4): Matrix4 {
  const e = p.eq;
  FOOT_Q.setFromAxisAngle(UP, p.rot);
  FOOT_S.set(e.x1 - e.x0 + 2 * margin, h, e.z1 - e.z0 + 2 * margin);
  const cx = (e.x0 + e.x1) / 2;
  const cz = (e.z0 + e.z1) / 2;
  FOOT_V.set(p.x + cx * p.cos + cz * p.sin, 0, p.z - cx * p.sin + cz * p.cos);
  return out.compose(FOOT_V, FOOT_Q, FOOT_S);
}

export interface LiquidInstance {
  unit: number;
  spec: LiquidSpec;
  /** world position of the liquid's floor centre and the unit's turn */
  pos: Vector3;
  quat: Quaternion;
}

export interface RotorInstance {
  unit: number;
  spec: RotorSpec;
  pos: Vector3;
  /** the unit's turn, rad */
  rot: number;
}

export interface PipeBatch {
  geometry: BufferGeometry;
  /** stream index (into PlantIndex.streams) of each pipe in the batch */
  streams: number[];
}

export interface PlantBuild {
  placements: Placement[];
  staticGeometry: BufferGeometry | null;
  /** outlines of the equipment (not of the ground) */
  edges: BufferGeometry | null;
  pipes: PipeBatch[];
  boxLiquids: LiquidInstance[];
  cylLiquids: LiquidInstance[];
  rotors: RotorInstance[];
  /** world bounds of all equipment (x, z) and the tallest top */
  bounds: { x0: number; x1: number; z0: number; z1: number; top: number };
  /** label anchor per unit, world (x, y, z) */
  anchors: Float32Array;
  /** unit indices by line, for camera presets */
  lines: Map<string, number[]>;
}

const UP = new Vector3(0, 1, 0);

/** Room each unit may take: half the distance to its nearest neighbour, less a margin for pipes. */
function rooms(index: PlantIndex): number[] {
  const us = index.units;
  return us.map((u, i) => {
    let d = Infinity;
    us.forEach((v, j) => {
      if (j !== i) d = Math.min(d, Math.hypot(u.layout.x - v.layout.x, u.layout.z - v.layout.z));
    });
    return Math.max(1.8, Math.min(14, Number.isFinite(d) ? d / 2 - 0.8 : 10));
  });
}

export function toWorld(p: Placement, lx: number, ly: number, lz: number, out: Vector3): Vector3 {
  // three's Ry(θ): x' = x cos θ + z sin θ, z' = −x sin θ + z cos θ
  return out.set(p.x + lx * p.cos + lz * p.sin, ly, p.z - lx * p.sin + lz * p.cos);
}

export function buildPlant(index: PlantIndex): PlantBuild {
  const sink = new GeometrySink();
  const room = rooms(index);
  const placements: Placement[] = [];
  const boxLiquids: LiquidInstance[] = [];
  const cylLiquids: LiquidInstance[] = [];
  const rotors: RotorInstance[] = [];
  const bounds = { x0: Infinity, x1: -Infinity, z0: Infinity, z1: -Infinity, top: 0 };
  const anchors = new Float32Array(index.units.length * 3);
  const lines = new Map<string, number[]>();
  const q = new Quaternion();
  const v = new Vector3();

  index.units.forEach((u, i) => {
    // Model rotations are in degrees, as a person writing a layout thinks of them.
    const rot = ((u.layout.rotation ?? 0) * Math.PI) / 180;
    q.setFromAxisAngle(UP, rot);
    sink.base = new Matrix4().compose(new Vector3(u.layout.x, 0, u.layout.z), q, new Vector3(1, 1, 1));
    const eq = buildEquipment(sink, u, room[i] ?? 6);
    const p: Placement = { x: u.layout.x, z: u.layout.z, rot, cos: Math.cos(rot), sin: Math.sin(rot), eq };
    placements.push(p);
    for (const [lx, lz] of [[eq.x0, eq.z0], [eq.x1, eq.z0], [eq.x0, eq.z1], [eq.x1, eq.z1]] as const) {
      toWorld(p, lx, 0, lz, v);
      bounds.x0 = Math.min(bounds.x0, v.x);
      bounds.x1 = Math.max(bounds.x1, v.x);
      bounds.z0 = Math.min(bounds.z0, v.z);
      bounds.z1 = Math.max(bounds.z1, v.z);
    }
    bounds.top = Math.max(bounds.top, eq.height);
    toWorld(p, 0, eq.height + 0.6, 0, v);
    anchors.set([v.x, v.y, v.z], i * 3);
    for (const spec of eq.liquids) {
      const inst: LiquidInstance = { unit: i, spec, pos: toWorld(p, spec.x, spec.y0, spec.z, new Vector3()), quat: q.clone() };
      (spec.shape === 'cyl' ? cylLiquids : boxLiquids).push(inst);
    }
    for (const spec of eq.rotors) rotors.push({ unit: i, spec, pos: toWorld(p, spec.x, spec.y, spec.z, new Vector3()), rot });
    const list = lines.get(u.line);
    if (list) list.push(i);
    else lines.set(u.line, [i]);
  });
  if (!Number.isFinite(bounds.x0)) Object.assign(bounds, { x0: -10, x1: 10, z0: -10, z1: 10 });

  const { all: staticGeometry, outlined } = sink.merge();
  // Outlines of the larger equipment. There is no ground mesh: the canvas is cleared to the
  // ground's grey and the grid marks the slab, which saves filling the whole screen once more per frame.
  const edges = outlined ? new EdgesGeometry(outlined, 35) : null;
  outlined?.dispose();
  return { placements, staticGeometry, edges, pipes: buildPipes(index, placements, bounds.top), boxLiquids, cylLiquids, rotors, bounds, anchors, lines };
}

function buildPipes(index: PlantIndex, placements: Placement[], top: number): PipeBatch[] {
  const paths: PipePath[] = [];
  const ids: number[] = [];
  const rack = Math.max(6, top + 0.8);
  const p0 = new Vector3();
  const q0 = new Vector3();
  index.streams.forEach((s, k) => {
    const a = placements[s.from];
    const b = placements[s.to];
    if (!a || !b) return;
    const out = a.eq.outputs[s.info.from.port] ?? { x: a.eq.x1, y: 0.6, z: 0 };
    const inp = b.eq.input;
    toWorld(a, out.x, out.y, out.z, p0);
    toWorld(b, inp.x, inp.y, inp.z, q0);
    const n0 = new Vector3(a.cos, 0, -a.sin);
    const n1 = new Vector3(-b.cos, 0, b.sin);
    const overflow = s.info.from.port === 'overflow';
    const pts = routePipe(p0.clone(), n0, q0.clone(), n1, overflow ? 1.5 : 0.45, overflow ? 0.9 : 0, rack);
    paths.push({ points: pts, radius: overflow || s.info.tear ? 0.12 : 0.16 });
    ids.push(k);
  });
  const batches: PipeBatch[] = [];
  for (let i = 0; i < paths.length; i += PIPES_PER_BATCH) {
    const geometry = pipeGeometry(paths.slice(i, i + PIPES_PER_BATCH));
    if (geometry) batches.push({ geometry, streams: ids.slice(i, i + PIPES_PER_BATCH) });
  }
  return batches;
}

