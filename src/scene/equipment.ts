/**
 * Each unit type drawn as recognisable equipment, in the unit's own frame: flow enters on −x and
 * leaves on +x, y is up, the ground is y = 0. Sizes follow the unit's parameters where it has
 * them (volume and depth give a tank's plan area) and are clamped to the room the layout leaves.
 * A builder adds static parts to the sink and returns what moves: liquids (level and colour),
 * rotors (agitators, clarifier bridges), and where pipes attach.
 */
import type { UnitInfo } from '../engine/api.ts';
import { PAL, type GeometrySink } from './sink.ts';

export interface LiquidSpec {
  shape: 'box' | 'cyl';
  /** centre in the unit frame */
  x: number;
  z: number;
  /** plan size (box) or radius (cyl, in sx) */
  sx: number;
  sz: number;
  /** floor of the liquid and the height it has when full */
  y0: number;
  hMax: number;
  /** height from the unit's level channel, its fill channel, or a fixed fraction of hMax */
  mode: 'level' | 'fill' | 'fixed';
  frac: number;
}

export interface RotorSpec {
  x: number;
  y: number;
  z: number;
  /** a bar len × h × w turning about the vertical axis through its middle */
  len: number;
  h: number;
  w: number;
  /** rad/s of display time while the simulation runs */
  omega: number;
}

export interface Port {
  x: number;
  y: number;
  z: number;
}

export interface Equipment {
  /** extent in the unit frame: picking, pads, selection box */
  x0: number;
  x1: number;
  z0: number;
  z1: number;
  height: number;
  liquids: LiquidSpec[];
  rotors: RotorSpec[];
  input: Port;
  outputs: Record<string, Port>;
  /** drawn by the generic fallback (unknown type) */
  generic: boolean;
}

interface Ctx {
  s: GeometrySink;
  u: UnitInfo;
  /** the largest half-size the layout leaves this unit */
  room: number;
}

type Shape = Omit<Equipment, 'input' | 'outputs' | 'generic'> & { yIn: number; yOut: number; yTop: number };
type Builder = (c: Ctx) => Shape;

export function num(u: UnitInfo, name: string): number | undefined {
  const v = u.params[name]?.value;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Reagents dosed into a reactor: parameters whose value names a `reagent`. */
export function reagentsOf(u: UnitInfo): string[] {
  const out: string[] = [];
  for (const p of Object.values(u.params)) {
    const v = p.value;
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { reagent?: unknown }).reagent === 'string') out.push((v as { reagent: string }).reagent);
  }
  return out;
}

/** Plan size of a rectangular tank from volume and depth, aspect 3:2, within `maxHalf`. */
function rectPlan(u: UnitInfo, depth: number, fallbackArea: number, maxHalf: number, minSide = 2.4): [number, number] {
  const vol = num(u, 'volume_m3');
  const area = num(u, 'area_m2') ?? (vol !== undefined ? vol / depth : fallbackArea);
  let sx = Math.sqrt(area * 1.5);
  let sz = area / sx;
  const k = Math.min(1, (2 * maxHalf) / sx, (2 * maxHalf) / sz);
  sx = Math.max(minSide, sx * k);
  sz = Math.max(minSide * 0.7, sz * k);
  return [sx, sz];
}

function roundRadius(u: UnitInfo, depth: number, fallbackR: number, maxHalf: number): number {
  const d = num(u, 'diameter_m');
  const vol = num(u, 'volume_m3');
  const area = num(u, 'area_m2') ?? (vol !== undefined ? vol / depth : undefined);
  const r = d !== undefined ? d / 2 : area !== undefined ? Math.sqrt(area / Math.PI) : fallbackR;
  return Math.max(1.5, Math.min(r, maxHalf));
}

function shape(x0: number, x1: number, z0: number, z1: number, height: number, yIn: number, yOut: number, yTop: number, liquids: LiquidSpec[], rotors: RotorSpec[] = []): Shape {
  return { x0, x1, z0, z1, height, yIn, yOut, yTop, liquids, rotors };
}

/** Open rectangular concrete tank with coping, walkway and handrail; liquid follows the level. */
function concreteTank(c: Ctx, opts: { dark?: boolean; fallbackArea: number; depth?: number }): Shape {
  const { s, u } = c;
  const depth = opts.depth ?? num(u, 'depth_m') ?? 4;
  const [sx, sz] = rectPlan(u, depth, opts.fallbackArea, c.room - 0.6);
  const wall = 0.3;
  const top = depth + 0.5;
  s.rectWalls(0, 0, sx, sz, wall, 0, top, opts.dark ? PAL.concreteDark : PAL.concrete);
  // coping: a lighter cap on the wall tops reads as "concrete tank" from above
  s.rectWalls(0, 0, sx + 0.1, sz + 0.1, wall + 0.1, top, top + 0.08, PAL.coping);
  s.block(0, 0, sx, sz, 0, 0.1, PAL.concreteDark);
  // walkway grating across the tank with its handrail
  s.block(0, 0, 0.9, sz, top + 0.08, top + 0.16, PAL.grating);
  s.rail(-0.45, -sz / 2, -0.45, sz / 2, top + 0.16);
  // transfer pump on a plinth outside the outlet wall
  s.block(sx / 2 + 0.55, 0, 0.9, 0.7, 0, 0.25, PAL.concreteDark);
  s.hcyl(sx / 2 + 0.55, 0.55, 0, 0.22, 0.8, 'x', PAL.motor);
  if (opts.dark) {
    // an emergency tank's warning-stripe coping is drawn in grey: colour is kept for states
    s.rectWalls(0, 0, sx + 0.14, sz + 0.14, 0.12, top + 0.08, top + 0.14, PAL.steelDark);
  }
  const liquid: LiquidSpec = { shape: 'box', x: 0, z: 0, sx: sx - 2 * wall, sz: sz - 2 * wall, y0: 0.1, hMax: depth, mode: 'level', frac: 0.6 };
  return shape(-sx / 2, sx / 2 + 1.0, -sz / 2, sz / 2, top + 1.2, depth * 0.8, 0.55, depth + 0.3, [liquid]);
}

const influent: Builder = (c) => {
  const { s } = c;
  // the park's collection main arriving from the workshops, into a small sump
  s.hcyl(-4.2, 0.8, 0, 0.32, 5.6, 'x', PAL.steelDark);
  s.block(-6.6, 0, 0.7, 0.7, 0, 0.8, PAL.concreteDark);
  s.rectWalls(0, 0, 3.0, 3.0, 0.25, 0, 1.5, PAL.concrete);
  s.rectWalls(0, 0, 3.1, 3.1, 0.35, 1.5, 1.58, PAL.coping);
  s.block(0, 0, 3.0, 3.0, 0, 0.08, PAL.concreteDark);
  // inflow arrow above the pipe
  s.box(-4.6, 2.3, 0, 2.2, 0.22, 0.22, PAL.arrow);
  s.coneX(-3.0, 2.3, 0, 0.45, 1.1, PAL.arrow);
  const liquid: LiquidSpec = { shape: 'box', x: 0, z: 0, sx: 2.5, sz: 2.5, y0: 0.08, hMax: 1.2, mode: 'fixed', frac: 0.7 };
  return shape(-7, 1.5, -1.6, 1.6, 2.9, 0.8, 0.6, 1.3, [liquid]);
};

const equalization: Builder = (c) => concreteTank(c, { fallbackArea: 60 });
const emergencyTank: Builder = (c) => concreteTank(c, { dark: true, fallbackArea: 100 });

const junction = (splitter: boolean): Builder => (c) => {
  const { s, u } = c;
  const n = Math.max(1, u.outputs.length);
  const sz = splitter ? Math.max(1.8, 0.9 * n) : 1.8;
  s.rectWalls(0, 0, 1.8, sz, 0.2, 0, 1.4, PAL.concrete);
  s.block(0, 0, 1.8, sz, 0, 0.08, PAL.concreteDark);
  // chequer-plate cover over half of the box
  s.block(-0.45, 0, 0.9, sz, 1.4, 1.46, PAL.steel);
  if (splitter) for (let k = 1; k < n; k++) s.block(0.45, -sz / 2 + (k * sz) / n, 0.9, 0.06, 0.1, 1.1, PAL.steelDark);
  const liquid: LiquidSpec = { shape: 'box', x: 0.45, z: 0, sx: 0.7, sz: sz - 0.4, y0: 0.08, hMax: 1.1, mode: 'fixed', frac: 0.75 };
  return shape(-0.9, 0.9, -sz / 2, sz / 2, 1.5, 0.7, 0.7, 1.1, [liquid]);
};

const discharge: Builder = (c) => {
  const { s } = c;
  // measuring flume: an open channel with a throat, then the outfall pipe
  s.rectWalls(0, 0, 6, 1.4, 0.2, 0, 0.9, PAL.concrete);
  s.block(0, 0, 6, 1.4, 0, 0.08, PAL.concreteDark);
  s.block(0.4, -0.5, 0.8, 0.2, 0.08, 0.9, PAL.concrete);
  s.block(0.4, 0.5, 0.8, 0.2, 0.08, 0.9, PAL.concrete);
  s.hcyl(3.8, 0.45, 0, 0.35, 1.8, 'x', PAL.steelDark);
  s.block(4.9, 0, 0.4, 1.4, 0, 1.1, PAL.concreteDark);
  // online monitoring cabinet (在线监测) beside the flume, with its sample line
  s.block(0.8, 2.1, 2.2, 1.4, 0, 0.15, PAL.concreteDark);
  s.block(0.8, 2.1, 2.0, 1.2, 0.15, 2.4, PAL.cabinet);
  s.block(0.8, 2.1, 2.2, 1.4, 2.4, 2.55, PAL.steel);
  s.box(0.8, 1.6, 1.38, 1.1, 0.7, 0.04, PAL.glass);
  s.hcyl(0.8, 0.5, 1.1, 0.05, 0.9, 'z', PAL.steelDark);
  const liquid: LiquidSpec = { shape: 'box', x: 0, z: 0, sx: 5.6, sz: 1.0, y0: 0.08, hMax: 0.8, mode: 'fixed', frac: 0.5 };
  return shape(-3, 5.1, -0.7, 2.8, 2.6, 0.6, 0.5, 0.8, [liquid]);
};

/** Stirred reaction tank with a bridge-mounted agitator, probes and a dosing set per reagent. */
const reactor: Builder = (c) => {
  const { s, u } = c;
  const depth = num(u, 'depth_m') ?? 3;
  const reagents = reagentsOf(u);
  const nDose = reagents.length > 0 ? reagents.length : 2;
  const [sx, sz] = rectPlan(u, depth, 30, c.room - 1.6, 2.6);
  const wall = 0.25;
  const top = depth + 0.4;
  s.rectWalls(0, 0, sx, sz, wall, 0, top, PAL.frp);
  s.rectWalls(0, 0, sx + 0.08, sz + 0.08, wall + 0.08, top, top + 0.08, PAL.steelLight);
  s.block(0, 0, sx, sz, 0, 0.1, PAL.concreteDark);
  // agitator bridge, gearbox and motor
  s.block(0, 0, 0.5, sz + 0.2, top + 0.08, top + 0.3, PAL.steel);
  s.cyl(0, top + 0.3, 0, 0.35, 0.5, PAL.motor, 16);
  s.cyl(0, top + 0.8, 0, 0.25, 0.55, PAL.motor, 16);
  // pH / ORP probe holders near the outlet
  s.box(sx / 2 - 0.5, top + 0.2, -sz / 2 + 0.4, 0.06, 1.2, 0.06, PAL.steelDark);
  s.box(sx / 2 - 0.8, top + 0.2, -sz / 2 + 0.4, 0.06, 1.2, 0.06, PAL.steelDark);
  // dosing sets along the +z side (towards the default camera): a PE day tank and a metering pump per reagent
  const zRow = sz / 2 + 1.0;
  const step = Math.min(1.6, (sx + 1) / nDose);
  for (let k = 0; k < nDose; k++) {
    const x = -((nDose - 1) * step) / 2 + k * step;
    s.cyl(x, 0, zRow, 0.5, 1.5, PAL.frp, 16);
    s.cyl(x, 1.5, zRow, 0.5, 0.12, PAL.steelLight, 16, 0.3);
    s.block(x + 0.45, zRow - 0.55, 0.4, 0.3, 0, 0.35, PAL.motor);
    // dosing line up the tank wall
    s.box(x + 0.45, (0.35 + top) / 2, sz / 2 + 0.04, 0.05, top - 0.35, 0.05, PAL.steelDark);
  }
  const liquid: LiquidSpec = { shape: 'box', x: 0, z: 0, sx: sx - 2 * wall, sz: sz - 2 * wall, y0: 0.1, hMax: depth, mode: 'level', frac: 0.9 };
  const rotor: RotorSpec = { x: 0, y: top + 1.42, z: 0, len: 1.3, h: 0.1, w: 0.22, omega: 2.4 };
  return shape(-sx / 2, sx / 2, -sz / 2, zRow + 0.6, top + 1.5, depth * 0.75, 0.5, depth + 0.2, [liquid], [rotor]);
};

/** Round clarifier: ring wall, centre column, launder and a turning half bridge with rake. */
const clarifier: Builder = (c) => {
  const { s, u } = c;
  const depth = num(u, 'depth_m') ?? 3.5;
  const r = roundRadius(u, depth, 6, c.room - 0.4);
  const top = depth + 0.4;
  s.ringWall(0, 0, r - 0.3, r, 0, top, PAL.concrete);
  s.ringWall(0, 0, r - 0.35, r + 0.05, top, top + 0.06, PAL.coping);
  s.cyl(0, 0, 0, r - 0.3, 0.1, PAL.concreteDark, 40);
  // launder just inside the wall
  s.ringWall(0, 0, r - 0.9, r - 0.7, depth - 0.4, depth + 0.15, PAL.concreteDark);
  // centre column and feed well
  s.cyl(0, 0, 0, 0.45, top + 0.7, PAL.steel, 16);
  s.ringWall(0, 0, 0.9 * Math.min(1.5, r * 0.22) , Math.min(1.5, r * 0.22) + 0.08, depth - 1.2, depth + 0.25, PAL.steelLight, 24);
  const liquid: LiquidSpec = { shape: 'cyl', x: 0, z: 0, sx: r - 0.3, sz: r - 0.3, y0: 0.1, hMax: depth, mode: 'level', frac: 0.93 };
  const bridge: RotorSpec = { x: 0, y: top + 0.35, z: 0, len: 2 * r - 0.4, h: 0.35, w: 0.9, omega: 0.12 };
  return shape(-r, r, -r, r, top + 1.2, depth * 0.5, 0.6, depth + 0.2, [liquid], [bridge]);
};

/** Gravity thickener: a round steel tank on a conical bottom, standing on legs, with a slow bridge. */
const thickener: Builder = (c) => {
  const { s, u } = c;
  const r = roundRadius(u, 3, 3, c.room - 0.4);
  const legH = 1.2;
  const coneH = Math.max(1.2, r * 0.6);
  const body = num(u, 'depth_m') ?? 3;
  const y1 = legH + coneH;
  for (let k = 0; k < 4; k++) {
    const a = Math.PI / 4 + (k * Math.PI) / 2;
    s.box(Math.cos(a) * r * 0.75, (y1 + 0.3) / 2, Math.sin(a) * r * 0.75, 0.2, y1 + 0.3, 0.2, PAL.steelDark);
  }
  s.coneDown(0, legH, 0, r, coneH, PAL.steel, 32);
  s.ringWall(0, 0, r - 0.08, r, y1, y1 + body, PAL.steel, 40);
  s.cyl(0, y1, 0, r - 0.08, 0.05, PAL.steelDark, 32);
  s.hcyl(0, legH - 0.2, 0, 0.12, 1.2, 'x', PAL.steelDark);
  s.cyl(0, y1, 0, 0.3, body + 0.9, PAL.steelDark, 12);
  const liquid: LiquidSpec = { shape: 'cyl', x: 0, z: 0, sx: r - 0.1, sz: r - 0.1, y0: y1 + 0.05, hMax: body - 0.1, mode: 'level', frac: 0.9 };
  const bridge: RotorSpec = { x: 0, y: y1 + body + 0.3, z: 0, len: 2 * r, h: 0.25, w: 0.6, omega: 0.1 };
  return shape(-r, r, -r, r, y1 + body + 1, y1 + body * 0.7, legH - 0.2, y1 + body, [liquid], [bridge]);
};

/** A row of vertical pressure filters with domed heads on a pad, and a face manifold. */
const sandFilter: Builder = (c) => {
  const { s } = c;
  const n = 2;
  const r = 1.1;
  s.block(0, 0, 2 * n * r + 1.6, 3.2, 0, 0.2, PAL.concreteDark);
  for (let k = 0; k < n; k++) {
    const x = (k - (n - 1) / 2) * (2 * r + 0.6);
    s.cyl(x, 0.2, 0, r, 2.6, PAL.steel, 24);
    s.dome(x, 2.8, 0, r, PAL.steel, 0.45);
    s.dome(x, 0.2, 0, r * 0.98, PAL.steelDark, 0.05);
  }
  s.hcyl(0, 0.9, r + 0.35, 0.14, 2 * n * r + 1, 'x', PAL.steelDark);
  s.hcyl(0, 2.2, r + 0.35, 0.14, 2 * n * r + 1, 'x', PAL.steelDark);
  const hx = n * r + 0.8;
  const glass: LiquidSpec = { shape: 'box', x: 0, z: r + 0.62, sx: 0.5, sz: 0.08, y0: 0.5, hMax: 2.0, mode: 'fixed', frac: 0.85 };
  return shape(-hx, hx, -1.6, 1.6, 3.6, 0.9, 0.9, 2.2, [glass]);
};

/** Ultrafiltration skid: a frame holding a bank of vertical membrane modules and a break tank. */
const ultrafiltration: Builder = (c) => {
  const { s } = c;
  const L = 5;
  const W = 2.2;
  s.block(0, 0, L, W, 0, 0.2, PAL.steelDark);
  for (const [x, z] of [[-L / 2, -W / 2], [L / 2, -W / 2], [-L / 2, W / 2], [L / 2, W / 2]] as const) s.box(x, 1.3, z, 0.12, 2.2, 0.12, PAL.steelDark);
  s.block(0, -W / 2, L, 0.1, 2.3, 2.4, PAL.steelDark);
  s.block(0, W / 2, L, 0.1, 2.3, 2.4, PAL.steelDark);
  for (let row = 0; row < 2; row++) for (let k = 0; k < 8; k++) s.cyl(-L / 2 + 0.5 + k * 0.57, 0.35, (row - 0.5) * 0.8, 0.13, 1.9, PAL.frp, 12);
  s.hcyl(0, 2.15, 0, 0.1, L - 0.4, 'x', PAL.steel);
  s.cyl(-L / 2 - 1.0, 0, 0, 0.7, 1.8, PAL.frp, 20);
  const glass: LiquidSpec = { shape: 'box', x: -L / 2 - 1.0, z: 0.72, sx: 0.3, sz: 0.06, y0: 0.2, hMax: 1.4, mode: 'fill', frac: 0.7 };
  return shape(-L / 2 - 1.8, L / 2, -W / 2, W / 2 + 0.1, 2.6, 0.8, 0.8, 2.0, [glass]);
};

/** Reverse osmosis: a rack of horizontal pressure vessels, high-pressure pump and cartridge filter. */
const ro: Builder = (c) => {
  const { s } = c;
  const L = 6.4;
  const W = 1.6;
  s.block(0, 0, L + 2.4, W + 0.6, 0, 0.15, PAL.steelDark);
  for (const x of [-L / 2, 0, L / 2]) {
    s.box(x, 1.35, -W / 2, 0.1, 2.4, 0.1, PAL.steelDark);
    s.box(x, 1.35, W / 2, 0.1, 2.4, 0.1, PAL.steelDark);
  }
  for (let row = 0; row < 4; row++) for (let col = 0; col < 3; col++) s.hcyl(0, 0.55 + row * 0.52, (col - 1) * 0.5, 0.19, L + 0.2, 'x', PAL.frp, 14);
  // end caps' headers
  s.box(-L / 2 - 0.2, 1.35, 0, 0.12, 2.2, 1.3, PAL.steel);
  s.box(L / 2 + 0.2, 1.35, 0, 0.12, 2.2, 1.3, PAL.steel);
  // high-pressure pump with motor, and the cartridge filter
  s.hcyl(-L / 2 - 0.9, 0.5, -0.3, 0.25, 0.7, 'x', PAL.steel);
  s.hcyl(-L / 2 - 0.9, 0.5, 0.35, 0.28, 0.9, 'x', PAL.motor);
  s.cyl(-L / 2 - 0.9, 0.15, W / 2 + 0.5, 0.22, 1.3, PAL.steelLight, 14);
  const glass: LiquidSpec = { shape: 'box', x: L / 2 + 0.28, z: 0, sx: 0.05, sz: 0.3, y0: 0.4, hMax: 1.8, mode: 'fixed', frac: 0.9 };
  return shape(-L / 2 - 1.2, L / 2 + 1.2, -W / 2 - 0.3, W / 2 + 0.8, 2.6, 0.5, 0.9, 2.0, [glass]);
};

/**
 * A/O membrane bioreactor: a rectangular concrete basin split by a baffle wall into the anoxic zone
 * (with a submersible mixer) and the aerated zone, a walkway over the aerated zone with the air
 * header down to the diffusers, membrane cassettes (frames of vertical sheets) at the outlet end,
 * and a blower house with its blowers beside the basin.
 */
const bioreactor: Builder = (c) => {
  const { s, u } = c;
  const depth = num(u, 'depth_m') ?? 5;
  const [sx, sz] = rectPlan(u, depth, 200, c.room - 2.2, 6);
  const wall = 0.35;
  const top = depth + 0.5;
  s.rectWalls(0, 0, sx, sz, wall, 0, top, PAL.concrete);
  s.rectWalls(0, 0, sx + 0.1, sz + 0.1, wall + 0.1, top, top + 0.08, PAL.coping);
  s.block(0, 0, sx, sz, 0, 0.1, PAL.concreteDark);
  // the baffle wall between the anoxic zone (inlet third) and the aerated zone
  const fAx = Math.min(0.6, Math.max(0.1, num(u, 'anoxic_frac') ?? 0.3));
  const xBaffle = -sx / 2 + fAx * sx;
  s.block(xBaffle, 0, wall, sz - 2 * wall, 0, top, PAL.concreteDark);
  // submersible mixer's lifting post in the anoxic zone
  s.box((-sx / 2 + xBaffle) / 2, top + 0.6, -sz / 2 + 0.6, 0.12, 1.2, 0.12, PAL.steelDark);
  s.cyl((-sx / 2 + xBaffle) / 2, top + 0.6, -sz / 2 + 0.6, 0.25, 0.4, PAL.motor, 12);
  // walkway along the aerated zone with the air header and drop pipes to the diffuser grid
  const xAer0 = xBaffle + wall, xAer1 = sx / 2 - wall;
  const lenAer = xAer1 - xAer0;
  s.block((xAer0 + xAer1) / 2, 0, lenAer, 1.0, top + 0.08, top + 0.16, PAL.grating);
  s.rail(xAer0, 0.5, xAer1, 0.5, top + 0.16);
  s.hcyl((xAer0 + xAer1) / 2, top + 0.35, -0.35, 0.12, lenAer, 'x', PAL.steel);
  const drops = Math.max(2, Math.floor(lenAer / 3));
  for (let k = 0; k < drops; k++) s.box(xAer0 + ((k + 0.5) * lenAer) / drops, top - 0.4, -0.35, 0.07, 1.5, 0.07, PAL.steel);
  // membrane cassettes at the outlet end: stainless frames holding rows of flat sheets, with the permeate header
  const nCas = Math.max(2, Math.min(6, Math.floor((sz - 2) / 1.6)));
  const xCas = sx / 2 - wall - 1.2;
  for (let k = 0; k < nCas; k++) {
    const z = -sz / 2 + 1 + ((k + 0.5) * (sz - 2)) / nCas;
    s.block(xCas, z, 1.6, 1.2, depth * 0.35, depth * 0.35 + 2.2, PAL.steelDark);
    for (let q = 0; q < 6; q++) s.box(xCas - 0.6 + q * 0.24, depth * 0.35 + 1.1, z, 0.05, 2.0, 1.05, PAL.frp);
  }
  s.hcyl(xCas, top + 0.3, 0, 0.12, sz - 1, 'z', PAL.steelLight);
  // permeate pumps on a plinth outside the outlet wall
  s.block(sx / 2 + 0.8, 0, 1.2, 2.4, 0, 0.25, PAL.concreteDark);
  for (const z of [-0.6, 0.6]) s.hcyl(sx / 2 + 0.8, 0.55, z, 0.22, 0.8, 'x', PAL.motor);
  // blower house beside the basin (on the −z side, away from the camera), with two blowers under a roof
  const zB = -sz / 2 - 1.9;
  s.block(0, zB, 5.0, 3.0, 0, 0.2, PAL.concreteDark);
  s.block(0, zB, 5.0, 3.0, 3.0, 3.15, PAL.steel);
  for (const x of [-2.4, 2.4]) for (const z of [zB - 1.4, zB + 1.4]) s.box(x, 1.6, z, 0.15, 2.8, 0.15, PAL.steelDark);
  for (const x of [-1.2, 1.2]) {
    s.block(x, zB, 1.4, 1.0, 0.2, 1.1, PAL.cabinet);
    s.hcyl(x, 1.45, zB, 0.3, 0.9, 'x', PAL.motor);
  }
  s.box(0, (1.4 + top + 0.35) / 2, -sz / 2 - 0.3, 0.14, top + 0.35 - 1.4, 0.14, PAL.steel);
  const liquid: LiquidSpec = { shape: 'box', x: 0, z: 0, sx: sx - 2 * wall, sz: sz - 2 * wall, y0: 0.1, hMax: depth, mode: 'fixed', frac: 0.92 };
  return shape(-sx / 2, sx / 2 + 1.4, zB - 1.5, sz / 2, top + 1.2, depth * 0.8, 0.55, depth + 0.3, [liquid]);
};

/** Plate-and-frame press: end heads, side bars, a stack of plates, hydraulic ram and a cake bin below. */
const filterPress: Builder = (c) => {
  const { s } = c;
  const L = 5.2;
  const H0 = 1.6;
  for (const x of [-L / 2, L / 2]) {
    s.box(x, 0.8, -0.7, 0.2, 1.6, 0.2, PAL.steelDark);
    s.box(x, 0.8, 0.7, 0.2, 1.6, 0.2, PAL.steelDark);
  }
  s.box(-L / 2 - 0.1, H0 + 0.7, 0, 0.4, 1.5, 1.6, PAL.steel);
  s.box(L / 2 + 0.1, H0 + 0.7, 0, 0.4, 1.5, 1.6, PAL.steel);
  s.box(0, H0 + 1.45, -0.75, L, 0.16, 0.14, PAL.steelDark);
  s.box(0, H0 + 1.45, 0.75, L, 0.16, 0.14, PAL.steelDark);
  const plates = 22;
  for (let k = 0; k < plates; k++) s.box(-L / 2 + 0.6 + k * ((L - 1.6) / (plates - 1)), H0 + 0.7, 0, 0.1, 1.3, 1.3, k % 2 ? PAL.steelLight : PAL.frp);
  s.hcyl(L / 2 + 0.8, H0 + 0.7, 0, 0.18, 1.0, 'x', PAL.motor);
  s.box(L / 2 + 1.4, H0 + 0.7, 0, 0.4, 0.6, 0.6, PAL.motor);
  // platform deck and the cake bin beneath the plates
  s.block(0, 0, L, 0.1, H0 - 0.05, H0 + 0.0, PAL.grating);
  s.rectWalls(0, 0, L - 0.6, 1.6, 0.08, 0, 1.1, PAL.steelDark);
  s.block(0, 0, L - 0.8, 1.4, 0.05, 0.7, PAL.cake);
  // filtrate trough along the plate stack
  s.block(0, 1.0, L - 0.6, 0.3, H0 - 0.1, H0 + 0.05, PAL.steel);
  const trough: LiquidSpec = { shape: 'box', x: 0, z: 1.0, sx: L - 0.8, sz: 0.2, y0: H0 - 0.08, hMax: 0.12, mode: 'fixed', frac: 1 };
  return shape(-L / 2 - 0.3, L / 2 + 1.6, -0.9, 1.2, H0 + 1.6, 1.0, 0.6, H0 + 1.0, [trough]);
};

/** Closed vertical storage tank with a conical roof and a level gauge (the liquid shown in it). */
const reuseTank: Builder = (c) => {
  const { s, u } = c;
  const h = num(u, 'depth_m') ?? 5;
  const r = roundRadius(u, h, 3, c.room - 0.5);
  s.block(0, 0, 2 * r + 0.6, 2 * r + 0.6, 0, 0.2, PAL.concreteDark);
  s.cyl(0, 0.2, 0, r, h, PAL.steelLight, 32);
  s.cyl(0, 0.2 + h, 0, r, Math.max(0.4, r * 0.25), PAL.steel, 32, 0.3);
  // ladder
  s.box(r + 0.12, (h + 0.2) / 2, 0, 0.06, h + 0.2, 0.5, PAL.steelDark);
  const gauge: LiquidSpec = { shape: 'box', x: 0, z: r + 0.05, sx: 0.28, sz: 0.1, y0: 0.35, hMax: h - 0.3, mode: 'level', frac: 0.6 };
  return shape(-r - 0.3, r + 0.3, -r - 0.3, r + 0.3, h + 0.6 + r * 0.25, 0.6, 0.5, h, [gauge]);
};

/** MVR evaporator: heater body, vapour separator, compressor and a horizontal condenser. */
const evaporator: Builder = (c) => {
  const { s } = c;
  s.block(0, 0, 7, 4, 0, 0.2, PAL.concreteDark);
  s.cyl(-1.8, 0.2, 0, 0.8, 6.5, PAL.steelLight, 24);
  s.dome(-1.8, 6.7, 0, 0.8, PAL.steelLight, 0.5);
  s.cyl(0.4, 0.2, 0.4, 1.1, 4.2, PAL.steelLight, 24);
  s.dome(0.4, 4.4, 0.4, 1.1, PAL.steelLight, 0.6);
  s.hcyl(0.4, 5.6, 0, 0.25, 4.4, 'x', PAL.steel);
  s.block(2.6, -1.0, 1.6, 1.2, 0.2, 1.5, PAL.motor);
  s.hcyl(2.6, 0.9, 0.8, 0.45, 2.2, 'x', PAL.steel);
  const glass: LiquidSpec = { shape: 'box', x: 0.4, z: 1.52, sx: 0.3, sz: 0.06, y0: 0.8, hMax: 2.8, mode: 'fill', frac: 0.5 };
  return shape(-3.5, 3.5, -2, 2, 7.3, 1.2, 0.8, 4.0, [glass]);
};

/** Sampling and analyser cabinet on a plinth, its sample line and the display window. */
const monitor: Builder = (c) => {
  const { s } = c;
  s.block(0, 0, 2.6, 2.0, 0, 0.2, PAL.concreteDark);
  s.block(0, 0, 2.2, 1.6, 0.2, 2.5, PAL.cabinet);
  s.block(0, 0, 2.5, 1.9, 2.5, 2.65, PAL.steel);
  s.box(0.4, 1.3, 0.81, 0.7, 1.6, 0.02, PAL.steelLight);
  s.hcyl(-1.4, 0.5, 0, 0.05, 0.8, 'x', PAL.steelDark);
  const window: LiquidSpec = { shape: 'box', x: -0.5, z: 0.82, sx: 0.6, sz: 0.03, y0: 1.3, hMax: 0.6, mode: 'fixed', frac: 1 };
  return shape(-1.8, 1.3, -1.0, 1.0, 2.7, 0.5, 0.5, 2.0, [window]);
};

/** Anything the scene does not know yet: a neutral equipment block with a sight glass. */
const generic: Builder = (c) => {
  const { s } = c;
  s.block(0, 0, 4.2, 3.2, 0, 0.15, PAL.concreteDark);
  s.block(0, 0, 3.6, 2.6, 0.15, 2.6, PAL.steelLight);
  s.block(0, 0, 3.8, 2.8, 2.6, 2.72, PAL.steel);
  s.cyl(0.8, 2.72, 0, 0.35, 0.6, PAL.motor, 12);
  const glass: LiquidSpec = { shape: 'box', x: -0.8, z: 1.32, sx: 0.5, sz: 0.04, y0: 0.6, hMax: 1.6, mode: 'fill', frac: 0.6 };
  return shape(-2.1, 2.1, -1.6, 1.6, 3.4, 1.0, 1.0, 2.2, [glass]);
};

const BUILDERS: Record<string, Builder> = {
  influent,
  equalization,
  emergency_tank: emergencyTank,
  mixer: junction(false),
  splitter: junction(true),
  discharge,
  cr_reduction: reactor,
  cyanide_oxidation: reactor,
  complex_breaking: reactor,
  precipitation: reactor,
  neutralization: reactor,
  clarifier,
  thickener,
  sand_filter: sandFilter,
  ultrafiltration,
  uf: ultrafiltration,
  ro,
  filter_press: filterPress,
  reuse_tank: reuseTank,
  evaporator,
  monitor,
  biological: bioreactor,
};

export const KNOWN_TYPES = Object.keys(BUILDERS);

/**
 * Adds the unit's equipment to the sink (whose `base` must already place the unit) and returns
 * its moving parts and ports. Outputs other than `out` and `overflow` spread along the outlet face.
 */
export function buildEquipment(s: GeometrySink, u: UnitInfo, room: number): Equipment {
  const b = BUILDERS[u.type];
  const sh = (b ?? generic)({ s, u, room });
  const outputs: Record<string, Port> = {};
  const others = u.outputs.filter((p) => p !== 'out' && p !== 'overflow');
  const zSpan = (sh.z1 - sh.z0) * 0.35;
  const zMid = (sh.z0 + sh.z1) / 2;
  for (const p of u.outputs) {
    if (p === 'out') outputs[p] = { x: sh.x1, y: sh.yOut, z: 0 };
    else if (p === 'overflow') outputs[p] = { x: sh.x1, y: sh.yTop, z: zMid + zSpan };
    else {
      const k = others.indexOf(p);
      const n = others.length;
      const z = u.outputs.includes('out') ? zMid - zSpan * (0.5 + (0.5 * k) / Math.max(1, n)) : zMid + (n > 1 ? -zSpan + (2 * zSpan * k) / (n - 1) : 0);
      outputs[p] = { x: sh.x1, y: sh.yOut, z };
    }
  }
  return { x0: sh.x0, x1: sh.x1, z0: sh.z0, z1: sh.z1, height: sh.height, liquids: sh.liquids, rotors: sh.rotors, input: { x: sh.x0, y: sh.yIn, z: 0 }, outputs, generic: b === undefined };
}
