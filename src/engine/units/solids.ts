/**
 * Shared by the separation units (clarifier, filters, membranes, sludge line): which of a unit's
 * components are particulate (what settles, is filtered or pressed) and which are dissolved (what
 * passes with the water), and total suspended solids as dry mass — metal particulates weighed as
 * their hydroxide (SOLIDS_G_PER_G), inert solids and polymer as themselves.
 */
import { C, NC, PARTICULATES, SOLIDS_G_PER_G } from '../components.ts';

/** Dry solids per gram of each component (0 for dissolved ones), indexed like a concentration array. */
export const SOLIDS_FACTOR: Float64Array = (() => {
  const k = new Float64Array(NC);
  for (const id of PARTICULATES) k[C[id]] = SOLIDS_G_PER_G[id] ?? 1;
  return k;
})();

export interface SolidsSplit {
  /** active particulate component indices */
  readonly particulate: Int32Array;
  /** active dissolved component indices */
  readonly dissolved: Int32Array;
}

/** Splits a unit's support into particulate and dissolved components (build time, allocates). */
export function splitActive(active: Int32Array): SolidsSplit {
  const part: number[] = [], diss: number[] = [];
  for (let k = 0; k < active.length; k++) {
    const j = active[k]!;
    if (SOLIDS_FACTOR[j]! > 0) part.push(j);
    else diss.push(j);
  }
  return { particulate: Int32Array.from(part), dissolved: Int32Array.from(diss) };
}

/** Total suspended solids (g/m³ dry) of a concentration vector, over the given particulate indices. */
export function tssOf(c: Float64Array, particulate: Int32Array, offset = 0): number {
  let x = 0;
  for (let k = 0; k < particulate.length; k++) {
    const j = particulate[k]!;
    x += SOLIDS_FACTOR[j]! * c[offset + j]!;
  }
  return x;
}
