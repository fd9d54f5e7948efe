/** Number and time formatting for the screen: fixed rules so columns line up and a reader can compare. */
import { PlantClock } from '../engine/clock.ts';

const group0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const group1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const sig4 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** °C as the plant holds it, to a tenth of a degree: 25, 12.3. */
export function formatTemperature(t_C: number): string {
  return String(Math.round(t_C * 10) / 10);
}

/** m³/d: one decimal, grouped. */
export function formatFlow(v: number): string {
  return Number.isFinite(v) ? group1.format(v) : '—';
}

/**
 * A change beside a figure, to the figure's own precision ("3.24" → two decimals, "1,249" → none): "+0.12", "−3",
 * or "0" when the change rounds away there. Beside a figure in powers of ten, the change in its own terms.
 */
export function formatDelta(diff: number, shown: string): string {
  if (!Number.isFinite(diff)) return '—';
  const m = /^-?[\d,]+(?:\.(\d+))?$/.exec(shown);
  const sign = diff > 0 ? '+' : '−';
  if (m === null) return diff === 0 ? '0' : `${sign}${formatValue(Math.abs(diff))}`;
  const decimals = m[1]?.length ?? 0;
  const r = Number(Math.abs(diff).toFixed(decimals));
  if (r === 0) return '0';
  return `${sign}${decimals === 0 ? group0.format(r) : r.toFixed(decimals)}`;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 1.7e-14 → "1.7 × 10⁻¹⁴" */
export function formatSci(v: number, digits = 1): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const [m, e] = v.toExponential(digits).split('e');
  const exp = Number(e);
  if (exp === 0) return m ?? '';
  return `${m} × 10${String(exp).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/** kg: four significant digits, grouped above 1000, scientific below 0.001 so trace metals stay visible. */
export function formatKg(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 1e-3) return formatSci(v, 2);
  if (a >= 1000) return group0.format(v);
  return sig4.format(v);
}

export function formatNumber(v: number): string {
  return Number.isFinite(v) ? sig4.format(v) : '—';
}

/** The model's start as seconds since 1970, its wall-clock time read as UTC (the engine's plant clock); NaN when unreadable. */
export function plantEpoch_s(start_iso: string): number {
  try {
    return new PlantClock(start_iso).epoch_s;
  } catch {
    return NaN;
  }
}

/**
 * Plant-local date-time at t: the model's start is a wall-clock time without a zone (the park runs
 * on its own clock), so the arithmetic is done in UTC to avoid the browser's zone and DST.
 */
export function plantClock(start_iso: string, t_s: number): string {
  const start = plantEpoch_s(start_iso);
  if (!Number.isFinite(start)) return '—';
  const d = new Date((start + Math.round(t_s)) * 1000);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** Simulated days with one decimal. */
export function formatDays(t_s: number): string {
  return (t_s / 86_400).toFixed(1);
}

/** Unit of measure of a mapped variable. */
export function varUom(varId: string): string {
  if (varId === 'pH' || varId === 'none') return '';
  if (varId === 'ORP') return 'mV';
  return 'mg/L';
}

/** A live value for labels and tooltips: pH to 2 decimals, ORP whole mV, concentrations to 3 significant digits. */
export function formatValue(v: number, varId = ''): string {
  if (!Number.isFinite(v)) return '—';
  if (varId === 'pH') return v.toFixed(2);
  if (varId === 'ORP') return v.toFixed(0);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return group0.format(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 0.01) return v.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return formatSci(v, 1);
}

/** What a user typed into a number field: a decimal comma is read as a point; blank or not a number gives NaN. */
export function parseInput(text: string): number {
  const s = text.trim().replace(',', '.');
  return s === '' ? NaN : Number(s);
}

/** A number as a user would type it into a field: up to six significant digits, exponent form when very large or small. */
export function formatInput(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(6)));
}
