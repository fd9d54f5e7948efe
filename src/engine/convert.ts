/**
 * The one place for conversions between the units users read (m³/h, mg/L, h, d) and the SI the
 * engine works in (m³/s, g/m³, s). mg/L and g/m³ are the same number.
 */
export const S_PER_MIN = 60;
export const S_PER_H = 3600;
export const S_PER_DAY = 86_400;
export const m3h_to_m3s = (q_m3_h: number): number => q_m3_h / S_PER_H;
export const m3s_to_m3h = (q_m3_s: number): number => q_m3_s * S_PER_H;
export const h_to_s = (h: number): number => h * S_PER_H;
export const min_to_s = (min: number): number => min * S_PER_MIN;
export const days_to_s = (d: number): number => d * S_PER_DAY;
/** grams (flow m³ × mg/L) to kilograms */
export const g_to_kg = (g: number): number => g / 1000;
/** mg/L of a component to mol/L given its molar mass in g/mol */
export const mgL_to_molL = (mg_L: number, molar_mass_g_mol: number): number => mg_L / 1000 / molar_mass_g_mol;
export const molL_to_mgL = (mol_L: number, molar_mass_g_mol: number): number => mol_L * 1000 * molar_mass_g_mol;
/** °C to kelvin */
export const C_to_K = (t_C: number): number => t_C + 273.15;
/** the gas constant, J/(mol·K) and kJ/(mol·K): what a temperature's effect on an equilibrium, a rate or an osmotic pressure goes with */
export const R_J_MOL_K = 8.314462618;
export const R_KJ_MOL_K = R_J_MOL_K / 1000;
