/**
 * What an ORP probe reads in a tank dosed with hypochlorite (assumed model, shaped on plant practice:
 * 650–750 mV with a free-chlorine residual at pH 9, low while an oxidant demand is left). The reading
 * moves from the water's own potential `reduced_mV` (cyanide: −350 mV; chelating organics: near 0)
 * toward the oxidised potential in proportion to the share of hypochlorite in hypochlorite + demand,
 * so a controller sees the demand met before it sees a residual — as operators tune these loops.
 * Every slope here (mV per decade, per pH unit) is stated at 25 °C; `nernst` (temperature.ts nernstFactor)
 * scales it to the water's temperature, as it scales a real electrode's.
 */
import { MOLAR_MASS_G_MOL } from '../components.ts';
import { mgL_to_molL } from '../convert.ts';

const OCL_G_MOL = MOLAR_MASS_G_MOL.OCl;

/** ORP in mV for `ocl_mg_L` of hypochlorite against `demand_mmol_L` of OCl still wanted, at `pH`. */
export function hypochloriteORP_mV(ocl_mg_L: number, demand_mmol_L: number, pH: number, reduced_mV: number, nernst: number): number {
  const ocl = ocl_mg_L / OCL_G_MOL; // mmol/L
  const w = ocl / (ocl + demand_mmol_L + 0.01);
  const oxidised = 650 + 60 * nernst * Math.log10(ocl_mg_L + 0.1) - 30 * nernst * (pH - 9);
  return reduced_mV + (oxidised - reduced_mV) * w;
}

/** mmol/L of OCl that `mg_L` of a species needing `ocl_g_per_g` g of OCl per g would consume. */
export function oclDemand_mmol_L(mg_L: number, ocl_g_per_g: number): number {
  return (mg_L * ocl_g_per_g) / OCL_G_MOL;
}

const S_G_MOL = MOLAR_MASS_G_MOL.S2;
/** dissolved S(−II) at which a Pt electrode reads halfway between aerated water and the sulfide couple, mg/L as S (assumed) */
const SULFIDE_HALF_mg_L = 0.02;

/**
 * What an ORP probe (Pt vs Ag/AgCl) reads in a tank dosed with sodium sulfide, mV, for `s2_mg_L` of dissolved
 * S(−II) as S at `pH`. Without free sulfide it reads aerated water, ≈ +200 mV at pH 7 falling 59 mV per pH
 * (assumed). Free sulfide pulls it to the S⁰/HS⁻ couple, E⁰ = −65 mV vs SHE, −29.6 mV per decade of sulfide
 * and per pH unit, −197 mV to the Ag/AgCl reference: −395 mV at 1 mg/L, pH 9. The blend between the two
 * follows the sulfide's share against SULFIDE_HALF_mg_L, so the reading falls steeply once the metals have
 * taken what they precipitate — the end point an ORP loop holds, as operators dose sulfide polishing.
 */
export function sulfideORP_mV(s2_mg_L: number, pH: number, nernst: number): number {
  const aerated = 200 - 59 * nernst * (pH - 7);
  if (!(s2_mg_L > 0)) return aerated;
  const couple = -65 - 197 - 29.6 * nernst * Math.log10(mgL_to_molL(s2_mg_L, S_G_MOL)) - 29.6 * nernst * pH;
  const w = s2_mg_L / (s2_mg_L + SULFIDE_HALF_mg_L);
  return aerated + (couple - aerated) * w;
}
