/**
 * Compliance with discharge standards, as an online analyser at each monitoring point would judge
 * it: every step, every regulated parameter of each tracked standard is evaluated on the water
 * arriving at the point (instantaneous values, not daily composites), and per parameter the tracker
 * keeps the time sampled (while water flows), the time within the limit, the exceedance time and
 * episodes, and the lowest, highest and time-mean value. All of it lives in the arena, so snapshots
 * restore it.
 *
 * Where a parameter is evaluated (GB 21900-2008): at the final outlet (`discharge` units) for every
 * parameter; the parameters the standard lists as `workshopOutlet` (total Cr, Cr(VI), Ni, Cd, Ag, Pb,
 * Hg) at the `monitor` units marked as workshop outlets (for whichever standard is judged: the
 * workshop outlet is a place; the standards it names are the ones it judges by default) — or, when
 * the plant has none, at the final outlet with a note. A monitor that is not a workshop outlet checks every
 * parameter of the standards it names (e.g. a reuse-water point against GB/T 19923), and a standard
 * only such a monitor names is judged there alone, never at the outlets.
 * pH needs the chemistry: the tracker asks a hook for it, and reports pH "not modelled" without one.
 */
import type { StateArena } from '../arena.ts';
import type { Plant } from '../compile.ts';
import { ModelError } from '../errors.ts';
import type { Inlet, StreamTable } from '../flowsheet/streams.ts';
import { PHAnalyser } from '../units/equilibrium.ts';
import type { WaterTemperature } from '../waterTemperature.ts';
import { DEFAULT_STANDARD, findStandard, parameterTerms, type StandardsFile } from './standards.ts';

/** pH of the water at monitoring point `point` (its index), sampled over a step of dt_s. */
export type PHProvider = (point: number, conc_mg_L: Float64Array, dt_s: number) => number;
/** Builds a pH provider for the given monitoring points (called once, at build time). */
export type PHHook = (points: readonly string[]) => PHProvider;

export type PointKind = 'final outlet' | 'workshop outlet' | 'monitor';
export type ComplianceStatus = 'compliant' | 'exceeded' | 'no flow' | 'not modelled';

export interface ParameterCompliance {
  parameter: string;
  point: string;
  where: PointKind;
  /** mg/L (a maximum), or the allowed range for pH */
  limit: number | readonly [number, number];
  modelled: boolean;
  status: ComplianceStatus;
  /** minutes with water flowing at the point (the time judged) */
  sampled_min: number;
  /** % of the sampled time within the limit; null when nothing was sampled or not modelled */
  within_pct: number | null;
  exceedance_min: number;
  /** separate exceedance episodes */
  exceedances: number;
  /** the value farthest from compliance: the highest, or for pH the one farthest beyond (or nearest to) its range */
  worst: number | null;
  min: number | null;
  max: number | null;
  /** time-mean over the sampled time */
  mean: number | null;
  /** why the parameter is read where it is, or why it is not judged; `noteId` names the case for a translation */
  note?: string;
  noteId?: ComplianceNote;
}

/** The cases a compliance note explains. */
export const COMPLIANCE_NOTES = {
  workshop_read_at_final: 'GB 21900 measures this at the workshop outlet; the plant has no workshop-outlet monitor, so it is read at the final outlet',
  ph_without_chemistry: 'pH needs the chemistry hook (none supplied)',
  not_modelled: 'the engine does not model this parameter',
} as const;
export type ComplianceNote = keyof typeof COMPLIANCE_NOTES;

export interface StandardCompliance {
  id: string;
  name: string;
  /** the name in Chinese, where models/standards.json gives one */
  name_zh?: string;
  /** how the standard's figures were checked (models/standards.json) */
  status: string;
  parameters: ParameterCompliance[];
  exceeded: string[];
  notModelled: string[];
}

export interface CompliancePointSource {
  id: string;
  kind: PointKind;
  /** stream slots the point's unit reads */
  slots: Int32Array;
  standards: readonly string[];
}

interface Row {
  standard: number;
  parameter: string;
  point: number;
  ph: boolean;
  lo: number;
  hi: number;
  terms: readonly (readonly [number, number])[] | undefined;
  note: ComplianceNote | undefined;
}

const noted = (id: ComplianceNote | undefined) => (id === undefined ? {} : { note: COMPLIANCE_NOTES[id], noteId: id });

// per-row statistics slots
const R_SAMPLED = 0, R_WITHIN = 1, R_EXCEED = 2, R_EPISODES = 3, R_IN = 4, R_MIN = 5, R_MAX = 6, R_SUM = 7;
const RS = 8;

/** Each monitoring point of a plant (the discharge and the `monitor` units): its unit, kind and the standards it names. */
function pointsOf(plant: Plant): { unit: Plant['units'][number]; point: Omit<CompliancePointSource, 'slots'> }[] {
  return plant.units.flatMap((u) => {
    const type = u.json.type;
    if (type !== 'discharge' && type !== 'monitor') return [];
    const p = u.params as { standard?: { value: string }; standards?: { value: string[] }; workshop_outlet?: { value: boolean } };
    const point: Omit<CompliancePointSource, 'slots'> = type === 'discharge'
      ? { id: u.id, kind: 'final outlet', standards: p.standard === undefined ? [] : [p.standard.value] }
      : { id: u.id, kind: p.workshop_outlet?.value === true ? 'workshop outlet' : 'monitor', standards: p.standards?.value ?? [] };
    return [{ unit: u, point }];
  });
}

/** The monitoring points with the stream slots (`readSlot` of each stream) whose water each judges. */
export function monitoringPoints(plant: Plant, readSlot: readonly number[]): CompliancePointSource[] {
  return pointsOf(plant).map(({ unit, point }) => ({ ...point, slots: Int32Array.from(unit.inputs['in'] ?? [], (i) => readSlot[i]!) }));
}

/** The standards a run of `plant` judges at its outlets (`chosen`, a scenario's, when given). */
export function plantOutletStandards(plant: Plant, chosen?: readonly string[]): string[] {
  return outletStandards(pointsOf(plant).map((x) => x.point), chosen);
}

/** The standards judged at a plant's outlets: those chosen, else those its outlets name, else the default. */
export function outletStandards(points: readonly Pick<CompliancePointSource, 'kind' | 'standards'>[], chosen?: readonly string[]): string[] {
  const outletNamed = [...new Set(points.filter((p) => p.kind !== 'monitor').flatMap((p) => p.standards))];
  return [...new Set(chosen ?? (outletNamed.length > 0 ? outletNamed : [DEFAULT_STANDARD]))];
}

export class ComplianceTracker {
  private readonly points: CompliancePointSource[];
  private readonly rows: Row[] = [];
  private readonly standardIds: string[];
  private readonly file: StandardsFile;
  private readonly stats: Float64Array;
  /** per point, the water arriving: one stream read in place, several mixed over what they can carry */
  private readonly inlets: Inlet[];
  private readonly support: Int32Array[];
  /** per point: rows [first, end) and whether any row needs pH */
  private readonly rowStart: Int32Array;
  private readonly rowEnd: Int32Array;
  private readonly needsPH: Uint8Array;
  private readonly termIdx: Int32Array;
  private readonly termCoef: Float64Array;
  private readonly termStart: Int32Array;
  private readonly pH: PHProvider | undefined;

  constructor(
    arena: StateArena,
    streams: StreamTable,
    points: CompliancePointSource[],
    file: StandardsFile,
    options: { standards?: readonly string[]; pH?: PHHook } = {},
  ) {
    this.file = file;
    this.points = points;
    const named = [...new Set(points.flatMap((p) => p.standards))];
    // the outlets' standards: the ones chosen, else those the outlets name, else the default; a monitor that is not
    // an outlet (reuse water) adds the standards it names, judged there alone
    const atOutlets = new Set(outletStandards(points, options.standards));
    const monitorOnly = [...new Set(points.filter((p) => p.kind === 'monitor').flatMap((p) => p.standards))].filter((id) => !atOutlets.has(id));
    this.standardIds = [...atOutlets, ...monitorOnly];
    for (const id of [...this.standardIds, ...named]) {
      if (findStandard(file, id) === undefined) {
        throw new ModelError('standards', id, `unknown standard "${id}"; known: ${file.standards.map((s) => s.id).join(', ')}`);
      }
    }
    const hasPH = options.pH !== undefined;
    // rows grouped by point, so one mix per point serves all its rows
    const byPoint: Row[][] = points.map(() => []);
    this.standardIds.forEach((sid, si) => {
      const std = findStandard(file, sid)!;
      const workshop = new Set(std.workshopOutlet ?? []);
      // a workshop outlet is a place, not a standard: it serves every standard judged, whichever it names
      const workshopPoints = points.map((p, i) => [p, i] as const).filter(([p]) => p.kind === 'workshop outlet');
      const params: [string, boolean][] = [...Object.keys(std.limits).map((k): [string, boolean] => [k, false]), ...(std.pH ? [['pH', true] as [string, boolean]] : [])];
      points.forEach((pt, pi) => {
        const atFinal = pt.kind === 'final outlet' && atOutlets.has(sid);
        const atMonitor = pt.kind === 'monitor' && pt.standards.includes(sid);
        const atWorkshop = pt.kind === 'workshop outlet' && atOutlets.has(sid);
        for (const [parameter, ph] of params) {
          const isWorkshop = workshop.has(parameter);
          let note: ComplianceNote | undefined;
          if (atWorkshop && !isWorkshop) continue;
          if (!atWorkshop && !atFinal && !atMonitor) continue;
          if (atFinal && isWorkshop) {
            if (workshopPoints.length > 0) continue;
            note = 'workshop_read_at_final';
          }
          const lo = ph ? std.pH![0] : -Infinity;
          const hi = ph ? std.pH![1] : std.limits[parameter]!;
          const terms = ph ? undefined : parameterTerms(parameter);
          byPoint[pi]!.push({ standard: si, parameter, point: pi, ph, lo, hi, terms, note });
        }
      });
    });
    this.rowStart = new Int32Array(points.length);
    this.rowEnd = new Int32Array(points.length);
    this.needsPH = new Uint8Array(points.length);
    byPoint.forEach((rows, pi) => {
      this.rowStart[pi] = this.rows.length;
      for (const r of rows) this.rows.push(r);
      this.rowEnd[pi] = this.rows.length;
      this.needsPH[pi] = hasPH && rows.some((r) => r.ph) ? 1 : 0;
    });
    const idx: number[] = [], coef: number[] = [], start: number[] = [];
    for (const r of this.rows) {
      start.push(idx.length);
      for (const [j, k] of r.terms ?? []) {
        idx.push(j);
        coef.push(k);
      }
    }
    start.push(idx.length);
    this.termIdx = Int32Array.from(idx);
    this.termCoef = Float64Array.from(coef);
    this.termStart = Int32Array.from(start);
    this.stats = arena.alloc(this.rows.length * RS);
    for (let r = 0; r < this.rows.length; r++) {
      this.stats[r * RS + R_MIN] = Infinity;
      this.stats[r * RS + R_MAX] = -Infinity;
    }
    this.inlets = points.map((p) => streams.inlet(p.slots));
    this.support = points.map((p) => streams.supportOf(p.slots));
    this.pH = options.pH?.(points.map((p) => p.id));
  }

  /** Evaluates every tracked parameter on this step's water (call once per step, before tear streams advance). */
  sample(dt_s: number): void {
    const st = this.stats, rows = this.rows;
    const idx = this.termIdx, coef = this.termCoef, start = this.termStart;
    for (let pi = 0; pi < this.points.length; pi++) {
      const r0 = this.rowStart[pi]!, r1 = this.rowEnd[pi]!;
      if (r0 === r1) continue;
      const inlet = this.inlets[pi]!;
      const q = inlet.read(this.support[pi]!);
      const c = inlet.conc;
      if (!(q > 0)) continue;
      const ph = this.needsPH[pi] === 1 ? this.pH!(pi, c, dt_s) : NaN;
      for (let r = r0; r < r1; r++) {
        const row = rows[r]!;
        let v: number;
        if (row.ph) {
          if (this.needsPH[pi] !== 1) continue;
          v = ph;
        } else {
          if (row.terms === undefined) continue;
          v = 0;
          for (let t = start[r]!; t < start[r + 1]!; t++) v += coef[t]! * c[idx[t]!]!;
        }
        const b = r * RS;
        st[b + R_SAMPLED]! += dt_s;
        st[b + R_SUM]! += v * dt_s;
        if (v < st[b + R_MIN]!) st[b + R_MIN] = v;
        if (v > st[b + R_MAX]!) st[b + R_MAX] = v;
        if (v <= row.hi && v >= row.lo) {
          st[b + R_WITHIN]! += dt_s;
          st[b + R_IN] = 0;
        } else {
          st[b + R_EXCEED]! += dt_s;
          if (st[b + R_IN] === 0) st[b + R_EPISODES]! += 1;
          st[b + R_IN] = 1;
        }
      }
    }
  }

  report(): StandardCompliance[] {
    return this.standardIds.map((sid, si) => {
      const std = findStandard(this.file, sid)!;
      const parameters: ParameterCompliance[] = [];
      this.rows.forEach((row, r) => {
        if (row.standard !== si) return;
        const b = r * RS, st = this.stats;
        const modelled = row.ph ? this.pH !== undefined : row.terms !== undefined;
        const sampled = st[b + R_SAMPLED]!;
        const seen = modelled && sampled > 0;
        const min = seen ? st[b + R_MIN]! : null, max = seen ? st[b + R_MAX]! : null;
        let worst: number | null = max;
        if (row.ph && min !== null && max !== null) worst = row.lo - min >= max - row.hi ? min : max;
        const status: ComplianceStatus = !modelled ? 'not modelled' : sampled <= 0 ? 'no flow' : st[b + R_EXCEED]! > 0 ? 'exceeded' : 'compliant';
        parameters.push({
          parameter: row.parameter,
          point: this.points[row.point]!.id,
          where: this.points[row.point]!.kind,
          limit: row.ph ? [row.lo, row.hi] : row.hi,
          modelled,
          status,
          sampled_min: sampled / 60,
          within_pct: seen ? (100 * st[b + R_WITHIN]!) / sampled : null,
          exceedance_min: st[b + R_EXCEED]! / 60,
          exceedances: st[b + R_EPISODES]!,
          worst: seen ? worst : null,
          min,
          max,
          mean: seen ? st[b + R_SUM]! / sampled : null,
          ...noted(modelled ? row.note : row.ph ? 'ph_without_chemistry' : 'not_modelled'),
        });
      });
      const uniq = (xs: string[]) => [...new Set(xs)];
      return {
        id: std.id,
        name: std.name,
        ...(std.name_zh === undefined ? {} : { name_zh: std.name_zh }),
        status: std.status,
        parameters,
        exceeded: uniq(parameters.filter((p) => p.status === 'exceeded').map((p) => p.parameter)),
        notModelled: uniq(parameters.filter((p) => p.status === 'not modelled').map((p) => p.parameter)),
      };
    });
  }
}

/**
 * pH from the equilibrium chemistry (the charge balance of the water as sampled, nothing
 * precipitating in the bottle): an online analyser per point (PHAnalyser: a reading every few
 * minutes, held in between; its state in the arena). A point whose unit has an analyser of its own
 * (`analyserOf`, the discharge) is read from that one, so the water is solved once.
 */
export function chemistryPH(arena: StateArena, water: WaterTemperature, analyserOf: (point: string) => (() => number) | undefined = () => undefined): PHHook {
  return (points) => {
    const own = points.map(analyserOf);
    const meters = points.map((_, i) => (own[i] === undefined ? new PHAnalyser(arena, water) : undefined));
    return (i, c, dt_s) => own[i]?.() ?? meters[i]!.sample(c, dt_s);
  };
}
