/**
 * Cr(VI) reduction (六价铬还原): acid to a pH setpoint, reductant dosed on ORP.
 *   2 HCrO₄⁻ + 3 HSO₃⁻ + 5 H⁺ → 2 Cr³⁺ + 3 SO₄²⁻ + 5 H₂O        (NaHSO₃, Na₂S₂O₅)
 *   HCrO₄⁻ + 3 Fe²⁺ + 7 H⁺ → Cr³⁺ + 3 Fe³⁺ + 4 H₂O              (FeSO₄)
 * Rate: d[Cr6]/dt = −k(pH)·φ·[Cr6], k(pH) = k_ref / (1 + 10^(2(pH − 3))) — fast at pH 2–2.5, a
 * hundredfold slower by pH 4 — and φ = R/(K_R + R) for the reductant R (as the Cr it can reduce).
 * Over a step φ is held, so the update is the stirred tank's first-order one (reactor.ts), capped by the reductant available.
 * The H⁺ the reaction uses is not a component: it shows in the charge balance (HCrO₄⁻ and HSO₃⁻
 * become Cr³⁺ and SO₄²⁻), so acid demand and pH follow by themselves.
 *
 * ORP convention (Pt vs Ag/AgCl, mV — an empirical electrode model for control and training):
 *   ORP = 450 − 59·(pH − 2.5) + 60·log10((Cr6 + 0.01)/(R + 0.01)), concentrations as mg/L of Cr, slopes at 25 °C
 *   (they scale with the absolute temperature, as an electrode's Nernstian slope does).
 * It reads ≈ 650 mV with Cr(VI) in excess, ≈ 300 mV at a small reductant excess: the usual set-point.
 */
import { z } from 'zod';
import { C, MOLAR_MASS_G_MOL as MW, type ComponentId } from '../components.ts';
import { inRange, param, positive, type Range } from '../model/params.ts';
import { EQUILIBRIUM_PAIRS, createReactor, geometrySpec, reactorGeometry, stirredFraction } from './reactor.ts';
import { dosingLoop, loopComponents } from './dosingLoops.ts';
import { defineUnitType, setNumber } from './unitType.ts';

const M_CR = MW.Cr6;
/** g HSO3 used per g Cr(VI) reduced (3 : 2 molar) */
export const HSO3_PER_CR = (3 * MW.HSO3) / (2 * M_CR);
/** g SO4 made per g Cr(VI) reduced by bisulfite */
export const SO4_PER_CR = (3 * MW.SO4) / (2 * M_CR);
/** g Fe(II) used per g Cr(VI) reduced (3 : 1 molar) */
export const FE_PER_CR = (3 * MW.Fe2) / M_CR;

/**
 * Rate constant of the reduction at the reference pH, 1/s, in the file as at run time: a trainer may slow it to a
 * crawl; above 10/s (a half-life of 0.07 s) it is instantaneous at any run step.
 */
const K_REF_per_s: Range = { min: 1e-6, max: 10 };

const params = z.strictObject({
  ...reactorGeometry,
  acid: dosingLoop,
  reductant: dosingLoop,
  /** rate constant at low pH with the reductant in excess */
  k_ref_per_s: param(inRange(K_REF_per_s)),
  /** half-saturation of the reductant, mg/L as Cr */
  reductant_half_mg_L: param(positive),
});
type P = z.infer<typeof params>;

export const crReduction = defineUnitType({
  type: 'cr_reduction',
  label: { en: 'Cr(VI) reduction', zh: '六价铬还原池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out'] }),
  adds: (p: P): ComponentId[] => [...loopComponents({ acid: p.acid.value, reductant: p.reductant.value }), 'Cr3', 'SO4', 'Fe'],
  converts: EQUILIBRIUM_PAIRS,
  create(ctx, p: P) {
    const reagent = p.reductant.value.reagent;
    if (reagent !== 'NaHSO3' && reagent !== 'Na2S2O5' && reagent !== 'FeSO4·7H2O') {
      throw new RangeError(`${ctx.id}: the reductant must be NaHSO3, Na2S2O5 or FeSO4·7H2O, not ${reagent}`);
    }
    const ferrous = reagent === 'FeSO4·7H2O';
    const kp = ctx.arena.alloc(2); // [0] k_ref, [1] K_R
    kp[0] = p.k_ref_per_s.value;
    kp[1] = p.reductant_half_mg_L.value;
    /** reductant present, as mg/L of Cr(VI) it can reduce */
    const reductantAsCr = (c: Float64Array) => (ferrous ? c[C.Fe2]! / FE_PER_CR : c[C.HSO3]! / HSO3_PER_CR);
    return createReactor({
      ctx,
      ...geometrySpec(p),
      loops: { acid: p.acid.value, reductant: p.reductant.value },
      react(c, contact_s, pH, react) {
        const cr6 = c[C.Cr6]!;
        if (cr6 <= 0) return;
        const r = reductantAsCr(c);
        if (r <= 0) return;
        const k = (kp[0]! / (1 + Math.pow(10, 2 * (pH - 3)))) * (r / (kp[1]! + r));
        const reduced = Math.min(cr6 * stirredFraction(k, contact_s), r);
        react(C.Cr6, -reduced);
        react(C.Cr3, reduced);
        if (ferrous) {
          react(C.Fe2, -reduced * FE_PER_CR);
          react(C.Fe, reduced * FE_PER_CR);
        } else {
          react(C.HSO3, -reduced * HSO3_PER_CR);
          react(C.SO4, reduced * SO4_PER_CR);
        }
      },
      orp: (c, pH, nernst) => 450 - 59 * nernst * (pH - 2.5) + 60 * nernst * Math.log10((c[C.Cr6]! + 0.01) / (reductantAsCr(c) + 0.01)),
      settable: () => ({ k_ref_per_s: kp[0]! }),
      ranges: () => ({ k_ref_per_s: K_REF_per_s }),
      set: (name, value) => setNumber(name, value, K_REF_per_s, (v) => (kp[0] = v)),
    });
  },
});
