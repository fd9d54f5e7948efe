/**
 * A/O membrane bioreactor (A/O-MBR, 缺氧/好氧膜生物反应器) with simultaneous chemical phosphorus
 * removal by PAC.
 *
 * Why an A/O-MBR rather than hydrolysis-acidification + contact oxidation + a secondary clarifier:
 * the water goes on to UF/RO reuse, and an MBR permeate carries no suspended solids; biomass is
 * held by the membrane rather than by settling (metal-stressed sludge from plating water settles
 * poorly); the long solids retention time keeps the slow, metal-sensitive nitrifiers; and a
 * pre-anoxic zone fed by the membrane tank's recirculation denitrifies on the influent COD. Many
 * Chinese plating parks run exactly this after their physico-chemical treatment.
 *
 * The model: one well-mixed mixed liquor of constant volume V (the anoxic and aerobic zones are
 * lumped; the internal recirculation of an MBR is several times the inflow, so they differ little).
 * One step, operator-split:
 *   1. hydraulics, exact (flowsheet/tank.ts): dissolved components leave with the outflow
 *      Q_in = Q_permeate + Q_waste; particulates only with the waste sludge Q_w = V/SRT (the
 *      membrane holds them), V dX/dt = Q_in·X_in − Q_w·X, solved as a tank fed at Q_w with
 *      X_in·Q_in/Q_w;
 *   2. denitrification (the anoxic zone), NO3-N → N2: nitrate is returned to the anoxic zone at the
 *      recirculation ratio R and removed there, a first-order loss at R·Q/V, updated exactly, so at
 *      steady state the effluent keeps 1/(1 + R) of the nitrate made (the MLE design relation). Each
 *      g of N takes 2.86/(1 − 1.42·Y_H) g of biodegradable COD, and no more than is there;
 *   3. heterotrophic COD oxidation in the aerobic fraction (1 − f_ax):
 *      r = k·X_H·S/(Ks + S), with X_H held over the step and S updated by backward Euler, which has a
 *      closed form (the positive root of a quadratic): stable for any step. Growth Y_H per g COD.
 *      At steady state S = Ks(1 + b·SRT)/(SRT·(Y_H·k·(1 − f_ax) − b) − 1) (Lawrence–McCarty);
 *   4. nitrification NH3-N → NO3-N by the nitrifiers X_A, the same Monod form and update with
 *      μ_A·DO/(K_O + DO)·(1 − f_ax); yield Y_A per g N;
 *   5. endogenous decay of both populations, first order, exact; decayed biomass is oxidised;
 *   6. chemical P: PAC dosed in proportion to the dissolved P load (Al:P molar ratio, feed-forward on
 *      an online TP analyser). Each step's aluminium binds dissolved P down to a residual
 *      orthophosphate, `al_used_per_p_mol` mol Al per mol P (hydroxide formation competes, so more
 *      than the 1:1 of AlPO4); bound P becomes P_p, and the aluminium in it leaves the Al(OH)3 floc.
 *
 * COD is split on entry into an inert part (`inert_cod_frac`: plating additives — brighteners,
 * surfactants, chelant residues — that activated sludge does not degrade) and a biodegradable part;
 * the unit keeps the two pools, and the biomass as heterotrophs and nitrifiers, in its own state; the
 * streams carry their sums (COD, VSS). Permeate COD is the inert COD plus the residual substrate;
 * soluble microbial products are not modelled.
 *
 * Assumptions to read before trusting a figure:
 * - dissolved TP arriving here is taken as orthophosphate. Electroless-nickel water carries
 *   hypophosphite/phosphite that coagulants do not remove until it is oxidised; the model assumes
 *   that happened upstream (hypochlorite in complex breaking, aeration) and does not track P
 *   oxidation states. `nonreactive_p_frac` lets a user hold back the part that was not oxidised;
 * - nutrient uptake into biomass (≈ 0.12 g N, 0.02 g P per g VSS) is not modelled: conservative
 *   for effluent TN and TP;
 * - nitrification's alkalinity use (7.1 g CaCO3 per g N) follows from the charge balance downstream
 *   (ammonium, a cation, becomes nitrate, an anion), but the CO₂ the aeration strips, which gives
 *   some of that pH back, is not modelled: the inorganic carbon passes unchanged;
 * - dissolved metals pass with the water (no sorption to biomass, no inhibition); particulate metals
 *   are held by the membrane and leave with the waste sludge.
 *
 * Oxygen: O2 = (1 − 1.42·Y_H)·ΔCOD_aerobic + 1.42·(decayed VSS) + (4.57 − 1.42·Y_A)·ΔN_nitrified;
 * blower energy = O2 / field aeration efficiency; membrane scouring and pumping per m³ of permeate.
 */
import { C, COD_PER_VSS, MOLAR_MASS_G_MOL as MW, NC, type ComponentId } from '../components.ts';
import { S_PER_DAY, S_PER_H } from '../convert.ts';
import { Pump, prefixed } from '../control/index.ts';
import { mixTank } from '../flowsheet/tank.ts';
import { Books } from '../kpi/books.ts';
import type { Range } from '../model/params.ts';
import { REAGENTS, ReagentFeed } from './reagents.ts';
import { SOLIDS_FACTOR as SOLIDS, splitActive } from './solids.ts';
import { subStepped } from './substeps.ts';
import { defineUnitType, setNumber, unitChannel } from './unitType.ts';
import { temperatureFollower } from './temperature.ts';
import { monodBackwardEuler } from './monod.ts';
import { AL_TO_P_MOLAR, RECYCLE_RATIO, SRT_d, params, type P } from './biologicalParams.ts';

/** g O2 per g NH3-N oxidised to nitrate (2 O2 per N: 64/14) */
export const O2_PER_N_NITRIFIED = 4.57;
/** g COD (as O2 equivalents) per g NO3-N reduced to N2 (5 electrons per N: 40/14) */
export const COD_PER_N_DENITRIFIED = 2.86;
/** g Al per g PAC, from the Al(OH)3 the PAC reagent yields (reagents.ts) */
export const AL_PER_PAC = (REAGENTS.PAC.yields.SS_inert! * 26.982) / 78.003;
const AL_G_MOL = 26.982;
const ALOH3_G_MOL = 78.003;

// state slots
const S_SI = 0, S_SS = 1, S_XH = 2, S_XA = 3; // pools, mg/L: inert COD, biodegradable COD, heterotrophs, nitrifiers
const S_QW = 4, S_O2 = 5, S_KWH = 6, S_DN = 7, S_NIT = 8, S_PAC = 9, S_PREM = 10, S_SRT = 11, S_R = 12, S_ALP = 13, S_MLSS = 14;
const S_SLOTS = 16;

export const biological = defineUnitType({
  type: 'biological',
  label: { en: 'A/O membrane bioreactor (MBR)', zh: 'A/O膜生物反应器 (MBR)' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out', 'waste'] }),
  requiredInputs: ['in'],
  adds: (p: P): ComponentId[] => ['COD', 'VSS', 'NH3N', 'NO3N', 'TP', ...(p.coagulant === undefined ? [] : (['P_p', 'SS_inert', 'Cl'] as ComponentId[]))],
  create(ctx, p: P) {
    const V = p.volume_m3.value;
    const fAx = p.anoxic_frac.value, fAer = 1 - fAx;
    const fInert = p.inert_cod_frac.value;
    const fNonReactiveP = p.nonreactive_p_frac?.value ?? 0;
    const ksH = p.ks_cod_mg_L.value;
    const yH = p.yield_h_gVSS_gCOD.value;
    const yA = p.yield_nit_gVSS_gN.value;
    const doSwitch = p.dissolved_oxygen_mg_L.value / (p.ko_nit_mg_L.value + p.dissolved_oxygen_mg_L.value);
    const knA = p.kn_mg_L.value;
    // growth and decay at the water's temperature (θ^(T − 20)); kA: max specific NH3-N use of nitrifiers, g N/(g VSS·s)
    let kH = 0, bH = 0, kA = 0, bA = 0;
    const followWater = temperatureFollower(ctx.water, (t_C) => {
      const th = (theta: number) => Math.pow(theta, t_C - 20);
      [kH, bH] = [(p.k_cod_per_d.value * th(p.theta_h.value)) / S_PER_DAY, (p.decay_h_per_d.value * th(p.theta_decay.value)) / S_PER_DAY];
      [kA, bA] = [(p.mu_nit_per_d.value * th(p.theta_nit.value) * doSwitch) / yA / S_PER_DAY, (p.decay_nit_per_d.value * th(p.theta_decay.value)) / S_PER_DAY];
    });
    const codPerNdn = COD_PER_N_DENITRIFIED / (1 - COD_PER_VSS * yH);
    const alPerP = p.al_used_per_p_mol.value;
    const pResidual = p.residual_ortho_p_mg_L.value;
    const sae_g_kWh = p.aeration_efficiency_kgO2_kWh.value * 1000;
    const membrane_kWh_m3 = p.membrane_kWh_m3.value;

    const active = ctx.active;
    const { particulate: part0, dissolved: diss0 } = splitActive(active);
    // COD and VSS move through the pools, not the component loops
    const part = part0.filter((j) => j !== C.VSS);
    const diss = diss0.filter((j) => j !== C.COD);
    const c = ctx.arena.alloc(NC);
    const s = ctx.arena.alloc(S_SLOTS);
    s[S_SRT] = p.solids_retention_d.value;
    s[S_R] = p.recycle_ratio.value;
    const x0 = p.initial_vss_mg_L.value;
    s[S_XA] = x0 * p.initial_nitrifier_frac.value;
    s[S_XH] = x0 - s[S_XA]!;
    c[C.VSS] = x0;
    // the seed sludge enters the books as material brought in, so VSS closes from the first step
    if (x0 > 0) Books.postGrams(ctx.books.open('seed', ctx.id), C.VSS, x0 * V);

    const coag = p.coagulant?.value;
    const pump = coag === undefined ? undefined : new Pump(ctx.arena, { capacity_m3_h: coag.pump_capacity_L_h / 1000, command: 'm3_h' });
    const pumpSettings = pump === undefined ? undefined : prefixed(pump, 'coagulant.pump');
    if (coag !== undefined) s[S_ALP] = coag.al_to_p_molar;
    const pacPerM3_g = coag === undefined ? 0 : coag.solution_frac * coag.solution_density_kg_L * 1e6;
    const pac = coag === undefined ? undefined : new ReagentFeed(ctx, 'coagulant', 'PAC');
    const blower = ctx.ledger.line('energy_kWh', 'aeration', ctx.id);
    const membrane = ctx.ledger.line('energy_kWh', 'MBR membrane scouring and pumping', ctx.id);

    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const outSlot = ctx.outputs['out']!, wasteSlot = ctx.outputs['waste']!;
    const cOut = ctx.streams.concView(outSlot), cW = ctx.streams.concView(wasteSlot);
    // scratch
    const mixed = new Float64Array(NC);
    const scaledIn = new Float64Array(NC);
    const pool = s.subarray(0, 4);
    const poolIn = new Float64Array(4), poolOut = new Float64Array(4);
    const POOL_DISS = Int32Array.of(S_SI, S_SS), POOL_PART = Int32Array.of(S_XH, S_XA);

    const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
    ctx.channels.add(ch('mlss_mg_L', 'MLSS', 'mg/L', 'mixed-liquor suspended solids', '污泥浓度 MLSS'), [[s, S_MLSS, 1]]);
    ctx.channels.add(ch('mlvss_mg_L', 'MLVSS', 'mg/L', 'biomass (MLVSS)', '挥发性污泥浓度 MLVSS'), [[s, S_XH, 1], [s, S_XA, 1]]);
    ctx.channels.add(ch('substrate_mg_L', 'COD', 'mg/L', 'biodegradable COD left', '剩余可生化COD'), [[s, S_SS, 1]]);
    ctx.channels.add(ch('nitrifiers_mg_L', 'nitrifiers', 'mg/L', 'nitrifiers', '硝化菌'), [[s, S_XA, 1]]);
    ctx.channels.add(ch('o2_demand_kg_h', 'oxygen demand', 'kg/h', 'oxygen demand', '需氧量'), [[s, S_O2, 1]]);
    ctx.channels.add(ch('aeration_kW', 'power', 'kW', 'blower power', '鼓风机功率'), [[s, S_KWH, 1]]);
    ctx.channels.add(ch('nitrified_kgN_d', 'nitrification', 'kg N/d', 'nitrification', '硝化量'), [[s, S_NIT, 1]]);
    ctx.channels.add(ch('denitrified_kgN_d', 'denitrification', 'kg N/d', 'denitrification', '反硝化量'), [[s, S_DN, 1]]);
    ctx.channels.add(ch('waste_m3_h', 'flow', 'm³/h', 'waste sludge', '剩余污泥'), [[s, S_QW, 1]]);
    ctx.channels.add(ch('chem_p_kg_d', 'P removal', 'kg P/d', 'chemical P removal', '化学除磷量'), [[s, S_PREM, 1]]);
    if (coag !== undefined) ctx.channels.add(ch('coagulant.dose_kg_h', 'dose', 'kg/h', `${REAGENTS.PAC.label.en} dose`, `${REAGENTS.PAC.label.zh}投加量`), [[s, S_PAC, 1]]);

    const react = (j: number, dC: number) => {
      c[j]! += dC;
      ctx.books.react(j, dC * V);
    };

    /**
     * The coagulant's solution, `v` m³, joins the full tank and pushes its volume out through the membrane at the
     * tank's dissolved strength, mixing with the step's permeate (`vP` m³): water and every gram stay booked.
     */
    function displace(v: number, vP: number, dt_s: number): void {
      const keep = 1 - v / V, w = vP + v;
      for (let k = 0; k < diss.length; k++) {
        const j = diss[k]!;
        cOut[j] = (vP * cOut[j]! + v * c[j]!) / w;
        c[j]! *= keep;
      }
      cOut[C.COD] = (vP * cOut[C.COD]! + v * (pool[S_SI]! + pool[S_SS]!)) / w;
      pool[S_SI]! *= keep;
      pool[S_SS]! *= keep;
      c[C.COD] = pool[S_SI]! + pool[S_SS]!;
      ctx.streams.setFlow(outSlot, w / dt_s);
    }

    /** one step (or sub-step) of the whole unit: steps 1–6 above */
    function stepOnce(_t_s: number, dt_s: number): void {
      followWater();
      // 1. hydraulics
      const q = inlet.read(active);
      const cin = inlet.conc;
      const qW = q > 0 ? Math.min(V / (s[S_SRT]! * S_PER_DAY), q) : 0;
      const qP = q - qW;
      mixTank(c, V, V, q, cin, q, dt_s, mixed, diss);
      for (let k = 0; k < part.length; k++) {
        const j = part[k]!;
        scaledIn[j] = qW > 0 ? (cin[j]! * q) / qW : cin[j]!;
      }
      // particulates: fed at Q_w with X_in·Q/Q_w, leaving at Q_w (the membrane keeps the rest)
      if (qW > 0) mixTank(c, V, V, qW, scaledIn, qW, dt_s, mixed, part);
      else mixTank(c, V, V, q, cin, 0, dt_s, mixed, part);
      const codIn = cin[C.COD]!;
      poolIn[S_SI] = fInert * codIn;
      poolIn[S_SS] = (1 - fInert) * codIn;
      mixTank(pool, V, V, q, poolIn, q, dt_s, poolOut, POOL_DISS);
      const vssIn = cin[C.VSS]!;
      poolIn[S_XH] = qW > 0 ? (vssIn * q) / qW : vssIn;
      poolIn[S_XA] = 0;
      if (qW > 0) mixTank(pool, V, V, qW, poolIn, qW, dt_s, poolOut, POOL_PART);
      else mixTank(pool, V, V, q, poolIn, 0, dt_s, poolOut, POOL_PART);
      // the outflows carry the exact mean of the step
      for (let k = 0; k < diss.length; k++) {
        const j = diss[k]!;
        cOut[j] = mixed[j]!;
        cW[j] = mixed[j]!;
      }
      cOut[C.COD] = poolOut[S_SI]! + poolOut[S_SS]!;
      cW[C.COD] = cOut[C.COD]!;
      for (let k = 0; k < part.length; k++) {
        const j = part[k]!;
        cOut[j] = 0;
        cW[j] = qW > 0 ? mixed[j]! : 0;
      }
      cOut[C.VSS] = 0;
      cW[C.VSS] = qW > 0 ? poolOut[S_XH]! + poolOut[S_XA]! : 0;
      ctx.streams.setFlow(outSlot, qP);
      ctx.streams.setFlow(wasteSlot, qW);
      c[C.COD] = pool[S_SI]! + pool[S_SS]!;
      c[C.VSS] = pool[S_XH]! + pool[S_XA]!;

      // 2. denitrification in the anoxic zone, limited by the biodegradable COD there
      let o2 = 0, dn = 0, nit = 0;
      const no3 = c[C.NO3N]!;
      if (no3 > 0 && q > 0 && s[S_R]! > 0) {
        let x = no3 * (1 - Math.exp(-(s[S_R]! * q * dt_s) / V));
        x = Math.min(x, pool[S_SS]! / codPerNdn);
        if (x > 0) {
          const dS = x * codPerNdn;
          react(C.NO3N, -x);
          react(C.COD, -dS);
          pool[S_SS]! -= dS;
          react(C.VSS, yH * dS);
          pool[S_XH]! += yH * dS;
          dn = x;
        }
      }
      // 3. aerobic COD oxidation: backward Euler in S with X_H held, closed form
      const s0 = pool[S_SS]!;
      if (s0 > 0 && pool[S_XH]! > 0) {
        const a = dt_s * kH * fAer * pool[S_XH]!;
        const s1 = monodBackwardEuler(s0, ksH, a);
        const dS = s0 - s1;
        react(C.COD, -dS);
        pool[S_SS] = s1;
        react(C.VSS, yH * dS);
        pool[S_XH]! += yH * dS;
        o2 += (1 - COD_PER_VSS * yH) * dS;
      }
      // 4. nitrification, the same form in NH3-N with the nitrifiers
      const n0 = c[C.NH3N]!;
      if (n0 > 0 && pool[S_XA]! > 0) {
        const a = dt_s * kA * fAer * pool[S_XA]!;
        const n1 = monodBackwardEuler(n0, knA, a);
        const dN = n0 - n1;
        react(C.NH3N, -dN);
        react(C.NO3N, dN);
        react(C.VSS, yA * dN);
        pool[S_XA]! += yA * dN;
        o2 += (O2_PER_N_NITRIFIED - COD_PER_VSS * yA) * dN;
        nit = dN;
      }
      // 5. endogenous decay, exact over the step; the biomass is oxidised
      const dH = pool[S_XH]! * (1 - Math.exp(-bH * dt_s));
      const dA = pool[S_XA]! * (1 - Math.exp(-bA * dt_s));
      if (dH + dA > 0) {
        pool[S_XH]! -= dH;
        pool[S_XA]! -= dA;
        react(C.VSS, -(dH + dA));
        o2 += COD_PER_VSS * (dH + dA);
      }
      c[C.COD] = pool[S_SI]! + pool[S_SS]!;
      c[C.VSS] = pool[S_XH]! + pool[S_XA]!;

      // 6. chemical P: PAC in proportion to the dissolved P load, binding what this step's Al can
      let pRemoved = 0;
      if (pump !== undefined && pac !== undefined) {
        const pLoad_mol_s = (q * cin[C.TP]!) / MW.TP; // g/s → mol/s
        const wantPac_g_s = (s[S_ALP]! * pLoad_mol_s * AL_G_MOL) / AL_PER_PAC;
        const solution_m3 = (pump.update(dt_s, (wantPac_g_s / pacPerM3_g) * S_PER_H) / S_PER_H) * dt_s;
        const pac_g = solution_m3 * pacPerM3_g;
        s[S_PAC] = (pac_g / 1000 / dt_s) * S_PER_H;
        if (pac_g > 0) {
          displace(solution_m3, qP * dt_s, dt_s);
          pac.deliver(pac_g, solution_m3, c, V);
          const alMol = (pac_g * AL_PER_PAC) / AL_G_MOL;
          const reactive = c[C.TP]! * (1 - fNonReactiveP) - pResidual;
          if (reactive > 0) {
            const x = Math.min(reactive, ((alMol / alPerP) * MW.TP) / V); // mg/L of P
            react(C.TP, -x);
            react(C.P_p, x);
            // the aluminium of AlPO4 leaves the Al(OH)3 floc
            react(C.SS_inert, -(x / MW.TP) * ALOH3_G_MOL);
            pRemoved = x;
          }
        }
      }

      // rates for the channels
      const perDay = S_PER_DAY / dt_s / 1000; // g per step → kg/d
      s[S_QW] = qW * S_PER_H;
      s[S_O2] = ((o2 * V) / 1000 / dt_s) * S_PER_H;
      s[S_NIT] = nit * V * perDay;
      s[S_DN] = dn * V * perDay;
      s[S_PREM] = pRemoved * V * perDay;
      const kWh = (o2 * V) / sae_g_kWh;
      blower.total[0]! += kWh;
      s[S_KWH] = (kWh / dt_s) * S_PER_H;
      membrane.total[0]! += membrane_kWh_m3 * qP * dt_s;
      let mlss = c[C.VSS]!;
      for (let k = 0; k < part.length; k++) mlss += SOLIDS[part[k]!]! * c[part[k]!]!;
      s[S_MLSS] = mlss;
    }

    return {
      // a long run step in one-minute sub-steps: the P binding and the other reactions act on what the mixing
      // brought within the sub-step, not a whole long step later
      step: subStepped(ctx.streams, Int32Array.of(outSlot, wasteSlot), active, [S_QW, S_O2, S_KWH, S_DN, S_NIT, S_PAC, S_PREM].map((i) => [s, i] as const), stepOnce),
      water_m3: () => V,
      addInventory(acc_g) {
        for (let k = 0; k < active.length; k++) acc_g[active[k]!]! += V * c[active[k]!]!;
      },
      settable() {
        const out: Record<string, number | boolean> = { solids_retention_d: s[S_SRT]!, recycle_ratio: s[S_R]! };
        if (pump !== undefined) out['coagulant.al_to_p_molar'] = s[S_ALP]!;
        pumpSettings?.addValues(out);
        return out;
      },
      ranges() {
        const out: Record<string, Range> = { solids_retention_d: SRT_d, recycle_ratio: RECYCLE_RATIO };
        if (pump !== undefined) out['coagulant.al_to_p_molar'] = AL_TO_P_MOLAR;
        pumpSettings?.addRanges(out);
        return out;
      },
      set(name, value) {
        if (name === 'solids_retention_d') return setNumber(name, value, SRT_d, (v) => (s[S_SRT] = v));
        if (name === 'recycle_ratio') return setNumber(name, value, RECYCLE_RATIO, (v) => (s[S_R] = v));
        if (pump !== undefined && name === 'coagulant.al_to_p_molar') return setNumber(name, value, AL_TO_P_MOLAR, (v) => (s[S_ALP] = v));
        if (pumpSettings?.owns(name)) return pumpSettings.set(name, value);
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
    };
  },
});
