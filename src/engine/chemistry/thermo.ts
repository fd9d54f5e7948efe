/**
 * The equilibrium constants at the water's temperature. Each log K of constants.ts (25 °C) moves to T the way
 * PHREEQC moves it with the same database (minteq.v4.dat): by van 't Hoff with the reaction's enthalpy
 * (thermoData.ts); a reaction without one keeps its 25 °C value, as there, except the hydroxo complexes whose
 * enthalpy the database does not know (`speciesEnthalpy`). The Debye–Hückel A and B follow water's
 * dielectric constant and density. At 25 °C every constant is exactly the table's, so the reference points are
 * untouched. Built once per temperature and shared by every workspace at it (read-only).
 */
import { CONSTANTS_TEMPERATURE_C, DH_A, DH_B, LOG_K, LOG_KW, METALS, PHASES, SPECIES, WEAK_ACIDS, orderedSpecies, type MetalId, type SpeciesDef } from './constants.ts';
import { REACTION_ENTHALPY_kJ_mol } from './thermoData.ts';
import { pow10, weakAcidIndex } from './tables.ts';
import { C_to_K, R_KJ_MOL_K } from '../convert.ts';
import { calciteLogK, gypsumLogK } from './scaling.ts';

/** The range of water temperatures the corrections are trusted over, °C. */
export const TEMPERATURE_RANGE_C = { min: 5, max: 40 } as const;

const T25_K = C_to_K(CONSTANTS_TEMPERATURE_C);

export interface Thermo {
  readonly temperature_C: number;
  /** water, and the water-chemistry pairs (conditional forms are built per pass from these) */
  readonly kw: number;
  readonly kHSO4: number;
  readonly kNaSO4: number;
  readonly kCaSO4: number;
  readonly kCaOH: number;
  readonly kH2S: number;
  /** the scales a membrane watches (scaling.ts): calcite's and gypsum's solubility products */
  readonly kCalcite: number;
  readonly kGypsum: number;
  /** per metal (METALS order): its hydroxide's and its sulfide's solubility constant (0: no sulfide) */
  readonly khyd: Float64Array;
  readonly ksulf: Float64Array;
  /** weak acids, three Ka slots each (tables.ts layout) */
  readonly waKa: Float64Array;
  /** species formation constants in solver order (species.generated.ts) */
  readonly spK: Float64Array;
  /** Debye–Hückel A and B (per Å) */
  readonly dhA: number;
  readonly dhB: number;
}

/** How far log K moves from 25 °C to `T_K` for reaction enthalpy `dH_kJ_mol` (van 't Hoff; none: not at all). */
export function logKShift(dH_kJ_mol: number | undefined, T_K: number): number {
  return dH_kJ_mol === undefined ? 0 : (-dH_kJ_mol / (R_KJ_MOL_K * Math.LN10)) * (1 / T_K - 1 / T25_K);
}

/**
 * ΔH of a species' formation: the database's; for a hydroxo complex it marks unknown, n times its metal's first
 * hydrolysis enthalpy (water's ionization, where that is unknown too). Each further OH⁻ takes about the heat of
 * the first (NiOH⁺ 51.8, ZnOH⁺ 55.8, CdOH⁺ 54.8 kJ/mol, Kw's 55.8; the database's Fe(OH)₃ 103.8 against FeOH²⁺'s
 * 41.8 ×3 = 125). Taking the unknown as 0, as PHREEQC does, makes the soluble hydroxo complexes gain on the solid
 * as the water cools — Ni left at pH 10.3 fourfold at 12 °C — which no plant sees.
 */
export function speciesEnthalpy(s: SpeciesDef): number | undefined {
  const known = REACTION_ENTHALPY_kJ_mol.species[s.name];
  if (known !== undefined || s.n === 0 || s.nHS > 0 || s.nCO3 > 0) return known;
  return s.n * hydrolysisEnthalpy(s.metal);
}

/** A metal's first hydrolysis enthalpy (M + H2O = MOH + H⁺), else water's ionization, kJ/mol. */
function hydrolysisEnthalpy(metal: MetalId): number {
  const first = SPECIES.find((x) => x.metal === metal && x.k === 1 && x.n === 1 && x.nCl === 0 && x.nSO4 === 0 && x.nHS === 0 && x.nCO3 === 0);
  return (first === undefined ? undefined : REACTION_ENTHALPY_kJ_mol.species[first.name]) ?? REACTION_ENTHALPY_kJ_mol.water.Kw;
}

/** Relative permittivity of water (Malmberg & Maryott 1956), t in °C. */
function waterPermittivity(t_C: number): number {
  return 87.74 - 0.40008 * t_C + 9.398e-4 * t_C * t_C - 1.41e-6 * t_C * t_C * t_C;
}

/** Density of water, kg/L (Kell 1975), t in °C. */
function waterDensity_kg_L(t: number): number {
  return (999.83952 + 16.945176 * t - 7.9870401e-3 * t * t - 46.170461e-6 * t ** 3 + 105.56302e-9 * t ** 4 - 280.54253e-12 * t ** 5) / (1 + 16.87985e-3 * t) / 1000;
}

/** A ∝ √ρ / (εT)^(3/2) and B ∝ √ρ / (εT)^(1/2), relative to 25 °C. */
function debyeHuckelScale(t_C: number): { a: number; b: number } {
  const et = (c: number) => waterPermittivity(c) * C_to_K(c);
  const rho = Math.sqrt(waterDensity_kg_L(t_C) / waterDensity_kg_L(CONSTANTS_TEMPERATURE_C));
  const r = et(CONSTANTS_TEMPERATURE_C) / et(t_C);
  return { a: rho * r ** 1.5, b: rho * Math.sqrt(r) };
}

/** A temperature in the tenths of a degree the plant and the constants are held to (25 °C → 250). */
export function temperatureKey(t_C: number): number {
  return Math.round(t_C * 10);
}

const cache = new Map<number, Thermo>();

/** The constants at `temperature_C` (°C, within TEMPERATURE_RANGE_C). */
export function thermoAt(temperature_C: number): Thermo {
  const known = cache.get(temperature_C);
  if (known !== undefined) return known;
  if (!(temperature_C >= TEMPERATURE_RANGE_C.min && temperature_C <= TEMPERATURE_RANGE_C.max)) {
    throw new RangeError(`equilibrium: ${temperature_C} °C is outside ${TEMPERATURE_RANGE_C.min}–${TEMPERATURE_RANGE_C.max} °C, where the database's temperature corrections hold`);
  }
  const T_K = C_to_K(temperature_C);
  const at = temperature_C === CONSTANTS_TEMPERATURE_C;
  const shift = (dH_kJ_mol: number | undefined) => (at ? 0 : logKShift(dH_kJ_mol, T_K));
  const data = REACTION_ENTHALPY_kJ_mol;
  const khyd = new Float64Array(METALS.length);
  const ksulf = new Float64Array(METALS.length);
  for (const p of PHASES) {
    const i = METALS.indexOf(p.metal);
    const k = pow10(p.logK + shift(data.phases[p.name]));
    if (p.kind === 'hydroxide') khyd[i] = k;
    else ksulf[i] = k;
  }
  const waKa = new Float64Array(WEAK_ACIDS.length * 3);
  WEAK_ACIDS.forEach((a, w) => a.pKa.forEach((pKa, l) => (waKa[w * 3 + l] = pow10(-pKa + shift(data.weakAcids[a.name]?.[l])))));
  // the generated species code multiplied by Math.pow(10, log K) literals: the same numbers at 25 °C. A carbonate
  // complex is taken on dissolved CO₂ (H₂CO₃* = 2 H⁺ + CO₃²⁻ at this temperature's Ka1·Ka2), as the solver holds it
  const carbonic = weakAcidIndex('carbonate');
  const ka1ka2 = waKa[carbonic * 3]! * waKa[carbonic * 3 + 1]!;
  const spK = Float64Array.from(orderedSpecies(), (s) => Math.pow(10, s.logK + shift(speciesEnthalpy(s))) * ka1ka2 ** s.nCO3);
  const dh = at ? { a: 1, b: 1 } : debyeHuckelScale(temperature_C);
  const thermo: Thermo = {
    temperature_C,
    kw: pow10(LOG_KW + shift(data.water.Kw)),
    kHSO4: pow10(LOG_K.HSO4 + shift(data.water.HSO4)),
    kNaSO4: pow10(LOG_K.NaSO4 + shift(data.water.NaSO4)),
    kCaSO4: pow10(LOG_K.CaSO4 + shift(data.water.CaSO4)),
    kCaOH: pow10(LOG_K.CaOH + shift(data.water.CaOH)),
    kH2S: pow10(LOG_K.H2S + shift(data.water.H2S)),
    kCalcite: pow10(calciteLogK(temperature_C)),
    kGypsum: pow10(gypsumLogK(temperature_C)),
    khyd,
    ksulf,
    waKa,
    spK,
    dhA: DH_A * dh.a,
    dhB: DH_B * dh.b,
  };
  cache.set(temperature_C, thermo);
  return thermo;
}
