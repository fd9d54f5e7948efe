/** The model format of the A/O membrane bioreactor (biological.ts): its parameters and the bounds of its settings. */
import { z } from 'zod';
import { basinDepth, basinVolume, dosingPumpCapacity_L_h, fraction, inRange, nonNegative, param, positive, positiveFraction, solutionDensity, type Range } from '../model/params.ts';

/** What an operator may set the sludge age, the mixed-liquor recycle and the coagulant's Al:P to, in the file as at run time. */
export const SRT_d: Range = { min: 1, max: 200 };
export const RECYCLE_RATIO: Range = { min: 0, max: 20 };
export const AL_TO_P_MOLAR: Range = { min: 0, max: 10 };

export const params = z.strictObject({
  volume_m3: param(basinVolume),
  depth_m: param(basinDepth),
  /** share of the volume that is the pre-anoxic zone */
  anoxic_frac: param(fraction.max(0.6, 'an A/O bioreactor needs most of its volume aerated')),
  /** mixed-liquor recirculation from the membrane tank to the anoxic zone, × inflow */
  recycle_ratio: param(inRange(RECYCLE_RATIO)),
  solids_retention_d: param(inRange(SRT_d)),
  inert_cod_frac: param(fraction),
  /** heterotrophs at 20 °C: maximum specific COD use, half-saturation, yield, decay */
  k_cod_per_d: param(positive),
  ks_cod_mg_L: param(positive),
  yield_h_gVSS_gCOD: param(positive.max(0.7, 'a yield above 0.7 g VSS/g COD would make biomass from nothing (1/1.42)')),
  decay_h_per_d: param(nonNegative),
  /** nitrifiers at 20 °C */
  mu_nit_per_d: param(positive),
  kn_mg_L: param(positive),
  yield_nit_gVSS_gN: param(positive.max(0.5, 'at most 0.5 g VSS per g N: nitrifiers grow far less than that')),
  decay_nit_per_d: param(nonNegative),
  /** Arrhenius factors θ in k(T) = k20·θ^(T − 20) */
  theta_h: param(positive),
  theta_nit: param(positive),
  theta_decay: param(positive),
  dissolved_oxygen_mg_L: param(positive),
  ko_nit_mg_L: param(positive),
  /** seed sludge at start-up and its nitrifier share */
  initial_vss_mg_L: param(nonNegative),
  initial_nitrifier_frac: param(fraction),
  coagulant: param(
    z.strictObject({
      reagent: z.literal('PAC'),
      al_to_p_molar: inRange(AL_TO_P_MOLAR),
      solution_frac: positiveFraction,
      solution_density_kg_L: solutionDensity,
      pump_capacity_L_h: dosingPumpCapacity_L_h,
    }),
  ).optional(),
  al_used_per_p_mol: param(finite1()),
  residual_ortho_p_mg_L: param(nonNegative),
  nonreactive_p_frac: param(fraction).optional(),
  aeration_efficiency_kgO2_kWh: param(positive),
  membrane_kWh_m3: param(nonNegative),
});
export type P = z.infer<typeof params>;

/** at least the 1:1 of AlPO4 */
function finite1() {
  return positive.min(1, 'AlPO4 takes at least one Al per P');
}
