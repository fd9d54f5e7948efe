import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/simulate.ts';
import { buildPlantIndex, readSource, type LatestReader, type PlantIndex } from '../../src/state/plantIndex.ts';
import { profileDefaults, profilePaths, profileSource, type ProfilePath } from '../../src/state/profile.ts';
import { modelInfo, prepareModel } from '../../src/worker/loading.ts';

const DAYS = 3;

/** The default park after three days, read as the app reads it: the latest row of every channel. */
let index: PlantIndex;
let latest: LatestReader;
let paths: ProfilePath[];

beforeAll(() => {
  const prepared = prepareModel(readFileSync('models/default-park.json', 'utf8'), 'models/default-park.json');
  if (!prepared.ok) throw new Error(prepared.error.reason);
  const sim = createSimulation(prepared.loaded.plant, { duration_s: DAYS * 86_400, output_interval_s: 3600 });
  sim.run(sim.duration_s);
  index = buildPlantIndex(modelInfo(sim, prepared.loaded));
  const data = sim.channelData(0);
  const last = data.count - 1;
  latest = { total: data.count, latest: (c, kind = 'mean') => data[kind][c]?.[last] ?? NaN };
  paths = profilePaths(index);
});

const ids = (p: ProfilePath) => p.units.map((i) => index.units[i]!.id);
const pathOf = (key: string) => {
  const p = paths.find((x) => x.key === key);
  if (!p) throw new Error(`no path ${key}: ${paths.map((x) => x.key).join(', ')}`);
  return p;
};
const at = (p: ProfilePath, unit: string, v: string) => readSource(profileSource(index, p, ids(p).indexOf(unit), v), latest);

describe('profile along the treatment chain, on the default park', () => {
  it('follows the water from each influent to the outfall and to the reuse tank, branching at the splitter only', () => {
    expect(paths.map((p) => p.key).sort()).toEqual(
      ['cn', 'cr', 'ni', 'cx', 'pt', 'mx'].flatMap((l) => [`inf-${l}>discharge`, `inf-${l}>reuse`]).sort(),
    );
    expect(ids(pathOf('inf-ni>discharge'))).toEqual(['inf-ni', 'eq-ni', 'ni-precip', 'ni-clar', 'ni-uf', 'mon-ni', 'mix-final', 'precip', 'clar', 'sand', 'bio', 'split-reuse', 'final-ph', 'discharge']);
    expect(ids(pathOf('inf-ni>reuse')).slice(-6)).toEqual(['split-reuse', 'uf', 'ro', 'reuse-ph', 'mon-reuse', 'reuse']);
    // sludge, overflows and recycles are not the water's path
    for (const p of paths) for (const u of ['ni-thick', 'thick', 'press', 'emergency', 'mix-sludge', 'mix-overflow']) expect(ids(p)).not.toContain(u);
  });

  it('shows nickel falling from the rinse to below the Table 3 workshop limit at the nickel line’s outlet, and pH where it is measured', () => {
    const p = pathOf('inf-ni>discharge');
    expect(at(p, 'inf-ni', 'Ni_total')).toBeGreaterThan(20);
    expect(at(p, 'eq-ni', 'Ni_total')).toBeGreaterThan(20);
    // precipitated but not yet separated: the total is still there, most of it as solids
    expect(at(p, 'ni-precip', 'Ni_total')).toBeGreaterThan(10);
    expect(at(p, 'ni-clar', 'Ni_total')).toBeLessThan(at(p, 'ni-precip', 'Ni_total') / 10);
    expect(at(p, 'mon-ni', 'Ni_total')).toBeLessThan(0.1);
    // the nickel reactor's pH loop holds its setpoint of 10.3
    expect(at(p, 'ni-precip', 'pH')).toBeGreaterThan(10.0);
    expect(at(p, 'ni-precip', 'pH')).toBeLessThan(10.6);
    // a tank without a probe has no pH rather than a made-up one
    expect(at(p, 'eq-ni', 'pH')).toBeNaN();
    expect(at(p, 'discharge', 'pH')).toBeGreaterThan(6);
    expect(at(p, 'discharge', 'pH')).toBeLessThan(9);
  });

  it('reads both branches of the splitter from its one shared outlet, and the end of a path from the water arriving there', () => {
    const out = pathOf('inf-mx>discharge'), reuse = pathOf('inf-mx>reuse');
    expect(at(out, 'split-reuse', 'Cu_total')).toBe(at(reuse, 'split-reuse', 'Cu_total'));
    expect(at(out, 'split-reuse', 'Cu_total')).toBeGreaterThan(0);
    // the reuse tank gets RO permeate: far below the water fed to the RO
    expect(at(reuse, 'reuse', 'Cu_total')).toBeLessThan(at(reuse, 'uf', 'Cu_total') / 10);
    // the outfall receives what leaves the final pH tank (the emergency tank's overflow is dry)
    expect(at(out, 'discharge', 'Cu_total')).toBeCloseTo(at(out, 'final-ph', 'Cu_total'), 9);
  });

  it('shows where the sulfide polish doses sulfide to its ORP end point, and that the outfall carries the residual, concentrated by the RO', () => {
    const p = pathOf('inf-mx>discharge');
    expect(at(p, 'inf-mx', 'sulfide')).toBe(0);
    // the equalization tank gets a little back with the sludge line's supernatant and filtrate
    const returned = at(p, 'eq-mx', 'sulfide');
    const dosed = at(p, 'precip', 'sulfide');
    expect(dosed).toBeGreaterThan(2 * returned);
    // the ORP loop stops at ≈ 0.1 mg/L free sulfide (ratio dosing left ≈ 6 mg/L at the outfall)
    expect(dosed).toBeGreaterThan(0.05);
    expect(dosed).toBeLessThan(0.3);
    // the residual passes the clarifier and filters, and the RO concentrate that joins the outfall carries it
    // concentrated: the outfall holds more than the polishing tank's outlet, still under GB 8978's 1.0 mg/L
    expect(at(p, 'discharge', 'sulfide')).toBeGreaterThan(at(p, 'sand', 'sulfide'));
    expect(at(p, 'discharge', 'sulfide')).toBeLessThan(0.5);
  });

  it('opens each path on what its influent carries, regulated metals first', () => {
    expect(profileDefaults(index, pathOf('inf-cr>discharge'))).toEqual(['Cr6', 'Cr_total', 'SS']);
    expect(profileDefaults(index, pathOf('inf-ni>discharge'))[0]).toBe('Ni_total');
    expect(profileDefaults(index, pathOf('inf-cn>discharge'))).toContain('CN_total');
  });
});
