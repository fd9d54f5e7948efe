/**
 * Complex breaking (破络): chelated nickel and copper (EDTA, citrate, ammonia — NiCx, CuCx) do not
 * precipitate as hydroxide until the complex is broken. Three ways, chosen by the breaker's reagent:
 *   NaOCl  oxidative breaking: release at k·[OCl]/(K + [OCl]) per second, using `oxidant_per_metal`
 *          g of OCl per g of metal freed (the ligand is oxidised; COD falls with it);
 *   H2O2   Fenton (with the ferrous catalyst already in the water or dosed): each gram dosed frees
 *          up to 1/`oxidant_per_metal` g of metal within the step;
 *   DTC    a heavy-metal capture agent: binds complexed, then free dissolved metal straight into an
 *          insoluble particulate, `agent_per_metal` g per g.
 * An optional pH loop holds the pH the chosen chemistry needs (≈ 3 for Fenton, 8–9 for DTC). With
 * NaOCl an ORP probe reads the hypochlorite residual against the ligands' demand (orp.ts), so the
 * breaker can be dosed by ORP and follow a chelated-bath dump, not only by ratio to the flow.
 */
import { z } from 'zod';
import { C, type ComponentId } from '../components.ts';
import { inRange, param, positive, type Range } from '../model/params.ts';
import { EQUILIBRIUM_PAIRS, createReactor, geometrySpec, reactorGeometry, stirredFraction } from './reactor.ts';
import { dosingLoop, loopComponents, type DosingLoopParams } from './dosingLoops.ts';
import { defineUnitType, setNumber } from './unitType.ts';
import { hypochloriteORP_mV, oclDemand_mmol_L } from './orp.ts';

/** ORP of chelated rinse water with no oxidant, mV (assumed: the organic ligands hold it near 0). */
const CHELATE_REDUCED_MV = 0;

/** Release rate of complexed metal, 1/s, in the file as at run time: above 1/s a break is complete within any step. */
const K_RELEASE_per_s: Range = { min: 0, max: 1 };

const params = z.strictObject({
  ...reactorGeometry,
  breaker: dosingLoop,
  ph: dosingLoop.optional(),
  /** NaOCl: maximum first-order release rate and the OCl half-saturation */
  k_release_per_s: param(inRange(K_RELEASE_per_s)),
  oxidant_half_mg_L: param(positive),
  /** g of oxidant (OCl, or H2O2 as product) used per g of metal freed */
  oxidant_per_metal: param(positive),
  /** g of capture agent per g of metal bound (DTC) */
  agent_per_metal: param(positive),
  /** g COD removed per g of OCl used on the ligand */
  cod_per_oxidant: param(positive),
});
type P = z.infer<typeof params>;

const loopsOf = (p: P): Record<string, DosingLoopParams> => (p.ph === undefined ? { breaker: p.breaker.value } : { breaker: p.breaker.value, ph: p.ph.value });

const COMPLEXED = [C.NiCx, C.CuCx] as const;
const FREED = [C.Ni, C.Cu] as const;
const PARTICULATE_OF_COMPLEXED = [C.Ni_p, C.Cu_p] as const;
const DISSOLVED_CAPTURED = [C.Ni, C.Cu, C.Zn, C.Cd, C.Pb] as const;
const PARTICULATE_OF_DISSOLVED = [C.Ni_p, C.Cu_p, C.Zn_p, C.Cd_p, C.Pb_p] as const;

export const complexBreaking = defineUnitType({
  type: 'complex_breaking',
  label: { en: 'complex breaking', zh: '破络反应池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out'] }),
  adds: (p: P): ComponentId[] => [...loopComponents(loopsOf(p)), 'Ni', 'Cu', 'Cl', 'COD'],
  converts: EQUILIBRIUM_PAIRS,
  create(ctx, p: P) {
    const mode = p.breaker.value.reagent;
    if (mode !== 'NaOCl' && mode !== 'H2O2' && mode !== 'DTC') throw new RangeError(`${ctx.id}: the breaker must be NaOCl, H2O2 or DTC, not ${mode}`);
    const k = ctx.arena.alloc(4); // [0] k_release, [1] K_OCl, [2] oxidant per metal, [3] agent per metal
    k[0] = p.k_release_per_s.value;
    k[1] = p.oxidant_half_mg_L.value;
    k[2] = p.oxidant_per_metal.value;
    k[3] = p.agent_per_metal.value;
    const codPerOx = p.cod_per_oxidant.value;
    const V = p.volume_m3.value;
    let delivered: () => number = () => 0;
    const reactor = createReactor({
      ctx,
      ...geometrySpec(p),
      loops: loopsOf(p),
      react(c, contact_s, _pH, react) {
        if (mode === 'NaOCl') {
          const ocl = c[C.OCl]!;
          if (ocl <= 0) return;
          const rate = (k[0]! * ocl) / (k[1]! + ocl);
          const f = stirredFraction(rate, contact_s);
          let freed = 0;
          for (let i = 0; i < COMPLEXED.length; i++) freed += c[COMPLEXED[i]!]! * f;
          if (freed <= 0) return;
          // the oxidant limits: scale back when there is not enough for the ligands
          const scale = Math.min(1, ocl / (freed * k[2]!));
          for (let i = 0; i < COMPLEXED.length; i++) {
            const x = c[COMPLEXED[i]!]! * f * scale;
            react(COMPLEXED[i]!, -x);
            react(FREED[i]!, x);
          }
          const used = freed * scale * k[2]!;
          react(C.OCl, -used);
          react(C.Cl, (used * 35.453) / 51.452);
          react(C.COD, -Math.min(c[C.COD]!, used * codPerOx));
          return;
        }
        // H2O2 and DTC act on what was dosed this step, as mg/L of the tank
        let capacity = delivered() / V / (mode === 'DTC' ? k[3]! : k[2]!);
        const into = mode === 'DTC' ? PARTICULATE_OF_COMPLEXED : FREED;
        for (let i = 0; i < COMPLEXED.length && capacity > 0; i++) {
          const x = Math.min(c[COMPLEXED[i]!]!, capacity);
          react(COMPLEXED[i]!, -x);
          react(into[i]!, x);
          capacity -= x;
        }
        if (mode === 'DTC') {
          for (let i = 0; i < DISSOLVED_CAPTURED.length && capacity > 0; i++) {
            const x = Math.min(c[DISSOLVED_CAPTURED[i]!]!, capacity);
            react(DISSOLVED_CAPTURED[i]!, -x);
            react(PARTICULATE_OF_DISSOLVED[i]!, x);
            capacity -= x;
          }
        }
      },
      // hypochlorite: the probe sees the residual against what the ligands still want
      orp: mode === 'NaOCl' ? (c, pH, nernst) => hypochloriteORP_mV(c[C.OCl]!, oclDemand_mmol_L(c[C.NiCx]! + c[C.CuCx]!, k[2]!), pH, CHELATE_REDUCED_MV, nernst) : undefined,
      settable: () => ({ k_release_per_s: k[0]! }),
      ranges: () => ({ k_release_per_s: K_RELEASE_per_s }),
      set: (name, value) => setNumber(name, value, K_RELEASE_per_s, (v) => (k[0] = v)),
    });
    delivered = reactor.delivered_g('breaker');
    return reactor;
  },
});
