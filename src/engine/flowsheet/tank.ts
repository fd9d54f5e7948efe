/**
 * The exact solution of a well-mixed tank over one step with constant inflow Q_in at C_in and
 * constant outflow Q_out, so volume moves linearly V(t) = V0 + (Q_in − Q_out)·t:
 *   V dC/dt = Q_in (C_in − C)  ⇒  C1 = C_in + (C0 − C_in)·f,
 *   f = exp(−Q_in·dt / V0)                 when Q_in = Q_out,
 *   f = (V0 / V1)^(Q_in / (Q_in − Q_out))   otherwise.
 * Stable for any step and any tank size. The outflow's concentration is the exact mean over the
 * step, taken from the mass balance (V0·C0 + Q_in·C_in·dt − V1·C1) / (Q_out·dt), so the books close
 * to rounding whatever the step.
 */
/** Relative imbalance below which Q_in and Q_out count as equal (the two formulas meet there). */
const EQUAL_FLOW_REL = 1e-12;

/**
 * Advances tank concentrations `c_mg_L` in place from volume `v0_m3` to `v1_m3` and writes the mean
 * outflow concentration into `out_mg_L`. Returns the mixing factor f (1 = no exchange).
 */
export function mixTank(
  c_mg_L: Float64Array,
  v0_m3: number,
  v1_m3: number,
  qIn_m3_s: number,
  cIn_mg_L: Float64Array,
  qOut_m3_s: number,
  dt_s: number,
  out_mg_L: Float64Array,
  active: Int32Array,
): number {
  const n = active.length;
  const vIn = qIn_m3_s * dt_s;
  const vOut = qOut_m3_s * dt_s;
  if (v1_m3 <= 0) {
    // emptied: everything there was and everything that came in has left
    const total = v0_m3 + vIn;
    for (let k = 0; k < n; k++) {
    const j = active[k]!;
      const m = v0_m3 * c_mg_L[j]! + vIn * cIn_mg_L[j]!;
      out_mg_L[j] = total > 0 ? m / total : 0;
      c_mg_L[j] = 0;
    }
    return 0;
  }
  if (vOut <= 0) {
    // nothing leaves: the new concentration is the mass over the volume, exactly
    for (let k = 0; k < n; k++) {
    const j = active[k]!;
      c_mg_L[j] = (v0_m3 * c_mg_L[j]! + vIn * cIn_mg_L[j]!) / v1_m3;
      out_mg_L[j] = c_mg_L[j]!;
    }
    return v0_m3 / v1_m3;
  }
  let f: number;
  const a = qIn_m3_s - qOut_m3_s;
  if (qIn_m3_s <= 0) f = 1;
  else if (v0_m3 <= 0) f = 0;
  else if (Math.abs(a) <= EQUAL_FLOW_REL * qIn_m3_s) f = Math.exp(-vIn / v0_m3);
  // (v0/v1)^(Qin/a) as exp(Qin/a · ln(1 + (v0 − v1)/v1)): log1p keeps the digits when the level barely moves,
  // and V8's exp and log1p cost a quarter of its Math.pow
  else f = Math.exp((qIn_m3_s / a) * Math.log1p((v0_m3 - v1_m3) / v1_m3));
  const invOut = 1 / vOut;
  for (let k = 0; k < n; k++) {
    const j = active[k]!;
    const c0 = c_mg_L[j]!, cin = cIn_mg_L[j]!;
    const c1 = cin + (c0 - cin) * f;
    const mOut = v0_m3 * c0 + vIn * cin - v1_m3 * c1;
    c_mg_L[j] = c1;
    out_mg_L[j] = mOut > 0 ? mOut * invOut : 0;
  }
  return f;
}
