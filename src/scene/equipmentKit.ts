/**
 * What every equipment builder shares: the shapes it returns (moving liquids and rotors, ports), the
 * context it draws in, and the sizing helpers that turn a unit's parameters into a plan clamped to
 * the room the layout leaves.
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

export interface Ctx {
  s: GeometrySink;
  u: UnitInfo;
  /** the largest half-size the layout leaves this unit */
  room: number;
}

export type Shape = Omit<Equipment, 'input' | 'outputs' | 'generic'> & { yIn: number; yOut: number; yTop: number };
export type Builder = (c: Ctx) => Shape;

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
export function rectPlan(u: UnitInfo, depth: number, fallbackArea: number, maxHalf: number, minSide = 2.4): [number, number] {
  const vol = num(u, 'volume_m3');
  const area = num(u, 'area_m2') ?? (vol !== undefined ? vol / depth : fallbackArea);
  let sx = Math.sqrt(area * 1.5);
  let sz = area / sx;
  const k = Math.min(1, (2 * maxHalf) / sx, (2 * maxHalf) / sz);
  sx = Math.max(minSide, sx * k);
  sz = Math.max(minSide * 0.7, sz * k);
  return [sx, sz];
}

export function roundRadius(u: UnitInfo, depth: number, fallbackR: number, maxHalf: number): number {
  const d = num(u, 'diameter_m');
  const vol = num(u, 'volume_m3');
  const area = num(u, 'area_m2') ?? (vol !== undefined ? vol / depth : undefined);
  const r = d !== undefined ? d / 2 : area !== undefined ? Math.sqrt(area / Math.PI) : fallbackR;
  return Math.max(1.5, Math.min(r, maxHalf));
}

export function shape(x0: number, x1: number, z0: number, z1: number, height: number, yIn: number, yOut: number, yTop: number, liquids: LiquidSpec[], rotors: RotorSpec[] = []): Shape {
  return { x0, x1, z0, z1, height, yIn, yOut, yTop, liquids, rotors };
}

/** An open rectangular basin centred on the unit: walls to `top`, a cap on the wall tops `lip` wider, a floor slab. */
export function openBasin(s: GeometrySink, sx: number, sz: number, wall: number, top: number, wallColor: number, capColor: number, lip: number): void {
  s.rectWalls(0, 0, sx, sz, wall, 0, top, wallColor);
  s.rectWalls(0, 0, sx + lip, sz + lip, wall + lip, top, top + 0.08, capColor);
  s.block(0, 0, sx, sz, 0, 0.1, PAL.concreteDark);
}

/** Open rectangular concrete tank with coping, walkway and handrail; liquid follows the level. */
export function concreteTank(c: Ctx, opts: { dark?: boolean; fallbackArea: number; depth?: number }): Shape {
  const { s, u } = c;
  const depth = opts.depth ?? num(u, 'depth_m') ?? 4;
  const [sx, sz] = rectPlan(u, depth, opts.fallbackArea, c.room - 0.6);
  const wall = 0.3;
  const top = depth + 0.5;
  // coping: a lighter cap on the wall tops reads as "concrete tank" from above
  openBasin(s, sx, sz, wall, top, opts.dark ? PAL.concreteDark : PAL.concrete, PAL.coping, 0.1);
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

