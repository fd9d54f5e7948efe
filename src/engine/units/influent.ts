/**
 * Influent: a segregated wastewater stream from the plating shops.
 * flow = base × hourly (shift) factor × weekday factor × lognormal AR(1) noise, plus spent-bath dumps
 * (scheduled in the model, timed by a scenario, injected by a trainer, or random as a Poisson process)
 * that add their volume at `factor` × the base concentration. Dump volume is exact whatever the step:
 * each step takes the overlap of the dump window with the step.
 *
 * Where the shops collect spent baths apart (`dumps_to: "spent"`), the plant's own dumps leave by a
 * second outlet, `spent`, the park's spent-bath main, to a holding tank that bleeds them into the line;
 * a dump injected as a fault still goes down the rinse drain unless it names the main.
 */
import { z } from 'zod';
import { C, COMPONENTS, NC, type ComponentId } from '../components.ts';
import { days_to_s, h_to_s, m3h_to_m3s, min_to_s, m3s_to_m3h } from '../convert.ts';
import { Books } from '../kpi/books.ts';
import { FLOW_SETTING, MAX_CONC_REASON, MAX_CONC_mg_L, MIN_FLOW_m3_h, concentrations, nonNegative, pHValue, param, positive, sourceFlow } from '../model/params.ts';
import { CONSTANTS_TEMPERATURE_C } from '../chemistry/constants.ts';
import { defineUnitType, setNumber } from './unitType.ts';
import { DUMP_ROUTES, SPENT_PORT, type DumpRoute } from '../api.ts';
import { locate, replayCompositions, replayParam, replaySeriesOf, type ReplayRows, type ReplaySeries } from './replay.ts';
import { balanceToPH, composition, hardnessSalt, noBalanceReason } from './rinse.ts';

const DUMP_SLOTS = 16;
/** A dump beyond this is no bath: a plating tank holds tens of m³, a shop's whole line a few hundred. */
const MAX_DUMP_m3 = 1000;
/** A dump is a bath let go in minutes or hours; one spread over more than a week is a rinse flow. */
const MAX_DUMP_S = 7 * 86_400;
/** noise is updated every 5 min (or every step, if longer): far finer than its correlation time of hours */
const NOISE_GRID_S = 300;
const S_PER_HOUR = 3600;
const SLOT = 5; // start_s, end_s, flow_m3_s, factor, 1 when into the spent-bath main

const dumpSpec = z.strictObject({
  day: nonNegative,
  volume_m3: positive,
  factor: positive,
  duration_min: positive,
});

const params = z.strictObject({
  flow_m3_h: param(sourceFlow),
  conc_mg_L: param(concentrations),
  hourly_factors: param(z.array(nonNegative).length(24, 'needs 24 hourly factors (00:00 … 23:00)')),
  weekday_factors: param(z.array(nonNegative).length(7, 'needs 7 weekday factors (Monday … Sunday)')),
  flow_cv: param(nonNegative.max(2, 'a coefficient of variation above 2 is not a rinse stream')),
  conc_cv: param(nonNegative.max(2, 'a coefficient of variation above 2 is not a rinse stream')),
  noise_tau_h: param(positive),
  dumps: param(z.array(dumpSpec).max(DUMP_SLOTS * 8)).optional(),
  random_dumps: param(
    z.strictObject({
      per_month: nonNegative,
      volume_m3: z.tuple([positive, positive]),
      factor: z.tuple([positive, positive]),
      duration_min: positive,
    }),
  ).optional(),
  enabled: param(z.boolean()).optional(),
  /**
   * the stream's pH: the engine adds the strong base (as Na) or strong acid (as `acid_anion`) that the
   * composition's charge balance needs to read this pH, since rinse analyses rarely balance
   */
  pH: param(pHValue).optional(),
  acid_anion: param(z.enum(['SO4', 'Cl'])).optional(),
  /** where the shops' own spent baths go: down the rinse drain (default) or into a spent-bath main, the `spent` outlet */
  dumps_to: param(z.enum(DUMP_ROUTES)).optional(),
  /**
   * measured flow (and pH, concentrations) replayed from a CSV (replay.ts) instead of the patterns and noise:
   * `file` names it beside the model and the loader reads it into `csv`; `flow_m3_h` then scales the replay
   * (a runtime setting of twice the model's value doubles the measured flows)
   */
  replay: param(replayParam).optional(),
}).superRefine((p, ctx) => {
  const replay = p.replay?.value;
  if (replay !== undefined) {
    const series = replaySeriesOf(replay);
    if (typeof series === 'string') {
      ctx.addIssue({ code: 'custom', path: ['replay', 'value', replay.csv === undefined ? 'file' : 'csv'], message: series });
      return;
    }
    const rows = replayCompositions(p, series, rinseSplit(p, series).load, p.pH?.value, p.acid_anion?.value ?? 'SO4', CONSTANTS_TEMPERATURE_C, carriedIndices(p));
    if (typeof rows === 'string') {
      ctx.addIssue({ code: 'custom', path: ['replay', 'value', 'csv'], message: `${replay.file ?? 'the CSV'}: ${rows}` });
      return;
    }
  }
  const highest = Math.max(0, ...Object.values(p.conc_mg_L.value).map((v) => v ?? 0));
  if (p.pH !== undefined) {
    if (!balanceToPH(rinseSplit(p, undefined).load, p.pH.value, p.acid_anion?.value ?? 'SO4', CONSTANTS_TEMPERATURE_C)) {
      ctx.addIssue({ code: 'custom', path: ['pH', 'value'], message: noBalanceReason('this rinse', p.pH.value) });
    }
  }
  p.dumps?.value.forEach((d, i) => {
    const why = dumpTooStrong(highest, d.factor);
    if (why !== undefined) ctx.addIssue({ code: 'custom', path: ['dumps', 'value', i, 'factor'], message: why });
  });
  const random = p.random_dumps?.value;
  if (random !== undefined) {
    // each range is [least, most]
    for (const key of ['volume_m3', 'factor'] as const) {
      if (random[key][0] > random[key][1]) ctx.addIssue({ code: 'custom', path: ['random_dumps', 'value', key], message: `a range is [least, most]: ${random[key][0]} is more than ${random[key][1]}` });
    }
    const why = dumpTooStrong(highest, random.factor[1]);
    if (why !== undefined) ctx.addIssue({ code: 'custom', path: ['random_dumps', 'value', 'factor', 1], message: why });
  }
});

/** Why a dump `factor` × the rinse's strongest concentration is no water at all; undefined when it is. */
function dumpTooStrong(strongest_mg_L: number, factor: number): string | undefined {
  return strongest_mg_L * factor > MAX_CONC_mg_L
    ? `${factor} × the rinse's ${strongest_mg_L} mg/L is more than ${MAX_CONC_REASON}`
    : undefined;
}
export type InfluentParams = z.infer<typeof params>;

/** The components an influent carries: its analysis, the replay's columns, and the ions that balance a pH. */
function carried(p: InfluentParams): ComponentId[] {
  const series = p.replay === undefined ? undefined : replaySeriesOf(p.replay.value);
  const replayed = typeof series === 'object' ? series : undefined;
  return [
    ...Object.entries(p.conc_mg_L.value).filter(([, v]) => (v ?? 0) > 0).map(([id]) => id as ComponentId),
    ...Array.from(replayed?.components ?? [], (j) => COMPONENTS[j]!),
    ...(p.pH === undefined && replayed?.pH == null ? [] : (['Na', p.acid_anion?.value ?? 'SO4'] as ComponentId[])),
  ];
}

/** `carried` as sorted component indices, each once: what a replay keeps of each sample. */
const carriedIndices = (p: InfluentParams): Int32Array => Int32Array.from(new Set(carried(p).map((id) => C[id]))).sort();

/**
 * The rinse as the engine scales it: its load, and the make-up water's hardness as a neutral salt beside it (rinse.ts),
 * wherever the rinse is brought to a pH — the model's, or a replay's — and a replay does not measure the hardness
 * itself; otherwise the analysis as one water, all of it scaled (`water` undefined).
 */
function rinseSplit(p: InfluentParams, series: ReplaySeries | undefined): { load: Float64Array; water: Float64Array | undefined } {
  const analysis = composition(p.conc_mg_L.value);
  const balanced = p.pH !== undefined || (series?.pH ?? null) !== null;
  const hardnessReplayed = series !== undefined && Array.from(series.components).some((j) => j === C.Ca || j === C.Mg);
  if (!balanced || hardnessReplayed) return { load: analysis, water: undefined };
  const { load, water } = hardnessSalt(analysis, p.acid_anion?.value ?? 'SO4');
  return { load, water };
}

export const influent = defineUnitType({
  type: 'influent',
  label: { en: 'influent', zh: '进水' },
  params,
  ports: (p: InfluentParams) => ({ inputs: [], outputs: p.dumps_to?.value === 'spent' ? ['out', SPENT_PORT] : ['out'] }),
  adds: carried,
  create(ctx, p: InfluentParams) {
    const acidAnion = p.acid_anion?.value ?? 'SO4';
    // measured data instead of patterns and noise (compile has checked it)
    const series = p.replay === undefined ? undefined : replaySeriesOf(p.replay.value);
    if (typeof series === 'string') throw new RangeError(series);
    // the rinse as its load, which the patterns, noise and dumps scale, and its water's hardness, which they do not
    const { load, water } = rinseSplit(p, series);
    const rows = series === undefined ? undefined : replayCompositions(p, series, load, p.pH?.value, acidAnion, ctx.water.mean_C, carriedIndices(p));
    if (typeof rows === 'string') throw new RangeError(rows);
    const afterEnd = p.replay?.value.after_end ?? 'repeat';
    const replayFlow_m3_s = m3h_to_m3s(p.flow_m3_h.value);
    const at = new Float64Array(2);
    let strongest_mg_L = Math.max(...composition(p.conc_mg_L.value));
    if (rows !== undefined) for (const v of rows.rows) if (v > strongest_mg_L) strongest_mg_L = v;
    // the model's load read at its pH (a replay balances each sample itself)
    if (series === undefined && p.pH !== undefined && !balanceToPH(load, p.pH.value, acidAnion, ctx.water.mean_C)) throw new RangeError(noBalanceReason('this rinse', p.pH.value));
    // the components of the water's hardness salt (none where the rinse is one water)
    const waterIdx = Int32Array.from(COMPONENTS.map((_, j) => j).filter((j) => (water?.[j] ?? 0) > 0));
    const hardness = water ?? new Float64Array(NC);
    const hourly = Float64Array.from(p.hourly_factors.value);
    const weekday = Float64Array.from(p.weekday_factors.value);
    const flowCv = p.flow_cv.value, concCv = p.conc_cv.value;
    const tau_s = h_to_s(p.noise_tau_h.value);
    const random = p.random_dumps?.value;
    const randomMean_s = random && random.per_month > 0 ? days_to_s(30.4375) / random.per_month : Infinity;

    // state: [0] flow noise, [1] conc noise, [2] next random dump time, [3] base flow m³/s, [4] enabled,
    // [5] earliest pending dump start, [6] next noise update time, [7] flow and [8] concentration noise factors,
    // [9] the concentration factor now in the outlet stream, [10] index of the next dump the model lists,
    // [11] the concentration factor now in the spent-bath main
    const s = ctx.arena.alloc(12);
    // a stream per purpose: switching the flow noise off leaves the dumps where they were
    const flowRng = ctx.rng('flow noise'), concRng = ctx.rng('concentration noise'), dumpRng = ctx.rng('random dumps');
    const slots = ctx.arena.alloc(DUMP_SLOTS * SLOT);
    s[0] = flowCv > 0 ? flowRng.normal() : 0;
    s[1] = concCv > 0 ? concRng.normal() : 0;
    s[2] = randomMean_s === Infinity ? Infinity : dumpRng.exponential(randomMean_s);
    s[3] = m3h_to_m3s(p.flow_m3_h.value);
    s[4] = p.enabled?.value === false ? 0 : 1;
    s[5] = Infinity;

    const account = ctx.books.open('influent', ctx.id, { basis: load });
    const out = ctx.outputs['out']!;
    const conc = ctx.streams.concView(out);
    const plantRoute: DumpRoute = p.dumps_to?.value ?? 'rinse';
    const spent = ctx.outputs[SPENT_PORT];
    const spentConc = spent === undefined ? undefined : ctx.streams.concView(spent);
    const lastSlot = DUMP_SLOTS * SLOT;
    // caches that are pure functions of the step and the hour (never of state, so a restore cannot stale them)
    let noiseH = 0, noisePhi = 0, noiseW = 0, patternHour = -1, pattern = 0;
    s[7] = 1;
    s[8] = 1;
    s[9] = NaN; // nothing written yet
    s[11] = NaN;
    const active = ctx.active;

    function schedule(start_s: number, volume_m3: number, factor: number, duration_s: number, into: DumpRoute): string | undefined {
      for (let k = 0; k < lastSlot; k += SLOT) {
        if (slots[k + 2] === 0) {
          slots[k] = start_s;
          slots[k + 1] = start_s + duration_s;
          slots[k + 2] = volume_m3 / duration_s;
          slots[k + 3] = factor;
          slots[k + 4] = into === 'spent' ? 1 : 0;
          if (start_s < s[5]!) s[5] = start_s;
          return undefined;
        }
      }
      return `${ctx.id}: more than ${DUMP_SLOTS} dumps pending at once`;
    }
    // the model's own dumps, in time order, each taken into a slot as it begins, so a model may list more than the slots
    const listed = (p.dumps?.value ?? [])
      .map((d) => ({ start_s: days_to_s(d.day), volume_m3: d.volume_m3, factor: d.factor, duration_s: min_to_s(d.duration_min) }))
      .sort((a, b) => a.start_s - b.start_s);
    /** The replayed rinse now: composition in replayed[0 … NC), flow (m³/s, before the runtime scale) in replayed[NC]. */
    const replayed = new Float64Array(NC + 1);
    function replayedAt(sr: ReplaySeries, comp: ReplayRows, t: number): void {
      locate(sr, afterEnd, t, at);
      const i = at[0]!, w = at[1]!;
      const next = i + 1 < sr.t_s.length ? i + 1 : 0;
      replayed[NC] = sr.flow_m3_s[i]! + w * (sr.flow_m3_s[next]! - sr.flow_m3_s[i]!);
      // one composition for every sample when the CSV gives only flows
      const rows = comp.rows, support = comp.support, width = support.length;
      const a = comp.count === 1 ? 0 : i * width, b = comp.count === 1 ? 0 : next * width;
      for (let k = 0; k < width; k++) replayed[support[k]!] = rows[a + k]! + w * (rows[b + k]! - rows[a + k]!);
    }
    /** A dump of the plant's own (listed or random): it reaches the plant while the line is open, and the event log has it. */
    function plantDump(start_s: number, volume_m3: number, factor: number, duration_s: number): void {
      if (s[4] !== 1) return;
      if (schedule(start_s, volume_m3, factor, duration_s, plantRoute) === undefined) ctx.logDump(start_s, volume_m3, factor, duration_s, plantRoute);
    }

    return {
      step(t_s, dt_s) {
        const t1 = t_s + dt_s;
        // AR(1) noise on a fixed grid (exact discretisation), so the influent is the same whatever the solver step
        if (series === undefined && (flowCv > 0 || concCv > 0) && t_s >= s[6]!) {
          const h = Math.max(NOISE_GRID_S, dt_s);
          if (h !== noiseH) {
            noiseH = h;
            noisePhi = Math.exp(-h / tau_s);
            noiseW = Math.sqrt(1 - noisePhi * noisePhi);
          }
          if (flowCv > 0) s[0] = noisePhi * s[0]! + noiseW * flowRng.normal();
          if (concCv > 0) s[1] = noisePhi * s[1]! + noiseW * concRng.normal();
          s[7] = flowCv > 0 ? Math.exp(flowCv * s[0]! - 0.5 * flowCv * flowCv) : 1;
          s[8] = concCv > 0 ? Math.exp(concCv * s[1]! - 0.5 * concCv * concCv) : 1;
          s[6] = s[6]! + h * Math.max(1, Math.ceil((t_s - s[6]!) / h + 1e-9));
        }
        while (s[10]! < listed.length && listed[s[10]!]!.start_s < t1) {
          const d = listed[s[10]!]!;
          s[10]! += 1;
          plantDump(d.start_s, d.volume_m3, d.factor, d.duration_s);
        }
        if (random !== undefined && s[2]! < t1) {
          // drawn whether or not the line is open, so closing it does not move the later dumps
          const u = dumpRng.uniform(), v = dumpRng.uniform();
          const vol = random.volume_m3[0] + u * (random.volume_m3[1] - random.volume_m3[0]);
          const factor = random.factor[0] + v * (random.factor[1] - random.factor[0]);
          plantDump(s[2]!, vol, factor, min_to_s(random.duration_min));
          s[2] = s[2]! + dumpRng.exponential(randomMean_s);
        }
        const on = s[4]! === 1 ? 1 : 0;
        const hourNo = Math.floor(t_s / S_PER_HOUR);
        if (hourNo !== patternHour) {
          patternHour = hourNo;
          pattern = hourly[ctx.clock.hour(t_s)]! * weekday[ctx.clock.weekday(t_s)]!;
        }
        let qRinse: number, fc: number;
        if (series !== undefined && rows !== undefined) {
          // the measured rinse at the middle of the step (exact for the linear segments between samples);
          // the runtime flow setting scales it
          replayedAt(series, rows, t_s + dt_s / 2);
          qRinse = on * (s[3]! / replayFlow_m3_s) * replayed[NC]!;
          fc = 1;
        } else {
          qRinse = on * s[3]! * pattern * s[7]!;
          fc = s[8]!;
        }
        // dumps: volume-weighted concentration factor over the step, down the drain and into the main
        let vDump = 0, vDumpFactor = 0, vSpent = 0, vSpentFactor = 0;
        if (s[5]! < t1) {
          let earliest = Infinity;
          for (let k = 0; k < lastSlot; k += SLOT) {
            const q = slots[k + 2]!;
            if (q === 0) continue;
            const a = Math.max(slots[k]!, t_s), b = Math.min(slots[k + 1]!, t1);
            if (b > a) {
              if (slots[k + 4] === 1) {
                vSpent += q * (b - a);
                vSpentFactor += q * (b - a) * slots[k + 3]!;
              } else {
                vDump += q * (b - a);
                vDumpFactor += q * (b - a) * slots[k + 3]!;
              }
            }
            if (slots[k + 1]! <= t1) slots[k + 2] = 0; // finished
            else if (slots[k]! < earliest) earliest = slots[k]!;
          }
          s[5] = earliest;
          // a closed line sends nothing, its shops' dumps included
          if (on === 0) vDump = vDumpFactor = vSpent = vSpentFactor = 0;
        }
        const vRinse = qRinse * dt_s;
        const vol = vRinse + vDump;
        const q = vol / dt_s;
        const f = vol > 0 ? (vRinse * fc + vDumpFactor) / vol : 0;
        // the rinse's load: the model's, or the replayed one of this step
        const rinse = series === undefined ? load : replayed;
        // the model's composition only changes when its factor does (noise grid, dumps): skip the copy otherwise
        if (f !== s[9] || series !== undefined) {
          s[9] = f;
          for (let k = 0; k < active.length; k++) {
            const j = active[k]!;
            conc[j] = rinse[j]! * f;
          }
          for (let k = 0; k < waterIdx.length; k++) conc[waterIdx[k]!]! += hardness[waterIdx[k]!]!;
        }
        ctx.streams.setFlow(out, q);
        if (spent !== undefined) {
          const fs = vSpent > 0 ? vSpentFactor / vSpent : 0;
          if (fs !== s[11] || series !== undefined) {
            s[11] = fs;
            for (let k = 0; k < active.length; k++) {
              const j = active[k]!;
              spentConc![j] = rinse[j]! * fs;
            }
            for (let k = 0; k < waterIdx.length; k++) spentConc![waterIdx[k]!]! += hardness[waterIdx[k]!]!;
          }
          ctx.streams.setFlow(spent, vSpent / dt_s);
        }
        if (series === undefined) {
          // every gram that enters is the base composition × (volume × factor): book the scalar
          Books.postScaled(account, vol * f + vSpentFactor, vol + vSpent);
          // and the water's hardness in every m³ (its volume is booked above)
          for (let k = 0; k < waterIdx.length; k++) Books.postGrams(account, waterIdx[k]!, hardness[waterIdx[k]!]! * (vol + vSpent));
        } else {
          Books.post(account, conc, vol, active);
          if (vSpent > 0) Books.post(account, spentConc!, vSpent, active);
        }
      },
      addInventory() {},
      settable: () => ({ flow_m3_h: m3s_to_m3h(s[3]!), enabled: s[4] === 1 }),
      ranges: () => ({ flow_m3_h: FLOW_SETTING }),
      set(name, value) {
        if (name === 'enabled') {
          if (typeof value !== 'boolean') return 'enabled takes true or false';
          s[4] = value ? 1 : 0;
          return undefined;
        }
        if (name === 'flow_m3_h') {
          if (typeof value === 'number' && value > 0 && value < MIN_FLOW_m3_h) return `flow_m3_h is 0 or at least ${MIN_FLOW_m3_h} m³/h: less is lost in the rounding of a tank's volume`;
          return setNumber(name, value, FLOW_SETTING, (v) => (s[3] = m3h_to_m3s(v)));
        }
        return `${ctx.id} has no runtime parameter "${name}"`;
      },
      dumpRoutes: spent === undefined ? ['rinse'] : DUMP_ROUTES,
      dump(at_s, volume_m3, factor, duration_s, into) {
        if (!(volume_m3 > 0) || !(factor > 0) || !(duration_s > 0)) return 'a dump needs positive volume, factor and duration';
        if (volume_m3 > MAX_DUMP_m3) return `a dump of ${volume_m3} m³ is no spent bath: at most ${MAX_DUMP_m3} m³`;
        if (duration_s > MAX_DUMP_S) return `a dump over ${(duration_s / 86_400).toFixed(1)} days is a rinse flow, not a bath let go: at most 7 days`;
        if (s[4] !== 1) return `${ctx.id} is closed (enabled = false): a dump cannot reach the plant`;
        return dumpTooStrong(strongest_mg_L, factor) ?? schedule(at_s, volume_m3, factor, duration_s, into);
      },
    };
  },
});
