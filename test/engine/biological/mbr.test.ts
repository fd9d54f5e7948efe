/**
 * The A/O membrane bioreactor on its own: steady states against the closed-form solutions of its
 * kinetics (Lawrence–McCarty for COD and for nitrification, the MLE relation for nitrate), chemical
 * P at a molar ratio, the coagulant's books, and conservation of every component and metal.
 */
import { describe, expect, it } from 'vitest';
import { C, COD_PER_VSS, MOLAR_MASS_G_MOL, NC, type ComponentId } from '../../../src/engine/components.ts';
import { AL_PER_PAC, COD_PER_N_DENITRIFIED } from '../../../src/engine/units/biological.ts';
import { monodBackwardEuler } from '../../../src/engine/units/monod.ts';
import { param } from '../../fixtures/models.ts';
import { harness, type Harness } from '../../fixtures/separations.ts';

type Json = Record<string, unknown>;
type Feed = Partial<Record<ComponentId, number>>;

/** Kinetic coefficients of the tests (20 °C values; the harness runs at 25 °C). */
const K = { k: 10, ks: 20, y: 0.45, b: 0.12, mu: 0.9, kn: 0.5, ya: 0.15, ba: 0.17, thH: 1.07, thA: 1.072, thB: 1.04, DO: 2, kO: 0.5 };

function bioParams(extra: Json = {}): Json {
  return {
    volume_m3: param(100),
    depth_m: param(5),
    anoxic_frac: param(0.3),
    recycle_ratio: param(4),
    solids_retention_d: param(20),
    inert_cod_frac: param(0.1),
    k_cod_per_d: param(K.k),
    ks_cod_mg_L: param(K.ks),
    yield_h_gVSS_gCOD: param(K.y),
    decay_h_per_d: param(K.b),
    mu_nit_per_d: param(K.mu),
    kn_mg_L: param(K.kn),
    yield_nit_gVSS_gN: param(K.ya),
    decay_nit_per_d: param(K.ba),
    theta_h: param(K.thH),
    theta_nit: param(K.thA),
    theta_decay: param(K.thB),
    dissolved_oxygen_mg_L: param(K.DO),
    ko_nit_mg_L: param(K.kO),
    initial_vss_mg_L: param(2000),
    initial_nitrifier_frac: param(0.05),
    al_used_per_p_mol: param(1.5),
    residual_ortho_p_mg_L: param(0.1),
    aeration_efficiency_kgO2_kWh: param(1.5),
    membrane_kWh_m3: param(0.3),
    ...extra,
  };
}

const coagulant = (ratio: number) => param({ reagent: 'PAC', al_to_p_molar: ratio, solution_frac: 0.1, solution_density_kg_L: 1.2, pump_capacity_L_h: 200 });

const T = 25;
const at = (k20: number, theta: number) => k20 * Math.pow(theta, T - 20);
/** Lawrence–McCarty steady-state substrate of a Monod population with full biomass retention but wasting at SRT */
const lawrenceMcCarty = (ks: number, kMax: number, y: number, b: number, srt: number) => (ks * (1 + b * srt)) / (srt * (y * kMax - b) - 1);

/**
 * The permeate is the exact mean of the tank's mixing over a step, the reactions acting between
 * steps (operator splitting): it reads this fraction of (C_in − C_tank) above the tank, ≈ Q·dt/(2V).
 */
const mixingLag = (q_m3_h: number, v_m3: number, dt_s: number) => {
  const x = (q_m3_h / 3600) * dt_s / v_m3;
  return 1 - (1 - Math.exp(-x)) / x;
};

function run(h: Harness, days: number, dt_s = 60): void {
  h.run(dt_s, Math.round((days * 86400) / dt_s));
}

describe('A/O membrane bioreactor', () => {
  it('removes COD to the Lawrence–McCarty steady state at SRT 20 d, HRT 10 h, leaving the inert fraction', () => {
    const h = harness('biological', bioParams());
    const cod = 200;
    h.feed('in', 10, { COD: cod, Na: 100, Cl: 150 });
    run(h, 80);
    const srt = 20, hrt_d = 10 / 24;
    const kAer = at(K.k, K.thH) * 0.7, b = at(K.b, K.thB);
    const sStar = lawrenceMcCarty(K.ks, kAer, K.y, b, srt);
    expect(sStar).toBeGreaterThan(0.5);
    expect(h.channel('substrate_mg_L')).toBeCloseTo(sStar, 1);
    expect(Math.abs(h.channel('substrate_mg_L') / sStar - 1)).toBeLessThan(0.01);
    const out = h.out('out');
    // permeate: inert COD + residual substrate (+ the step's mixing lag), no solids
    expect(out.c[C.COD]).toBeCloseTo(0.1 * cod + sStar + (0.9 * cod - sStar) * mixingLag(10, 100, 60), 2);
    expect(out.c[C.VSS]).toBe(0);
    // biomass: X = (SRT/HRT)·Y·(S0 − S)/(1 + b·SRT)
    const xStar = ((srt / hrt_d) * K.y * (0.9 * cod - sStar)) / (1 + b * srt);
    expect(Math.abs(h.channel('mlvss_mg_L') / xStar - 1)).toBeLessThan(0.01);
    // waste sludge V/SRT, at the mixed-liquor concentration
    expect(h.out('waste').q_m3_h).toBeCloseTo(100 / (20 * 24), 9);
    expect(h.out('waste').c[C.VSS]).toBeCloseTo(h.channel('mlvss_mg_L'), 0);
    // oxygen: COD removed not made into biomass, plus decayed biomass
    const removed_g_h = 10 * (0.9 * cod - sStar);
    const o2_kg_h = ((1 - COD_PER_VSS * K.y) * removed_g_h + COD_PER_VSS * b / 24 * xStar * 100) / 1000;
    expect(h.channel('o2_demand_kg_h')).toBeCloseTo(o2_kg_h, 2);
    expect(h.channel('aeration_kW')).toBeCloseTo(o2_kg_h / 1.5, 2);
  });

  it('nitrifies NH3-N to the steady state of its nitrifiers; the anoxic zone leaves 1/(1 + R) of the nitrate; TN closes as N2', () => {
    const h = harness('biological', bioParams());
    const nIn = 30;
    h.feed('in', 10, { COD: 400, NH3N: nIn, Na: 100 });
    run(h, 80);
    const srt = 20;
    const mu = at(K.mu, K.thA) * (K.DO / (K.kO + K.DO)) * 0.7, ba = at(K.ba, K.thB);
    const nStar = lawrenceMcCarty(K.kn, mu / K.ya, K.ya, ba, srt);
    const out = h.out('out');
    expect(Math.abs(out.c[C.NH3N]! / (nStar + (nIn - nStar) * mixingLag(10, 100, 60)) - 1)).toBeLessThan(0.01);
    const no3 = (nIn - nStar) / (1 + 4);
    expect(Math.abs(out.c[C.NO3N]! / no3 - 1)).toBeLessThan(0.01);
    // TN: what came in left as NH3-N, NO3-N or N2 (the books' reactions), nothing else
    const t = h.totals();
    const nInG = t.in_g[C.NH3N]!, nOutG = t.out_g[C.NH3N]! + t.out_g[C.NO3N]!, held = t.inventory_g[C.NH3N]! + t.inventory_g[C.NO3N]!;
    const n2 = -(h.books.reacted_g[C.NH3N]! + h.books.reacted_g[C.NO3N]!);
    expect(Math.abs(nInG - nOutG - held - n2) / nInG).toBeLessThan(1e-12);
    expect(n2 / nInG).toBeGreaterThan(0.75);
    // the denitrification channel (kg N/d) is the N2 the books see at steady state
    expect(Math.abs(h.channel('denitrified_kgN_d') / ((10 * 24 * (nIn - nStar - no3)) / 1000) - 1)).toBeLessThan(0.005);
    // and it took 2.86/(1 − 1.42·Y) g COD per g N from the biodegradable COD
    expect(COD_PER_N_DENITRIFIED).toBeCloseTo(2.86, 2);
  });

  it('started with next to no biomass (10⁻¹² mg/L) never takes nitrate below zero, and its nitrogen books close', () => {
    const h = harness('biological', bioParams({ initial_vss_mg_L: param(1e-12) }));
    h.feed('in', 10, { COD: 400, NH3N: 30, Na: 100 });
    let lowest = Infinity;
    for (let k = 0; k < 3 * 1440; k++) {
      h.step(60);
      lowest = Math.min(lowest, h.out('out').c[C.NO3N]!);
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    // nitrogen: in = out + held + N2 (the books' reactions)
    const t = h.totals();
    const nInG = t.in_g[C.NH3N]!, nOutG = t.out_g[C.NH3N]! + t.out_g[C.NO3N]!, held = t.inventory_g[C.NH3N]! + t.inventory_g[C.NO3N]!;
    const n2 = -(h.books.reacted_g[C.NH3N]! + h.books.reacted_g[C.NO3N]!);
    expect(Math.abs(nInG - nOutG - held - n2) / nInG).toBeLessThan(1e-12);
    expect(h.books.reacted_g[C.NO3N]!).toBeGreaterThanOrEqual(-1e-9 * nInG);
  });

  it('takes a Monod backward-Euler step without cancellation either way round, and never above where it started', () => {
    // S1² + (K − S0 + a)·S1 − S0·K = 0, checked by substitution
    for (const [s0, k, a] of [[30, 0.5, 1e-3], [30, 0.5, 100], [1e6, 1e-3, 1e-9], [1e-9, 20, 1e3], [400, 20, 0]] as const) {
      const s1 = monodBackwardEuler(s0, k, a);
      expect(s1).toBeLessThanOrEqual(s0);
      expect(s1).toBeGreaterThanOrEqual(0);
      expect(Math.abs(s1 * s1 + (k - s0 + a) * s1 - s0 * k)).toBeLessThanOrEqual(1e-9 * Math.max(s0 * k, s1 * s1));
    }
    expect(monodBackwardEuler(50, 1, 0)).toBe(50);
  });

  it('precipitates phosphorus below 1 mg/L at Al:P = 2, to half at Al:P = 0.75, with PAC booked by stoichiometry', () => {
    const pIn = 5;
    const h = harness('biological', bioParams({ coagulant: coagulant(2) }));
    h.feed('in', 10, { COD: 200, TP: pIn, Na: 100 });
    run(h, 10);
    expect(h.out('out').c[C.TP]).toBeLessThan(1);
    expect(h.out('out').c[C.TP]).toBeCloseTo(0.1 + (pIn - 0.1) * mixingLag(10, 100, 60), 4);
    expect(h.out('out').c[C.P_p]).toBe(0);
    // one day of PAC: 2 mol Al per mol of P fed, 0.46 g Al(OH)3 per g PAC (30 % Al2O3)
    const pac0 = h.ledger.byItem('reagent')['PAC']!;
    run(h, 1);
    const pac = h.ledger.byItem('reagent')['PAC']! - pac0;
    const pMol = (10 * 24 * pIn) / MOLAR_MASS_G_MOL.TP;
    const alPerPac = (0.46 * 26.982) / (26.982 + 3 * 17.007);
    expect(AL_PER_PAC).toBeCloseTo(alPerPac, 4);
    expect(pac).toBeCloseTo((2 * pMol * 26.982) / alPerPac / 1000, 6);
    // the books count the PAC's Al(OH)3 and chloride as reagent inflow
    const acc = h.books.accounts.find((a) => a.name === 'reagent:u.coagulant')!;
    expect(acc.g[C.Cl]! / (h.ledger.byItem('reagent')['PAC']! * 1000)).toBeCloseTo(0.15, 12);
    // and the solution's water (10 % PAC of 1.2 kg/L) as water taken in, which leaves through the membrane
    expect(acc.volume[0]!).toBeCloseTo(h.ledger.byItem('reagent')['PAC']! / (0.1 * 1.2 * 1000), 9);
    h.step(60);
    const solution_m3_h = h.channel('coagulant.dose_kg_h') / (0.1 * 1.2 * 1000);
    expect(solution_m3_h).toBeGreaterThan(1e-3);
    expect(h.out('out').q_m3_h + h.out('waste').q_m3_h).toBeCloseTo(10 + solution_m3_h, 5);

    const half = harness('biological', bioParams({ coagulant: coagulant(0.75) }));
    half.feed('in', 10, { COD: 200, TP: pIn, Na: 100 });
    run(half, 10);
    // each mol P takes 1.5 mol Al: 0.75/1.5 of the P precipitates
    expect(half.out('out').c[C.TP]).toBeCloseTo(pIn * (1 - 0.75 / 1.5), 2);
    // P is conserved: what left the water is in the solids
    expect(half.books.reacted_g[C.TP]! + half.books.reacted_g[C.P_p]!).toBeCloseTo(0, 6);
  });

  it('binds phosphorus as well at a 10-minute or hourly step as at a minute: a long step runs in one-minute sub-steps', () => {
    const tp = (dt_s: number) => {
      const h = harness('biological', bioParams({ coagulant: coagulant(2) }));
      h.feed('in', 10, { COD: 200, TP: 5, Na: 100 });
      run(h, 10, dt_s);
      return h.out('out').c[C.TP]!;
    };
    const minute = tp(60);
    // binding acts on the mixed contents, so the permeate keeps a mixing lag of the (sub-)step, ≈ Q·dt/(2V) of the gap:
    // an hour's lag would leave ≈ 0.34 mg/L where a minute's leaves 0.10 (1.35× at 10 minutes)
    for (const dt_s of [600, 3600]) expect(tp(dt_s) / minute, `${dt_s} s`).toBeCloseTo(1, 2);
  });

  it.each([1, 60, 3600])('conserves every component and closes the metals ≤ 1e-9 at dt = %d s; particulate metals leave only with the waste sludge', (dt) => {
    const h = harness('biological', bioParams({ coagulant: coagulant(2) }));
    const feed: Feed = { COD: 150, NH3N: 15, TP: 3, Ni: 0.3, Ni_p: 0.8, Cu: 0.2, Cu_p: 1.5, Zn_p: 0.6, Fe_p: 2, Cr3_p: 0.4, SS_inert: 5, Na: 300, Cl: 200, SO4: 400 };
    const phases: [number, number][] = [[1, 1], [2, 3], [0, 1], [0.2, 0.5]];
    for (const [fq, fc] of phases) {
      h.feed('in', 10 * fq, Object.fromEntries(Object.entries(feed).map(([k, v]) => [k, (v ?? 0) * fc])));
      h.run(dt, Math.max(1, Math.round(43200 / dt)));
      expect(h.out('out').c[C.Ni_p]).toBe(0);
    }
    const t = h.totals();
    const inv0 = new Float64Array(NC);
    inv0[C.VSS] = 2000 * 100;
    // seed sludge and PAC enter through reagent accounts: count them with the inflow
    const added = new Float64Array(NC);
    for (const a of h.books.accounts) if (a.kind !== 'outlet') for (let j = 0; j < NC; j++) added[j]! += a.g[j]!;
    for (let j = 0; j < NC; j++) {
      const inflow = t.in_g[j]! + added[j]! - (j === C.VSS ? inv0[j]! : 0);
      const scale = Math.max(inflow, inv0[j]!);
      if (scale <= 0) continue;
      const err = Math.abs(inflow + h.books.reacted_g[j]! - t.out_g[j]! - (t.inventory_g[j]! - inv0[j]!)) / scale;
      expect(err, `component ${j}`).toBeLessThan(1e-9);
    }
    for (const group of [['Ni', 'Ni_p'], ['Cu', 'Cu_p'], ['Zn_p'], ['Fe_p'], ['Cr3_p']] as ComponentId[][]) {
      const sum = (a: Float64Array) => group.reduce((s, id) => s + a[C[id]]!, 0);
      const err = Math.abs(sum(t.in_g) - sum(t.out_g) - sum(t.inventory_g)) / sum(t.in_g);
      expect(err, group.join('+')).toBeLessThan(1e-9);
      for (const id of group) expect(h.books.reacted_g[C[id]], id).toBe(0);
    }
  });
});
