/**
 * Clarifier (沉淀池): the layered settling model of the IWA Benchmark Simulation Model No. 1
 * (Takács et al. 1991 as used in BSM1, Alex et al. 2008), on total suspended solids built from the
 * particulate components (metal particulates weighed as hydroxide, inert solids, PAM).
 *
 * Layers are numbered from the top (0) to the bottom (N − 1); the feed enters layer f.
 *   v_s(X) = max(0, min(v0', v0·(e^(−rh(X − Xmin)) − e^(−rp(X − Xmin))))),  Xmin = fns·X_feed
 *   J_l    = v_s(X_l)·X_l                                     settling flux out of layer l
 *   flux l → l+1: J_l if l is above the feed and X_{l+1} ≤ X_t (clarification zone),
 *                 min(J_l, J_{l+1}) otherwise (the layer below limits what it can take)
 *   bulk flow: v_up = Q_e/A upward above the feed, v_dn = Q_u/A downward below it.
 * Each particulate component rides these fluxes in proportion to its share of the source layer's
 * TSS (its own concentration per layer is the state), so a metal leaves with the effluent SS exactly
 * as the top layer holds it. Dissolved components pass with the water through one well-mixed volume
 * A·H (exact, flowsheet/tank.ts): the clarifier's hold-up lags them by its residence time.
 *
 * Integration: explicit sub-steps inside the step, their number chosen each step from the
 * characteristic speed: h·(max dJ/dX + v_up + v_dn) ≤ z, with the flux curve's steepest slope found
 * once from the settling constants (settlingFluxSlope). Every out-flux of a layer is bounded by
 * (v0' + v_up + v_dn)·X, so concentrations stay non-negative, and each interface flux is added to
 * one layer and taken from the other, so mass is conserved to rounding for any dt (1…3600 s).
 *
 * PAM (assumed model): a flocculant in the feed at P mg/L makes flocs settle faster and catches
 * fines; with s = P/(P + P_half), v0 and v0' are scaled by (1 + gain·s) and fns by (1 − reduction·s).
 */
import { z } from 'zod';
import { C, NC } from '../components.ts';
import { S_PER_DAY, S_PER_H } from '../convert.ts';
import { Pump, prefixed } from '../control/index.ts';
import { mixTank } from '../flowsheet/tank.ts';
import { basinArea, basinDepth, FLOW_SETTING, fraction, FRACTION_SETTING, inRange, nonNegative, param, positive, pumpCapacity_m3_h, type Range } from '../model/params.ts';
import { SOLIDS_FACTOR, splitActive } from './solids.ts';
import { defineUnitType, setNumber, unitChannel } from './unitType.ts';
import { temperatureFollower, viscosityRatio } from './temperature.ts';

const BSM1 = 'BSM1 (Alex et al. 2008)';
/** BSM1 settler parameters; every one can be overridden in the model. */
export const CLARIFIER_DEFAULTS = {
  layers: { value: 10, reference: BSM1 },
  feed_layer_from_top: { value: 5, reference: `${BSM1}: feed in the 5th of 10 layers from the top` },
  v0_max_m_d: { value: 250, unit: 'm/d', reference: BSM1 },
  v0_m_d: { value: 474, unit: 'm/d', reference: BSM1 },
  r_h_m3_g: { value: 0.000576, unit: 'm³/g', reference: BSM1 },
  r_p_m3_g: { value: 0.00286, unit: 'm³/g', reference: BSM1 },
  f_ns: { value: 0.00228, reference: BSM1 },
  threshold_g_m3: { value: 3000, unit: 'g/m³', reference: `${BSM1}: threshold concentration X_t, also the sludge-blanket limit` },
  pam_v0_gain: { value: 0.5, reference: 'assumed: PAM at saturation makes flocs settle 1.5× faster' },
  pam_fns_reduction: { value: 0.6, reference: 'assumed: PAM at saturation catches 60 % of the non-settleable fines' },
  pam_half_mg_L: { value: 1, unit: 'mg/L', reference: 'assumed: half the PAM effect at 1 mg/L (doses are 1–3 mg/L)' },
} as const;

const underflowSpec = z.union([
  z.strictObject({ ratio: fraction }),
  z.strictObject({ flow_m3_h: inRange(FLOW_SETTING) }),
], { error: 'underflow is { "ratio": fraction of the inflow } or { "flow_m3_h": fixed flow }' });

const params = z.strictObject({
  area_m2: param(basinArea),
  depth_m: param(basinDepth),
  underflow: param(underflowSpec),
  underflow_pump_max_m3_h: param(pumpCapacity_m3_h),
  /** scraper drive and sludge pump, drawn all the time */
  power_kW: param(nonNegative).optional(),
  layers: param(z.number().int('a whole number of layers').min(3, 'from 3 to 50 layers').max(50, 'from 3 to 50 layers')).optional(),
  feed_layer_from_top: param(z.number().int('a whole layer number').min(1, 'layers count from 1 at the top')).optional(),
  v0_max_m_d: param(positive).optional(),
  v0_m_d: param(positive).optional(),
  r_h_m3_g: param(positive).optional(),
  r_p_m3_g: param(positive).optional(),
  f_ns: param(fraction).optional(),
  threshold_g_m3: param(positive).optional(),
  pam_v0_gain: param(nonNegative).optional(),
  pam_fns_reduction: param(fraction).optional(),
  pam_half_mg_L: param(positive).optional(),
}).superRefine((p, ctx) => {
  const n = p.layers?.value ?? CLARIFIER_DEFAULTS.layers.value;
  const f = p.feed_layer_from_top?.value ?? CLARIFIER_DEFAULTS.feed_layer_from_top.value;
  if (f >= n) ctx.addIssue({ code: 'custom', path: ['feed_layer_from_top', 'value'], message: `the feed layer must lie above the bottom layer (${n} layers)` });
  if ((p.r_p_m3_g?.value ?? CLARIFIER_DEFAULTS.r_p_m3_g.value) <= (p.r_h_m3_g?.value ?? CLARIFIER_DEFAULTS.r_h_m3_g.value)) {
    ctx.addIssue({ code: 'custom', path: ['r_p_m3_g', 'value'], message: 'r_p (flocculant zone) must exceed r_h (hindered zone)' });
  }
});
type P = z.infer<typeof params>;

/**
 * The steepest slope of the settling flux J(X) = v_s(X)·X, m/s, for the Takács curve with PAM scale 1
 * and X_min = 0: v0' where the velocity is capped, v + X·dv/dX on the rising part below the cap (it
 * overshoots v0' there by a third or so with the BSM1 constants). Found once on a fine grid of X − X_min.
 * PAM scales v0 and v0' alike, so the slope scales with them; X_min adds at most X_min·v0·r_p.
 */
export function settlingFluxSlope(v0: number, v0max: number, rh: number, rp: number): number {
  let slope = v0max;
  // the rising part ends at the cap or where the curve turns down (the hindered zone falls again)
  const end = 20 / rh;
  const steps = 4000;
  for (let k = 0; k <= steps; k++) {
    const d = (end * k) / steps;
    const eh = Math.exp(-rh * d), ep = Math.exp(-rp * d);
    const v = v0 * (eh - ep);
    if (v >= v0max) continue; // capped: the slope there is v0'
    const dv = v0 * (-rh * eh + rp * ep);
    const f = v + d * dv;
    if (f > slope) slope = f;
  }
  // a hair above the grid's maximum: the true one lies between grid points
  return slope * 1.01;
}
const S_UF_MODE = 0, S_UF_RATIO = 1, S_UF_FLOW = 2, S_BLANKET = 3, S_LOAD = 4, S_SUB = 5;
/** Sub-steps a step may take; a normal basin takes a handful, an overloaded one tens. */
const MAX_SUBSTEPS = 1000;

export const clarifier = defineUnitType({
  type: 'clarifier',
  label: { en: 'clarifier', zh: '沉淀池' },
  params,
  ports: () => ({ inputs: ['in'], outputs: ['out', 'underflow'] }),
  requiredInputs: ['in'],
  create(ctx, p: P) {
    const d = CLARIFIER_DEFAULTS;
    const N = p.layers?.value ?? d.layers.value;
    const feed = (p.feed_layer_from_top?.value ?? d.feed_layer_from_top.value) - 1;
    const A = p.area_m2.value, H = p.depth_m.value, z = H / N, V = A * H;
    const v0max = (p.v0_max_m_d?.value ?? d.v0_max_m_d.value) / S_PER_DAY;
    const v0 = (p.v0_m_d?.value ?? d.v0_m_d.value) / S_PER_DAY;
    const rh = p.r_h_m3_g?.value ?? d.r_h_m3_g.value, rp = p.r_p_m3_g?.value ?? d.r_p_m3_g.value;
    const fns = p.f_ns?.value ?? d.f_ns.value;
    const Xt = p.threshold_g_m3?.value ?? d.threshold_g_m3.value;
    const pamGain = p.pam_v0_gain?.value ?? d.pam_v0_gain.value;
    const pamRed = p.pam_fns_reduction?.value ?? d.pam_fns_reduction.value;
    const pamHalf = p.pam_half_mg_L?.value ?? d.pam_half_mg_L.value;
    const power_kW = p.power_kW?.value ?? 0;
    const fluxSlope = settlingFluxSlope(v0, v0max, rh, rp);
    // the settling velocities are the file's at 25 °C: flocs settle as water's viscosity lets them (Stokes)
    let settleAtT = 1;
    const followWater = temperatureFollower(ctx.water, (t_C) => (settleAtT = 1 / viscosityRatio(t_C)));

    const { particulate: part, dissolved: diss } = splitActive(ctx.active);
    const P = part.length;
    const kS = Float64Array.from(part, (j) => SOLIDS_FACTOR[j]!);
    const pamAt = part.indexOf(C.PAM);
    // state: per particulate component its layer concentrations (component-major, N per component),
    // the well-mixed dissolved contents, layer TSS, and scalars
    const x = ctx.arena.alloc(Math.max(1, P * N));
    const cDiss = ctx.arena.alloc(NC);
    const tss = ctx.arena.alloc(N); // derived from x, kept beside it so a restore restores both
    const s = ctx.arena.alloc(6);
    const u = p.underflow.value;
    s[S_UF_MODE] = 'ratio' in u ? 0 : 1;
    s[S_UF_RATIO] = 'ratio' in u ? u.ratio : 0;
    s[S_UF_FLOW] = 'flow_m3_h' in u ? u.flow_m3_h : 0;
    const pump = new Pump(ctx.arena, { capacity_m3_h: p.underflow_pump_max_m3_h.value, command: 'm3_h' });
    const pumpSettings = prefixed(pump, 'underflow_pump');
    const ranges: Record<string, Range> = { underflow_ratio: FRACTION_SETTING, underflow_m3_h: FLOW_SETTING };
    pumpSettings.addRanges(ranges);

    // scratch, rebuilt every sub-step (not state): transport coefficients out of each layer, m/s
    const down = new Float64Array(N), up = new Float64Array(N), out = new Float64Array(N);
    const accE = new Float64Array(P), accU = new Float64Array(P), feedC = new Float64Array(P);

    const inlet = ctx.streams.inlet(ctx.inputs['in']!);
    const outSlot = ctx.outputs['out']!, ufSlot = ctx.outputs['underflow']!;
    const cE = ctx.streams.concView(outSlot), cU = ctx.streams.concView(ufSlot);
    const energy = ctx.ledger.line('energy_kWh', 'clarifier drive', ctx.id);

    const ch = (id: string, quantity: string, uom: string, en: string, zh: string) => unitChannel(ctx, id, quantity, uom, en, zh);
    ctx.channels.add(ch('blanket_m', 'blanket', 'm', 'sludge blanket', '泥层高度'), [[s, S_BLANKET, 1]]);
    ctx.channels.add(ch('surface_load_m_h', 'surface load', 'm/h', 'surface load', '表面负荷'), [[s, S_LOAD, 1]]);
    for (let l = 0; l < N; l++) {
      ctx.channels.add(ch(`layer${l + 1}_TSS_mg_L`, 'TSS', 'mg/L', `layer ${l + 1} (from top) TSS`, `第${l + 1}层 (自上) 悬浮物`), [[tss, l, 1]]);
    }

    return {
      step(_t_s, dt_s) {
        followWater();
        const q = inlet.read(ctx.active);
        const cin = inlet.conc;
        const cmd_m3_h = s[S_UF_MODE] === 0 ? s[S_UF_RATIO]! * q * S_PER_H : s[S_UF_FLOW]!;
        // the basin stays full: the underflow cannot take more than arrives
        const qU = Math.min(pump.update(dt_s, cmd_m3_h) / S_PER_H, q);
        const qE = q - qU;
        s[S_LOAD] = (q / A) * S_PER_H;

        // dissolved: one well-mixed volume, both outlets at its mean outflow concentration
        mixTank(cDiss, V, V, q, cin, q, dt_s, cE, diss);
        for (let k = 0; k < diss.length; k++) cU[diss[k]!] = cE[diss[k]!]!;

        // settling parameters for this step's feed
        let Xf = 0;
        for (let k = 0; k < P; k++) {
          const cj = cin[part[k]!]!;
          feedC[k] = cj;
          Xf += kS[k]! * cj;
          accE[k] = 0;
          accU[k] = 0;
        }
        const pam = pamAt >= 0 ? feedC[pamAt]! : 0;
        const sat = pam > 0 ? pam / (pam + pamHalf) : 0;
        const scale = (1 + pamGain * sat) * settleAtT;
        const v0e = v0 * scale, v0maxe = v0max * scale;
        const Xmin = fns * (1 - pamRed * sat) * Xf;
        const vIn = q / A, vUp = qE / A, vDn = qU / A;
        // sub-steps: no settling characteristic crosses more than a layer in one (the explicit scheme's CFL
        // bound, which also keeps every layer non-negative)
        const charSpeed = scale * (fluxSlope + Xmin * v0 * rp);
        const n = Math.max(1, Math.ceil((dt_s * (charSpeed + vUp + vDn)) / z));
        if (n > MAX_SUBSTEPS) {
          // a flow that crosses the basin hundreds of times a step (a basin of a few cm², a flood) settles nothing:
          // the feed's solids pass straight through, split with the flow, and the layers wait for a sane flow
          for (let k = 0; k < P; k++) cE[part[k]!] = cU[part[k]!] = cin[part[k]!]!;
          s[S_SUB] = MAX_SUBSTEPS;
          ctx.streams.setFlow(outSlot, qE);
          ctx.streams.setFlow(ufSlot, qU);
          if (power_kW > 0) energy.total[0]! += (power_kW * dt_s) / S_PER_H;
          return;
        }
        const h = dt_s / n, hz = h / z, last = N - 1;
        s[S_SUB] = n;

        for (let sub = 0; sub < n; sub++) {
          // transport coefficients out of each layer, from the layer TSS the last update left
          let Jprev = 0, Xa = 0;
          for (let l = 0; l < N; l++) {
            const X = tss[l]!;
            const dX = X - Xmin;
            let v = v0e * (Math.exp(-rh * dX) - Math.exp(-rp * dX));
            v = v > v0maxe ? v0maxe : v < 0 ? 0 : v;
            const J = v * X;
            if (l > 0) {
              // flux from l − 1 into l
              const F = l - 1 < feed && X <= Xt ? Jprev : Math.min(Jprev, J);
              down[l - 1] = (Xa > 0 ? F / Xa : 0) + (l - 1 >= feed ? vDn : 0);
            }
            Jprev = J;
            Xa = X;
            up[l] = l <= feed ? vUp : 0;
            tss[l] = 0;
          }
          down[last] = vDn;
          for (let l = 0; l < N; l++) out[l] = down[l]! + up[l]!;
          // every component rides the same coefficients; one pass per component, each layer's new
          // value from the old values of itself and its neighbours (explicit, conservative)
          for (let k = 0; k < P; k++) {
            const base = k * N, kJ = kS[k]!;
            let above = 0; // old value of the layer above
            let cur = x[base]!;
            accE[k]! += up[0]! * cur * h;
            accU[k]! += down[last]! * x[base + last]! * h;
            for (let l = 0; l < N; l++) {
              const below = l < last ? x[base + l + 1]! : 0;
              let net = -out[l]! * cur;
              if (l > 0) net += down[l - 1]! * above;
              if (l < last) net += up[l + 1]! * below;
              if (l === feed) net += vIn * feedC[k]!;
              const c1 = cur + hz * net;
              x[base + l] = c1;
              tss[l]! += kJ * c1;
              above = cur;
              cur = below;
            }
          }
        }

        // outlet concentrations: the mean over the step of what crossed the top and the bottom
        for (let k = 0; k < P; k++) {
          const j = part[k]!;
          cE[j] = vUp > 0 ? accE[k]! / (vUp * dt_s) : x[k * N]!;
          cU[j] = vDn > 0 ? accU[k]! / (vDn * dt_s) : x[k * N + last]!;
        }
        ctx.streams.setFlow(outSlot, qE);
        ctx.streams.setFlow(ufSlot, qU);

        // sludge blanket: full layers from the bottom above the limit, plus the fraction of the next
        let b = 0, l = N - 1;
        while (l >= 0 && tss[l]! >= Xt) {
          b += z;
          l--;
        }
        if (l >= 0) b += (z * tss[l]!) / Xt;
        s[S_BLANKET] = b;
        if (power_kW > 0) energy.total[0]! += (power_kW * dt_s) / S_PER_H;
      },
      water_m3: () => V,
      addInventory(acc_g) {
        for (let k = 0; k < diss.length; k++) acc_g[diss[k]!]! += V * cDiss[diss[k]!]!;
        const layerV = A * z;
        for (let k = 0; k < P; k++) {
          for (let l = 0; l < N; l++) acc_g[part[k]!]! += layerV * x[k * N + l]!;
        }
      },
      settable() {
        const out: Record<string, number | boolean> = {
          underflow_ratio: s[S_UF_RATIO]!,
          underflow_m3_h: s[S_UF_FLOW]!,
          underflow_fixed: s[S_UF_MODE] === 1,
        };
        pumpSettings.addValues(out);
        return out;
      },
      ranges: () => ranges,
      set(name, value) {
        // setting a ratio or a flow also chooses how the underflow is set
        if (name === 'underflow_ratio') return setNumber(name, value, FRACTION_SETTING, (v) => ((s[S_UF_RATIO] = v), (s[S_UF_MODE] = 0)));
        if (name === 'underflow_m3_h') return setNumber(name, value, FLOW_SETTING, (v) => ((s[S_UF_FLOW] = v), (s[S_UF_MODE] = 1)));
        if (name === 'underflow_fixed') {
          if (typeof value !== 'boolean') return 'underflow_fixed takes true or false';
          s[S_UF_MODE] = value ? 1 : 0;
          return undefined;
        }
        if (pumpSettings.owns(name)) return pumpSettings.set(name, value);
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
    };
  },
});
