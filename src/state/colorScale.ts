/**
 * Colour for the variable mapped onto the liquid. ISA-101: a calm grey-blue baseline, and colour
 * only for what the user asked to see — so the ramps avoid amber and red, which mean warning and
 * alarm everywhere on this screen. Concentrations use a log scale anchored on the discharge limit:
 * within the limit stays near the baseline, ten times over is clearly blue, a thousand times over
 * (a raw influent) is deep violet. pH and ORP are diverging around neutral.
 */
import standardsJson from '../../models/standards.json';
import { DEFAULT_STANDARD, measureLimit } from '../engine/kpi/parameters.ts';

export type Rgb = [number, number, number];

/** The liquid when nothing is mapped or nothing is known: grey-blue, #a7b4bf. */
export const BASELINE: Rgb = [0xa7 / 255, 0xb4 / 255, 0xbf / 255];

type Stop = readonly [t: number, hex: number];

const SEQUENTIAL: readonly Stop[] = [
  [0, 0xa7b4bf],
  [0.25, 0x93a9c4],
  [0.5, 0x5d83c2],
  [0.75, 0x4b4cab],
  [1, 0x3b1c72],
];
const DIVERGING: readonly Stop[] = [
  [0, 0x187a7c],
  [0.3, 0x6ea5a6],
  [0.5, 0xa7b4bf],
  [0.7, 0x9190c6],
  [1, 0x4a2a92],
];

export interface Tick {
  value: number;
  label: string;
  /** the regulatory limit (or a pH bound) */
  limit?: boolean;
}

export interface Scale {
  varId: string;
  kind: 'log' | 'linear';
  lo: number;
  hi: number;
  stops: readonly Stop[];
  uom: string;
  ticks: Tick[];
  /** the limit the scale is anchored on and where it comes from, e.g. GB21900-2008-T3 */
  limit: number | null;
  limitSource: string | null;
}

/** the shipped standards (the engine validates the file; its tests keep it valid) */
const STANDARDS: readonly { id: string; limits: Readonly<Record<string, number | undefined>>; workshopOutlet?: readonly string[]; pH?: readonly number[] }[] = standardsJson.standards;
/** Where a measure the chosen standard leaves alone (dissolved solids) finds its limit: reuse water, GB/T 19923. */
const REUSE_STANDARD = 'GBT19923-process';

/**
 * Standard `standardId`'s limit (mg/L) on what `varId` measures; with `workshopOutlet`, only for the parameters
 * the standard reads at a workshop outlet (GB 21900: Cr, Cr(VI), Ni, Cd, Ag, Pb, Hg). Undefined when it sets none.
 */
export function standardLimit(varId: string, standardId: string, opts: { workshopOutlet?: boolean } = {}): number | undefined {
  const std = STANDARDS.find((s) => s.id === standardId);
  if (std === undefined) return undefined;
  if (!opts.workshopOutlet) return measureLimit(std.limits, varId);
  const workshop = Object.fromEntries(Object.entries(std.limits).filter(([p]) => std.workshopOutlet?.includes(p)));
  return measureLimit(workshop, varId);
}

/** The pH range standard `standardId` holds water to, [low, high], or null when it sets none. */
export function standardPHRange(standardId: string): readonly [number, number] | null {
  const r = STANDARDS.find((s) => s.id === standardId)?.pH;
  return r !== undefined && r.length === 2 ? [r[0]!, r[1]!] : null;
}

/**
 * The limit a colour scale or a limit line is anchored on, from models/standards.json: the chosen standard's
 * (the engine's default when it names none the file has), else the reuse-water standard's; null for none.
 */
export function limitOf(varId: string, standard: string | null): { value: number; source: string } | null {
  const chosen = standard !== null && STANDARDS.some((s) => s.id === standard) ? standard : DEFAULT_STANDARD;
  for (const id of [chosen, REUSE_STANDARD]) {
    const value = standardLimit(varId, id);
    if (value !== undefined) return { value, source: id };
  }
  return null;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return `${Math.round(v / 1000)}k`;
  if (a >= 1) return String(Number(v.toPrecision(3)));
  return String(Number(v.toPrecision(2)));
}

export function scaleFor(varId: string, standard: string | null): Scale {
  if (varId === 'pH') {
    return {
      varId, kind: 'linear', lo: 2, hi: 12, stops: DIVERGING, uom: '', limit: null, limitSource: 'pH 6–9',
      ticks: [{ value: 2, label: '2' }, { value: 4, label: '4' }, { value: 6, label: '6', limit: true }, { value: 7, label: '7' }, { value: 9, label: '9', limit: true }, { value: 12, label: '12' }],
    };
  }
  if (varId === 'ORP') {
    return {
      varId, kind: 'linear', lo: -200, hi: 800, stops: DIVERGING, uom: 'mV', limit: null, limitSource: null,
      ticks: [-200, 0, 300, 500, 800].map((value) => ({ value, label: String(value) })),
    };
  }
  const lim = limitOf(varId, standard);
  const anchor = lim?.value ?? 1;
  const lo = anchor / 10;
  const hi = anchor * 1000;
  const ticks: Tick[] = [lo, anchor, anchor * 10, anchor * 100, hi].map((value) => ({ value, label: fmt(value), limit: lim !== null && value === anchor }));
  return { varId, kind: 'log', lo, hi, stops: SEQUENTIAL, uom: 'mg/L', ticks, limit: lim?.value ?? null, limitSource: lim?.source ?? null };
}

/** Position 0–1 of `v` on the scale (clamped); NaN for NaN. */
export function scaleT(s: Scale, v: number): number {
  if (Number.isNaN(v)) return NaN;
  let t: number;
  if (s.kind === 'log') t = v <= 0 ? 0 : Math.log(v / s.lo) / Math.log(s.hi / s.lo);
  else t = (v - s.lo) / (s.hi - s.lo);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Writes the colour of `v` into out[o..o+2] (linear interpolation in sRGB); the baseline for NaN. */
export function colorInto(s: Scale | null, v: number, out: Float32Array | number[], o = 0): void {
  const t = s ? scaleT(s, v) : NaN;
  if (!s || Number.isNaN(t)) {
    out[o] = BASELINE[0];
    out[o + 1] = BASELINE[1];
    out[o + 2] = BASELINE[2];
    return;
  }
  const stops = s.stops;
  let k = 1;
  while (k < stops.length - 1 && (stops[k]?.[0] ?? 1) < t) k++;
  const [t0, c0] = stops[k - 1] ?? stops[0] ?? [0, 0];
  const [t1, c1] = stops[k] ?? [1, c0];
  const f = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
  for (let ch = 0; ch < 3; ch++) {
    const shift = 16 - 8 * ch;
    const a = ((c0 >> shift) & 255) / 255;
    const b = ((c1 >> shift) & 255) / 255;
    out[o + ch] = a + (b - a) * f;
  }
}

/** A CSS gradient of the scale, for the legend. */
export function cssGradient(s: Scale): string {
  const parts = s.stops.map(([t, hex]) => `#${hex.toString(16).padStart(6, '0')} ${(t * 100).toFixed(0)}%`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** CSS colour of one value (the tooltip's swatch). */
export function cssColor(s: Scale | null, v: number): string {
  const c: number[] = [0, 0, 0];
  colorInto(s, v, c);
  return `rgb(${c.map((x) => Math.round((x ?? 0) * 255)).join(',')})`;
}
