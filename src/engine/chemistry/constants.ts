/**
 * Thermodynamic data of the equilibrium solver, 25 °C. Every log K is the one in
 * chemistry.md / MINTEQ v4 unless its `source` says otherwise:
 *   'chemistry.md'   — shared/reference/chemistry.md (MINTEQ v4 as distributed with PHREEQC 3)
 *   'minteq.v4.dat'  — the same database file, species chemistry.md does not list (Cr(III) and Fe(III) chloro and
 *                      sulfato complexes, HSO4⁻, CaSO4, CaOH⁺), re-expressed relative to Cr³⁺ where the file writes
 *                      them on Cr(OH)₂⁺
 *   'literature'     — textbook pKa values named in the design brief, not in chemistry.md
 *
 * Convention for metal species (all written on the free metal ion, like PHREEQC's output):
 *   k M^z+ + n H2O + nCl Cl⁻ + nSO4 SO4²⁻ + nHS HS⁻ + nCO3 CO3²⁻ = species + n H⁺,   log K
 * so a species' concentration is K·{M}^k·{Cl}^nCl·{SO4}^nSO4·{HS}^nHS·{CO3}^nCO3 / ({H+}^n · γ_species); a bicarbonate
 * complex, which the database writes M²⁺ + H⁺ + CO3²⁻ = MHCO3⁺, has n = −1.
 */
import { C, MOLAR_MASS_G_MOL } from '../components.ts';

/** Temperature the constants belong to. */
export const CONSTANTS_TEMPERATURE_C = 25;
/** log Kw, chemistry.md / MINTEQ v4. */
export const LOG_KW = -13.997;
/** Debye–Hückel A at 25 °C, chemistry.md. */
export const DH_A = 0.509;

/** The metals that take part in the equilibrium, in solver order. Fe is Fe(III); Cr3 is Cr(III). */
export const METALS = ['Cr3', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe'] as const;
export type MetalId = (typeof METALS)[number];
export const NM = METALS.length;
export const M = Object.freeze(Object.fromEntries(METALS.map((id, i) => [id, i])) as { readonly [K in MetalId]: number });

/** Charge of each metal's free ion. */
export const METAL_CHARGE: readonly number[] = [3, 2, 2, 2, 2, 2, 3];
/** Where each metal's dissolved and particulate forms sit in a stream's concentration array. */
export const METAL_COMPONENT: readonly number[] = [C.Cr3, C.Ni, C.Cu, C.Zn, C.Cd, C.Pb, C.Fe];
export const METAL_PARTICULATE: readonly number[] = [C.Cr3_p, C.Ni_p, C.Cu_p, C.Zn_p, C.Cd_p, C.Pb_p, C.Fe_p];
export const METAL_MOLAR_MASS_G_MOL: readonly number[] = [
  MOLAR_MASS_G_MOL.Cr3, MOLAR_MASS_G_MOL.Ni, MOLAR_MASS_G_MOL.Cu, MOLAR_MASS_G_MOL.Zn,
  MOLAR_MASS_G_MOL.Cd, MOLAR_MASS_G_MOL.Pb, MOLAR_MASS_G_MOL.Fe,
];
/** NaOH, g/mol (derived: Na 22.990 + O 15.999 + H 1.008). */
export const NAOH_G_MOL = 39.997;
/** HCl, g/mol (derived: H 1.008 + Cl 35.453). */
export const HCL_G_MOL = 36.461;

/**
 * Which activity model a species gets, as minteq.v4.dat assigns them: Davies for free ions declared without
 * `-gamma`; the extended Debye–Hückel law log γ = −A z²√I / (1 + B å √I) for species the database gives an
 * ion size å (`-gamma å 0`); with å = 0 (`-gamma 0 0`, most complexes and hydrolysis species, Cr³⁺ and HS⁻) that is
 * the limiting law log γ = −A z²√I of chemistry.md; γ = 1 for neutral species.
 */
export type ActivityModel = 'davies' | 'limiting' | 'extended' | 'neutral';

/** Debye–Hückel B at 25 °C, per Å (PHREEQC's value at 25 °C). */
export const DH_B = 0.3288;

/**
 * The ion sizes å (Å) minteq.v4.dat gives, each a class of activity coefficients of its own in the γ table
 * (`gammaIndexOf`): OH⁻ 3.5; CuOH⁺, CuCl⁺, CuCl₃⁻, ZnCl⁺, ZnCl₃⁻ 4; HSO₄⁻ 4.5; CuCl₄²⁻, ZnCl₄²⁻, FeOH²⁺, FeCl²⁺,
 * FeCl₂⁺, FeSO₄⁺ 5; Fe(OH)₂⁺, Fe(OH)₄⁻, NaSO₄⁻ 5.4; CaOH⁺ 6.
 */
export const ION_SIZE_CLASSES_A: readonly number[] = [3.5, 4, 4.5, 5, 5.4, 6];

/** Index in the γ table of charge |z| in ion-size class å (a value of ION_SIZE_CLASSES_A). */
export function ionSizeGammaIndex(ionSize_A: number, z: number): number {
  const c = ION_SIZE_CLASSES_A.indexOf(ionSize_A);
  if (c < 0) throw new Error(`activity model: no ion-size class ${ionSize_A} Å`);
  return 12 + 6 * c + Math.abs(z);
}

/** Size of the γ table: Davies [0..5], limiting law [6..11], then six slots per ion-size class. */
export const GAMMA_TABLE_SIZE = 12 + 6 * ION_SIZE_CLASSES_A.length;

export type Source = 'chemistry.md' | 'minteq.v4.dat' | 'literature';

export interface SpeciesDef {
  readonly name: string;
  readonly metal: MetalId;
  /** metal atoms */
  readonly k: number;
  /** H⁺ released (hydroxide ligands, or the S²⁻ in ZnS(HS)⁻) */
  readonly n: number;
  readonly nCl: number;
  readonly nSO4: number;
  readonly nHS: number;
  /** carbonate ligands (a bicarbonate complex is one, with n = −1) */
  readonly nCO3: number;
  readonly logK: number;
  readonly source: Source;
  /** the database's ion size å (Å) for the extended Debye–Hückel law; 0: the limiting law (or Davies for a free ion) */
  readonly ionSize_A: number;
}

const sp = (
  name: string, metal: MetalId, logK: number,
  st: { k?: number; n?: number; nCl?: number; nSO4?: number; nHS?: number; nCO3?: number; a?: number } = {},
  source: Source = 'chemistry.md',
): SpeciesDef => ({
  name, metal, k: st.k ?? 1, n: st.n ?? 0, nCl: st.nCl ?? 0, nSO4: st.nSO4 ?? 0, nHS: st.nHS ?? 0, nCO3: st.nCO3 ?? 0,
  logK, source, ionSize_A: st.a ?? 0,
});

/** Species charge from its stoichiometry. */
export function speciesCharge(s: SpeciesDef): number {
  const z = METAL_CHARGE[M[s.metal]] ?? 0;
  return s.k * z - s.n - s.nCl - 2 * s.nSO4 - s.nHS - 2 * s.nCO3;
}

/** Free metal ions are Davies except Cr³⁺, which MINTEQ v4 treats as a complex of its master Cr(OH)₂⁺. */
export function activityModelOf(s: SpeciesDef): ActivityModel {
  if (speciesCharge(s) === 0) return 'neutral';
  if (s.ionSize_A > 0) return 'extended';
  const isFreeIon = s.k === 1 && s.n === 0 && s.nCl === 0 && s.nSO4 === 0 && s.nHS === 0 && s.nCO3 === 0;
  return isFreeIon && s.metal !== 'Cr3' ? 'davies' : 'limiting';
}

/**
 * The species table. Cr(III) constants relative to Cr³⁺ are chemistry.md's; the chloro ones are derived the same way
 * from the database's Cr(OH)₂⁺ forms (log K − 9.5688). Polynuclear Cr(III) sulfates (Cr2(OH)2SO4²⁺, Cr2(OH)2(SO4)2)
 * are left out: below 3 % of Cr(III) at hydroxide saturation above pH 5.
 *
 * Carbonate complexes are minteq.v4.dat's (the database has none for Cr(III) or Fe(III)). The solver takes them on
 * dissolved CO₂ (H₂CO₃*), whose concentration follows pH within a solve, through the carbonate acid's constants
 * (thermo.ts): M + c H₂CO₃* = species + (2c − n) H⁺. The carbonate solids (malachite, cerussite, smithsonite, otavite, NiCO3) are not
 * phases here: what forms in a treatment tank within the hour is the amorphous hydroxide, as for the reference
 * points; a carbonate ages out of it over days.
 */
export const SPECIES: readonly SpeciesDef[] = [
  // Cr(III)
  sp('Cr+3', 'Cr3', 0),
  sp('CrOH+2', 'Cr3', -3.657, { n: 1 }),
  sp('Cr(OH)2+', 'Cr3', -9.569, { n: 2 }),
  sp('Cr(OH)3', 'Cr3', -17.991, { n: 3 }),
  sp('Cr(OH)4-', 'Cr3', -27.388, { n: 4 }),
  sp('CrO2-', 'Cr3', -27.314, { n: 4 }),
  sp('CrSO4+', 'Cr3', 3.368, { nSO4: 1 }),
  sp('CrOHSO4', 'Cr3', -1.282, { n: 1, nSO4: 1 }),
  sp('CrCl+2', 'Cr3', 0.112, { nCl: 1 }, 'minteq.v4.dat'),
  sp('CrCl2+', 'Cr3', -0.9108, { nCl: 2 }, 'minteq.v4.dat'),
  sp('CrOHCl2', 'Cr3', -6.6061, { n: 1, nCl: 2 }, 'minteq.v4.dat'),
  // Ni
  sp('Ni+2', 'Ni', 0),
  sp('NiOH+', 'Ni', -9.897, { n: 1 }),
  sp('Ni(OH)2', 'Ni', -18.994, { n: 2 }),
  sp('Ni(OH)3-', 'Ni', -29.991, { n: 3 }),
  sp('NiCl+', 'Ni', 0.408, { nCl: 1 }),
  sp('NiCl2', 'Ni', -1.89, { nCl: 2 }),
  sp('NiSO4', 'Ni', 2.3, { nSO4: 1 }),
  sp('Ni(SO4)2-2', 'Ni', 0.82, { nSO4: 2 }),
  sp('NiCO3', 'Ni', 4.5718, { nCO3: 1 }, 'minteq.v4.dat'),
  sp('NiHCO3+', 'Ni', 12.4199, { n: -1, nCO3: 1 }, 'minteq.v4.dat'),
  // Cu(II)
  sp('Cu+2', 'Cu', 0),
  sp('CuOH+', 'Cu', -7.497, { n: 1, a: 4 }),
  sp('Cu(OH)2', 'Cu', -16.194, { n: 2 }),
  sp('Cu(OH)3-', 'Cu', -26.879, { n: 3 }),
  sp('Cu(OH)4-2', 'Cu', -39.98, { n: 4 }),
  sp('Cu2(OH)2+2', 'Cu', -10.594, { k: 2, n: 2 }),
  sp('CuCl+', 'Cu', 0.2, { nCl: 1, a: 4 }),
  sp('CuCl2', 'Cu', -0.26, { nCl: 2 }),
  sp('CuCl3-', 'Cu', -2.29, { nCl: 3, a: 4 }),
  sp('CuCl4-2', 'Cu', -4.59, { nCl: 4, a: 5 }),
  sp('CuSO4', 'Cu', 2.36, { nSO4: 1 }),
  sp('CuCO3', 'Cu', 6.77, { nCO3: 1 }, 'minteq.v4.dat'),
  sp('Cu(CO3)2-2', 'Cu', 10.2, { nCO3: 2 }, 'minteq.v4.dat'),
  sp('CuHCO3+', 'Cu', 12.129, { n: -1, nCO3: 1 }, 'minteq.v4.dat'),
  sp('Cu(HS)3-', 'Cu', 25.899, { nHS: 3 }),
  // Zn
  sp('Zn+2', 'Zn', 0),
  sp('ZnOH+', 'Zn', -8.997, { n: 1 }),
  sp('Zn(OH)2', 'Zn', -17.794, { n: 2 }),
  sp('Zn(OH)3-', 'Zn', -28.091, { n: 3 }),
  sp('Zn(OH)4-2', 'Zn', -40.488, { n: 4 }),
  sp('ZnCl+', 'Zn', 0.4, { nCl: 1, a: 4 }),
  sp('ZnCl2', 'Zn', 0.6, { nCl: 2 }),
  sp('ZnCl3-', 'Zn', 0.5, { nCl: 3, a: 4 }),
  sp('ZnCl4-2', 'Zn', 0.199, { nCl: 4, a: 5 }),
  sp('ZnOHCl', 'Zn', -7.48, { n: 1, nCl: 1 }),
  sp('ZnSO4', 'Zn', 2.34, { nSO4: 1 }),
  sp('Zn(SO4)2-2', 'Zn', 3.28, { nSO4: 2 }),
  sp('ZnCO3', 'Zn', 4.76, { nCO3: 1 }, 'minteq.v4.dat'),
  sp('ZnHCO3+', 'Zn', 11.829, { n: -1, nCO3: 1 }, 'minteq.v4.dat'),
  sp('Zn(HS)2', 'Zn', 12.82, { nHS: 2 }),
  sp('Zn(HS)3-', 'Zn', 16.1, { nHS: 3 }),
  sp('ZnS(HS)-', 'Zn', 6.81, { n: 1, nHS: 2 }),
  sp('ZnS(HS)2-2', 'Zn', 6.12, { n: 1, nHS: 3 }),
  sp('Zn(HS)4-2', 'Zn', 14.64, { nHS: 4 }),
  // Cd
  sp('Cd+2', 'Cd', 0),
  sp('CdOH+', 'Cd', -10.097, { n: 1 }),
  sp('Cd(OH)2', 'Cd', -20.294, { n: 2 }),
  sp('Cd(OH)3-', 'Cd', -32.505, { n: 3 }),
  sp('Cd(OH)4-2', 'Cd', -47.288, { n: 4 }),
  sp('Cd2OH+3', 'Cd', -9.397, { k: 2, n: 1 }),
  sp('CdCl+', 'Cd', 1.98, { nCl: 1 }),
  sp('CdCl2', 'Cd', 2.6, { nCl: 2 }),
  sp('CdCl3-', 'Cd', 2.4, { nCl: 3 }),
  sp('CdOHCl', 'Cd', -7.404, { n: 1, nCl: 1 }),
  sp('CdSO4', 'Cd', 2.37, { nSO4: 1 }),
  sp('Cd(SO4)2-2', 'Cd', 3.5, { nSO4: 2 }),
  sp('CdCO3', 'Cd', 4.3578, { nCO3: 1 }, 'minteq.v4.dat'),
  sp('Cd(CO3)2-2', 'Cd', 7.2278, { nCO3: 2 }, 'minteq.v4.dat'),
  sp('CdHCO3+', 'Cd', 10.6863, { n: -1, nCO3: 1 }, 'minteq.v4.dat'),
  sp('CdHS+', 'Cd', 8.008, { nHS: 1 }),
  sp('Cd(HS)2', 'Cd', 15.212, { nHS: 2 }),
  sp('Cd(HS)3-', 'Cd', 17.112, { nHS: 3 }),
  sp('Cd(HS)4-2', 'Cd', 19.308, { nHS: 4 }),
  // Pb
  sp('Pb+2', 'Pb', 0),
  sp('PbOH+', 'Pb', -7.597, { n: 1 }),
  sp('Pb(OH)2', 'Pb', -17.094, { n: 2 }),
  sp('Pb(OH)3-', 'Pb', -28.091, { n: 3 }),
  sp('Pb(OH)4-2', 'Pb', -39.699, { n: 4 }),
  sp('Pb2OH+3', 'Pb', -6.397, { k: 2, n: 1 }),
  sp('Pb3(OH)4+2', 'Pb', -23.888, { k: 3, n: 4 }),
  sp('Pb4(OH)4+4', 'Pb', -19.988, { k: 4, n: 4 }),
  sp('PbCl+', 'Pb', 1.55, { nCl: 1 }),
  sp('PbCl2', 'Pb', 2.2, { nCl: 2 }),
  sp('PbCl3-', 'Pb', 1.8, { nCl: 3 }),
  sp('PbCl4-2', 'Pb', 1.46, { nCl: 4 }),
  sp('PbSO4', 'Pb', 2.69, { nSO4: 1 }),
  sp('Pb(SO4)2-2', 'Pb', 3.47, { nSO4: 2 }),
  sp('PbCO3', 'Pb', 6.478, { nCO3: 1 }, 'minteq.v4.dat'),
  sp('Pb(CO3)2-2', 'Pb', 9.938, { nCO3: 2 }, 'minteq.v4.dat'),
  sp('PbHCO3+', 'Pb', 13.2, { n: -1, nCO3: 1 }, 'minteq.v4.dat'),
  sp('Pb(HS)2', 'Pb', 15.27, { nHS: 2 }),
  sp('Pb(HS)3-', 'Pb', 16.57, { nHS: 3 }),
  // Fe(III)
  sp('Fe+3', 'Fe', 0),
  sp('FeOH+2', 'Fe', -2.187, { n: 1, a: 5 }),
  sp('Fe(OH)2+', 'Fe', -4.594, { n: 2, a: 5.4 }),
  sp('Fe(OH)3', 'Fe', -12.56, { n: 3 }),
  sp('Fe(OH)4-', 'Fe', -21.588, { n: 4, a: 5.4 }),
  sp('Fe2(OH)2+4', 'Fe', -2.854, { k: 2, n: 2 }),
  sp('Fe3(OH)4+5', 'Fe', -6.288, { k: 3, n: 4 }),
  sp('FeCl+2', 'Fe', 1.48, { nCl: 1, a: 5 }, 'minteq.v4.dat'),
  sp('FeCl2+', 'Fe', 2.13, { nCl: 2, a: 5 }, 'minteq.v4.dat'),
  sp('FeCl3', 'Fe', 1.13, { nCl: 3 }, 'minteq.v4.dat'),
  sp('FeSO4+', 'Fe', 4.05, { nSO4: 1, a: 5 }, 'minteq.v4.dat'),
  sp('Fe(SO4)2-', 'Fe', 5.38, { nSO4: 2 }, 'minteq.v4.dat'),
];

/**
 * The species in solver order: per metal (METALS order) its mononuclear sulfide-free species, then its polynuclear
 * species, then its bisulfide complexes, then its carbonate complexes. The solver's tables and the generated code (species.generated.ts) both
 * follow this order.
 */
export function orderedSpecies(): SpeciesDef[] {
  const out: SpeciesDef[] = [];
  for (const metal of METALS) {
    const own = SPECIES.filter((s) => s.metal === metal);
    const carb = (s: SpeciesDef) => s.nCO3 > 0;
    out.push(
      ...own.filter((s) => s.k === 1 && s.nHS === 0 && !carb(s)),
      ...own.filter((s) => s.k > 1 && s.nHS === 0 && !carb(s)),
      ...own.filter((s) => s.nHS > 0),
      ...own.filter(carb),
    );
    if (own.some((s) => carb(s) && (s.k > 1 || s.nHS > 0))) throw new Error(`species table: ${metal} has a polynuclear or bisulfide carbonate complex`);
    if (own.some((s) => s.k > 1 && s.nHS > 0)) throw new Error(`species table: ${metal} has a polynuclear bisulfide complex`);
  }
  return out;
}

/** Index of the activity coefficient in the solver's γ table: 0 neutral (γ = 1), |z| Davies, 6 + |z| limiting law, then the ion-size classes. */
export function gammaIndexOf(s: SpeciesDef): number {
  const model = activityModelOf(s);
  const z = Math.abs(speciesCharge(s));
  if (model === 'extended') return ionSizeGammaIndex(s.ionSize_A, z);
  return model === 'neutral' ? 0 : model === 'davies' ? z : 6 + z;
}

/** Index of a metal's free-ion activity coefficient in the same table (Cr³⁺: limiting law, chemistry.md). */
export function metalGammaIndex(metal: MetalId): number {
  const z = METAL_CHARGE[M[metal]] ?? 0;
  return metal === 'Cr3' ? 6 + z : z;
}

export type PhaseKind = 'hydroxide' | 'sulfide';

/**
 * Solids. Hydroxides: M(OH)z(s) + z H⁺ = M^z+ + z H2O, log K. Sulfides: MS(s) + H⁺ = M²⁺ + HS⁻, log K.
 * Defaults are the freshly precipitated forms (chemistry.md): amorphous/hydroxide phases, NiS α, and ZnS(am)
 * rather than sphalerite (−11.45) for the same reason — a polishing tank precipitates, it does not age.
 * FeS(ppt) (log K −2.95) is not formed: the Fe component is Fe(III) and valence states are held fixed, as in the
 * reference runs; ferric iron with sulfide stays as ferrihydrite here.
 */
export interface PhaseDef {
  readonly name: string;
  readonly metal: MetalId;
  readonly kind: PhaseKind;
  readonly logK: number;
}

export const PHASES: readonly PhaseDef[] = [
  { name: 'Cr(OH)3(am)', metal: 'Cr3', kind: 'hydroxide', logK: 8.82 },
  { name: 'Ni(OH)2', metal: 'Ni', kind: 'hydroxide', logK: 12.794 },
  { name: 'Cu(OH)2', metal: 'Cu', kind: 'hydroxide', logK: 8.674 },
  { name: 'Zn(OH)2(am)', metal: 'Zn', kind: 'hydroxide', logK: 12.474 },
  { name: 'Cd(OH)2(am)', metal: 'Cd', kind: 'hydroxide', logK: 13.73 },
  { name: 'Pb(OH)2', metal: 'Pb', kind: 'hydroxide', logK: 8.15 },
  { name: 'Ferrihydrite', metal: 'Fe', kind: 'hydroxide', logK: 3.191 },
  { name: 'NiS(alpha)', metal: 'Ni', kind: 'sulfide', logK: -5.6 },
  { name: 'CuS(covellite)', metal: 'Cu', kind: 'sulfide', logK: -22.3 },
  { name: 'ZnS(am)', metal: 'Zn', kind: 'sulfide', logK: -9.052 },
  { name: 'CdS(greenockite)', metal: 'Cd', kind: 'sulfide', logK: -14.36 },
  { name: 'PbS(galena)', metal: 'Pb', kind: 'sulfide', logK: -13.97 },
];
export const NPHASES = PHASES.length;

/** Phase index of each metal's hydroxide (its own index) and sulfide (−1: none). */
export const HYDROXIDE_PHASE: readonly number[] = METALS.map((m) => PHASES.findIndex((p) => p.metal === m && p.kind === 'hydroxide'));
export const SULFIDE_PHASE: readonly number[] = METALS.map((m) => PHASES.findIndex((p) => p.metal === m && p.kind === 'sulfide'));

/** Water-chemistry constants (log K, 25 °C). */
export const LOG_K = {
  /**
   * H⁺ + HS⁻ = H2S, minteq.v4.dat (7.02). chemistry.md gives 6.994, which is phreeqc.dat's value, not the database it
   * names as its source
   */
  H2S: 7.02,
  /** H⁺ + SO4²⁻ = HSO4⁻, minteq.v4.dat */
  HSO4: 1.99,
  /** Na⁺ + SO4²⁻ = NaSO4⁻, chemistry.md */
  NaSO4: 0.73,
  /** Ca²⁺ + SO4²⁻ = CaSO4, minteq.v4.dat */
  CaSO4: 2.36,
  /** Ca²⁺ + H2O = CaOH⁺ + H⁺, minteq.v4.dat */
  CaOH: -12.697,
} as const;

/** Water's own constant and the water-chemistry pairs, by name (thermoData.ts keys their enthalpies so). */
export type WaterConstant = 'Kw' | keyof typeof LOG_K;

/**
 * Weak acids in the charge balance, each as successive pKa from its most protonated form, whose charge is `z0`.
 * Only the metals above complex; these carry charge and buffer pH.
 */
export interface WeakAcidDef {
  readonly name: string;
  /** index into the totals array (see TOT) */
  readonly tot: number;
  readonly z0: number;
  readonly pKa: readonly number[];
  readonly source: Source;
}

/** Totals array layout: the seven metals first (METALS order), then the rest. */
export const TOT = Object.freeze({
  Cr3: 0, Ni: 1, Cu: 2, Zn: 3, Cd: 4, Pb: 5, Fe: 6,
  Na: 7, Ca: 8, Cl: 9, SO4: 10, TIC: 11, S2: 12, CN: 13, CNO: 14, Cr6: 15, HSO3: 16, OCl: 17, NH3N: 18, TP: 19, NO3N: 20,
});
export const NTOT = 21;

/** Stream component (index into a concentration array) and molar mass of its basis, per non-metal total. */
export const TOT_COMPONENT: readonly (readonly [number, number])[] = [
  [TOT.Na, C.Na], [TOT.Ca, C.Ca], [TOT.Cl, C.Cl], [TOT.SO4, C.SO4], [TOT.TIC, C.TIC], [TOT.S2, C.S2],
  [TOT.CN, C.CN], [TOT.CNO, C.CNO], [TOT.Cr6, C.Cr6], [TOT.HSO3, C.HSO3], [TOT.OCl, C.OCl], [TOT.NH3N, C.NH3N], [TOT.TP, C.TP], [TOT.NO3N, C.NO3N],
];

export const WEAK_ACIDS: readonly WeakAcidDef[] = [
  /** H2CO3(aq)/HCO3⁻/CO3²⁻ — literature */
  { name: 'carbonate', tot: TOT.TIC, z0: 0, pKa: [6.35, 10.33], source: 'literature' },
  /** HCN/CN⁻ — literature */
  { name: 'cyanide', tot: TOT.CN, z0: 0, pKa: [9.21], source: 'literature' },
  /** HOCN/OCN⁻ — literature */
  { name: 'cyanate', tot: TOT.CNO, z0: 0, pKa: [3.46], source: 'literature' },
  /** HCrO4⁻/CrO4²⁻ — minteq.v4.dat 6.51 (chemistry.md ≈ 6.5); dichromate, H2CrO4 and NaCrO4⁻ ignored (rinse-water Cr(VI) is dilute) */
  { name: 'chromate', tot: TOT.Cr6, z0: -1, pKa: [6.51], source: 'minteq.v4.dat' },
  /** H2SO3/HSO3⁻/SO3²⁻ — literature */
  { name: 'sulfite', tot: TOT.HSO3, z0: 0, pKa: [1.86, 7.17], source: 'literature' },
  /** HOCl/OCl⁻ — literature */
  { name: 'hypochlorite', tot: TOT.OCl, z0: 0, pKa: [7.54], source: 'literature' },
  /** NH4⁺/NH3 — minteq.v4.dat 9.244 (literature 9.25) */
  { name: 'ammonium', tot: TOT.NH3N, z0: 1, pKa: [9.244], source: 'minteq.v4.dat' },
  /** H3PO4/H2PO4⁻/HPO4²⁻/PO4³⁻ — minteq.v4.dat (differences of its cumulative constants) */
  { name: 'phosphate', tot: TOT.TP, z0: 0, pKa: [2.148, 7.198, 12.375], source: 'minteq.v4.dat' },
  /**
   * HNO3/NO3⁻ — literature (−1.3: a strong acid, nitrate at every pH of a plant). Held as a weak acid so the charge
   * balance and the ionic strength count it: nitrification turns a cation (NH4⁺) into an anion, and takes two
   * equivalents of alkalinity per N.
   */
  { name: 'nitrate', tot: TOT.NO3N, z0: 0, pKa: [-1.3], source: 'literature' },
];

/** Molar mass of each total's basis (g/mol), for mg/L ↔ mol/L. */
export const TOT_MOLAR_MASS_G_MOL: readonly number[] = (() => {
  const mw = new Array<number>(NTOT).fill(1);
  METAL_MOLAR_MASS_G_MOL.forEach((v, i) => (mw[i] = v));
  const byComp: Readonly<Record<number, number>> = Object.fromEntries(
    Object.entries(C).map(([id, idx]) => [idx, MOLAR_MASS_G_MOL[id as keyof typeof MOLAR_MASS_G_MOL]]),
  );
  for (const [t, comp] of TOT_COMPONENT) mw[t] = byComp[comp] ?? 1;
  return mw;
})();
