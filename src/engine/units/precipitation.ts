/**
 * Neutralisation and precipitation (中和/混凝沉淀): NaOH or lime on a pH PID brings the water to the
 * pH where the metals' hydroxides are least soluble (or, in a final pH adjustment, 回调, an acid loop
 * and a caustic one hold the discharge band between them); optional Na₂S polishing precipitates sulfides
 * far below hydroxide solubility; PAC and PAM dosed in proportion to flow add coagulant floc and
 * polymer that the clarifier downstream settles better with. The metals approach their solubility
 * with the precipitation time constant (reactor.ts), so an undersized tank leaves metal dissolved.
 * The tank is aerated: leftover ferrous iron and bisulfite oxidise (Fe²⁺ → Fe³⁺, HSO₃⁻ → SO₄²⁻) with
 * first-order time constants. An ORP probe reads the free sulfide (orp.ts), so the sulfide can be
 * dosed to an ORP set-point rather than in proportion to flow.
 */
import { z } from 'zod';
import { C, type ComponentId } from '../components.ts';
import { param, positive } from '../model/params.ts';
import { EQUILIBRIUM_PAIRS, createReactor, geometrySpec, reactorGeometry, stirredFraction } from './reactor.ts';
import { dosingLoop, loopComponents, type DosingLoopParams } from './dosingLoops.ts';
import { defineUnitType } from './unitType.ts';
import { sulfideORP_mV } from './orp.ts';

const params = z.strictObject({
  ...reactorGeometry,
  base: dosingLoop,
  /** a final trim also brings water down: acid on a pH loop of its own (split range with `base`) */
  acid: dosingLoop.optional(),
  sulfide: dosingLoop.optional(),
  coagulant: dosingLoop.optional(),
  flocculant: dosingLoop.optional(),
  /** aeration: time constants of Fe(II) and bisulfite oxidation */
  fe2_oxidation_tau_s: param(positive),
  bisulfite_oxidation_tau_s: param(positive),
});
type P = z.infer<typeof params>;

function loopsOf(p: P): Record<string, DosingLoopParams> {
  const loops: Record<string, DosingLoopParams> = { base: p.base.value };
  if (p.acid !== undefined) loops['acid'] = p.acid.value;
  if (p.sulfide !== undefined) loops['sulfide'] = p.sulfide.value;
  if (p.coagulant !== undefined) loops['coagulant'] = p.coagulant.value;
  if (p.flocculant !== undefined) loops['flocculant'] = p.flocculant.value;
  return loops;
}

const SO4_PER_HSO3 = 96.06 / 81.07;

export const precipitation = defineUnitType({
  type: 'precipitation',
  label: { en: 'precipitation reactor', zh: '混凝沉淀反应池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out'] }),
  adds: (p: P): ComponentId[] => [
    ...loopComponents(loopsOf(p)), 'Fe', 'SO4',
  ],
  converts: EQUILIBRIUM_PAIRS,
  create(ctx, p: P) {
    // first-order oxidation of ferrous iron and of leftover bisulfite, as rates
    const fe2Rate_per_s = 1 / p.fe2_oxidation_tau_s.value, hso3Rate_per_s = 1 / p.bisulfite_oxidation_tau_s.value;
    return createReactor({
      ctx,
      ...geometrySpec(p),
      loops: loopsOf(p),
      // what an ORP probe reads: the sulfide polish's end point (a sulfide loop may dose on it)
      orp: (c, pH, nernst) => sulfideORP_mV(c[C.S2]!, pH, nernst),
      react(c, contact_s, _pH, react) {
        const fe2 = c[C.Fe2]!;
        if (fe2 > 0) {
          const oxidised = fe2 * stirredFraction(fe2Rate_per_s, contact_s);
          react(C.Fe2, -oxidised);
          react(C.Fe, oxidised);
        }
        const hso3 = c[C.HSO3]!;
        if (hso3 > 0) {
          const oxidised = hso3 * stirredFraction(hso3Rate_per_s, contact_s);
          react(C.HSO3, -oxidised);
          react(C.SO4, oxidised * SO4_PER_HSO3);
        }
      },
    });
  },
});
