/**
 * Pipes between ports, routed orthogonally at low elevation (recycles overhead on a rack), and one
 * shader for all of them: every vertex carries its distance along its pipe and the pipe's index,
 * and a per-pipe phase uniform slides dashes along the pipe. Flow animation for the whole park is
 * one draw call per 128 pipes and no per-frame geometry work: the CPU only advances phases.
 */
import { BufferAttribute, Color, CylinderGeometry, Matrix4, Quaternion, ShaderMaterial, Vector3, type BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

export const PIPES_PER_BATCH = 128;
/** dash + gap, m */
export const DASH_PERIOD = 1.6;

export interface PipePath {
  points: Vector3[];
  radius: number;
}

const UP = new Vector3(0, 1, 0);

/**
 * Orthogonal route from an outlet (p0, leaving along n0) to an inlet (q0, entered against n1).
 * Forward runs go at `elev` and turn into a header just before the inlet; a run that has to go
 * back upstream (a recycle) climbs to the overhead rack instead of cutting through tanks.
 */
export function routePipe(p0: Vector3, n0: Vector3, q0: Vector3, n1: Vector3, elev: number, lane: number, rackElev: number): Vector3[] {
  const stub = 0.8;
  const p1 = p0.clone().addScaledVector(n0, stub);
  const q1 = q0.clone().addScaledVector(n1, stub);
  const pts: Vector3[] = [p0, p1];
  const forward = q1.x - p1.x > 0.5;
  const e = forward ? elev : rackElev;
  pts.push(new Vector3(p1.x, e, p1.z));
  if (forward) {
    const near = q1.x - 1.2 - lane;
    const xm = near > p1.x + 0.3 ? near : (p1.x + q1.x) / 2;
    pts.push(new Vector3(xm, e, p1.z), new Vector3(xm, e, q1.z));
  } else {
    pts.push(new Vector3(p1.x, e, q1.z));
  }
  pts.push(new Vector3(q1.x, e, q1.z), q1, q0);
  // drop repeated points (a port already at pipe elevation, a run with no sideways leg)
  return pts.filter((p, i) => i === 0 || p.distanceToSquared(pts[i - 1] as Vector3) > 1e-6);
}

/** Tube geometry of a batch of pipes with `aS` (m along the pipe) and `aPipe` (index in batch). */
export function pipeGeometry(paths: readonly PipePath[]): BufferGeometry | null {
  const parts: BufferGeometry[] = [];
  const m = new Matrix4();
  const q = new Quaternion();
  const dir = new Vector3();
  const mid = new Vector3();
  const one = new Vector3(1, 1, 1);
  paths.forEach((path, k) => {
    let s = 0;
    for (let i = 1; i < path.points.length; i++) {
      const a = path.points[i - 1] as Vector3;
      const b = path.points[i] as Vector3;
      dir.subVectors(b, a);
      const len = dir.length();
      if (len < 1e-4) continue;
      dir.divideScalar(len);
      // each run overshoots its corners by the radius, so bends close without joint spheres
      const ext = path.radius;
      const g = new CylinderGeometry(path.radius, path.radius, len + 2 * ext, 8, 1, true);
      const s0 = s - ext;
      // before placing, y runs along the axis: that is the distance along the pipe
      const pos = g.getAttribute('position');
      tag(g, (v) => s0 + (pos.getY(v) + len / 2 + ext), k);
      q.setFromUnitVectors(UP, dir);
      mid.addVectors(a, b).multiplyScalar(0.5);
      g.applyMatrix4(m.compose(mid, q, one));
      parts.push(g);
      s += len;
    }
  });
  if (parts.length === 0) return null;
  const merged = mergeGeometries(parts, false);
  for (const p of parts) p.dispose();
  return merged;
}

function tag(g: BufferGeometry, sOf: (vertex: number) => number, pipe: number): void {
  g.deleteAttribute('uv');
  const n = g.getAttribute('position').count;
  const aS = new Float32Array(n);
  const aPipe = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    aS[v] = sOf(v);
    aPipe[v] = pipe;
  }
  g.setAttribute('aS', new BufferAttribute(aS, 1));
  g.setAttribute('aPipe', new BufferAttribute(aPipe, 1));
}

const vertex = /* glsl */ `
attribute float aS;
attribute float aPipe;
uniform vec2 uPipe[${PIPES_PER_BATCH}];
varying float vS;
varying float vOn;
varying vec3 vN;
void main() {
  vec2 p = uPipe[int(aPipe + 0.5)];
  vS = aS - p.x;
  vOn = p.y;
  vN = normalize(mat3(modelMatrix) * normal);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const fragment = /* glsl */ `
uniform vec3 uBase;
uniform vec3 uDash;
uniform vec3 uLight;
uniform float uPeriod;
varying float vS;
varying float vOn;
varying vec3 vN;
void main() {
  vec3 n = normalize(vN);
  float lit = min(1.06, 0.5 + 0.36 * max(dot(n, uLight), 0.0) + 0.2 * n.y + 0.04 * n.z);
  float d = step(0.55, fract(vS / uPeriod)) * vOn;
  gl_FragColor = vec4(mix(uBase, uDash, d) * lit, 1.0);
  #include <colorspace_fragment>
}`;

/**
 * The flow material. `uPipe[k]` = (phase m, dash visibility 0–1) of pipe k in its batch: the
 * caller advances phases by flow speed × dt and sets visibility from whether the pipe flows.
 */
export function flowMaterial(): ShaderMaterial & { uniforms: { uPipe: { value: Float32Array } } } {
  const mat = new ShaderMaterial({
    vertexShader: vertex,
    fragmentShader: fragment,
    uniforms: {
      // the first element must be a number for three to upload the flat array as vec2[]
      uPipe: { value: new Float32Array(PIPES_PER_BATCH * 2) },
      uBase: { value: new Color(0x7d868e) },
      uDash: { value: new Color(0xf1f4f6) },
      // the same key light that sink.ts bakes into the equipment
      uLight: { value: new Vector3(-0.45, 0.85, -0.3).normalize() },
      uPeriod: { value: DASH_PERIOD },
    },
  });
  return mat as ShaderMaterial & { uniforms: { uPipe: { value: Float32Array } } };
}

/** Display speed of dashes (m/s) for a flow in m³/h: visible at a trickle, not frantic at the peak. */
export function dashSpeed(flow_m3_h: number): number {
  if (!(flow_m3_h > 1e-6)) return 0;
  return Math.min(4, 0.35 + 0.5 * Math.sqrt(flow_m3_h));
}
