/**
 * Sub-steps for units whose dynamics a long run step would smear: a step longer than MAX_SUBSTEP_S is taken as
 * the fewest equal sub-steps of at most that length (`subStepped`), each outlet leaving at its sub-steps'
 * flow-weighted mean (so the books stay exact) and each rate channel at its sub-steps' mean. The body is told which
 * sub-step of how many it takes, so a unit can shape its inflow within the step (the reactors' ramp, reactor.ts).
 */
import type { StreamTable } from '../flowsheet/streams.ts';

/**
 * The longest sub-step, s: the dosing loops are tuned for the default 60 s step (a discrete loop acting every 10
 * minutes on a tank that turns over in 20 overshoots and swings to its pumps' limits), and a reaction split from
 * its mixing must not lag a whole long step behind it.
 */
export const MAX_SUBSTEP_S = 60;

/** How many sub-steps a step of `dt_s` takes (1 for a step of MAX_SUBSTEP_S or less). */
export const substepsOf = (dt_s: number): number => (dt_s <= MAX_SUBSTEP_S ? 1 : Math.ceil(dt_s / MAX_SUBSTEP_S));

export function subStepped(
  streams: StreamTable,
  outlets: Int32Array,
  active: Int32Array,
  /** rate channels as (array, index): each reads its sub-steps' mean after a long step */
  rates: readonly (readonly [Float64Array, number])[],
  body: (t_s: number, dt_s: number, i: number, n: number) => void,
): (t_s: number, dt_s: number) => void {
  const views = Array.from(outlets, (slot) => streams.concView(slot));
  const load = Array.from(outlets, () => new Float64Array(views[0]?.length ?? 0));
  const flow = new Float64Array(outlets.length);
  const rateSum = new Float64Array(rates.length);
  return (t_s, dt_s) => {
    const n = substepsOf(dt_s);
    if (n === 1) return body(t_s, dt_s, 0, 1);
    const h = dt_s / n;
    flow.fill(0);
    rateSum.fill(0);
    for (const l of load) l.fill(0);
    for (let i = 0; i < n; i++) {
      body(t_s + i * h, h, i, n);
      for (let o = 0; o < outlets.length; o++) {
        const q = streams.flow_m3_s[outlets[o]!]!, c = views[o]!, l = load[o]!;
        flow[o]! += q;
        for (let k = 0; k < active.length; k++) l[active[k]!]! += q * c[active[k]!]!;
      }
      for (let r = 0; r < rates.length; r++) rateSum[r]! += rates[r]![0][rates[r]![1]]!;
    }
    for (let o = 0; o < outlets.length; o++) {
      const q = flow[o]!, c = views[o]!, l = load[o]!;
      // a dry outlet keeps its last sub-step's concentrations (they carry nothing)
      if (q > 0) for (let k = 0; k < active.length; k++) c[active[k]!] = l[active[k]!]! / q;
      streams.setFlow(outlets[o]!, q / n);
    }
    for (let r = 0; r < rates.length; r++) rates[r]![0][rates[r]![1]] = rateSum[r]! / n;
  };
}
