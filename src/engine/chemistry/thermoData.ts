/**
 * Reaction enthalpies (kJ/mol) of the reactions of constants.ts, from minteq.v4.dat (usgs-coupled/phreeqc3,
 * database/minteq.v4.dat, the database chemistry.md's constants come from), written in constants.ts's direction and
 * on its basis: a Cr(III) species on Cr³⁺ takes its own enthalpy on the database's master species Cr(OH)₂⁺ minus that
 * of Cr(OH)₂⁺ + 2 H⁺ = Cr³⁺ + 2 H₂O (−129.62), as PHREEQC combines them; a pKa is the dissociation's. The file gives
 * no analytic expression for these reactions, so each log K moves by van 't Hoff with this ΔH (thermo.ts).
 *
 * Not here: what the file gives ΔH = 0 for, MINTEQ's mark for an enthalpy nobody measured. PHREEQC takes that
 * literally; thermo.ts does too for ligand complexes (NiCl₂, Ni(SO₄)₂²⁻, Zn(SO₄)₂²⁻, Cd(SO₄)₂²⁻, PbSO₄, Pb(SO₄)₂²⁻,
 * FeCl₂⁺, FeCl₃, every bisulfide complex) and for NiS(α), but not for the hydroxo complexes past the first (Ni(OH)₂,
 * Ni(OH)₃⁻, the Cu, Zn, Cd, Pb and Fe ones, PbOH⁺, Pb₂OH³⁺, ZnOHCl, and the Cr(III) ones the file writes on Cr(OH)₂⁺:
 * Cr(OH)₃, Cr(OH)₄⁻, CrO₂⁻, CrOHSO₄, CrOHCl₂), whose hydrolysis takes heat like the first one's (see
 * `hydrolysisEnthalpy`). Nor the four pKa the file does not hold (cyanate, sulfite's two, hypochlorite; literature
 * values at 25 °C), which keep their value.
 */
import type { WaterConstant } from './constants.ts';

export interface ReactionEnthalpies {
  /** species of constants.ts SPECIES, by name */
  readonly species: Readonly<Record<string, number>>;
  /** phases of constants.ts PHASES, by name */
  readonly phases: Readonly<Record<string, number>>;
  /** water (Kw) and the water-chemistry pairs of constants.ts LOG_K */
  readonly water: Readonly<Record<WaterConstant, number>>;
  /** weak acids of constants.ts WEAK_ACIDS, by name: one per pKa, in its order (undefined: not in the database) */
  readonly weakAcids: Readonly<Record<string, readonly (number | undefined)[]>>;
}

export const REACTION_ENTHALPY_kJ_mol: ReactionEnthalpies = {
  species: {
    'CrOH+2': 51.71, 'Cr(OH)2+': 129.62, 'CrSO4+': 31,
    'CrCl+2': 26, 'CrCl2+': 90.3992, 'NiOH+': 51.81, 'NiCl+': 2, 'NiSO4': 5.8,
    'CuOH+': 35.81, 'Cu2(OH)2+2': 76.62, 'CuCl+': 8.3, 'CuCl2': 44.183, 'CuCl3-': 57.279, 'CuCl4-2': 32.5515,
    'CuSO4': 8.7, 'ZnOH+': 55.81, 'ZnCl+': 5.4, 'ZnCl2': 37, 'ZnCl3-': 39.999, 'ZnCl4-2': 45.8566, 'ZnSO4': 6.2,
    'CdOH+': 54.81, 'Cd2OH+3': 45.81, 'CdCl+': 1, 'CdCl2': 3, 'CdCl3-': 10, 'CdOHCl': 18.2213, 'CdSO4': 8.7,
    'Pb3(OH)4+2': 115.24, 'Pb4(OH)4+4': 88.24, 'PbCl+': 8.7, 'PbCl2': 12, 'PbCl3-': 4, 'PbCl4-2': 14.7695,
    'FeOH+2': 41.81, 'Fe(OH)3': 103.8, 'Fe2(OH)2+4': 57.62, 'Fe3(OH)4+5': 65.24, 'FeCl+2': 23, 'FeSO4+': 25,
    'Fe(SO4)2-': 19.2,
  },
  phases: {
    'Cr(OH)3(am)': -129.62, 'Ni(OH)2': -95.96, 'Cu(OH)2': -56.42, 'Zn(OH)2(am)': -80.62, 'Cd(OH)2(am)': -86.9017,
    'Pb(OH)2': -58.5342, 'Ferrihydrite': -73.374, 'CuS(covellite)': 97, 'ZnS(am)': 15.3553, 'CdS(greenockite)': 55,
    'PbS(galena)': 80,
  },
  water: { Kw: 55.81, H2S: -22, HSO4: 22, NaSO4: 1, CaSO4: 7.1, CaOH: 64.11 },
  weakAcids: {
    carbonate: [9.16, 14.6],
    cyanide: [43.63],
    chromate: [-2],
    ammonium: [52],
    phosphate: [-7.9, 3, 15],
  },
};
