/**
 * Separation, membrane and sludge equipment: clarifiers and thickeners, pressure filters, UF and RO
 * skids, the membrane bioreactor, filter presses and the evaporator (see equipment.ts for the frame).
 */
import { PAL } from './sink.ts';
import { num, openBasin, rectPlan, roundRadius, shape, type Builder, type LiquidSpec, type RotorSpec } from './equipmentKit.ts';

/** Round clarifier: ring wall, centre column, launder and a turning half bridge with rake. */
export const clarifier: Builder = (c) => {
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
export const thickener: Builder = (c) => {
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
export const sandFilter: Builder = (c) => {
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
export const ultrafiltration: Builder = (c) => {
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
export const ro: Builder = (c) => {
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
export const bioreactor: Builder = (c) => {
  const { s, u } = c;
  const depth = num(u, 'depth_m') ?? 5;
  const [sx, sz] = rectPlan(u, depth, 200, c.room - 2.2, 6);
  const wall = 0.35;
  const top = depth + 0.5;
  openBasin(s, sx, sz, wall, top, PAL.concrete, PAL.coping, 0.1);
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
export const filterPress: Builder = (c) => {
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

/** MVR evaporator: heater body, vapour separator, compressor and a horizontal condenser. */
export const evaporator: Builder = (c) => {
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

