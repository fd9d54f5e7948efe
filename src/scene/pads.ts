/**
 * Warning pads: a flat slab under each unit in warning (amber) or alarm (red) that pulses, so a flagged
 * unit is found at a glance from any distance. One instanced mesh for the plant; one opacity for all.
 */
import { BoxGeometry, Color, Matrix4, MeshBasicMaterial, type Group, type InstancedMesh } from 'three';
import { footprintMatrix, type Placement } from './build.ts';
import { instancedMesh } from './instanced.ts';
import { FLAG_ALARM } from './labels.ts';

const COLOR_WARN = new Color(0xe0a000);
const COLOR_ALARM = new Color(0xd0302a);

export class WarningPads {
  readonly #placements: readonly Placement[];
  readonly #mat = new MeshBasicMaterial({ color: 0xffffff, transparent: true, opacity: 0.6, depthWrite: false });
  readonly #geo = new BoxGeometry(1, 0.08, 1).translate(0, 0.05, 0);
  readonly #mesh: InstancedMesh;
  readonly #m = new Matrix4();

  constructor(root: Group, placements: readonly Placement[]) {
    this.#placements = placements;
    this.#mesh = instancedMesh(root, this.#geo, this.#mat, Math.max(1, placements.length), true) as InstancedMesh;
    this.#mesh.renderOrder = 1;
    for (let i = 0; i < this.#mesh.count; i++) this.#mesh.setMatrixAt(i, this.#m.makeScale(0, 0, 0));
  }

  /** Unit i's pad for a flag (FLAG_WARN, FLAG_ALARM; 0 hides it). Call `commit` after a batch. */
  set(i: number, flag: number): void {
    const p = this.#placements[i];
    if (!p) return;
    if (flag === 0) {
      this.#mesh.setMatrixAt(i, this.#m.makeScale(0, 0, 0));
      return;
    }
    this.#mesh.setMatrixAt(i, footprintMatrix(p, 1.2, 0.1, this.#m));
    this.#mesh.setColorAt(i, flag === FLAG_ALARM ? COLOR_ALARM : COLOR_WARN);
  }

  commit(): void {
    this.#mesh.instanceMatrix.needsUpdate = true;
    if (this.#mesh.instanceColor) this.#mesh.instanceColor.needsUpdate = true;
  }

  /** The pulse at time t (s): amber and red share one material, so one opacity for all. */
  pulse(t: number): void {
    this.#mat.opacity = 0.3 + 0.45 * (0.5 + 0.5 * Math.sin(t * 2 * Math.PI * 1.1));
  }

  dispose(): void {
    this.#mesh.dispose();
    this.#geo.dispose();
    this.#mat.dispose();
  }
}
