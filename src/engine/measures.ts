/**
 * Measures: what a lab or an online analyser reports about a stream, as linear combinations of the
 * components (mg/L). Standards regulate totals (an unfiltered sample), so a metal's total counts its
 * dissolved, complexed and particulate forms. One definition serves channels, KPIs and the 3D colour map.
 */
import type { Bilingual } from './api.ts';
import type { ChannelRecorder, ChannelTerm } from './channels.ts';
import { C, CN_BOUND_G_PER_G, COD_PER_VSS, ELEMENT_GROUPS, PARTICULATES, SOLIDS_G_PER_G, type ComponentId } from './components.ts';

export interface Measure {
  readonly id: string;
  readonly label: { en: string; zh: string };
  readonly uom: string;
  /** [component index, coefficient] pairs */
  readonly terms: readonly (readonly [number, number])[];
  /** recorded on every stream, or only on streams into units where salt matters (membranes, outlets) */
  readonly where: 'everywhere' | 'salinity';
}

const sumOf = (ids: readonly ComponentId[]): [number, number][] => ids.map((id) => [C[id], 1]);

const metalTotal = (el: keyof typeof ELEMENT_GROUPS, zh: string): Measure => ({
  id: `${el}_total`,
  label: { en: `${el} total`, zh: `总${zh}` },
  uom: 'mg/L',
  terms: sumOf(ELEMENT_GROUPS[el]),
  where: 'everywhere',
});

export const MEASURES: readonly Measure[] = [
  { id: 'Cr6', label: { en: 'Cr(VI)', zh: '六价铬' }, uom: 'mg/L', terms: [[C.Cr6, 1]], where: 'everywhere' },
  metalTotal('Cr', '铬'),
  metalTotal('Ni', '镍'),
  metalTotal('Cu', '铜'),
  metalTotal('Zn', '锌'),
  metalTotal('Cd', '镉'),
  metalTotal('Pb', '铅'),
  metalTotal('Fe', '铁'),
  {
    id: 'CN_total',
    label: { en: 'CN total', zh: '总氰化物' },
    uom: 'mg/L',
    terms: [[C.CN, 1], ...(Object.entries(CN_BOUND_G_PER_G) as [ComponentId, number][]).map(([id, k]): [number, number] => [C[id], k])],
    where: 'everywhere',
  },
  {
    id: 'SS',
    label: { en: 'suspended solids', zh: '悬浮物' },
    uom: 'mg/L',
    terms: PARTICULATES.map((id): [number, number] => [C[id], SOLIDS_G_PER_G[id] ?? 1]),
    where: 'everywhere',
  },
  // an unfiltered sample: biomass that leaves with the water is COD too
  { id: 'COD', label: { en: 'COD', zh: '化学需氧量' }, uom: 'mg/L', terms: [[C.COD, 1], [C.VSS, COD_PER_VSS]], where: 'everywhere' },
  // dissolved sulfide (H2S, HS⁻, S²⁻) as S: what a sulfide polish leaves in the water
  { id: 'sulfide', label: { en: 'sulfide', zh: '硫化物' }, uom: 'mg/L', terms: [[C.S2, 1]], where: 'everywhere' },
  { id: 'NH3N', label: { en: 'NH₃-N', zh: '氨氮' }, uom: 'mg/L', terms: [[C.NH3N, 1]], where: 'everywhere' },
  // dissolved inorganic N; organic N (and the N bound in biomass) is not tracked
  { id: 'TN', label: { en: 'total N', zh: '总氮' }, uom: 'mg/L', terms: [[C.NH3N, 1], [C.NO3N, 1]], where: 'everywhere' },
  // dissolved P and P bound in solids (phosphate precipitate, biomass)
  { id: 'TP', label: { en: 'total P', zh: '总磷' }, uom: 'mg/L', terms: [[C.TP, 1], [C.P_p, 1]], where: 'everywhere' },
  {
    id: 'TDS',
    label: { en: 'dissolved solids', zh: '溶解性总固体' },
    uom: 'mg/L',
    // major ions, with inorganic carbon counted as bicarbonate (61.02 / 12.011)
    terms: [...sumOf(['Na', 'Ca', 'Mg', 'Cl', 'SO4', 'Cr6', 'Cr3', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe', 'Fe2', 'CN', 'CNO', 'HSO3', 'OCl']), [C.TIC, 61.02 / 12.011]],
    where: 'salinity',
  },
  {
    id: 'hardness',
    label: { en: 'total hardness (as CaCO₃)', zh: '总硬度(以CaCO₃计)' },
    uom: 'mg/L',
    // calcium and magnesium as the calcium carbonate of the same equivalents (100.09 / 40.078, 100.09 / 24.305)
    terms: [[C.Ca, 100.09 / 40.078], [C.Mg, 100.09 / 24.305]],
    where: 'salinity',
  },
];

export const MEASURE_BY_ID: ReadonlyMap<string, Measure> = new Map(MEASURES.map((m) => [m.id, m]));

export function evaluateMeasure(m: Measure, conc_mg_L: Float64Array): number {
  let v = 0;
  for (const [j, k] of m.terms) v += k * conc_mg_L[j]!;
  return v;
}

/**
 * A water's flow and the measures it can carry, as channels `<key>/flow_m3_h` and `<key>/<measure>` of unit
 * `unit`, labelled "<name> → <measure>". A measure none of the `carried` components enters would be a flat
 * zero line and is left out; dissolved solids only where `salty`. The measures read 0 while the flow is 0.
 */
export function addWaterChannels(
  channels: ChannelRecorder,
  water: { key: string; unit: string; name: Bilingual; flow: ChannelTerm; conc_mg_L: Float64Array | null; carried: ReadonlySet<number>; salty: boolean },
): void {
  const { key, unit, name } = water;
  channels.add({ id: `${key}/flow_m3_h`, unit, quantity: 'flow', uom: 'm³/h', label: { en: `${name.en} → flow`, zh: `${name.zh} → 流量` } }, [water.flow]);
  const conc = water.conc_mg_L;
  if (conc === null) return;
  const gate: ChannelTerm = [water.flow[0], water.flow[1], 1];
  for (const m of MEASURES) {
    if (m.where === 'salinity' && !water.salty) continue;
    const terms = m.terms.filter(([j]) => water.carried.has(j));
    if (terms.length === 0) continue;
    channels.add(
      { id: `${key}/${m.id}`, unit, quantity: m.id, uom: m.uom, label: { en: `${name.en} → ${m.label.en}`, zh: `${name.zh} → ${m.label.zh}` } },
      terms.map(([j, k]) => [conc, j, k] as const),
      gate,
    );
  }
}
