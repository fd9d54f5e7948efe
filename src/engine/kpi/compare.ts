/**
 * Designs side by side (DESIGN §7–8): the figures a manager compares, taken from each run's summary, and the rows
 * that set them against the first run, the baseline. Runs compared should share their seed and duration, so they
 * meet the same influent and the same random dumps and differ by their design alone (the caller sees to it).
 */
import type { RunSummary } from '../api.ts';
import type { MembraneKpi } from './report.ts';

export interface ComplianceFigure {
  standard: string;
  parameter: string;
  point: string;
  status: string;
  /** % of the time judged within the limit; null when not judged (not modelled, no flow) */
  within_pct: number | null;
  worst: number | null;
  exceedance_min: number;
}

export interface RunFigures {
  influent_m3_d: number;
  effluent_m3_d: number;
  reuse_m3_d: number;
  reuse_pct: number;
  concentrate_m3_d: number;
  toBaths_m3_d: number;
  hauled_m3_d: number;
  /** per element returned to the plating baths, kg/d */
  recovered_kg_d: Partial<Record<string, number>>;
  reagents_kg_d: Record<string, number>;
  reagents_t_d: number;
  energy_kWh_d: number;
  energy_kWh_m3: number;
  /** the water's temperature over the run, °C */
  water_mean_C: number;
  water_min_C: number;
  cake_wet_t_d: number;
  cake_dry_t_d: number;
  hazardousWaste_t_d: number;
  opex_CNY_d: number;
  opex_CNY_m3: number;
  /** the water reused and the metal recovered at the model's prices, and the operating cost less them; null when unpriced */
  waterSaved_CNY_d: number | null;
  metalRecovered_CNY_d: number | null;
  net_CNY_m3: number | null;
  /** the investments the design lists, CNY */
  capital_CNY: number;
  /** sizing figures on the wrong side of plant-data.md's design window (kpi/design.ts), as "unit/figure" */
  designConcerns: string[];
  /** every judged parameter at every point, and how many of them were exceeded */
  compliance: ComplianceFigure[];
  exceeded: number;
  /** each RO's concentrate scaling (the KPI's membranes) */
  membranes: MembraneKpi[];
  worstClosure_rel: number;
}

export function runFigures(s: RunSummary): RunFigures {
  const k = s.kpis;
  const compliance = k.compliance.flatMap((std) => std.parameters.map((p): ComplianceFigure => ({
    standard: std.id, parameter: p.parameter, point: p.point, status: p.status, within_pct: p.within_pct, worst: p.worst, exceedance_min: p.exceedance_min,
  })));
  return {
    influent_m3_d: k.water.influent_m3_d,
    effluent_m3_d: k.water.effluent_m3_d,
    reuse_m3_d: k.water.reuse_m3_d,
    reuse_pct: 100 * k.water.reuse_rate,
    concentrate_m3_d: k.water.concentrate_m3_d,
    toBaths_m3_d: k.water.toBaths_m3_d,
    hauled_m3_d: k.water.hauled_m3_d,
    recovered_kg_d: { ...k.recovery.metals_kg_d },
    reagents_kg_d: { ...k.reagents.kg_d },
    reagents_t_d: Object.values(k.reagents.kg_d).reduce((a, b) => a + b, 0) / 1000,
    energy_kWh_d: k.energy.kWh_d,
    energy_kWh_m3: k.energy.kWh_m3,
    water_mean_C: k.water.temperature_C.mean,
    water_min_C: k.water.temperature_C.min,
    cake_wet_t_d: k.sludge.wet_t_d,
    cake_dry_t_d: k.sludge.dry_t_d,
    hazardousWaste_t_d: k.sludge.hazardousWaste_t_d,
    opex_CNY_d: k.cost.opex_CNY_d,
    opex_CNY_m3: k.cost.opex_CNY_m3,
    waterSaved_CNY_d: k.cost.waterSaved_CNY_d,
    metalRecovered_CNY_d: k.cost.metalRecovered_CNY_d,
    net_CNY_m3: k.cost.net_CNY_m3,
    capital_CNY: k.capital.total_CNY,
    designConcerns: k.design.filter((d) => d.concern).map((d) => `${d.unit}/${d.figure}`),
    compliance,
    exceeded: compliance.filter((c) => c.status === 'exceeded').length,
    membranes: k.membranes.map((m) => ({ ...m })),
    worstClosure_rel: s.worstClosure_rel,
  };
}

/** What a design's payback is figured on: its capital, its water and its running cost per m³. */
export type CostFigures = Pick<RunFigures, 'capital_CNY' | 'influent_m3_d' | 'opex_CNY_m3' | 'net_CNY_m3'>;

export interface Payback {
  /** the capital the design lists beyond the baseline's, CNY */
  extraCapital_CNY: number;
  /**
   * what it saves a year against the baseline: the running cost per m³ (net of the water and metal credits where both
   * runs price them, else the operating cost) it takes off, on the design's own water; negative when it costs more
   */
  saving_CNY_yr: number;
  /** whether the saving is net of the credits */
  net: boolean;
  /**
   * simple payback, years: the extra capital over the yearly saving; null when nothing more is invested, nothing is
   * saved, or the saving would take longer than a plant lasts (PLANT_LIFE_YEARS)
   */
  payback_years: number | null;
}

const DAYS_PER_YEAR = 365;
/** A treatment plant's life, years: its concrete outlasts it, its pumps and membranes do not (assumed). */
export const PLANT_LIFE_YEARS = 30;

/**
 * A design against its baseline, as a manager weighs an upgrade: the extra capital, the yearly saving and the simple
 * payback (undiscounted, no membrane replacement, labour or maintenance: the operating cost's own scope). Per m³, so a
 * design that treats more water (a park that grew) is weighed on its own water, not on the baseline's.
 */
export function paybackAgainst(base: CostFigures, run: CostFigures): Payback {
  const net = base.net_CNY_m3 !== null && run.net_CNY_m3 !== null;
  const perM3 = (f: CostFigures) => (net ? f.net_CNY_m3! : f.opex_CNY_m3);
  const extraCapital_CNY = run.capital_CNY - base.capital_CNY;
  const saving_CNY_yr = (perM3(base) - perM3(run)) * run.influent_m3_d * DAYS_PER_YEAR;
  const years = extraCapital_CNY > 0 && saving_CNY_yr > 0 ? extraCapital_CNY / saving_CNY_yr : Infinity;
  return { extraCapital_CNY, saving_CNY_yr, net, payback_years: years <= PLANT_LIFE_YEARS ? years : null };
}

export interface ComparisonRow {
  /** `reuse_pct`, `reagent:NaOH`, `compliance:GB21900-2008-T3/Ni@mon-ni` */
  key: string;
  label: string;
  uom: string;
  /** one per run, in the runs' order; null where a run has no such figure */
  values: (number | null)[];
}

const SCALARS: readonly [keyof RunFigures, string, string][] = [
  ['water_mean_C', 'water temperature, mean', '°C'],
  ['water_min_C', 'water temperature, coldest', '°C'],
  ['influent_m3_d', 'influent', 'm³/d'],
  ['effluent_m3_d', 'effluent', 'm³/d'],
  ['reuse_pct', 'water reuse', '%'],
  ['reuse_m3_d', 'reuse water', 'm³/d'],
  ['concentrate_m3_d', 'concentrate out', 'm³/d'],
  ['toBaths_m3_d', 'concentrate back to the baths', 'm³/d'],
  ['hauled_m3_d', 'spent baths hauled', 'm³/d'],
  ['reagents_t_d', 'reagents', 't/d'],
  ['energy_kWh_d', 'energy', 'kWh/d'],
  ['energy_kWh_m3', 'energy', 'kWh/m³'],
  ['cake_wet_t_d', 'HW17 cake (wet)', 't/d'],
  ['cake_dry_t_d', 'HW17 cake (dry)', 't/d'],
  ['hazardousWaste_t_d', 'hazardous waste (cake, residue, baths hauled)', 't/d'],
  ['opex_CNY_d', 'operating cost', 'CNY/d'],
  ['opex_CNY_m3', 'operating cost', 'CNY/m³'],
  ['waterSaved_CNY_d', 'water reused, at its price', 'CNY/d'],
  ['metalRecovered_CNY_d', 'metal back to the baths, at its price', 'CNY/d'],
  ['net_CNY_m3', 'cost net of what is saved', 'CNY/m³'],
  ['exceeded', 'parameters exceeded', ''],
];

/**
 * The capital rows, where some design lists investments: each run's capital, and against the first run its extra
 * capital, yearly saving and simple payback (null for the first run itself, and a payback of null where the design
 * invests nothing more or saves nothing).
 */
function capitalRows(runs: readonly RunFigures[]): ComparisonRow[] {
  const base = runs[0];
  if (base === undefined || !runs.some((r) => r.capital_CNY > 0)) return [];
  const against = runs.map((r, i) => (i === 0 ? null : paybackAgainst(base, r)));
  return [
    { key: 'capital_CNY', label: 'capital cost (the investments listed)', uom: 'CNY', values: runs.map((r) => r.capital_CNY) },
    { key: 'extraCapital_CNY', label: 'capital beyond the baseline', uom: 'CNY', values: against.map((p) => p?.extraCapital_CNY ?? null) },
    { key: 'saving_CNY_yr', label: 'yearly saving against the baseline', uom: 'CNY/yr', values: against.map((p) => p?.saving_CNY_yr ?? null) },
    { key: 'payback_years', label: 'simple payback', uom: 'years', values: against.map((p) => p?.payback_years ?? null) },
  ];
}

/**
 * The rows of a comparison: every scalar figure (the credits and the net cost only when some run's model prices
 * them); the capital and the payback against the first run where some design lists investments; each reagent any run doses; each metal any run returns to the baths; each RO's concentrate scaling (a run
 * without that RO, or whose RO reads no hardness, reads null); and each judged parameter that some run
 * did not keep within its limit all the time (one within its limit throughout in every run that judges it tells a
 * comparison nothing). A run that does not judge a parameter (its design has no such monitoring point) reads null.
 */
export function comparisonRows(runs: readonly RunFigures[]): ComparisonRow[] {
  const rows: ComparisonRow[] = SCALARS.map(([key, label, uom]) => ({ key, label, uom, values: runs.map((r) => r[key] as number | null) }))
    .filter((row) => row.values.some((v) => v !== null));
  rows.push({ key: 'designConcerns', label: "sizing figures on the wrong side of plant-data.md's design window", uom: '', values: runs.map((r) => r.designConcerns.length) });
  rows.push(...capitalRows(runs));
  const reagents = [...new Set(runs.flatMap((r) => Object.keys(r.reagents_kg_d)))].sort();
  for (const item of reagents) rows.push({ key: `reagent:${item}`, label: item, uom: 'kg/d', values: runs.map((r) => r.reagents_kg_d[item] ?? 0) });
  const recovered = [...new Set(runs.flatMap((r) => Object.keys(r.recovered_kg_d)))].sort();
  for (const el of recovered) rows.push({ key: `recovered:${el}`, label: `${el} back to the baths`, uom: 'kg/d', values: runs.map((r) => r.recovered_kg_d[el] ?? 0) });
  // each RO's concentrate: how near its scales ran to what holds them, and how long past it
  const membranes = [...new Set(runs.flatMap((r) => r.membranes.map((m) => m.unit)))].sort();
  for (const unit of membranes) {
    const of = (r: RunFigures) => r.membranes.find((m) => m.unit === unit);
    rows.push(
      { key: `scaling:${unit}/calcite_SI_max`, label: `calcite saturation index of ${unit}'s concentrate, highest`, uom: '', values: runs.map((r) => of(r)?.calcite_SI_max ?? null) },
      { key: `scaling:${unit}/gypsum_SI_max`, label: `gypsum saturation index of ${unit}'s concentrate, highest`, uom: '', values: runs.map((r) => of(r)?.gypsum_SI_max ?? null) },
      { key: `scaling:${unit}/pastLimit_h`, label: `${unit}'s concentrate past its antiscalant's limit`, uom: 'h', values: runs.map((r) => of(r)?.pastLimit_h ?? null) },
    );
  }
  const keyOf = (c: ComplianceFigure) => `${c.standard}/${c.parameter}@${c.point}`;
  const judged = new Map<string, ComplianceFigure>();
  for (const r of runs) for (const c of r.compliance) if (!judged.has(keyOf(c))) judged.set(keyOf(c), c);
  for (const [key, c] of judged) {
    const values = runs.map((r) => r.compliance.find((x) => keyOf(x) === key)?.within_pct ?? null);
    if (values.some((v) => v !== null && v < 100)) rows.push({ key: `compliance:${key}`, label: `${c.parameter} at ${c.point}, ${c.standard}`, uom: '% within', values });
  }
  return rows;
}
