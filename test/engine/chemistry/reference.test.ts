/**
 * The PHREEQC 3 / minteq.v4 reference points: dissolved metal over its fresh hydroxide, 0.01 mol/L NaCl background,
 * metals added as chlorides, pH fixed with NaOH on the activity scale, no carbonate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  M, METAL_CHARGE, METAL_MOLAR_MASS_G_MOL, TOT, createEquilibriumWorkspace, resetWarmStart, solveAtPH,
} from '../../../src/engine/chemistry/index.ts';
import type { EquilibriumWorkspace, MetalId } from '../../../src/engine/chemistry/index.ts';

interface Checks {
  single_metal: { metal: string; initial_mg_L: number; pH: number; dissolved_mg_L: number }[];
  mixtures: { name: string; metals_initial_mg_L: Record<string, number>; sulfate_mg_L?: number; pH: number; dissolved_mg_L: Record<string, number> }[];
}
const checks = JSON.parse(readFileSync(new URL('../../fixtures/phreeqc-checks.json', import.meta.url), 'utf8')) as Checks;

/** The reference's names: Cr3 is Cr(III), Fe3 is Fe(III). */
const metalId = (name: string): MetalId => {
  const id = name === 'Fe3' ? 'Fe' : name;
  if (!(id in M)) throw new Error(`fixture metal ${name}`);
  return id as MetalId;
};

/** Same inputs as the reference runs: NaCl background, metals as chlorides, optional sulfate as Na2SO4. */
function jar(ws: EquilibriumWorkspace, metals: Record<string, number>, pH: number, sulfate_mg_L = 0): void {
  const t = ws.tot_mol_L;
  t.fill(0);
  t[TOT.Na] = 0.01;
  t[TOT.Cl] = 0.01;
  for (const [name, mg] of Object.entries(metals)) {
    const i = M[metalId(name)];
    const mol = mg / 1000 / METAL_MOLAR_MASS_G_MOL[i]!;
    t[i] = mol;
    t[TOT.Cl] = t[TOT.Cl]! + METAL_CHARGE[i]! * mol;
  }
  if (sulfate_mg_L > 0) {
    t[TOT.SO4] = sulfate_mg_L / 1000 / 96.06;
    t[TOT.Na] = t[TOT.Na]! + 2 * t[TOT.SO4]!;
  }
  resetWarmStart(ws);
  solveAtPH(ws, pH);
}

const points: { label: string; metal: MetalId; ref: number; run: (ws: EquilibriumWorkspace) => void }[] = [
  ...checks.single_metal.map((p) => ({
    label: `${p.metal} ${p.initial_mg_L} mg/L at pH ${p.pH}`,
    metal: metalId(p.metal),
    ref: p.dissolved_mg_L,
    run: (ws: EquilibriumWorkspace) => jar(ws, { [p.metal]: p.initial_mg_L }, p.pH),
  })),
  ...checks.mixtures.flatMap((mix) =>
    Object.entries(mix.dissolved_mg_L).map(([metal, ref]) => ({
      label: `mixture ${mix.name}: ${metal} at pH ${mix.pH}`,
      metal: metalId(metal),
      ref,
      run: (ws: EquilibriumWorkspace) => jar(ws, mix.metals_initial_mg_L, mix.pH, mix.sulfate_mg_L ?? 0),
    })),
  ),
];

describe('PHREEQC reference points (minteq.v4, fresh hydroxides)', () => {
  const ws = createEquilibriumWorkspace();
  const deviations: number[] = [];

  it.each(points)('dissolved metal matches the reference within 0.3 log: $label', (p) => {
    p.run(ws);
    expect(ws.converged).toBe(true);
    const got = ws.dissolved_mg_L[M[p.metal]]!;
    const dev = Math.log10(got / p.ref);
    deviations.push(Math.abs(dev));
    if (p.ref > 0.001) expect(Math.abs(dev)).toBeLessThan(0.3);
  });

  it('lands within 0.01 log on every point (the database’s own constants and activity models)', () => {
    expect(deviations.length).toBe(points.length);
    expect(Math.max(...deviations)).toBeLessThan(0.01);
  });

  it('needs NaOH to hold the pH, and that sodium raises the ionic strength above the background', () => {
    jar(ws, { Ni: 100 }, 10);
    expect(ws.baseAdded_mol_L).toBeGreaterThan(3e-3); // two OH⁻ per precipitated Ni plus the free OH⁻
    expect(ws.NaOH_mg_L).toBeCloseTo(ws.baseAdded_mol_L * 39997, 0);
    expect(ws.ionicStrength_mol_L).toBeGreaterThan(0.0125);
  });
});
