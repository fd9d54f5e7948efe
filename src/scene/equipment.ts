/**
 * Each unit type drawn as recognisable equipment, in the unit's own frame: flow enters on −x and
 * leaves on +x, y is up, the ground is y = 0. Sizes follow the unit's parameters where it has
 * them (volume and depth give a tank's plan area) and are clamped to the room the layout leaves.
 * A builder adds static parts to the sink and returns what moves: liquids (level and colour),
 * rotors (agitators, clarifier bridges), and where pipes attach. Tanks, reactors and the small items
 * are built here; separations, membranes and sludge in separationEquipment.ts; the shared shapes and
 * sizing in equipmentKit.ts.
 */
import type { UnitInfo } from '../engine/api.ts';
import { PAL, type GeometrySink } from './sink.ts';
import { concreteTank, num, openBasin, reagentsOf, rectPlan, roundRadius, shape, type Builder, type Equipment, type LiquidSpec, type Port, type RotorSpec } from './equipmentKit.ts';
import { bioreactor, clarifier, evaporator, filterPress, ro, sandFilter, thickener, ultrafiltration } from './separationEquipment.ts';

export type { Equipment, LiquidSpec, Port, RotorSpec } from './equipmentKit.ts';

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

/**
 * Spent-bath tank: a round acid- and alkali-proof (FRP) tank open to view, inside a bund that would hold
 * its contents, with the metering pump that bleeds it into the line on a plinth at the outlet side.
 */
const spentBathTank: Builder = (c) => {
  const { s, u } = c;
  const h = num(u, 'depth_m') ?? 3;
  const r = roundRadius(u, h, 2, c.room - 1.6);
  const bund = 2 * r + 1.6;
  // bund (围堰): floor slab and a low wall
  s.block(0, 0, bund, bund, 0, 0.12, PAL.concreteDark);
  s.rectWalls(0, 0, bund, bund, 0.2, 0.12, 0.7, PAL.concrete);
  s.ringWall(0, 0, r - 0.12, r, 0.12, h + 0.3, PAL.frp);
  s.ringWall(0, 0, r - 0.12, r + 0.1, h + 0.3, h + 0.4, PAL.steelLight);
  // metering pump and its line to the outlet
  s.block(bund / 2 + 0.5, 0, 0.8, 0.7, 0, 0.25, PAL.concreteDark);
  s.hcyl(bund / 2 + 0.5, 0.5, 0, 0.16, 0.6, 'x', PAL.motor);
  s.hcyl(r + (bund / 2 - r) / 2, 0.5, 0, 0.05, bund / 2 - r + 0.2, 'x', PAL.steelDark);
  const liquid: LiquidSpec = { shape: 'cyl', x: 0, z: 0, sx: r - 0.14, sz: r - 0.14, y0: 0.14, hMax: h, mode: 'level', frac: 0.2 };
  return shape(-bund / 2, bund / 2 + 0.9, -bund / 2, bund / 2, h + 0.6, h * 0.8, 0.5, h + 0.3, [liquid]);
};

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
  openBasin(s, sx, sz, wall, top, PAL.frp, PAL.steelLight, 0.08);
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
  spent_bath_tank: spentBathTank,
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
