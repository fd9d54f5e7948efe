/**
 * The selection and hover outlines: one box of edges around the selected unit and one around the unit
 * under the pointer, sized to its equipment. Two meshes for the plant, moved, never rebuilt.
 */
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, LineSegments, Matrix4, type Group } from 'three';
import { footprintMatrix, type Placement } from './build.ts';

export class Outlines {
  readonly #placements: readonly Placement[];
  readonly #geo = new EdgesGeometry(new BoxGeometry(1, 1, 1).translate(0, 0.5, 0));
  readonly #selMat = new LineBasicMaterial({ color: 0x1f5a96 });
  readonly #hoverMat = new LineBasicMaterial({ color: 0x5c7c9c });
  readonly #sel = new LineSegments(this.#geo, this.#selMat);
  readonly #hov = new LineSegments(this.#geo, this.#hoverMat);
  readonly #m = new Matrix4();
  /** the unit outlined as selected, −1 none (−2 until the first call) */
  selected = -2;

  constructor(root: Group, placements: readonly Placement[]) {
    this.#placements = placements;
    this.#sel.visible = this.#hov.visible = false;
    root.add(this.#sel, this.#hov);
  }

  /** Outlines unit i as selected (−1: none); true when the selection changed. */
  select(i: number): boolean {
    if (i === this.selected) return false;
    this.selected = i;
    this.#boxOn(this.#sel, i);
    return true;
  }

  /** Outlines unit i as hovered (−1: none); the selected unit keeps its own outline. */
  hover(i: number): void {
    this.#boxOn(this.#hov, i === this.selected ? -1 : i);
  }

  #boxOn(obj: LineSegments, i: number): void {
    const p = this.#placements[i];
    if (!p) {
      obj.visible = false;
      return;
    }
    footprintMatrix(p, 0.35, p.eq.height + 0.3, this.#m).decompose(obj.position, obj.quaternion, obj.scale);
    obj.visible = true;
  }

  dispose(): void {
    this.#geo.dispose();
    this.#selMat.dispose();
    this.#hoverMat.dispose();
  }
}
