/**
 * Profiles along the treatment chain: the water's path from each influent to where it leaves the
 * plant (the outfall, the reuse tank), and where each point's value of a variable is read. A path
 * follows each unit's treated-water outlet (`mainPort`); at a splitter it branches, one path per
 * outlet; overflows, underflows, backwash and recycles (tear streams) are not the water's path.
 * Each point reads the water as it leaves the unit along the path; the last point, the water that
 * arrives there. pH is read where the plant measures it (reactors, the outfall's analyser).
 */
import { inflowMix, mainPort, portMeasure, portSource, probeSource, type PlantIndex, type ValueSource } from './plantIndex.ts';

export interface ProfilePath {
  /** `<start unit>><end unit>`, stable for a model */
  key: string;
  /** unit indices from the influent to the end */
  units: readonly number[];
  /** per unit but the last, the outlet port the path leaves it by */
  ports: readonly string[];
}

/** Paths longer than this are cut (a model of hundreds of units in one chain is not a profile). */
const MAX_POINTS = 64;

export function profilePaths(index: PlantIndex): ProfilePath[] {
  const next = (i: number): { port: string; to: number }[] => {
    const u = index.units[i];
    if (!u) return [];
    const main = mainPort(u);
    // a splitter's outlets are all the water's; any other unit's, its treated-water outlet only
    const ports = u.type === 'splitter' ? u.outputs : main === undefined || main === 'overflow' ? [] : [main];
    return ports.flatMap((port) => index.streams.filter((s) => s.from === i && s.info.from.port === port && !s.info.tear && s.to >= 0).map((s) => ({ port, to: s.to })));
  };
  const paths: ProfilePath[] = [];
  const walk = (units: number[], ports: string[]): void => {
    const last = units[units.length - 1]!;
    const steps = units.length < MAX_POINTS ? next(last).filter((s) => !units.includes(s.to)) : [];
    if (steps.length === 0) {
      if (units.length > 1) paths.push({ key: `${index.units[units[0]!]!.id}>${index.units[last]!.id}`, units, ports });
      return;
    }
    for (const s of steps) walk([...units, s.to], [...ports, s.port]);
  };
  index.units.forEach((u, i) => {
    if (u.type === 'influent') walk([i], []);
  });
  return paths;
}

/** Where point `k` of `path` reads variable `v` (`pH`, `ORP` or a measure such as `Ni_total`). */
export function profileSource(index: PlantIndex, path: ProfilePath, k: number, v: string): ValueSource {
  const i = path.units[k];
  if (i === undefined) return { kind: 'none' };
  if (v === 'pH' || v === 'ORP') return probeSource(index, i, v);
  const port = path.ports[k];
  // the end of the path: the water arriving
  return port === undefined ? inflowMix(index, i, v) : portSource(index, i, port, v);
}

/**
 * Measures worth showing first on a path: what its influent carries (the engine records a measure on
 * a stream only where the stream can carry it), regulated metals and cyanide before the rest.
 */
export function profileDefaults(index: PlantIndex, path: ProfilePath, limit = 4): string[] {
  const first = path.units[0];
  const carried = index.colorVars.filter((v) => v !== 'pH' && v !== 'ORP' && first !== undefined && portMeasure(index, first, path.ports[0] ?? 'out', v) >= 0);
  const regulated = carried.filter((v) => v.endsWith('_total') || v === 'Cr6');
  return [...regulated, ...carried.filter((v) => !regulated.includes(v))].slice(0, limit);
}
