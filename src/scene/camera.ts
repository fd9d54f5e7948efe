/**
 * The twin's camera rig, outside React: presets (the whole park, each line) framed to fill the view,
 * a smooth flight to a new preset, and respect for the user's own view once they grab it.
 */
import { PerspectiveCamera, Vector3, type Camera } from 'three';
import type { PlantBuild } from './build.ts';

/** A scratch camera for fitting presets (not the rendering camera), and scratch vectors: a frame allocates nothing. */
const FIT_CAMERA = new PerspectiveCamera();
const FIT_UP = new Vector3();
const FIT_RIGHT = new Vector3();
const FIT_DIR = new Vector3();
const FIT_CORNER = new Vector3();

export class CameraRig {
  readonly #build: PlantBuild;
  /** the orbit target as of the last frame (for the test probe) */
  lastTarget: Vector3 | null = null;
  #camSeq = -1;
  #flying = false;
  #userMoved = false;
  #fitW = 0;
  #fitH = 0;
  readonly #goalPos = new Vector3();
  readonly #goalTarget = new Vector3();

  constructor(build: PlantBuild) {
    this.#build = build;
  }

  /** Camera position and target that frame units `list` (all when empty) at this aspect. */
  fit(list: readonly number[], aspect: number, fovDeg: number, outPos: Vector3, outTarget: Vector3): void {
    let x0 = Infinity;
    let x1 = -Infinity;
    let z0 = Infinity;
    let z1 = -Infinity;
    let top = 2;
    const placements = this.#build.placements;
    const all = list.length === 0;
    for (let k = 0; k < (all ? placements.length : list.length); k++) {
      const p = placements[all ? k : (list[k] as number)];
      if (!p) continue;
      const e = p.eq;
      for (let c = 0; c < 4; c++) {
        const lx = c & 1 ? e.x1 : e.x0;
        const lz = c & 2 ? e.z1 : e.z0;
        const wx = p.x + lx * p.cos + lz * p.sin;
        const wz = p.z - lx * p.sin + lz * p.cos;
        x0 = Math.min(x0, wx);
        x1 = Math.max(x1, wx);
        z0 = Math.min(z0, wz);
        z1 = Math.max(z1, wz);
      }
      top = Math.max(top, e.height);
    }
    if (!Number.isFinite(x0)) {
      x0 = z0 = -10;
      x1 = z1 = 10;
    }
    outTarget.set((x0 + x1) / 2, 0, (z0 + z1) / 2);
    // Look from the south, a little east, ~33° down: flow runs left to right, lines stack up the screen.
    const dir = FIT_DIR.set(0.2, 0.66, 1).normalize();
    const cam = FIT_CAMERA;
    cam.fov = fovDeg;
    cam.aspect = aspect;
    cam.near = 0.5;
    cam.far = 5000;
    cam.updateProjectionMatrix();
    let d = Math.max(x1 - x0, z1 - z0, 8) * 1.2;
    // A few passes of "project the box, centre it, scale the distance to fill 94 %": perspective
    // makes the far side smaller, so the box's centre is not the screen's centre.
    for (let pass = 0; pass < 4; pass++) {
      cam.position.copy(outTarget).addScaledVector(dir, d);
      cam.lookAt(outTarget);
      cam.updateMatrixWorld();
      let lx = Infinity;
      let hx = -Infinity;
      let ly = Infinity;
      let hy = -Infinity;
      for (let c = 0; c < 8; c++) {
        FIT_CORNER.set(c & 1 ? x1 : x0, c & 4 ? top : 0, c & 2 ? z1 : z0).project(cam);
        lx = Math.min(lx, FIT_CORNER.x);
        hx = Math.max(hx, FIT_CORNER.x);
        ly = Math.min(ly, FIT_CORNER.y);
        hy = Math.max(hy, FIT_CORNER.y);
      }
      const halfH = d * Math.tan(((fovDeg / 2) * Math.PI) / 180);
      FIT_RIGHT.setFromMatrixColumn(cam.matrixWorld, 0);
      FIT_UP.setFromMatrixColumn(cam.matrixWorld, 1);
      outTarget.addScaledVector(FIT_RIGHT, ((lx + hx) / 2) * halfH * aspect).addScaledVector(FIT_UP, ((ly + hy) / 2) * halfH);
      d *= Math.max(0.3, Math.max(hx - lx, hy - ly) / 2 / 0.94);
    }
    outPos.copy(outTarget).addScaledVector(dir, d);
  }

  /** Once a frame: applies a new preset request (jump on the first, fly afterwards) and advances a flight. */
  update(camera: Camera, req: { preset: string; seq: number }, controls: { target: Vector3 } | null, dt: number, width: number, height: number): void {
    if (controls) this.lastTarget = controls.target;
    // OrbitControls arrive a frame after the canvas; a preset applied before them would be undone.
    // A resized canvas re-frames the preset, unless the user has since moved the camera.
    const resized = !this.#userMoved && this.#camSeq >= 0 && (width !== this.#fitW || height !== this.#fitH);
    if ((req.seq !== this.#camSeq || resized) && controls) {
      const first = this.#camSeq < 0 || resized;
      if (req.seq !== this.#camSeq) this.#userMoved = false;
      this.#camSeq = req.seq;
      this.#fitW = width;
      this.#fitH = height;
      const list = req.preset.startsWith('line:') ? (this.#build.lines.get(req.preset.slice(5)) ?? []) : [];
      const pc = camera as PerspectiveCamera;
      this.fit(list, pc.aspect || 1.6, pc.fov || 40, this.#goalPos, this.#goalTarget);
      if (first) {
        camera.position.copy(this.#goalPos);
        controls.target.copy(this.#goalTarget);
        camera.lookAt(this.#goalTarget);
        this.#flying = false;
      } else this.#flying = true;
    }
    if (!this.#flying || !controls) return;
    const k = 1 - Math.exp(-Math.min(dt, 0.1) * 5);
    camera.position.lerp(this.#goalPos, k);
    controls.target.lerp(this.#goalTarget, k);
    camera.lookAt(controls.target);
    if (camera.position.distanceToSquared(this.#goalPos) < 0.01 && controls.target.distanceToSquared(this.#goalTarget) < 0.01) this.#flying = false;
  }

  /** A preset is still to be applied (the controls have not arrived) or a flight is under way: more frames wanted. */
  get settling(): boolean {
    return this.#flying || this.#camSeq < 0;
  }

  /** The user grabbed the view: stop any preset flight, and keep their view when the canvas resizes. */
  cancelFlight(): void {
    this.#flying = false;
    this.#userMoved = true;
  }
}
