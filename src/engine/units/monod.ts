/** Monod uptake over a step, for the bioreactor's heterotrophs and nitrifiers (biological.ts). */

/**
 * One backward-Euler step of Monod uptake, S1 = S0 − a·S1/(K + S1) with a = dt·k·X: the positive root of
 * S1² + (K − S0 + a)·S1 − S0·K = 0, each way round written so that it does not cancel, and never above S0 (a
 * step that consumes cannot produce: with next to no biomass, rounding would otherwise leave S1 a hair above
 * S0, and the hair, booked as a negative reaction, turned nitrate negative).
 */
export function monodBackwardEuler(s0: number, k: number, a: number): number {
  const b = k - s0 + a;
  const root = Math.sqrt(b * b + 4 * s0 * k);
  const s1 = b >= 0 ? (2 * s0 * k) / (b + root) : (root - b) / 2;
  return s1 < s0 ? s1 : s0;
}
