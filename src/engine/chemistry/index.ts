/** Equilibrium chemistry of the engine: speciation, solubility, pH. See README.md. */
export {
  EquilibriumWorkspace, co2Fraction, createEquilibriumWorkspace, loadTotalsFromStream, resetWarmStart, setWorkspaceTemperature, solveAtPH, solveChargeBalance,
} from './equilibrium.ts';
export type { EquilibriumOptions } from './equilibrium.ts';
export {
  CONSTANTS_TEMPERATURE_C, HYDROXIDE_PHASE, M, METALS, METAL_CHARGE, METAL_COMPONENT, METAL_MOLAR_MASS_G_MOL, METAL_PARTICULATE, NM, NPHASES, NTOT,
  PHASES, SPECIES, SULFIDE_PHASE, TOT, TOT_MOLAR_MASS_G_MOL, WEAK_ACIDS, activityModelOf, speciesCharge,
} from './constants.ts';
export type { MetalId, PhaseDef, SpeciesDef, WeakAcidDef } from './constants.ts';
export { TEMPERATURE_RANGE_C, thermoAt } from './thermo.ts';
export { SI_ABSENT, calciteExcess_mol_L, calciteLogK, gypsumLogK, scalingIndices } from './scaling.ts';
export type { Thermo } from './thermo.ts';
export { benchEquilibria } from './bench.ts';
export type { BenchOptions, BenchResult } from './bench.ts';
export { MAX_JAR_POINTS, MAX_JAR_SULFIDE_mg_L, jarOfWater, jarPoint, pHSweep } from './jar.ts';
export type { JarPoint } from './jar.ts';
export { DAVIES_LIMIT_mol_L, jarCompliantRanges } from './jarResult.ts';
export type { JarElement, WaterJar } from './jarResult.ts';
