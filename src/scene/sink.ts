/**
 * Collects every static part of the park (walls, skids, vessels, pipes' supports …) as small
 * geometries already placed in world space with a per-vertex colour, then merges them into one
 * mesh: the whole plant's equipment costs one draw call, however many units there are.
 */
import { BoxGeometry, BufferAttribute, Color, ConeGeometry, CylinderGeometry, LatheGeometry, Matrix4, Quaternion, SphereGeometry, Vector2, Vector3, type BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/** Equipment palette (sRGB): greys only; colour is reserved for the mapped variable and alarms. */
export const PAL = {
  concrete: 0xb9bcbf,
  concreteDark: 0xa3a7ab,
  coping: 0xcfd2d4,
  steel: 0x8e969d,
  steelDark: 0x6b737a,
  steelLight: 0xc3c8cc,
  frp: 0xd5d8da,
  motor: 0x59626a,
  cabinet: 0xe1e3e4,
  glass: 0x3c4852,
  grating: 0x9da3a8,
  arrow: 0x5d6166,
  cake: 0x8c8a86,
} as const;

const tmpColor = new Color();
const UP = new Vector3(0, 1, 0);

/**
 * The light is fixed (sky fill plus a key light from the back left, high up), so shading is baked
 * into vertex colours once and every material can be unlit: under software rendering the
 * per-pixel lighting of a lit material costs more than the whole rest of the frame.
 */
const KEY = new Vector3(-0.45, 0.85, -0.3).normalize();
export function shadeOf(nx: number, ny: number, nz: number): number {
  const lambert = Math.max(0, nx * KEY.x + ny * KEY.y + nz * KEY.z);
  return Math.min(1.06, 0.5 + 0.36 * lambert + 0.2 * ny + 0.04 * nz);
}

/** Writes a `color` attribute: `hex` (or white, to be tinted by instance colours) times the baked shade. */
export function bakeColors(g: BufferGeometry, hex = 0xffffff): void {
  tmpColor.setHex(hex);
  const nrm = g.getAttribute('normal');
  const n = g.getAttribute('position').count;
  const col = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const k = nrm ? shadeOf(nrm.getX(i), nrm.getY(i), nrm.getZ(i)) : 1;
    col[3 * i] = tmpColor.r * k;
    col[3 * i + 1] = tmpColor.g * k;
    col[3 * i + 2] = tmpColor.b * k;
  }
  g.setAttribute('color', new BufferAttribute(col, 3));
}

/** Parts smaller than this (m, bounding-box diagonal) get no outline: at plant scale they are texture, not shape. */
const OUTLINE_MIN_M = 3.5;

export class GeometrySink {
  readonly parts: BufferGeometry[] = [];
  /** the subset worth outlining (tank walls, vessels, skids) */
  readonly outlined: BufferGeometry[] = [];
  /** the placing transform of the unit being built (unit-local → world) */
  base = new Matrix4();
  #m = new Matrix4();
  #q = new Quaternion();
  #v = new Vector3();
  #s = new Vector3();

  /** Adds `g` coloured `hex`, moved by `local` then by the unit's base transform. */
  add(g: BufferGeometry, hex: number, local?: Matrix4): void {
    g.deleteAttribute('uv');
    if (!g.index) throw new Error('sink: indexed geometry expected');
    const m = local ? this.#m.multiplyMatrices(this.base, local) : this.base;
    g.applyMatrix4(m);
    bakeColors(g, hex);
    this.parts.push(g);
    g.computeBoundingBox();
    const bb = g.boundingBox;
    if (bb && bb.max.distanceTo(bb.min) >= OUTLINE_MIN_M) this.outlined.push(g);
  }

  /** Box centred at (x, y, z) local, sizes (sx, sy, sz), optionally turned by `rotY` rad. */
  box(x: number, y: number, z: number, sx: number, sy: number, sz: number, hex: number, rotY = 0): void {
    if (sx <= 0 || sy <= 0 || sz <= 0) return;
    this.#q.setFromAxisAngle(UP, rotY);
    this.add(new BoxGeometry(sx, sy, sz), hex, new Matrix4().compose(this.#v.set(x, y, z), this.#q, this.#s.set(1, 1, 1)));
  }

  /** Box spanning y0…y1 (convenient for things standing on the ground). */
  block(x: number, z: number, sx: number, sz: number, y0: number, y1: number, hex: number): void {
    this.box(x, (y0 + y1) / 2, z, sx, y1 - y0, sz, hex);
  }

  /** Vertical cylinder (or frustum) standing on y0, height h. */
  cyl(x: number, y0: number, z: number, r: number, h: number, hex: number, seg = 20, rTop = r): void {
    this.add(new CylinderGeometry(rTop, r, h, seg, 1, false), hex, new Matrix4().makeTranslation(x, y0 + h / 2, z));
  }

  /** Cylinder along a horizontal axis ('x' or 'z'), centred at (x, y, z). */
  hcyl(x: number, y: number, z: number, r: number, len: number, axis: 'x' | 'z', hex: number, seg = 16): void {
    const g = new CylinderGeometry(r, r, len, seg, 1, false);
    // CylinderGeometry runs along y: lay it along x (turn about z) or along z (turn about x).
    const rot = axis === 'x' ? new Matrix4().makeRotationZ(Math.PI / 2) : new Matrix4().makeRotationX(Math.PI / 2);
    this.add(g, hex, new Matrix4().makeTranslation(x, y, z).multiply(rot));
  }

  /** Cone with its apex down (a thickener's or hopper's bottom), standing on y0. */
  coneDown(x: number, y0: number, z: number, r: number, h: number, hex: number, seg = 20): void {
    const g = new ConeGeometry(r, h, seg, 1, true);
    this.add(g, hex, new Matrix4().makeTranslation(x, y0 + h / 2, z).multiply(new Matrix4().makeRotationX(Math.PI)));
  }

  /** Cone pointing along +x (an arrow head), centred at (x, y, z). */
  coneX(x: number, y: number, z: number, r: number, len: number, hex: number): void {
    const g = new ConeGeometry(r, len, 16, 1, false);
    this.add(g, hex, new Matrix4().makeTranslation(x, y, z).multiply(new Matrix4().makeRotationZ(-Math.PI / 2)));
  }

  /** Upper half-sphere (a vessel's dome) sitting on y0. */
  dome(x: number, y0: number, z: number, r: number, hex: number, squash = 0.5): void {
    const g = new SphereGeometry(r, 16, 6, 0, Math.PI * 2, 0, Math.PI / 2);
    this.add(g, hex, new Matrix4().makeTranslation(x, y0, z).multiply(new Matrix4().makeScale(1, squash, 1)));
  }

  /** A round tank's wall: inner face, coping and outer face in one lathe (an open-topped ring). */
  ringWall(x: number, z: number, rIn: number, rOut: number, y0: number, y1: number, hex: number, seg = 32): void {
    const pts = [new Vector2(rOut, y0), new Vector2(rOut, y1), new Vector2(rIn, y1), new Vector2(rIn, y0 + 0.05)];
    this.add(new LatheGeometry(pts, seg), hex, new Matrix4().makeTranslation(x, 0, z));
  }

  /** Four walls of a rectangular open tank (outer size sx × sz, wall thickness t), y0…y1. */
  rectWalls(x: number, z: number, sx: number, sz: number, t: number, y0: number, y1: number, hex: number): void {
    this.block(x, z - sz / 2 + t / 2, sx, t, y0, y1, hex);
    this.block(x, z + sz / 2 - t / 2, sx, t, y0, y1, hex);
    this.block(x - sx / 2 + t / 2, z, t, sz - 2 * t, y0, y1, hex);
    this.block(x + sx / 2 - t / 2, z, t, sz - 2 * t, y0, y1, hex);
  }

  /** Thin handrail along the top of a wall run from (x0, z0) to (x1, z1). */
  rail(x0: number, z0: number, x1: number, z1: number, y: number): void {
    const dx = x1 - x0;
    const dz = z1 - z0;
    const len = Math.hypot(dx, dz);
    if (len < 0.01) return;
    const rot = -Math.atan2(dz, dx);
    this.box((x0 + x1) / 2, y + 1.0, (z0 + z1) / 2, len, 0.05, 0.05, PAL.steelLight, rot);
    const posts = Math.max(2, Math.round(len / 2) + 1);
    for (let i = 0; i < posts; i++) {
      const f = i / (posts - 1);
      this.box(x0 + dx * f, y + 0.5, z0 + dz * f, 0.05, 1.0, 0.05, PAL.steelLight);
    }
  }

  /** One geometry of everything added, and one of the parts worth outlining (null when none). Frees the parts. */
  merge(): { all: BufferGeometry | null; outlined: BufferGeometry | null } {
    const all = this.parts.length > 0 ? mergeGeometries(this.parts, false) : null;
    const outlined = this.outlined.length > 0 ? mergeGeometries(this.outlined, false) : null;
    for (const p of this.parts) p.dispose();
    this.parts.length = 0;
    this.outlined.length = 0;
    return { all, outlined };
  }
}
