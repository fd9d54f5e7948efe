/**
 * The inspector's jar test: a grab sample of the water a unit receives, brought to each pH in the worker
 * (engine/chemistry/jar.ts, read by jarResult.ts), read against the limits of the standard the plant discharges to and the unit's own
 * pH set-points. The app never computes the chemistry; it takes the curve and compares numbers.
 */
import type { UnitInfo } from '../engine/api.ts';
import { jarCompliantRanges } from '../engine/chemistry/jarResult.ts';
import { DEFAULT_STANDARD } from '../engine/kpi/parameters.ts';
import type { JarResult, JarTest } from '../worker/api.ts';
import { standardLimit } from './colorScale.ts';
import { getClient } from './simClient.ts';
import { isObj } from '../engine/model/json.ts';

export async function runJarTest(unit: string, from: 'in' | 'out', sulfideDose_mg_L = 0): Promise<JarResult | null> {
  return getClient().jar(unit, { from, sulfideDose_mg_L });
}


/**
 * The pH set-points of the unit's dosing loops that act on a pH probe, live where the engine reports them
 * (`<loop>.setpoint` among the settable values), else as the model gives them.
 */
export function pHSetpoints(u: UnitInfo, settable: Readonly<Record<string, number | boolean>> | undefined): number[] {
  const out: number[] = [];
  for (const [name, p] of Object.entries(u.params)) {
    const loop = isObj(p) ? p['value'] : undefined;
    if (!isObj(loop) || !isObj(loop['probe']) || loop['probe']['kind'] !== 'pH' || !isObj(loop['controller'])) continue;
    const live = settable?.[`${name}.setpoint`];
    const given = loop['controller']['setpoint'];
    const sp = typeof live === 'number' ? live : typeof given === 'number' ? given : undefined;
    if (sp !== undefined && !out.includes(sp)) out.push(sp);
  }
  return out;
}

export interface JarReading {
  /** the standard the limits come from */
  standard: string;
  /** mg/L per element the standard limits (Cr as total chromium) */
  limits: Record<string, number>;
  /** pH ranges of the sweep over which every limited element meets its limit */
  ranges: [number, number][];
  /** elements no pH brings under their limit (what is held alone exceeds it, or the minimum does) */
  never: { id: string; min_mg_L: number; min_pH: number; held_mg_L: number; limit: number }[];
  /** the curve's point nearest each set-point, with each element's soluble value there */
  atSetpoints: { pH: number; index: number }[];
}

/** The jar test read against standard `standard` (the plant's discharge standard; the engine's default when none). */
export function readJar(jar: JarTest, standard: string | null, setpoints: readonly number[]): JarReading {
  const std = standard ?? DEFAULT_STANDARD;
  const limits: Record<string, number> = {};
  for (const e of jar.elements) {
    const v = standardLimit(`${e.id}_total`, std);
    if (v !== undefined) limits[e.id] = v;
  }
  const never = jar.elements.flatMap((e) => {
    const limit = limits[e.id];
    return limit !== undefined && e.min_mg_L > limit ? [{ id: e.id, min_mg_L: e.min_mg_L, min_pH: e.min_pH, held_mg_L: e.held_mg_L, limit }] : [];
  });
  const atSetpoints = setpoints.flatMap((sp) => {
    if (jar.pH.length === 0) return [];
    let best = 0;
    jar.pH.forEach((pH, k) => {
      if (Math.abs(pH - sp) < Math.abs(jar.pH[best]! - sp)) best = k;
    });
    return [{ pH: sp, index: best }];
  });
  return { standard: std, limits, ranges: jarCompliantRanges(jar, limits), never, atSetpoints };
}
