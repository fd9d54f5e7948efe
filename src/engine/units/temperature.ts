/**
 * How the water's temperature moves the rates a model file states at 25 °C: reaction kinetics by Arrhenius,
 * membrane water permeability by the temperature-correction factor membrane makers design with, settling and a
 * filter bed's pressure drop by water's viscosity. (The equilibrium constants move in chemistry/thermo.ts; the
 * bioreactor has its own θ factors at 20 °C.)
 */
import { CONSTANTS_TEMPERATURE_C } from '../chemistry/constants.ts';
import { C_to_K, R_KJ_MOL_K } from '../convert.ts';
import type { WaterTemperature } from '../waterTemperature.ts';

/** Activation energy of a reactor's kinetics when the model gives none. */
export const ACTIVATION_ENERGY_DEFAULT = {
  value: 50,
  unit: 'kJ/mol',
  reference: 'assumed: a typical activation energy of aqueous redox reactions (rates ×1.9 per 10 °C near 25 °C)',
} as const;

/** Factor on a rate constant measured at 25 °C, at `temperature_C`, for activation energy `ea_kJ_mol`. */
export function arrheniusFactor(ea_kJ_mol: number, temperature_C: number): number {
  if (temperature_C === CONSTANTS_TEMPERATURE_C) return 1;
  return Math.exp((-ea_kJ_mol / R_KJ_MOL_K) * (1 / C_to_K(temperature_C) - 1 / C_to_K(CONSTANTS_TEMPERATURE_C)));
}

/**
 * Factor on a membrane's water permeability stated at 25 °C: exp(2640·(1/298.15 − 1/T)), the temperature-correction
 * factor of RO design (the viscosity of water, mostly): ≈ 0.74 at 15 °C, 1.16 at 30 °C.
 */
export function membranePermeabilityFactor(temperature_C: number): number {
  if (temperature_C === CONSTANTS_TEMPERATURE_C) return 1;
  return Math.exp(2640 * (1 / C_to_K(CONSTANTS_TEMPERATURE_C) - 1 / C_to_K(temperature_C)));
}

/**
 * Factor on an electrode's Nernstian slope (2.303·RT/F: 59.16 mV per decade at 25 °C, 56.2 at 10 °C), at
 * `temperature_C`: an ORP probe's mV per decade and per pH unit, stated at 25 °C, scale with the absolute temperature.
 */
export function nernstFactor(temperature_C: number): number {
  return C_to_K(temperature_C) / C_to_K(CONSTANTS_TEMPERATURE_C);
}

/**
 * Calls `follow(t_C)` with the water's temperature now and whenever it has moved since, checked at each call (once
 * a step): what follows it is rebuilt a few times a day at most. `follow` must depend on the temperature alone, so
 * a run restored from a snapshot rebuilds the same values.
 */
export function temperatureFollower(water: WaterTemperature, follow: (t_C: number) => void): () => void {
  let last = Number.NaN;
  return () => {
    const t_C = water.now_C;
    if (t_C !== last) {
      last = t_C;
      follow(t_C);
    }
  };
}

/** Dynamic viscosity of water, Pa·s (Vogel's equation: within 1 % of handbook values over a plant's 5–40 °C). */
function waterViscosity_Pa_s(t_C: number): number {
  return 2.414e-5 * Math.pow(10, 247.8 / (C_to_K(t_C) - 140));
}

/**
 * Water's viscosity at `temperature_C` over its viscosity at 25 °C (1.38 at 12 °C): what settling velocities (Stokes,
 * ∝ 1/μ) and a filter bed's pressure drop (Darcy, ∝ μ) stated at 25 °C are divided or multiplied by.
 */
export function viscosityRatio(temperature_C: number): number {
  if (temperature_C === CONSTANTS_TEMPERATURE_C) return 1;
  return waterViscosity_Pa_s(temperature_C) / waterViscosity_Pa_s(CONSTANTS_TEMPERATURE_C);
}
