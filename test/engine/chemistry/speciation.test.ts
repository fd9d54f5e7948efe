import { describe, expect, it } from 'vitest';
import { C, NC } from '../../../src/engine/components.ts';
import {
  M, METALS, METAL_CHARGE, METAL_MOLAR_MASS_G_MOL, PHASES, SPECIES, TOT, createEquilibriumWorkspace, loadTotalsFromStream,
  resetWarmStart, solveAtPH, solveChargeBalance, speciesCharge,
} from '../../../src/engine/chemistry/index.ts';
import type { EquilibriumWorkspace, MetalId } from '../../../src/engine/chemistry/index.ts';

const ws = createEquilibriumWorkspace();

function set(totals: Partial<Record<keyof typeof TOT, number>>): EquilibriumWorkspace {
  ws.tot_mol_L.fill(0);
  for (const [k, v] of Object.entries(totals)) ws.tot_mol_L[TOT[k as keyof typeof TOT]] = v;
  resetWarmStart(ws);
  return ws;
}

const molOf = (metal: MetalId, mg_L: number): number => mg_L / 1000 / METAL_MOLAR_MASS_G_MOL[M[metal]]!;

/** A metal chloride in 0.01 mol/L NaCl, as the jar tests and reference points make it. */
function metalChloride(metal: MetalId, mg_L: number, extra: Partial<Record<keyof typeof TOT, number>> = {}): EquilibriumWorkspace {
  const mol = molOf(metal, mg_L);
  return set({ [metal]: mol, Na: 0.01, Cl: 0.01 + METAL_CHARGE[M[metal]]! * mol, ...extra });
}

/** Charge written at the end of a PHREEQC-style name: `+`, `+2`, `-`, `-2`, nothing for neutral. */
function chargeFromName(name: string): number {
  const m = /([+-])(\d*)$/.exec(name);
  if (m === null) return 0;
  return (m[1] === '+' ? 1 : -1) * (m[2] === '' ? 1 : Number(m[2]));
}

describe('species table', () => {
  it.each([
    'Fe(OH)4-', 'Fe(OH)2+', 'Ni(OH)2', 'Ni(OH)3-', 'CuOH+', 'Cu(OH)2', 'Cu(OH)3-', 'Zn(OH)2', 'Zn(OH)3-', 'Cd(OH)2',
    'CdOHCl', 'PbOH+', 'Pb(OH)4-2', 'CrOH+2', 'Cr(OH)2+', 'CrO2-', 'Cr(OH)4-',
  ])("keeps %s, one of chemistry.md's species that must not be dropped", (name) => {
    expect(SPECIES.map((s) => s.name)).toContain(name);
  });

  it('gives every species the charge its stoichiometry implies', () => {
    for (const s of SPECIES) expect(speciesCharge(s), s.name).toBe(chargeFromName(s.name));
  });

  it('has one hydroxide phase per metal and no duplicate species', () => {
    for (const m of METALS) expect(PHASES.filter((p) => p.metal === m && p.kind === 'hydroxide')).toHaveLength(1);
    expect(new Set(SPECIES.map((s) => s.name)).size).toBe(SPECIES.length);
  });
});

describe('pH of simple solutions from the charge balance', () => {
  it('puts 0.001 M HCl at pH 3.0', () => {
    expect(solveChargeBalance(set({ Cl: 1e-3 }), true)).toBeCloseTo(3.0, 1);
    expect(Math.abs(ws.pH - 3.0)).toBeLessThan(0.05);
  });
  it('puts 0.001 M NaOH at pH 11.0', () => {
    expect(Math.abs(solveChargeBalance(set({ Na: 1e-3 }), true) - 11.0)).toBeLessThan(0.05);
  });
  it('puts pure water at pH 7.0', () => {
    expect(Math.abs(solveChargeBalance(set({}), true) - 7.0)).toBeLessThan(0.05);
  });
  it('puts a 2 mM NaHCO3 solution at pH 8.3', () => {
    expect(Math.abs(solveChargeBalance(set({ Na: 2e-3, TIC: 2e-3 }), true) - 8.3)).toBeLessThan(0.05);
  });
  it('buffers ammonium: NH4Cl is acidic, NH3 alkaline', () => {
    const acid = solveChargeBalance(set({ NH3N: 0.01, Cl: 0.01 }), true);
    const base = solveChargeBalance(set({ NH3N: 0.01 }), true);
    expect(acid).toBeGreaterThan(5);
    expect(acid).toBeLessThan(6);
    expect(base).toBeGreaterThan(10.4);
    expect(base).toBeLessThan(10.8);
  });
  it('counts nitrate as the anion of a strong acid: nitrifying 1 mmol/L of ammonium takes 2 mmol/L of alkalinity at pH 7.5', () => {
    expect(solveChargeBalance(set({ NO3N: 1e-3 }), true)).toBeCloseTo(3, 1);
    // the same water before and after nitrification, held at pH 7.5: what the caustic makes up is the alkalinity used
    const water = { Na: 2e-3, Cl: 1e-3, TIC: 2e-3 };
    const before = solveAtPH(set({ ...water, NH3N: 1e-3 }), 7.5);
    const after = solveAtPH(set({ ...water, NO3N: 1e-3 }), 7.5);
    // NH4⁺ is 98 % of the ammonia at pH 7.5 (pKa 9.24)
    expect((after - before) * 1e3).toBeCloseTo(1 + 1 / (1 + 10 ** (7.5 - 9.244)), 2);
  });
  it('lets sulfuric acid form bisulfate: 0.01 M H2SO4 sits near pH 1.88, not the 1.76 of full dissociation', () => {
    const pH = solveChargeBalance(set({ SO4: 0.01 }), true);
    expect(pH).toBeGreaterThan(1.82);
    expect(pH).toBeLessThan(1.95);
  });
});

describe('hydroxide solubility', () => {
  it.each(['Zn', 'Pb', 'Cr3'] as const)('%s solubility falls, then rises again with pH (minimum between pH 8 and 11)', (metal) => {
    const curve: { pH: number; d: number }[] = [];
    for (let pH = 6; pH <= 13.001; pH += 0.25) {
      solveAtPH(metalChloride(metal, 100), pH);
      curve.push({ pH, d: ws.dissolved_mg_L[M[metal]]! });
    }
    const min = curve.reduce((a, b) => (b.d < a.d ? b : a));
    expect(min.pH).toBeGreaterThan(8);
    expect(min.pH).toBeLessThan(11);
    expect(curve[0]!.d).toBeGreaterThan(10 * min.d);
    expect(curve[curve.length - 1]!.d).toBeGreaterThan(10 * min.d);
  });

  it('keeps the books: dissolved + precipitated = total, and the phases hold what precipitated', () => {
    const mix = { Ni: molOf('Ni', 50), Cu: molOf('Cu', 40), Zn: molOf('Zn', 30), Cr3: molOf('Cr3', 10), Fe: molOf('Fe', 5) };
    set({ ...mix, Na: 0.012, Cl: 0.01, SO4: 3e-3, Ca: 1e-3 });
    solveAtPH(ws, 9.2);
    let phases = 0;
    for (let k = 0; k < PHASES.length; k++) phases += ws.phase_mol_L[k]!;
    let precipitated = 0;
    for (let i = 0; i < METALS.length; i++) {
      expect(ws.dissolved_mol_L[i]! + ws.precipitated_mol_L[i]!).toBeCloseTo(ws.tot_mol_L[i]!, 15);
      precipitated += ws.precipitated_mol_L[i]!;
    }
    expect(phases).toBeCloseTo(precipitated, 15);
  });

  it('forms no solid when solids are not allowed, however supersaturated', () => {
    metalChloride('Cu', 50, { Na: 0.02 });
    const pH = solveChargeBalance(ws, false);
    expect(pH).toBeGreaterThan(10);
    expect(ws.dissolved_mol_L[M.Cu]).toBeCloseTo(ws.tot_mol_L[M.Cu]!, 15);
    expect(ws.precipitated_mol_L[M.Cu]).toBe(0);
  });

  it('re-dissolves a solid that is part of the total when the water turns acid', () => {
    const conc = new Float64Array(NC);
    conc[C.Ni_p] = 20; // all nickel is particulate going in
    conc[C.Cl] = 355 + 2 * 35.453 * (20 / 58.693);
    conc[C.Na] = 230;
    loadTotalsFromStream(conc, ws);
    resetWarmStart(ws);
    solveChargeBalance(ws, true);
    expect(ws.pH).toBeLessThan(7);
    expect(ws.dissolved_mg_L[M.Ni]).toBeCloseTo(20, 6);
  });
});

describe('NaOH titration of an acid nickel rinse', () => {
  it('raises pH monotonically and precipitates Ni only above ≈ pH 8', () => {
    const ni = molOf('Ni', 100);
    let last = -Infinity;
    let firstSolidPH = NaN;
    for (let naoh = 0; naoh <= 6e-3 + 1e-12; naoh += 2e-4) {
      set({ Ni: ni, Cl: 2 * ni + 1e-3, Na: naoh });
      const pH = solveChargeBalance(ws, true);
      expect(pH).toBeGreaterThanOrEqual(last);
      last = pH;
      const solid = ws.precipitated_mg_L[M.Ni]!;
      if (pH < 7.5) expect(solid).toBe(0);
      if (solid > 0 && Number.isNaN(firstSolidPH)) firstSolidPH = pH;
    }
    expect(firstSolidPH).toBeGreaterThan(7.6);
    expect(firstSolidPH).toBeLessThan(8.3);
    expect(last).toBeGreaterThan(10.5);
    expect(ws.precipitated_mg_L[M.Ni]).toBeGreaterThan(99.5);
  });
});

describe('fixed pH and charge balance agree', () => {
  it('gives back the pH when the charge balance gets the NaOH the fixed-pH mode said it needed', () => {
    for (const pH of [7.5, 9.3, 10.8]) {
      set({ Ni: molOf('Ni', 30), Cu: molOf('Cu', 20), Zn: molOf('Zn', 20), Cd: molOf('Cd', 1), Pb: molOf('Pb', 1), Na: 0.01, Cl: 0.012, SO4: 2e-3, Ca: 5e-4, TIC: 5e-4 });
      const base = solveAtPH(ws, pH);
      expect(base).toBeGreaterThan(0);
      const dissolved = Array.from(ws.dissolved_mg_L);
      ws.tot_mol_L[TOT.Na] = ws.tot_mol_L[TOT.Na]! + base;
      resetWarmStart(ws);
      expect(Math.abs(solveChargeBalance(ws, true) - pH)).toBeLessThan(0.01);
      dissolved.forEach((d, i) => expect(ws.dissolved_mg_L[i]!).toBeCloseTo(d, 4));
    }
  });

  it('asks for HCl (negative base) when the water is more alkaline than the target', () => {
    set({ Na: 0.01, Cl: 0.005 });
    const base = solveAtPH(ws, 8);
    expect(base).toBeLessThan(0);
    expect(ws.HCl_mg_L).toBeGreaterThan(0);
    expect(ws.NaOH_mg_L).toBe(0);
  });
});

describe('sulfide precipitation', () => {
  it.each([
    ['Cu', 1e3],
    ['Cd', 1e3],
    ['Pb', 1e3],
    ['Zn', 10],
  ] as const)('leaves far less %s dissolved than the hydroxide at the same pH (at least ×%d)', (metal, factor) => {
    const mol = molOf(metal, 20);
    solveAtPH(metalChloride(metal, 20), 9);
    const hydroxide = ws.dissolved_mg_L[M[metal]]!;
    solveAtPH(metalChloride(metal, 20, { S2: 1.5 * mol }), 9);
    const sulfide = ws.dissolved_mg_L[M[metal]]!;
    expect(sulfide * factor).toBeLessThan(hydroxide);
    expect(ws.phase_mol_L[PHASES.findIndex((p) => p.metal === metal && p.kind === 'sulfide')]!).toBeGreaterThan(0.9 * mol);
  });

  it('gives scarce sulfide to the least soluble sulfide first and closes the sulfur balance', () => {
    const each = 3e-4;
    const S = 1.5 * each; // enough for Cu, half of Zn, none left for Ni
    set({ Cu: each, Zn: each, Ni: each, Na: 0.01, Cl: 0.01 + 6 * each, S2: S });
    solveAtPH(ws, 9);
    const phase = (name: string): number => ws.phase_mol_L[PHASES.findIndex((p) => p.name === name)]!;
    expect(phase('CuS(covellite)')).toBeCloseTo(each, 9);
    expect(phase('ZnS(am)')).toBeCloseTo(S - each, 9);
    expect(phase('Zn(OH)2(am)')).toBeGreaterThan(0);
    expect(phase('NiS(alpha)')).toBe(0);
    const sulfides = phase('CuS(covellite)') + phase('ZnS(am)') + phase('NiS(alpha)');
    expect(sulfides + ws.sulfideDissolved_mol_L).toBeCloseTo(S, 12);
  });

  it('counts sulfide as a weak acid: Na2S is alkaline, H2S barely acidic', () => {
    expect(solveChargeBalance(set({ Na: 2e-3, S2: 1e-3 }), true)).toBeGreaterThan(10);
    const h2s = solveChargeBalance(set({ S2: 1e-3 }), true);
    expect(h2s).toBeGreaterThan(4.5);
    expect(h2s).toBeLessThan(5.5);
  });
});

describe('workspace and loading', () => {
  it('is made for the temperature it is given, 25 °C by default', () => {
    expect(createEquilibriumWorkspace({ temperature_C: 10 }).temperature_C).toBe(10);
    expect(createEquilibriumWorkspace().temperature_C).toBe(25);
  });

  it('loads totals from a stream: metal = dissolved + particulate, complexed metal left out', () => {
    const conc = new Float64Array(NC);
    conc[C.Ni] = 10;
    conc[C.Ni_p] = 5;
    conc[C.NiCx] = 7;
    conc[C.NiCN] = 3;
    conc[C.SO4] = 96.06;
    conc[C.S2] = 32.06;
    loadTotalsFromStream(conc, ws);
    expect(ws.tot_mol_L[M.Ni]).toBeCloseTo(15 / 1000 / 58.693, 12);
    expect(ws.tot_mol_L[TOT.SO4]).toBeCloseTo(1e-3, 12);
    expect(ws.tot_mol_L[TOT.S2]).toBeCloseTo(1e-3, 12);
    loadTotalsFromStream(conc, ws, false);
    expect(ws.tot_mol_L[M.Ni]).toBeCloseTo(10 / 1000 / 58.693, 12);
  });

  it('rejects a negative or non-finite total', () => {
    set({ Na: -1 });
    expect(() => solveChargeBalance(ws, true)).toThrow(RangeError);
    set({ Cl: NaN });
    expect(() => solveChargeBalance(ws, true)).toThrow(RangeError);
  });
});

describe('carbonate complexes', () => {
  // minteq.v4.dat: Cu²⁺ + CO3²⁻ = CuCO3 6.77; Cu²⁺ + 2 CO3²⁻ = Cu(CO3)2²⁻ 10.2; Cu²⁺ + H⁺ + CO3²⁻ = CuHCO3⁺ 12.129
  const davies = (I: number, z: number) => 10 ** (-0.509 * z * z * (Math.sqrt(I) / (1 + Math.sqrt(I)) - 0.3 * I));
  const limiting = (I: number, z: number) => 10 ** (-0.509 * z * z * Math.sqrt(I));

  it('raise the copper a hydroxide leaves at pH 9 in 1 mmol/L of carbonate as the database constants say (≈ ×3.7)', () => {
    const tic = 1e-3;
    solveAtPH(metalChloride('Cu', 0.5), 9);
    const withoutD = ws.dissolved_mol_L[M.Cu]!, withoutFree = ws.freeActivity[M.Cu]!;
    solveAtPH(metalChloride('Cu', 0.5, { TIC: tic }), 9);
    const D = ws.dissolved_mol_L[M.Cu]!, free = ws.freeActivity[M.Cu]!, I = ws.ionicStrength_mol_L;
    // by hand: free CO3²⁻ from the carbonate acid (pKa 6.35 and 10.33, Davies), the complexes on the copper's free activity
    const h = 10 ** -9, g1 = davies(I, 1), g2 = davies(I, 2);
    const r1 = 10 ** -6.35 / (h * g1), r2 = (10 ** -10.33 * g1) / (h * g2); // [HCO3⁻]/[H2CO3], [CO3²⁻]/[HCO3⁻]
    const bound = D - (withoutD / withoutFree) * free; // the copper the carbonate holds, mol/L
    const co3 = ((tic - bound) * r1 * r2) / (1 + r1 + r1 * r2);
    const aCO3 = g2 * co3;
    const carbonateComplexes = free * (10 ** 6.77 * aCO3 + (10 ** 10.2 * aCO3 * aCO3) / limiting(I, 2) + (10 ** 12.129 * h * aCO3) / limiting(I, 1));
    expect(bound / carbonateComplexes).toBeGreaterThan(0.98);
    expect(bound / carbonateComplexes).toBeLessThan(1.02);
    expect(D / withoutD).toBeGreaterThan(3);
    expect(D / withoutD).toBeLessThan(5);
  });

  it('leave a water without inorganic carbon as it was, and a carbonate water whose metals are all complexed still balances its charge', () => {
    solveAtPH(metalChloride('Pb', 2), 8);
    const pb = ws.dissolved_mol_L[M.Pb]!;
    solveAtPH(metalChloride('Pb', 2, { TIC: 0 }), 8);
    expect(ws.dissolved_mol_L[M.Pb]).toBe(pb);
    // lead held mostly by carbonate (PbCO3°, Pb(CO3)2²⁻): the NaOH the fixed-pH mode needed gives the pH back
    set({ Pb: molOf('Pb', 20), Zn: molOf('Zn', 20), Na: 0.01, Cl: 0.01 + 2 * (molOf('Pb', 20) + molOf('Zn', 20)), TIC: 2e-3 });
    const base = solveAtPH(ws, 8.3, false);
    ws.tot_mol_L[TOT.Na] = ws.tot_mol_L[TOT.Na]! + base;
    resetWarmStart(ws);
    expect(solveChargeBalance(ws, false)).toBeCloseTo(8.3, 5);
  });
});
