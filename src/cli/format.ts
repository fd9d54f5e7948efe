/** How the commands print a figure in their tables and summaries: one rule, so the same value reads the same everywhere. */

/** Whole numbers as they are; four significant figures from 1, three below it, an exponent below 0.01. */
export function figure(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (Number.isInteger(v) && a < 1e6) return String(v);
  if (a >= 1000) return v.toFixed(0);
  if (a >= 1) return v.toPrecision(4);
  if (a >= 0.01) return v.toPrecision(3);
  return v.toExponential(2);
}
