/**
 * Which unit a ray hits: each unit's equipment box (in its own, rotated frame) against the ray, by the
 * slab method; the nearest hit wins. Used for hover and click, so it allocates nothing.
 */
import type { Ray } from 'three';
import type { Placement } from './build.ts';

const SPAN = { lo: 0, hi: 0 };

/** Index of the nearest placement the world-space `ray` hits, or −1; `scratch` receives the ray in each unit's frame. */
export function pickPlacement(ray: Ray, placements: readonly Placement[], scratch: Ray): number {
  const o = ray.origin;
  const d = ray.direction;
  let best = -1;
  let bestT = Infinity;
  for (let i = 0; i < placements.length; i++) {
    const p = placements[i];
    if (!p) continue;
    // the ray in the unit's frame: translate, then turn by −rot
    const ox = o.x - p.x;
    const oz = o.z - p.z;
    scratch.origin.set(ox * p.cos - oz * p.sin, o.y, ox * p.sin + oz * p.cos);
    scratch.direction.set(d.x * p.cos - d.z * p.sin, d.y, d.x * p.sin + d.z * p.cos);
    const t = slab(scratch, p.eq.x0, p.eq.x1, 0, p.eq.height, p.eq.z0, p.eq.z1);
    if (t >= 0 && t < bestT) {
      bestT = t;
      best = i;
    }
  }
  return best;
}

/** Ray/axis-aligned box intersection distance, −1 when it misses (the slab method). */
function slab(r: Ray, x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): number {
  SPAN.lo = -Infinity;
  SPAN.hi = Infinity;
  if (!clip(r.origin.x, r.direction.x, x0, x1) || !clip(r.origin.y, r.direction.y, y0, y1) || !clip(r.origin.z, r.direction.z, z0, z1)) return -1;
  return SPAN.hi < 0 ? -1 : Math.max(0, SPAN.lo);
}

function clip(o: number, d: number, lo: number, hi: number): boolean {
  if (Math.abs(d) < 1e-12) return o >= lo && o <= hi;
  const t1 = (lo - o) / d;
  const t2 = (hi - o) / d;
  SPAN.lo = Math.max(SPAN.lo, Math.min(t1, t2));
  SPAN.hi = Math.min(SPAN.hi, Math.max(t1, t2));
  return SPAN.lo <= SPAN.hi;
}
