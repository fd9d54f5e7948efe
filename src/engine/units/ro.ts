/**
 * Reverse osmosis (反渗透): a membrane stage with no hold-up. At recovery r (permeate ÷ feed) and a
 * component's rejection R, taken against the mean of feed and concentrate (the membrane sees both
 * ends of the vessel), with passage s = 1 − R:
 *     Cp = s·Cf·(2 − r) / (2(1 − r) + s·r),     Cc = (Cf − r·Cp) / (1 − r)
 * which is the mass balance Q·Cf = rQ·Cp + (1 − r)Q·Cc with Cp = s·(Cf + Cc)/2. Particulates are
 * rejected completely.
 *
 * Osmotic pressure: ideal van 't Hoff on the molarity of every dissolved component (each counted
 * as one particle, COD left out: organics of unknown size), π = R·T·Σ c_i/M_i — about 0.85 bar per
 * 1,000 mg/L of NaCl; real brines (osmotic coefficient ≈ 0.9) read some 10 % lower.
 * Feed pressure = J/Lp + π_avg + ΔP/2, with J the permeate flux, Lp the permeability,
 * π_avg = (π_feed + π_conc)/2 − π_perm and ΔP the feed-channel drop (the mean feed-side pressure sits
 * half of it below the inlet). Pump energy = p·Q_feed/η. When the pressure needed exceeds the
 * pump's maximum, recovery falls to what that pressure delivers.
 *
 * Electroneutrality: rejections taken ion by ion would leave the permeate with more cation than
 * anion or the reverse (Na passes 5 %, sulfate 0.5 %), a water no RO makes — its computed pH would
 * read 10–11 and the concentrate's 3. Real membranes pass salts as neutral pairs, the most mobile
 * ions carrying the balance, so the permeate's strong-ion difference (Na + NH₄ + 2Ca + 2Mg + metals − Cl − 2SO4,
 * as the charge balance counts them; chemistry/charge.ts) is set to the feed's in proportion to
 * the bicarbonate that passes (to the chloride's passage when the feed has no carbonate): the alkalinity
 * passes as its bicarbonate does. The excess is taken from the most mobile ion of that sign (Na first;
 * Cl first) and stays in the concentrate.
 *
 * Dissolved CO₂ is a gas to the membrane and passes unrejected, while bicarbonate and carbonate are
 * rejected as ions (`rejection.TIC`): the inorganic carbon is split by the feed's own speciation (its
 * pH from the charge balance, solved each step), the CO₂ share passing whole. The permeate so carries
 * CO₂ with little alkalinity and reads lower than the feed — about a pH unit from a feed at 7.9 —, as
 * every RO plant sees, and the lower the feed's pH, the more so.
 *
 * Fouling lowers the permeability, Lp = Lp0/(1 + F), with dF/dt = base + k·SS_feed while permeate
 * flows; a cleaning (化学清洗, runtime `clean`) removes the fraction `cleaning_restore_frac` of F.
 *
 * Scaling: where the feed carries hardness, the concentrate's own charge balance is solved every few minutes (as an
 * online analyser would read it) for its pH and the saturation indices of calcite and gypsum (chemistry/scaling.ts),
 * what limits a recovery. An `antiscalant` dosed into the feed (a reagent, booked) holds each scale up to the index
 * its vendor states; past it — or past saturation while none is dosed (runtime `antiscalant` off: its pump tripped,
 * its tank ran dry) — the unit alarms. The scale itself does not deposit in the engine (its rate on a membrane is
 * not known well enough to model): the alarm is the operator's cue, as on a plant.
 */
import { z } from 'zod';
import { C, COMPONENTS, MOLAR_MASS_G_MOL, NC, isComponentId, type ComponentId } from '../components.ts';
import { C_to_K, R_J_MOL_K, S_PER_DAY, S_PER_H } from '../convert.ts';
import { fraction, nonNegative, param, positive, positiveFraction, type Range } from '../model/params.ts';
import { SOLIDS_FACTOR, splitActive } from './solids.ts';
import { METALS, METAL_CHARGE } from '../chemistry/constants.ts';
import { defineUnitType, setNumber, unitChannel, type UnitContext } from './unitType.ts';
import { membranePermeabilityFactor, temperatureFollower } from './temperature.ts';
import { PHAnalyser, StreamPH } from './equilibrium.ts';
import { SI_ABSENT } from '../chemistry/index.ts';

const MAKER = 'plant-data.md: thin-film composite rejection (manufacturer tables)';
const r = (value: number, reference: string) => ({ value, reference });
/** Rejection per component; particulates are 1. Model files may override any of them. */
export const RO_REJECTION_DEFAULTS: Readonly<Record<ComponentId, { value: number; reference: string }>> = {
  Ni: r(0.98, MAKER), Cu: r(0.98, MAKER), Zn: r(0.985, MAKER), Cd: r(0.97, MAKER), Cr3: r(0.97, MAKER), Pb: r(0.97, MAKER),
  Cr6: r(0.94, `${MAKER}: chromate`), CN: r(0.92, MAKER), Na: r(0.95, MAKER), Cl: r(0.945, MAKER), SO4: r(0.995, MAKER),
  NH3N: r(0.9, `${MAKER}: NH₄`),
  Fe: r(0.98, 'assumed: a multivalent cation, like Ni and Cu'), Fe2: r(0.98, 'assumed: a divalent cation, like Ni and Cu'),
  Ca: r(0.98, 'assumed: a divalent cation, like Ni and Cu'), Mg: r(0.98, 'assumed: a divalent cation, like Ni and Cu'),
  NiCx: r(0.99, 'assumed: chelate complexes are larger than the free ion'), CuCx: r(0.99, 'assumed: chelate complexes are larger than the free ion'),
  CuCN: r(0.99, 'assumed: multiply charged cyanide complexes'), NiCN: r(0.99, 'assumed: multiply charged cyanide complexes'),
  ZnCN: r(0.99, 'assumed: multiply charged cyanide complexes'),
  CNO: r(0.92, 'assumed: a small monovalent anion, like CN'), TIC: r(0.95, 'assumed: bicarbonate and carbonate ions; the dissolved CO₂ share passes unrejected'),
  HSO3: r(0.97, 'assumed: between chloride and sulfate'), OCl: r(0.9, 'assumed; free chlorine attacks polyamide membranes (not modelled)'),
  S2: r(0.95, 'assumed: a monovalent anion (HS⁻) at neutral pH'),
  COD: r(0.95, 'assumed; a UF/RO reuse plant took COD from 90 to < 8 mg/L (Wu et al., plant-data.md)'),
  TP: r(0.97, 'assumed: phosphate and hypophosphite'),
  Cr3_p: r(1, 'particulate'), Ni_p: r(1, 'particulate'), Cu_p: r(1, 'particulate'), Zn_p: r(1, 'particulate'), Cd_p: r(1, 'particulate'),
  Pb_p: r(1, 'particulate'), Fe_p: r(1, 'particulate'), S_p: r(1, 'particulate'), SS_inert: r(1, 'particulate'), PAM: r(1, 'particulate'),
  NO3N: r(0.9, 'assumed: a small monovalent anion; nitrate passes polyamide RO somewhat more than chloride'),
  P_p: r(1, 'particulate'), VSS: r(1, 'particulate'), Ca_p: r(1, 'particulate'),
};

const rejections = z.record(z.string(), fraction).superRefine((rec, ctx) => {
  for (const key of Object.keys(rec)) {
    if (!isComponentId(key)) ctx.addIssue({ code: 'custom', path: [key], message: `unknown component "${key}"; known: ${COMPONENTS.join(', ')}` });
  }
});

/** The saturation index an antiscalant can hold a concentrate to: saturation itself up to the most any vendor claims. */
const saturationIndex = z.number().min(0, 'an antiscalant holds a scale above saturation, not below it (SI ≥ 0)').max(3, 'no antiscalant holds a scale a thousandfold supersaturated (SI ≤ 3)');

/** How long a scale stays above its limit before the alarm: scale builds over hours, not with a passing peak. */
const SCALING_ALARM_DELAY_S = 1800;

/** The recovery set-point, in the file as at run time. */
const RECOVERY: Range = { min: 0, max: 0.95 };

const params = z.strictObject({
  membrane_area_m2: param(positive),
  recovery_frac: param(fraction.max(RECOVERY.max, 'a recovery above 0.95 leaves no concentrate to carry the salt')),
  /** clean-membrane water permeability at 25 °C, L/(m²·h·bar) */
  permeability_LMH_bar: param(positive),
  feed_channel_dp_bar: param(nonNegative),
  pump_efficiency: param(positiveFraction),
  max_feed_pressure_bar: param(positive),
  /** overrides of RO_REJECTION_DEFAULTS, by component */
  rejection: param(rejections).optional(),
  fouling_base_per_d: param(nonNegative),
  fouling_per_mg_L_d: param(nonNegative),
  cleaning_restore_frac: param(fraction),
  /**
   * the antiscalant dosed into the feed (mg/L of feed, booked as the reagent `antiscalant`) and the saturation indices it
   * holds the concentrate's scales to; without one, a scale alarms as soon as the concentrate is supersaturated
   */
  antiscalant: param(z.strictObject({ dose_mg_L: nonNegative, calcite_SI_max: saturationIndex, gypsum_SI_max: saturationIndex })).optional(),
});
type P = z.infer<typeof params>;

/**
 * Ions whose charge does not move with pH in water that reaches an RO (pH 6–9), as the charge balance counts them,
 * in meq per mg: the strong ions, metals at their free ion's charge (complexed metal carries none there), ammonium
 * (pKa 9.2), nitrate and cyanate (pKa 3.5). In each list the most mobile ion first: the one that carries the permeate's
 * balance.
 */
const strongIons = (list: readonly (readonly [ComponentId, number])[]) => ({
  index: Int32Array.from(list, ([id]) => C[id]),
  eqPerMg: Float64Array.from(list, ([id, z]) => z / MOLAR_MASS_G_MOL[id]),
});
const CATIONS = strongIons([['Na', 1], ['NH3N', 1], ['Ca', 2], ['Mg', 2], ...METALS.map((id, i) => [id, METAL_CHARGE[i]!] as const), ['Fe2', 2]]);
const ANIONS = strongIons([['Cl', 1], ['NO3N', 1], ['CNO', 1], ['SO4', 2]]);

/** Strong-ion difference, meq/L. */
function strongIonDifference(c: Float64Array): number {
  let d = 0;
  for (let k = 0; k < CATIONS.index.length; k++) d += CATIONS.eqPerMg[k]! * c[CATIONS.index[k]!]!;
  for (let k = 0; k < ANIONS.index.length; k++) d -= ANIONS.eqPerMg[k]! * c[ANIONS.index[k]!]!;
  return d;
}

/** Takes `excess_meq` (> 0) of charge out of `c` from the ions of one sign, the most mobile first. */
function removeCharge(c: Float64Array, ions: typeof CATIONS, excess_meq: number): void {
  for (let k = 0; k < ions.index.length && excess_meq > 0; k++) {
    const j = ions.index[k]!;
    const held_meq = ions.eqPerMg[k]! * c[j]!;
    const take_meq = Math.min(held_meq, excess_meq);
    c[j] = held_meq > take_meq ? c[j]! - take_meq / ions.eqPerMg[k]! : 0;
    excess_meq -= take_meq;
  }
}

const BISECTIONS = 40;
const S_REC_SP = 0, S_REC = 1, S_FOUL = 2, S_P = 3, S_FLUX = 4, S_LP = 5, S_SEC = 6, S_PI = 7, S_ON = 8, S_CLEANS = 9, S_FEED_PH = 10, S_CO2 = 11;
/** the concentrate's calcite and gypsum saturation indices as last sampled; 1 while the antiscalant is dosed; the highest indices read; seconds past the limits */
const S_CALCITE_SI = 12, S_GYPSUM_SI = 13, S_ANTISCALANT = 14, S_CALCITE_MAX = 15, S_GYPSUM_MAX = 16, S_PAST = 17;
const S_SLOTS = 18;
const TIC = C.TIC;

export const reverseOsmosis = defineUnitType({
  type: 'ro',
  label: { en: 'reverse osmosis', zh: '反渗透' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['permeate', 'concentrate'] }),
  recordsSalinity: true,
  requiredInputs: ['in'],
  create(ctx, p: P) {
    const area = p.membrane_area_m2.value;
    // the file states the permeability at 25 °C: water's viscosity moves it, and osmotic pressure (RT), with the temperature
    let lp0 = 0;
    const dpHalf = p.feed_channel_dp_bar.value / 2;
    const eta = p.pump_efficiency.value, pMax = p.max_feed_pressure_bar.value;
    const foulBase = p.fouling_base_per_d.value, foulK = p.fouling_per_mg_L_d.value, restore = p.cleaning_restore_frac.value;
    const { particulate: part, dissolved: diss } = splitActive(ctx.active);
    const kS = SOLIDS_FACTOR;
    // per dissolved component: passage (1 − R) and bar of osmotic pressure per mg/L
    const passage = new Float64Array(NC), osm = new Float64Array(NC);
    for (const id of COMPONENTS) passage[C[id]] = 1 - (p.rejection?.value[id] ?? RO_REJECTION_DEFAULTS[id].value);
    const followWater = temperatureFollower(ctx.water, (t_C) => {
      lp0 = p.permeability_LMH_bar.value * membranePermeabilityFactor(t_C);
      for (const id of COMPONENTS) osm[C[id]] = id === 'COD' || kS[C[id]]! > 0 ? 0 : (R_J_MOL_K * C_to_K(t_C)) / MOLAR_MASS_G_MOL[id] / 1e5;
    });
    followWater();
    const s = ctx.arena.alloc(S_SLOTS);
    s[S_REC_SP] = p.recovery_frac.value;
    s[S_FEED_PH] = 7;
    // the feed's speciation splits its inorganic carbon: solved only where carbonate can arrive
    const feedWater = ctx.active.includes(TIC) ? new StreamPH(ctx.arena, ctx.water) : undefined;
    s[S_ON] = 1;
    s[S_LP] = lp0;

    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const permSlot = ctx.outputs['permeate']!, concSlot = ctx.outputs['concentrate']!;
    const cP = ctx.streams.concView(permSlot), cC = ctx.streams.concView(concSlot);
    const energy = ctx.ledger.line('energy_kWh', 'RO high-pressure pump', ctx.id);
    const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
    ctx.channels.add(ch('recovery_pct', 'recovery', '%', 'recovery', '回收率'), [[s, S_REC, 100]]);
    ctx.channels.add(ch('flux_LMH', 'flux', 'L/m²/h', 'permeate flux', '产水通量'), [[s, S_FLUX, 1]]);
    ctx.channels.add(ch('feed_pressure_bar', 'pressure', 'bar', 'feed pressure', '进水压力'), [[s, S_P, 1]]);
    ctx.channels.add(ch('permeability_LMH_bar', 'permeability', 'L/m²/h/bar', 'permeability', '渗透系数'), [[s, S_LP, 1]]);
    ctx.channels.add(ch('specific_energy_kWh_m3', 'specific energy', 'kWh/m³', 'specific energy', '吨水电耗'), [[s, S_SEC, 1]]);
    ctx.channels.add(ch('osmotic_bar', 'osmotic pressure', 'bar', 'mean osmotic pressure', '平均渗透压'), [[s, S_PI, 1]]);
    if (feedWater !== undefined) ctx.channels.add(ch('feed_pH', 'pH', '', 'feed pH', '进水pH'), [[s, S_FEED_PH, 1]]);
    const scaling = concentrateScaling(ctx, p, s, cC);
    const antiscalantDose_mg_L = p.antiscalant?.value.dose_mg_L ?? 0;
    const antiscalant = p.antiscalant === undefined ? undefined : ctx.ledger.line('reagent', 'antiscalant', ctx.id);
    s[S_ANTISCALANT] = antiscalant === undefined ? 0 : 1;

    /** Permeate over feed concentration of a solute of passage `sp` at recovery `r` (the formula above). */
    const permeateRatio = (sp: number, r: number) => (sp * (2 - r)) / (2 * (1 - r) + sp * r);

    /**
     * Writes permeate and concentrate concentrations for recovery r and returns the feed pressure
     * (bar) needed at feed flow q with permeability lp.
     */
    function solve(r: number, q: number, cin: Float64Array, lp: number, feedSid_meq: number, carrier: number): number {
      const inv1r = 1 / (1 - r);
      for (let k = 0; k < diss.length; k++) {
        const j = diss[k]!;
        cP[j] = permeateRatio(passage[j]!, r) * cin[j]!;
      }
      // the permeate's strong-ion difference: the feed's, in proportion to what passes of its carrier (bicarbonate:
      // the CO₂ share passes whole and carries none)
      let carried = cin[carrier]! > 0 ? cP[carrier]! / cin[carrier]! : 0;
      if (carrier === TIC) {
        const co2 = s[S_CO2]!;
        carried = permeateRatio(passage[TIC]!, r);
        cP[TIC] = (co2 + (1 - co2) * carried) * cin[TIC]!;
      }
      const excess_meq = strongIonDifference(cP) - carried * feedSid_meq;
      if (excess_meq > 0) removeCharge(cP, CATIONS, excess_meq);
      else if (excess_meq < 0) removeCharge(cP, ANIONS, -excess_meq);
      let piF = 0, piC = 0, piP = 0;
      for (let k = 0; k < diss.length; k++) {
        const j = diss[k]!;
        const cf = cin[j]!, cp = cP[j]!;
        const cc = (cf - r * cp) * inv1r;
        cC[j] = cc;
        const w = osm[j]!;
        piF += w * cf;
        piC += w * cc;
        piP += w * cp;
      }
      const flux_LMH = ((r * q) / area) * 1000 * S_PER_H;
      const piAvg = 0.5 * (piF + piC) - piP;
      s[S_PI] = piAvg;
      s[S_FLUX] = flux_LMH;
      return flux_LMH / lp + piAvg + dpHalf;
    }

    return {
      step(t_s, dt_s) {
        followWater();
        const q = inlet.read(ctx.active);
        const cin = inlet.conc;
        const lp = lp0 / (1 + s[S_FOUL]!);
        s[S_LP] = lp;
        let rec = s[S_ON] === 1 && q > 0 ? s[S_REC_SP]! : 0;
        // what carries the feed's alkalinity through the membrane: its bicarbonate, else its chloride
        const feedSid = strongIonDifference(cin), carrier = cin[TIC]! > 0 ? TIC : C.Cl;
        if (feedWater !== undefined && carrier === TIC && q > 0) {
          const pH = feedWater.of(cin);
          // a feed beyond every solution keeps the last speciation, as an analyser keeps its reading
          if (Number.isFinite(pH)) {
            s[S_FEED_PH] = pH;
            s[S_CO2] = feedWater.co2Fraction();
          }
        }
        let pFeed = solve(rec, q, cin, lp, feedSid, carrier);
        if (pFeed > pMax && rec > 0) {
          // the pump is at its limit: find the recovery that pressure delivers
          let lo = 0, hi = rec;
          for (let i = 0; i < BISECTIONS; i++) {
            const mid = 0.5 * (lo + hi);
            if (solve(mid, q, cin, lp, feedSid, carrier) > pMax) hi = mid;
            else lo = mid;
          }
          rec = lo;
          pFeed = solve(rec, q, cin, lp, feedSid, carrier);
        }
        const inv1r = 1 / (1 - rec);
        for (let k = 0; k < part.length; k++) {
          const j = part[k]!;
          cP[j] = 0;
          cC[j] = cin[j]! * inv1r;
        }
        const qP = rec * q;
        ctx.streams.setFlow(permSlot, qP);
        ctx.streams.setFlow(concSlot, q - qP);
        s[S_REC] = rec;
        if (qP > 0) {
          // the antiscalant pump runs with the high-pressure pump, on the feed
          if (antiscalant !== undefined && s[S_ANTISCALANT] === 1) antiscalant.total[0]! += (antiscalantDose_mg_L * q * dt_s) / 1000;
          s[S_P] = pFeed;
          const kWh = (pFeed * 1e5 * q * dt_s) / eta / 3.6e6;
          energy.total[0]! += kWh;
          s[S_SEC] = kWh / (qP * dt_s);
          let ss = 0;
          for (let k = 0; k < part.length; k++) ss += kS[part[k]!]! * cin[part[k]!]!;
          s[S_FOUL]! += ((foulBase + foulK * ss) * dt_s) / S_PER_DAY;
        } else {
          s[S_P] = 0;
          s[S_SEC] = 0;
        }
        scaling?.(q - qP, t_s, dt_s);
      },
      addInventory() {},
      ...(scaling === undefined ? {} : {
        membraneScaling: () => ({ calcite_SI_max: s[S_CALCITE_MAX]!, gypsum_SI_max: s[S_GYPSUM_MAX]!, pastLimit_s: s[S_PAST]! }),
      }),
      settable: () => ({ recovery_frac: s[S_REC_SP]!, on: s[S_ON] === 1, clean: false, ...(antiscalant === undefined ? {} : { antiscalant: s[S_ANTISCALANT] === 1 }) }),
      ranges: () => ({ recovery_frac: RECOVERY }),
      set(name, value) {
        if (name === 'recovery_frac') return setNumber(name, value, RECOVERY, (v) => (s[S_REC_SP] = v));
        if (name === 'antiscalant' && antiscalant !== undefined) {
          if (typeof value !== 'boolean') return `${name} takes true or false`;
          s[S_ANTISCALANT] = value ? 1 : 0;
          return undefined;
        }
        if (name === 'on' || name === 'clean') {
          if (typeof value !== 'boolean') return `${name} takes true or false`;
          if (name === 'on') s[S_ON] = value ? 1 : 0;
          else if (value) {
            s[S_FOUL] = s[S_FOUL]! * (1 - restore);
            s[S_LP] = lp0 / (1 + s[S_FOUL]!);
            s[S_CLEANS]! += 1;
          }
          return undefined;
        }
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
    };
  },
});

/**
 * The concentrate's scaling, where hardness reaches the RO: an online analyser on it (every few minutes while it flows)
 * reads its pH, and the calcite and gypsum saturation indices of each sample, as channels; alarms when a scale runs
 * past what the antiscalant holds (saturation itself while none is dosed). Returns the per-step sampler.
 */
function concentrateScaling(ctx: UnitContext, p: P, s: Float64Array, cC: Float64Array): ((q_m3_s: number, t_s: number, dt_s: number) => void) | undefined {
  if (!ctx.active.includes(C.Ca) && !ctx.active.includes(C.Mg)) return undefined;
  const analyser = new PHAnalyser(ctx.arena, ctx.water);
  const si = new Float64Array(2);
  const held = p.antiscalant?.value;
  s[S_CALCITE_SI] = SI_ABSENT;
  s[S_GYPSUM_SI] = SI_ABSENT;
  s[S_CALCITE_MAX] = SI_ABSENT;
  s[S_GYPSUM_MAX] = SI_ABSENT;
  const readScaling = (water: StreamPH) => {
    water.scaling(cC, si);
    s[S_CALCITE_SI] = si[0]!;
    s[S_GYPSUM_SI] = si[1]!;
  };
  const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
  ctx.channels.add(ch('concentrate_pH', 'pH', '', 'concentrate pH', '浓水pH'), [[analyser.state, 0, 1]]);
  ctx.channels.add(ch('calcite_SI', 'saturation index', '', 'concentrate calcite saturation index', '浓水碳酸钙饱和指数'), [[s, S_CALCITE_SI, 1]]);
  ctx.channels.add(ch('gypsum_SI', 'saturation index', '', 'concentrate gypsum saturation index', '浓水硫酸钙饱和指数'), [[s, S_GYPSUM_SI, 1]]);
  // each alarm watches how far its scale runs past the limit of the moment (the antiscalant's, or saturation)
  const alarm = (tag: string, scale: { en: string; zh: string }) =>
    ctx.alarms.define(
      ctx.id,
      tag,
      { en: `${ctx.name.en}: ${scale.en} scaling — the concentrate is past its antiscalant's limit (past saturation without one)`, zh: `${ctx.name.zh}：${scale.zh}结垢风险——浓水超过阻垢剂限值（无阻垢剂时为饱和）` },
      { type: 'high', limit: 0, deadband: 0.1, on_delay_s: SCALING_ALARM_DELAY_S, priority: 3 },
    );
  const calciteAlarm = alarm('calcite_scaling', { en: 'calcite', zh: '碳酸钙' });
  const gypsumAlarm = alarm('gypsum_scaling', { en: 'gypsum', zh: '硫酸钙' });
  return (q_m3_s, t_s, dt_s) => {
    if (q_m3_s > 0) analyser.sample(cC, dt_s, readScaling);
    const dosed = held !== undefined && s[S_ANTISCALANT] === 1;
    const calcitePast = s[S_CALCITE_SI]! - (dosed ? held.calcite_SI_max : 0), gypsumPast = s[S_GYPSUM_SI]! - (dosed ? held.gypsum_SI_max : 0);
    calciteAlarm.update(dt_s, calcitePast, t_s + dt_s);
    gypsumAlarm.update(dt_s, gypsumPast, t_s + dt_s);
    if (q_m3_s > 0) {
      if (s[S_CALCITE_SI]! > s[S_CALCITE_MAX]!) s[S_CALCITE_MAX] = s[S_CALCITE_SI]!;
      if (s[S_GYPSUM_SI]! > s[S_GYPSUM_MAX]!) s[S_GYPSUM_MAX] = s[S_GYPSUM_SI]!;
      if (calcitePast > 0 || gypsumPast > 0) s[S_PAST]! += dt_s;
    }
  };
}
