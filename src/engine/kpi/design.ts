/**
 * The design check: each unit's sizing figure against the design values of plant-data.md, as an engineer reviews a
 * design — equalization hours on the stream's mean flow, reaction tanks' contact time and clarifiers' surface load at
 * the busiest hour the run saw (the flow a unit must cope with), an RO's recovery and its mean flux while it produces.
 * The flows are the run's own, measured every step after the compliance warm-up; the windows are plant-data.md's,
 * each with its status there (sourced or assumed).
 */
import type { StateArena } from '../arena.ts';
import type { CompiledUnit, Plant } from '../compile.ts';
import { S_PER_H } from '../convert.ts';
import type { StreamTable } from '../flowsheet/streams.ts';

export type DesignFigure = 'equalization_h' | 'contact_min' | 'surface_load_m_h' | 'recovery_pct' | 'flux_LMH';

export interface DesignCheck {
  unit: string;
  figure: DesignFigure;
  /** what the figure is of, in words: "Cr(VI) reduction", "cyanide oxidation, stage 2" */
  duty: string;
  value: number;
  uom: string;
  /** the flow the figure is taken at: the run's mean, its busiest hour, or the unit's setting */
  basis: 'mean flow' | 'peak hour' | 'setting' | 'while producing';
  /** the design window; null for an open side */
  min: number | null;
  max: number | null;
  /** below the window, within it, above it; `concern` marks the side that is a fault (a short tank, not a generous one) */
  status: 'below' | 'within' | 'above';
  concern: boolean;
  reference: string;
}

/** A check's window as a reader writes it: "6–12 h", "≥ 45 min". */
export function designWindowText(c: Pick<DesignCheck, 'min' | 'max' | 'uom'>): string {
  return `${c.max === null ? `≥ ${c.min}` : c.min === null ? `≤ ${c.max}` : `${c.min}–${c.max}`} ${c.uom}`;
}

const PD = 'plant-data.md design values';
interface Window {
  duty: string;
  figure: DesignFigure;
  uom: string;
  min: number | null;
  max: number | null;
  /** which side of the window is a fault: a short tank, an overloaded clarifier; both for a window that is a band */
  faultBelow: boolean;
  faultAbove: boolean;
  reference: string;
}

const W = {
  equalization: { duty: 'equalization', figure: 'equalization_h', uom: 'h', min: 6, max: 12, faultBelow: true, faultAbove: true, reference: `${PD}: equalization HRT 6–12 h of the stream's mean flow (assumed)` },
  cr_reduction: { duty: 'Cr(VI) reduction', figure: 'contact_min', uom: 'min', min: 20, max: 30, faultBelow: true, faultAbove: false, reference: `${PD}: Cr(VI) reduction HRT 20–30 min (sourced 10–20 min reaction, plus margin)` },
  cyanide1: { duty: 'cyanide oxidation, stage 1', figure: 'contact_min', uom: 'min', min: 30, max: null, faultBelow: true, faultAbove: false, reference: `${PD}: cyanide oxidation stage 1 ≥ 30 min (sourced)` },
  cyanide2: { duty: 'cyanide oxidation, stage 2', figure: 'contact_min', uom: 'min', min: 45, max: null, faultBelow: true, faultAbove: false, reference: `${PD}: cyanide oxidation stage 2 ≥ 45 min (sourced)` },
  precipitation: { duty: 'precipitation and flocculation', figure: 'contact_min', uom: 'min', min: 30, max: 60, faultBelow: true, faultAbove: false, reference: `${PD}: precipitation/flocculation HRT 30–60 min (assumed)` },
  clarifier: { duty: 'clarification', figure: 'surface_load_m_h', uom: 'm/h', min: 0.8, max: 1.5, faultBelow: false, faultAbove: true, reference: `${PD}: clarifier surface load 0.8–1.5 m/h on the plan area, conventional (assumed)` },
  roRecovery: { duty: 'reverse osmosis, recovery', figure: 'recovery_pct', uom: '%', min: 60, max: 85, faultBelow: false, faultAbove: true, reference: `${PD}: RO recovery 60–85 % brackish, 75 % on nickel rinse (sourced)` },
  roFlux: { duty: 'reverse osmosis, flux', figure: 'flux_LMH', uom: 'L/m²/h', min: 12, max: 20, faultBelow: false, faultAbove: true, reference: `${PD}: RO flux 12–20 L/m²/h design window (sourced, design guidance)` },
} satisfies Readonly<Record<string, Window>>;

/** Units that only join or divide a flow: a design check looks through them to the unit a tank feeds. */
const JUNCTIONS = new Set(['mixer', 'splitter']);
/** What a precipitation tank that precipitates feeds; one that feeds none (a final pH trim) is not judged as one. */
const SEPARATORS = new Set(['clarifier', 'sand_filter', 'ultrafiltration', 'thickener', 'filter_press']);

function numberParam(u: CompiledUnit, name: string): number | undefined {
  const v = (u.params as Record<string, { value?: unknown } | undefined>)[name]?.value;
  return typeof v === 'number' ? v : undefined;
}

interface Checked {
  unit: CompiledUnit;
  window: Window;
  /** the slots whose flow is the unit's throughput (its inlets), or the RO's permeate */
  slots: Int32Array;
  /** the size the figure divides or multiplies: volume m³, area m², membrane area m², recovery fraction */
  size: number;
  basis: DesignCheck['basis'];
}

/** Which units get which check, and from which slots their flow is read. */
function checksOf(plant: Plant, readSlot: readonly number[]): Checked[] {
  const byId = new Map(plant.units.map((u) => [u.id, u]));
  const inSlots = (u: CompiledUnit) => Int32Array.from(Object.values(u.inputs).flat(), (i) => readSlot[i]!);
  const feeders = (u: CompiledUnit) => plant.streams.filter((s) => s.to.unit === u.id).map((s) => byId.get(s.from.unit)!);
  /** the units `u`'s outlets reach, through junctions */
  const downstream = (u: CompiledUnit, seen = new Set<string>()): CompiledUnit[] =>
    plant.streams.filter((s) => s.from.unit === u.id).flatMap((s) => {
      const next = byId.get(s.to.unit)!;
      if (seen.has(next.id)) return [];
      seen.add(next.id);
      return JUNCTIONS.has(next.json.type) ? downstream(next, seen) : [next];
    });
  const out: Checked[] = [];
  for (const u of plant.units) {
    const type = u.json.type;
    const volume = numberParam(u, 'volume_m3');
    if (type === 'equalization' && volume !== undefined) out.push({ unit: u, window: W.equalization, slots: inSlots(u), size: volume, basis: 'mean flow' });
    else if (type === 'cr_reduction' && volume !== undefined) out.push({ unit: u, window: W.cr_reduction, slots: inSlots(u), size: volume, basis: 'peak hour' });
    else if (type === 'cyanide_oxidation' && volume !== undefined) {
      const second = feeders(u).some((f) => f.json.type === 'cyanide_oxidation');
      out.push({ unit: u, window: second ? W.cyanide2 : W.cyanide1, slots: inSlots(u), size: volume, basis: 'peak hour' });
    } else if (type === 'precipitation' && volume !== undefined && downstream(u).some((d) => SEPARATORS.has(d.json.type))) {
      out.push({ unit: u, window: W.precipitation, slots: inSlots(u), size: volume, basis: 'peak hour' });
    } else if (type === 'clarifier') {
      const area = numberParam(u, 'area_m2');
      if (area !== undefined) out.push({ unit: u, window: W.clarifier, slots: inSlots(u), size: area, basis: 'peak hour' });
    } else if (type === 'ro') {
      const recovery = numberParam(u, 'recovery_frac'), area = numberParam(u, 'membrane_area_m2');
      const permeate = u.outputs['permeate'];
      if (recovery !== undefined) out.push({ unit: u, window: W.roRecovery, slots: new Int32Array(0), size: recovery, basis: 'setting' });
      if (area !== undefined && permeate !== undefined) out.push({ unit: u, window: W.roFlux, slots: Int32Array.of(permeate), size: area, basis: 'while producing' });
    }
  }
  return out;
}

export interface DesignTracker {
  sample(dt_s: number): void;
  report(): DesignCheck[];
}

/**
 * Follows each checked unit's flow through the run: its volume in all, the time it flowed, and its busiest whole hour
 * (hours counted from the first sample). Its state lives in the arena, so a snapshot carries it.
 */
export function createDesignTracker(plant: Plant, streams: StreamTable, readSlot: readonly number[], arena: StateArena): DesignTracker {
  const checks = checksOf(plant, readSlot);
  const n = checks.length;
  // per check: [volume m³, seconds flowing, this hour's m³, busiest whole hour's m³]; then [seconds sampled]
  const st = arena.alloc(4 * n + 1);
  const flow = streams.flow_m3_s;
  return {
    sample(dt_s) {
      const t0 = st[4 * n]!, t1 = t0 + dt_s;
      const hourEnds = Math.floor(t1 / S_PER_H) > Math.floor(t0 / S_PER_H);
      for (let k = 0; k < n; k++) {
        const slots = checks[k]!.slots;
        let q = 0;
        for (let i = 0; i < slots.length; i++) q += flow[slots[i]!]!;
        const o = 4 * k, v = q * dt_s;
        st[o]! += v;
        if (q > 0) st[o + 1]! += dt_s;
        st[o + 2]! += v;
        if (hourEnds) {
          if (st[o + 2]! > st[o + 3]!) st[o + 3] = st[o + 2]!;
          st[o + 2] = 0;
        }
      }
      st[4 * n] = t1;
    },
    report() {
      const seconds = st[4 * n]!;
      const wholeHours = Math.floor(seconds / S_PER_H);
      return checks.flatMap((c, k): DesignCheck[] => {
        const o = 4 * k, w = c.window;
        const mean_m3_h = seconds > 0 ? (st[o]! / seconds) * S_PER_H : 0;
        // a run shorter than an hour has no whole hour: its mean stands in
        const peak_m3_h = wholeHours > 0 ? st[o + 3]! : mean_m3_h;
        let value: number;
        if (w.figure === 'recovery_pct') value = 100 * c.size;
        else if (w.figure === 'flux_LMH') {
          if (!(st[o + 1]! > 0)) return [];
          value = ((st[o]! / st[o + 1]!) * S_PER_H * 1000) / c.size;
        } else {
          const q = c.basis === 'mean flow' ? mean_m3_h : peak_m3_h;
          if (!(q > 0)) return [];
          value = w.figure === 'equalization_h' ? c.size / q : w.figure === 'contact_min' ? (60 * c.size) / q : q / c.size;
        }
        const status = w.min !== null && value < w.min ? 'below' : w.max !== null && value > w.max ? 'above' : 'within';
        const concern = (status === 'below' && w.faultBelow) || (status === 'above' && w.faultAbove);
        return [{ unit: c.unit.id, figure: w.figure, duty: w.duty, value, uom: w.uom, basis: c.basis, min: w.min, max: w.max, status, concern, reference: w.reference }];
      });
    },
  };
}
