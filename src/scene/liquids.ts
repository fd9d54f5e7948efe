/**
 * The twin's liquids: every liquid surface an instance of one box or one cylinder, its height from the
 * unit's level or fill channel, its colour from the variable mapped onto the plant. Built once per
 * model; `place` moves and tints them in place and allocates nothing.
 */
import { BoxGeometry, Color, CylinderGeometry, Matrix4, MeshBasicMaterial, SRGBColorSpace, Vector3, type BufferGeometry, type Camera, type Group, type InstancedMesh } from 'three';
import { colorInto, type Scale } from '../state/colorScale.ts';
import type { PlantIndex } from '../state/plantIndex.ts';
import { rows } from '../state/runStore.ts';
import type { LiquidInstance, PlantBuild } from './build.ts';
import { instancedMesh } from './instanced.ts';
import { bakeColors } from './sink.ts';

export class LiquidLayer {
  readonly #index: PlantIndex;
  /** boxes first, cylinders second, in each of these */
  readonly #lists: readonly LiquidInstance[][];
  readonly #meshes: readonly (InstancedMesh | null)[];
  /** surface height above each liquid's floor, m */
  readonly #tops: readonly Float32Array[];
  readonly #mat = new MeshBasicMaterial({ vertexColors: true });
  readonly #geos: BufferGeometry[];
  readonly #m = new Matrix4();
  readonly #s = new Vector3();
  readonly #v = new Vector3();
  readonly #v2 = new Vector3();
  readonly #c = new Color();
  readonly #rgb = new Float32Array(3);

  constructor(root: Group, index: PlantIndex, build: PlantBuild) {
    this.#index = index;
    const box = new BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
    const cyl = new CylinderGeometry(1, 1, 1, 28, 1).translate(0, 0.5, 0);
    // white × shade: the instance colour (the mapped variable) tints it
    bakeColors(box);
    bakeColors(cyl);
    this.#geos = [box, cyl];
    this.#lists = [build.boxLiquids, build.cylLiquids];
    this.#meshes = [instancedMesh(root, box, this.#mat, build.boxLiquids.length, true), instancedMesh(root, cyl, this.#mat, build.cylLiquids.length, true)];
    this.#tops = [new Float32Array(build.boxLiquids.length), new Float32Array(build.cylLiquids.length)];
  }

  /** Heights from the latest rows (each spec's own fill when `first`), colours from `values` on `scale`. */
  place(values: Float64Array, scale: Scale | null, first = false): void {
    const idx = this.#index;
    for (let l = 0; l < 2; l++) {
      const list = this.#lists[l] ?? [];
      const mesh = this.#meshes[l];
      const tops = this.#tops[l];
      if (!mesh || !tops) continue;
      for (let k = 0; k < list.length; k++) {
        const inst = list[k];
        if (!inst) continue;
        const sp = inst.spec;
        let frac = sp.frac;
        if (!first && sp.mode === 'level') {
          const lv = idx.level[inst.unit] ?? -1;
          const fl = idx.fill[inst.unit] ?? -1;
          const depth = idx.depth[inst.unit] ?? NaN;
          if (lv >= 0) {
            const h = rows.latest(lv);
            if (Number.isFinite(h)) frac = Number.isFinite(depth) ? h / depth : h / sp.hMax;
          } else if (fl >= 0) {
            const f = rows.latest(fl);
            if (Number.isFinite(f)) frac = f / 100;
          }
        } else if (!first && sp.mode === 'fill') {
          const fl = idx.fill[inst.unit] ?? -1;
          const f = fl >= 0 ? rows.latest(fl) : NaN;
          if (Number.isFinite(f)) frac = f / 100;
        }
        // never quite empty: a film of liquid keeps the colour readable
        const h = Math.max(0.04, Math.min(1, frac) * sp.hMax);
        tops[k] = h;
        if (sp.shape === 'cyl') this.#s.set(sp.sx, h, sp.sx);
        else this.#s.set(sp.sx, h, sp.sz);
        mesh.setMatrixAt(k, this.#m.compose(inst.pos, inst.quat, this.#s));
        colorInto(scale, values[inst.unit] ?? NaN, this.#rgb);
        mesh.setColorAt(k, this.#c.setRGB(this.#rgb[0] ?? 0, this.#rgb[1] ?? 0, this.#rgb[2] ?? 0, SRGBColorSpace));
      }
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
  }

  /** Screen point (CSS px) on the top surface of unit i's first liquid, for reading its colour back. */
  spot(camera: Camera, i: number, width: number, height: number): { x: number; y: number } | null {
    for (let l = 0; l < 2; l++) {
      const list = this.#lists[l] ?? [];
      const k = list.findIndex((x) => x.unit === i);
      const inst = list[k];
      if (!inst) continue;
      // off-centre: walkways, agitator bridges and centre columns cross the middle
      this.#v2.set(inst.spec.sx * 0.3, this.#tops[l]?.[k] ?? 0, 0).applyQuaternion(inst.quat);
      this.#v.copy(inst.pos).add(this.#v2).project(camera);
      return { x: ((this.#v.x + 1) / 2) * width, y: ((1 - this.#v.y) / 2) * height };
    }
    return null;
  }

  dispose(): void {
    for (const g of this.#geos) g.dispose();
    this.#mat.dispose();
    for (const m of this.#meshes) m?.dispose();
  }
}
