/**
 * Alkaline chlorination of cyanide (破氰), one stage per unit: NaOCl on ORP, NaOH on pH.
 *   stage 1 (pH ≥ 10):  CN⁻ + OCl⁻ → CNO⁻ + Cl⁻
 *   stage 2 (pH ≈ 8.5): 2 CNO⁻ + 3 OCl⁻ + H₂O → N₂ + 2 HCO₃⁻ + 3 Cl⁻
 * Both are second order, rate = k·[A][OCl⁻] (mol/L), and they compete for the hypochlorite: `hypochloriteStep` takes
 * them together in the stirred tank's implicit form (reactor.ts); cyanate oxidation slows above pH 9 by
 * 1/(1 + 10^(pH − 9)). Metal-cyanide complexes release their metal and cyanide more
 * slowly while hypochlorite is present (zinc fast, copper slower, nickel very slowly), so the
 * complexes are what leak. Both stages run in every tank; the pH and the dose decide which dominates.
 *
 * An HCN hazard flag is raised whenever free cyanide is present below pH 8.5 (acid in a cyanide tank is a life-safety
 * event), and held until the pH is 0.1 above it or the cyanide nearly gone.
 *
 * ORP convention (Pt vs Ag/AgCl, mV; empirical, for control and training): the probe reads the
 * balance of oxidant against oxidant demand,
 *   ORP = −350 + (E_ox + 350)·w,  w = [OCl]/([OCl] + [CN] + 0.25·[CNO] + 0.01 mM),
 *   E_ox = 650 + 60·log10(OCl mg/L + 0.1) − 30·(pH − 9),
 * so raw cyanide water reads ≈ −350 mV, the end of stage 1 (cyanate still present) ≈ +300…450 mV,
 * the end of stage 2 ≈ +650…750 mV.
 */
import { z } from 'zod';
import { C, CN_BOUND_G_PER_G, MOLAR_MASS_G_MOL as MW, type ComponentId } from '../components.ts';
import { inRange, nonNegative, pHValue, param, type Range } from '../model/params.ts';
import { EQUILIBRIUM_PAIRS, createReactor, geometrySpec, reactorGeometry, stirredFraction } from './reactor.ts';
import { dosingLoop, loopComponents } from './dosingLoops.ts';
import { defineUnitType, setNumber } from './unitType.ts';
import { hypochloriteORP_mV } from './orp.ts';

/** ORP of cyanide rinse water with no oxidant, mV (assumed, plant practice −300…−400 mV). */
const CYANIDE_REDUCED_MV = -350;
/** Free cyanide above which the tank counts as holding cyanide for the HCN hazard, mg/L (assumed). */
const HCN_PRESENT_MG_L = 0.1;
/** How far above the hazard pH the water must come back before a raised hazard clears (an alarm deadband, ISA-18.2). */
const HCN_CLEAR_DEADBAND_PH = 0.1;

const MOL = (mg_L: number, mw: number) => mg_L / 1000 / mw;

/**
 * One implicit step of both hypochlorite reactions over contact time θ, since they draw on the same oxidant: with
 * CN a, CNO d and OCl b (mol/L) at the start, stage 1 converts x1 = k1·θ·CN'·OCl' and stage 2 x2 = k2·θ·CNO'·OCl',
 * where CN' = a − x1, CNO' = d + x1 − x2 and OCl' = b − x1 − ν·x2 are the step's end values. For a given OCl' both
 * follow in closed form, and OCl' is the root in [0, b] of OCl' + x1 + ν·x2 = b (increasing in OCl'): Newton
 * inside a bisection bracket. Taking one reaction after the other instead gives the first the whole step's dose, and
 * the answer moved with the step (stage 2's cyanide in an overload 80 mg/L at 60 s against 122 at 2 s).
 * Writes [x1, x2] into `out`.
 */
export function hypochloriteStep(a: number, d: number, b: number, k1: number, k2: number, nu: number, contact_s: number, out: Float64Array): void {
  const s1 = k1 * contact_s, s2 = k2 * contact_s;
  let x1 = 0, x2 = 0;
  if (b > 0 && (a > 0 || d > 0)) {
    let lo = 0, hi = b, o = b;
    for (let it = 0; it < 100; it++) {
      // x1, x2 and the oxidant balance's residual g at OCl' = o, and g's slope
      const u1 = s1 * o, u2 = s2 * o;
      x1 = (a * u1) / (1 + u1);
      x2 = (u2 * (d + x1)) / (1 + u2);
      const g = o + x1 + nu * x2 - b;
      if (g > 0) hi = o;
      else lo = o;
      if (Math.abs(g) <= 1e-13 * b || hi - lo <= 1e-15 * b) break;
      const dx1 = (a * s1) / ((1 + u1) * (1 + u1));
      const dx2 = (s2 * (d + x1)) / ((1 + u2) * (1 + u2)) + (u2 / (1 + u2)) * dx1;
      let next = o - g / (1 + dx1 + nu * dx2);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      o = next;
    }
  }
  out[0] = x1;
  out[1] = x2;
}

/** g NaOCl per g CN for stage 1 and for both stages (chemistry.md: 2.86 and 7.15) */
export const OCL_PER_CN_STAGE1 = MW.OCl / MW.CN;
export const OCL_PER_CNO_STAGE2 = (1.5 * MW.OCl) / MW.CNO;

/** The hypochlorite reactions' second-order rate constants, L/(mol·s), in the file as at run time: up to the diffusion limit. */
const K_OCL_L_mol_s: Range = { min: 0, max: 1e9 };

const complexes = [
  ['CuCN', 'Cu'],
  ['NiCN', 'Ni'],
  ['ZnCN', 'Zn'],
] as const satisfies readonly (readonly [ComponentId, ComponentId])[];

const params = z.strictObject({
  ...reactorGeometry,
  oxidant: dosingLoop,
  base: dosingLoop,
  /** second-order rate constants, L/(mol·s) */
  k_cn_L_mol_s: param(inRange(K_OCL_L_mol_s)),
  k_cno_L_mol_s: param(inRange(K_OCL_L_mol_s)),
  /** first-order release of metal-cyanide complexes while hypochlorite is present, 1/s */
  k_release_per_s: param(z.strictObject({ CuCN: nonNegative, NiCN: nonNegative, ZnCN: nonNegative })),
  /** below this pH with cyanide present the tank raises its HCN hazard flag */
  hcn_hazard_pH: param(pHValue),
});
type P = z.infer<typeof params>;

export const cyanideOxidation = defineUnitType({
  type: 'cyanide_oxidation',
  label: { en: 'cyanide oxidation', zh: '破氰反应池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out'] }),
  adds: (p: P): ComponentId[] => [...loopComponents({ oxidant: p.oxidant.value, base: p.base.value }), 'CN', 'CNO', 'Cl', 'TIC', 'Cu', 'Ni', 'Zn'],
  converts: EQUILIBRIUM_PAIRS,
  create(ctx, p: P) {
    if (p.oxidant.value.reagent !== 'NaOCl') throw new RangeError(`${ctx.id}: the oxidant must be NaOCl`);
    // [0] k_cn, [1] k_cno, [2] hazard flag, [3] hazard pH, [4..6] release rates
    const k = ctx.arena.alloc(7);
    k[0] = p.k_cn_L_mol_s.value;
    k[1] = p.k_cno_L_mol_s.value;
    k[3] = p.hcn_hazard_pH.value;
    k[4] = p.k_release_per_s.value.CuCN;
    k[5] = p.k_release_per_s.value.NiCN;
    k[6] = p.k_release_per_s.value.ZnCN;
    const converted = new Float64Array(2); // [stage 1, stage 2] mol/L of this step
    const relIdx = complexes.map(([cx, m]) => [C[cx], C[m], CN_BOUND_G_PER_G[cx]!] as const);
    // acid in a cyanide tank is a life-safety event: the most urgent alarm there is
    const hazard = ctx.alarms.define(ctx.id, 'hcn_hazard', { en: `${ctx.name.en}: HCN hazard — cyanide present below pH ${p.hcn_hazard_pH.value}`, zh: `${ctx.name.zh}：氰化氢危险——含氰水 pH 低于 ${p.hcn_hazard_pH.value}` }, { type: 'high', limit: 0.5, deadband: 0, priority: 1 });
    const reactor = createReactor({
      ctx,
      ...geometrySpec(p),
      loops: { oxidant: p.oxidant.value, base: p.base.value },
      react(c, contact_s, pH, react) {
        // complexes release metal and cyanide while oxidant is present
        if (c[C.OCl]! > 0) {
          for (let i = 0; i < relIdx.length; i++) {
            const [cx, m, cnPerM] = relIdx[i]!;
            const x = c[cx]!;
            if (x <= 0) continue;
            const released = x * stirredFraction(k[4 + i]!, contact_s);
            react(cx, -released);
            react(m, released);
            react(C.CN, released * cnPerM);
          }
        }
        // stage 1: CN + OCl → CNO + Cl; stage 2: 2 CNO + 3 OCl + H2O → N2 + 2 HCO3 + 3 Cl; together, as they share the OCl
        // (cyanate oxidation is slow in the alkaline first stage: that is why there are two stages)
        hypochloriteStep(MOL(c[C.CN]!, MW.CN), MOL(c[C.CNO]!, MW.CNO), MOL(c[C.OCl]!, MW.OCl), k[0]!, k[1]! / (1 + Math.pow(10, pH - 9)), 1.5, contact_s, converted);
        const x1 = converted[0]!, x2 = converted[1]!; // mol/L
        if (x1 > 0) {
          react(C.CN, -x1 * MW.CN * 1000);
          react(C.OCl, -x1 * MW.OCl * 1000);
          react(C.CNO, x1 * MW.CNO * 1000);
          react(C.Cl, x1 * MW.Cl * 1000);
        }
        if (x2 > 0) {
          react(C.CNO, -x2 * MW.CNO * 1000);
          react(C.OCl, -1.5 * x2 * MW.OCl * 1000);
          react(C.TIC, x2 * MW.TIC * 1000);
          react(C.Cl, 1.5 * x2 * MW.Cl * 1000);
        }
      },
      orp(c, pH, nernst) {
        // the hazard flag follows the same state the probe sees; once raised it holds until the pH is clearly back
        // above the hazard pH or the cyanide nearly gone, so a loop holding its set-point at that pH does not chatter
        k[2] = k[2] === 1
          ? (pH < k[3]! + HCN_CLEAR_DEADBAND_PH && c[C.CN]! > 0.5 * HCN_PRESENT_MG_L ? 1 : 0)
          : (pH < k[3]! && c[C.CN]! > HCN_PRESENT_MG_L ? 1 : 0);
        // free cyanide holds the potential down (−350 mV); cyanate much less so
        return hypochloriteORP_mV(c[C.OCl]!, MOL(c[C.CN]!, MW.CN) * 1000 + 0.25 * MOL(c[C.CNO]!, MW.CNO) * 1000, pH, CYANIDE_REDUCED_MV, nernst);
      },
      afterStep: (t_s, dt_s) => hazard.update(dt_s, k[2]!, t_s + dt_s),
      // the HCN hazard is a reading: its channel and alarm show it, the settable values do not
      settable: () => ({ k_cn_L_mol_s: k[0]!, k_cno_L_mol_s: k[1]! }),
      ranges: () => ({ k_cn_L_mol_s: K_OCL_L_mol_s, k_cno_L_mol_s: K_OCL_L_mol_s }),
      set: (name, value) => {
        if (name === 'k_cn_L_mol_s') return setNumber(name, value, K_OCL_L_mol_s, (v) => (k[0] = v));
        if (name === 'k_cno_L_mol_s') return setNumber(name, value, K_OCL_L_mol_s, (v) => (k[1] = v));
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
    });
    ctx.channels.add(
      { id: `${ctx.id}.hcn_hazard`, unit: ctx.id, quantity: 'hazard', uom: '', label: { en: `${ctx.name.en} HCN hazard`, zh: `${ctx.name.zh} 氰化氢危险` } },
      [[k, 2, 1]],
    );
    return reactor;
  },
});
