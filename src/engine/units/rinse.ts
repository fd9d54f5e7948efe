/**
 * A rinse's analysis as the engine holds it: a concentration vector, brought to its measured pH by the
 * charge balance (rinse analyses rarely balance: the strong base or acid that makes them read their pH is
 * added as Na, or as sulfate or chloride).
 */
import { createEquilibriumWorkspace, loadTotalsFromStream, solveAtPH } from '../chemistry/index.ts';
import { C, MOLAR_MASS_G_MOL, NC, componentIndexOf } from '../components.ts';

/** The rinse's analysis as a concentration vector, mg/L by component index. */
export function composition(conc_mg_L: Readonly<Record<string, number | undefined>>): Float64Array {
  const c = new Float64Array(NC);
  for (const [id, v] of Object.entries(conc_mg_L)) c[componentIndexOf(id)!] = v ?? 0;
  return c;
}

/**
 * Adds to `conc_mg_L` the Na (as NaOH) or the acid anion (as H2SO4 or HCl) that makes the water read
 * `pH` by its charge balance, as mixed (no solids form in the collection pipe).
 */
export function balanceToPH(conc_mg_L: Float64Array, pH: number, acidAnion: 'SO4' | 'Cl', temperature_C: number, ws = createEquilibriumWorkspace({ temperature_C })): boolean {
  // only what is dissolved takes part in the water's charge balance
  loadTotalsFromStream(conc_mg_L, ws, false);
  const base_mol_L = solveAtPH(ws, pH, false);
  // a composition far beyond every rinse (tens of mol/L) has no charge balance the activity model can solve
  if (!ws.converged || !Number.isFinite(base_mol_L)) return false;
  if (base_mol_L > 0) conc_mg_L[C.Na]! += base_mol_L * MOLAR_MASS_G_MOL.Na * 1000;
  else if (acidAnion === 'SO4') conc_mg_L[C.SO4]! += (-base_mol_L / 2) * MOLAR_MASS_G_MOL.SO4 * 1000;
  else conc_mg_L[C.Cl]! += -base_mol_L * MOLAR_MASS_G_MOL.Cl * 1000;
  return true;
}

/** Why water `what` cannot be brought to `pH` (balanceToPH returned false). */
export function noBalanceReason(what: string, pH: number): string {
  return `no charge balance brings ${what} to pH ${pH}: its dissolved load is beyond every rinse the chemistry can describe`;
}

/** The make-up water's hardness: it comes with the water a rinse is made of, not with what the shops rinse off. */
const HARDNESS = [C.Ca, C.Mg] as const;
const HARDNESS_MEQ_PER_MG = [2 / MOLAR_MASS_G_MOL.Ca, 2 / MOLAR_MASS_G_MOL.Mg] as const;

/**
 * A rinse split into the water it is made of and the load the shops rinse into it. The water is the make-up water's
 * hardness (Ca, Mg) with as much of the acid anion — a neutral salt, which moves no pH; the load is the rest of the
 * analysis. The shops' load pattern, its noise and a spent bath scale the load, never the water's hardness (a bath
 * that had concentrated its make-up water's calcium would have dropped it as gypsum).
 */
export function hardnessSalt(analysis: Float64Array, acidAnion: 'SO4' | 'Cl'): { water: Float64Array; load: Float64Array } {
  const water = new Float64Array(NC), load = analysis.slice();
  let hardness_meq_L = 0;
  HARDNESS.forEach((j, k) => {
    water[j] = load[j]!;
    hardness_meq_L += HARDNESS_MEQ_PER_MG[k]! * load[j]!;
    load[j] = 0;
  });
  if (acidAnion === 'SO4') water[C.SO4] = (hardness_meq_L / 2) * MOLAR_MASS_G_MOL.SO4;
  else water[C.Cl] = hardness_meq_L * MOLAR_MASS_G_MOL.Cl;
  return { water, load };
}
