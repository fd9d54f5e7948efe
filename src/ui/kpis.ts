/**
 * The run's KPIs as the screen needs them. The engine reports them as `summary.kpis` (compliance
 * per standard and parameter, water, reagents, energy, sludge, cost); this reads that object
 * defensively — fields may be missing while the engine grows — and falls back to what the run
 * summary's flows and ledger say.
 */
import type { Bilingual, RunSummary } from '../engine/api.ts';
import type { Lang } from '../state/prefsStore.ts';
import { WATER_PRICE } from '../engine/kpi/costs.ts';

export interface ParamCompliance {
  parameter: string;
  point: string;
  where: string;
  limit: number | readonly [number, number] | null;
  modelled: boolean;
  /** compliant | exceeded | no flow | not modelled */
  status: string;
  within_pct: number | null;
  exceedance_min: number;
  worst: number | null;
  mean: number | null;
  note: string;
  /** the engine's name for the note's case, for its translation ('' when none) */
  noteId: string;
}

export interface StandardView {
  id: string;
  name: Bilingual;
  parameters: ParamCompliance[];
}

export interface KpiView {
  influent_m3_d: number;
  effluent_m3_d: number;
  /** percent */
  reuse_pct: number;
  reagents_kg_d: Record<string, number>;
  reagentsTotal_kg_d: number;
  energy_kWh_m3: number | null;
  sludge_wet_t_d: number | null;
  /** all hazardous waste to licensed processors: the cake, and spent baths and residue hauled, t/d */
  hazardousWaste_t_d: number | null;
  opex_CNY_m3: number | null;
  /** operating cost less the credits the model prices (water reused, metal back to the baths), and each credit; null when unpriced */
  net_CNY_m3: number | null;
  waterSaved_CNY_d: number | null;
  metalRecovered_CNY_d: number | null;
  waterPrice_CNY_m3: number | null;
  /** null until the engine reports compliance */
  compliance: StandardView[] | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const sum = (r: Record<string, number>, prefix = ''): number => Object.entries(r).reduce((s, [k, v]) => (k.startsWith(prefix) ? s + v : s), 0);

function parseStandards(v: unknown): StandardView[] | null {
  if (!Array.isArray(v)) return null;
  return v.flatMap((sv) => {
    const s = obj(sv);
    if (!s || typeof s.id !== 'string' || !Array.isArray(s.parameters)) return [];
    const parameters = s.parameters.flatMap((pv): ParamCompliance[] => {
      const p = obj(pv);
      if (!p || typeof p.parameter !== 'string') return [];
      const lim = p.limit;
      const limit = typeof lim === 'number' ? lim : Array.isArray(lim) && lim.length === 2 && typeof lim[0] === 'number' && typeof lim[1] === 'number' ? ([lim[0], lim[1]] as const) : null;
      return [
        {
          parameter: p.parameter,
          point: typeof p.point === 'string' ? p.point : '',
          where: typeof p.where === 'string' ? p.where : '',
          limit,
          modelled: p.modelled !== false,
          status: typeof p.status === 'string' ? p.status : p.modelled === false ? 'not modelled' : '',
          within_pct: num(p.within_pct),
          exceedance_min: num(p.exceedance_min) ?? 0,
          worst: num(p.worst),
          mean: num(p.mean),
          note: typeof p.note === 'string' ? p.note : '',
          noteId: typeof p.noteId === 'string' ? p.noteId : '',
        },
      ];
    });
    const en = typeof s.name === 'string' ? s.name : s.id;
    return [{ id: s.id, name: { en, zh: typeof s.name_zh === 'string' ? s.name_zh : en }, parameters }];
  });
}

export function kpiView(summary: RunSummary): KpiView {
  const k = obj((summary as unknown as Record<string, unknown>).kpis);
  const water = obj(k?.water);
  const reagents = obj(obj(k?.reagents)?.kg_d);
  const energy = obj(k?.energy);
  const sludge = obj(k?.sludge);
  const cost = obj(k?.cost);
  const days = summary.days;
  const influent = num(water?.influent_m3_d) ?? sum(summary.flows_m3_d.influents);
  const effluent = num(water?.effluent_m3_d) ?? sum(summary.flows_m3_d.outlets, 'effluent:');
  const reuseRate = num(water?.reuse_rate);
  const reuse_pct = reuseRate !== null ? 100 * reuseRate : influent > 0 ? (100 * sum(summary.flows_m3_d.outlets, 'reuse:')) / influent : NaN;
  const reagents_kg_d: Record<string, number> = {};
  if (reagents) for (const [r, v] of Object.entries(reagents)) reagents_kg_d[r] = num(v) ?? 0;
  else for (const [r, v] of Object.entries(summary.ledger.reagents_kg)) reagents_kg_d[r] = days > 0 ? v / days : 0;
  const ledgerEnergy = sum(summary.ledger.energy_kWh);
  const ledgerCake = sum(summary.ledger.cake_wet_kg);
  return {
    influent_m3_d: influent,
    effluent_m3_d: effluent,
    reuse_pct,
    reagents_kg_d,
    reagentsTotal_kg_d: Object.values(reagents_kg_d).reduce((a, b) => a + b, 0),
    energy_kWh_m3: num(energy?.kWh_m3) ?? (ledgerEnergy > 0 && influent > 0 && days > 0 ? ledgerEnergy / days / influent : null),
    sludge_wet_t_d: num(sludge?.wet_t_d) ?? (ledgerCake > 0 && days > 0 ? ledgerCake / days / 1000 : null),
    hazardousWaste_t_d: num(sludge?.hazardousWaste_t_d),
    opex_CNY_m3: num(cost?.opex_CNY_m3),
    net_CNY_m3: num(cost?.net_CNY_m3),
    waterSaved_CNY_d: num(cost?.waterSaved_CNY_d),
    metalRecovered_CNY_d: num(cost?.metalRecovered_CNY_d),
    waterPrice_CNY_m3: num(obj(obj(cost?.prices)?.[WATER_PRICE])?.value),
    compliance: parseStandards(k?.compliance),
  };
}

/** A standard's name for a caption: "GB 21900 Table 3" (表3), "GB/T 19923", "GB 11607-89"; the id for one unknown. */
export function standardCaption(id: string, lang: Lang): string {
  const table = /^GB21900-2008-T(\d)$/.exec(id);
  if (table) return lang === 'zh' ? `GB 21900 表${table[1]}` : `GB 21900 Table ${table[1]}`;
  const m = /^GB(T?)(\d+)(?:-(\d+))?/.exec(id);
  if (m) return m[1] ? `GB/T ${m[2]}` : m[3] ? `GB ${m[2]}-${m[3]}` : `GB ${m[2]}`;
  return id;
}

/** "GB21900-2008-T3" → "GB 21900 T3" for tight places. */
export function standardShort(id: string): string {
  const m = /^GB(T?)(\d+)-(\d{4})-T(\d)$/.exec(id);
  if (m) return `GB${m[1] ? '/T' : ''} ${m[2]} T${m[4]}`;
  return id.replace(/-process$/, '').replace(/^GBT/, 'GB/T ').replace(/-fishery$/, '');
}
