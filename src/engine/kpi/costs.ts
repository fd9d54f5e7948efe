/**
 * Operating cost from the ledger and the model's `prices`: reagents (per tonne of product on the
 * ledger's 100 % basis), electricity, disposal of HW17 cake (per tonne wet) and of hazardous waste hauled away
 * (spent baths, an evaporator's residue; per tonne). A price the model
 * does not give falls back to the defaults of plant-data.md, and the report says which were used; a
 * reagent with neither is listed as not costed rather than silently free.
 * Two credits set against the cost, each only where the model gives its price (no default: both vary most from
 * place to place and year to year): the water reused (`fresh_water_CNY_m3`, what a m³ the shops need not buy and
 * discharge saves) and the metal an evaporator returns to the plating baths (`recovered_Ni_CNY_kg` …, the metal
 * salt the shops need not buy). The net cost is what a manager sets a reuse or recovery upgrade's extra cost against.
 */
import type { Ledger } from './ledger.ts';
import type { InvestmentJson } from '../model/schema.ts';

export interface PriceEntry {
  value: number;
  reference: string;
}

const PD = 'plant-data.md costs (assumed default)';
/**
 * Defaults from plant-data.md, converted to the ledger's basis where the table quotes a solution:
 * H₂SO₄ is quoted as 98 % acid, NaOCl as a solution with 10 % available chlorine (≈ 10.5 % NaOCl,
 * 0.952 g Cl₂ per g NaOCl).
 */
export const DEFAULT_PRICES: Readonly<Record<string, PriceEntry>> = {
  NaOH_CNY_t: { value: 3000, reference: `${PD}: NaOH 100 % basis` },
  H2SO4_CNY_t: { value: 500 / 0.98, reference: `${PD}: 500 CNY/t of 98 % acid, per t of H₂SO₄` },
  NaHSO3_CNY_t: { value: 2500, reference: PD },
  NaOCl_CNY_t: { value: 700 / 0.105, reference: `${PD}: 700 CNY/t of 10 % available-chlorine solution (≈ 10.5 % NaOCl), per t of NaOCl` },
  Na2S_CNY_t: { value: 4000, reference: PD },
  PAC_CNY_t: { value: 2000, reference: PD },
  PAM_CNY_t: { value: 15000, reference: PD },
  electricity_CNY_kWh: { value: 0.65, reference: `${PD}: China industrial average` },
  cake_disposal_CNY_t: { value: 3000, reference: `${PD}: HW17 wet cake` },
  spent_bath_disposal_CNY_t: { value: 3000, reference: `assumed: as ${PD} for HW17 wet cake, per tonne of liquid hauled to a licensed hazardous-waste processor` },
  residue_disposal_CNY_t: { value: 3000, reference: `assumed: as ${PD} for HW17 wet cake, per tonne of evaporator residue (the salts and metals of plating wastewater) hauled to a licensed hazardous-waste processor` },
};

/** What the ledger's `hauled_kg` lines carry, and the price of each per tonne. */
export const HAULED_SPENT_BATHS = 'spent baths';
export const HAULED_RESIDUE = 'evaporator residue';
const HAULED_PRICE: Readonly<Record<string, string>> = {
  [HAULED_SPENT_BATHS]: 'spent_bath_disposal_CNY_t',
  [HAULED_RESIDUE]: 'residue_disposal_CNY_t',
};

/** The price of a kg of an element returned to the plating baths: "Ni" → "recovered_Ni_CNY_kg". */
export function recoveredMetalPriceKey(element: string): string {
  return `recovered_${element}_CNY_kg`;
}

/** The price of a m³ of water the shops need not draw (and discharge) because the plant reuses it. */
export const WATER_PRICE = 'fresh_water_CNY_m3';

/** The price key of a reagent product as the ledger names it: "FeSO4·7H2O" → "FeSO47H2O_CNY_t". */
export function reagentPriceKey(item: string): string {
  return `${item.replace(/[^A-Za-z0-9]/g, '')}_CNY_t`;
}

export interface UsedPrice extends PriceEntry {
  source: 'model' | 'default';
}

export interface UnitCost {
  reagents_CNY: number;
  energy_CNY: number;
  cake_CNY: number;
  hauled_CNY: number;
  total_CNY: number;
  /** per m³ of plant influent */
  CNY_m3: number;
}

export interface CostReport {
  /** total operating cost per m³ of influent treated */
  opex_CNY_m3: number;
  opex_CNY_d: number;
  byUnit: Record<string, UnitCost>;
  byCategory: { reagents_CNY_d: number; energy_CNY_d: number; cake_CNY_d: number; hauled_CNY_d: number };
  /** every price used, with where it came from */
  prices: Record<string, UsedPrice>;
  /** the water reused at the model's `fresh_water_CNY_m3`; null when the model prices no water */
  waterSaved_CNY_d: number | null;
  /** the metal returned to the baths at the model's `recovered_<element>_CNY_kg`; null when the model prices none */
  metalRecovered_CNY_d: number | null;
  /** operating cost less the credits the model prices, per day and per m³ of influent; null when it prices neither */
  net_CNY_d: number | null;
  net_CNY_m3: number | null;
  /** items used but not costed (no price in the model or the defaults) */
  notCosted: string[];
  notes: string[];
}

export type ModelPrices = Readonly<Record<string, { value: number; reference: string }>> | undefined;

/** What a run moved that the cost is figured on, besides the ledger. */
export interface CostBasis {
  /** entered the plant */
  influent_m3: number;
  days: number;
  /** left as reuse water */
  reuse_m3?: number;
  /** returned to the plating baths, kg of each element */
  recovered_kg?: Readonly<Record<string, number>>;
}

/** Operating cost over a run, from its ledger and what it moved. */
export function operatingCost(ledger: Ledger, modelPrices: ModelPrices, basis: CostBasis): CostReport {
  const { influent_m3, days, reuse_m3 = 0, recovered_kg = {} } = basis;
  const prices: Record<string, UsedPrice> = {};
  const notCosted = new Set<string>();
  const price = (key: string): number | undefined => {
    const fromModel = modelPrices?.[key];
    if (fromModel !== undefined) {
      prices[key] = { value: fromModel.value, reference: fromModel.reference, source: 'model' };
      return fromModel.value;
    }
    const d = DEFAULT_PRICES[key];
    if (d !== undefined) {
      prices[key] = { ...d, source: 'default' };
      return d.value;
    }
    return undefined;
  };
  const byUnit: Record<string, UnitCost> = {};
  const unitCost = (unit: string): UnitCost => (byUnit[unit] ??= { reagents_CNY: 0, energy_CNY: 0, cake_CNY: 0, hauled_CNY: 0, total_CNY: 0, CNY_m3: 0 });
  for (const l of ledger.lines) {
    const amount = l.total[0]!;
    if (amount === 0) continue;
    if (l.kind === 'reagent') {
      const p = price(reagentPriceKey(l.item));
      if (p === undefined) notCosted.add(`${l.item} (no ${reagentPriceKey(l.item)})`);
      else unitCost(l.unit).reagents_CNY += (amount / 1000) * p;
    } else if (l.kind === 'energy_kWh') {
      unitCost(l.unit).energy_CNY += amount * price('electricity_CNY_kWh')!;
    } else if (l.kind === 'cake_wet_kg') {
      unitCost(l.unit).cake_CNY += (amount / 1000) * price('cake_disposal_CNY_t')!;
    } else if (l.kind === 'hauled_kg') {
      const key = HAULED_PRICE[l.item];
      const p = key === undefined ? undefined : price(key);
      if (p === undefined) notCosted.add(`${l.item} hauled (no price)`);
      else unitCost(l.unit).hauled_CNY += (amount / 1000) * p;
    }
  }
  let reagents = 0, energy = 0, cake = 0, hauled = 0;
  for (const c of Object.values(byUnit)) {
    c.total_CNY = c.reagents_CNY + c.energy_CNY + c.cake_CNY + c.hauled_CNY;
    c.CNY_m3 = influent_m3 > 0 ? c.total_CNY / influent_m3 : 0;
    reagents += c.reagents_CNY;
    energy += c.energy_CNY;
    cake += c.cake_CNY;
    hauled += c.hauled_CNY;
  }
  const total = reagents + energy + cake + hauled;
  const perDay = (x: number) => (days > 0 ? x / days : 0);
  const waterPrice = modelPrices?.[WATER_PRICE];
  if (waterPrice !== undefined) prices[WATER_PRICE] = { value: waterPrice.value, reference: waterPrice.reference, source: 'model' };
  const saved = waterPrice === undefined ? null : reuse_m3 * waterPrice.value;
  let metal: number | null = null;
  const unpriced: string[] = [];
  for (const [element, kg] of Object.entries(recovered_kg)) {
    const key = recoveredMetalPriceKey(element);
    const p = modelPrices?.[key];
    if (p === undefined) {
      if (kg > 0) unpriced.push(element);
      continue;
    }
    prices[key] = { value: p.value, reference: p.reference, source: 'model' };
    metal = (metal ?? 0) + kg * p.value;
  }
  const credits = saved === null && metal === null ? null : (saved ?? 0) + (metal ?? 0);
  const defaults = Object.entries(prices).filter(([, p]) => p.source === 'default').map(([k]) => k);
  const notes = [
    'reagent prices are per tonne of 100 % product, the basis the ledger counts',
    ...(defaults.length > 0 ? [`the model gives no price for ${defaults.join(', ')}: plant-data.md defaults used`] : []),
    ...(notCosted.size > 0 ? [`not costed (no price): ${[...notCosted].join(', ')}`] : []),
    'membrane replacement, labour and maintenance are not included',
    saved === null
      ? `the model prices no water (${WATER_PRICE}): the water reused is not credited`
      : `the net cost credits each m³ reused at ${WATER_PRICE}`,
    ...(metal !== null ? ['the net cost credits the metal returned to the baths at its price'] : []),
    ...(unpriced.length > 0 ? [`metal returned to the baths is not credited where the model gives no price: ${unpriced.map(recoveredMetalPriceKey).join(', ')}`] : []),
  ];
  return {
    opex_CNY_m3: influent_m3 > 0 ? total / influent_m3 : 0,
    opex_CNY_d: perDay(total),
    waterSaved_CNY_d: saved === null ? null : perDay(saved),
    metalRecovered_CNY_d: metal === null ? null : perDay(metal),
    net_CNY_d: credits === null ? null : perDay(total - credits),
    net_CNY_m3: credits === null ? null : influent_m3 > 0 ? (total - credits) / influent_m3 : 0,
    byUnit,
    byCategory: { reagents_CNY_d: perDay(reagents), energy_CNY_d: perDay(energy), cake_CNY_d: perDay(cake), hauled_CNY_d: perDay(hauled) },
    prices,
    notCosted: [...notCosted],
    notes,
  };
}

export interface CapitalItem {
  id: string;
  name: { en: string; zh: string };
  CNY: number;
  reference: string;
  /** the units it builds or enlarges */
  units: string[];
}

export interface CapitalReport {
  /** every investment the design lists (the model's and its scenario's), CNY */
  total_CNY: number;
  items: CapitalItem[];
}

/** The capital a design lists: its investments as the model (and a scenario's `addInvestments`) state them. */
export function capitalCost(investments: readonly InvestmentJson[] | undefined): CapitalReport {
  const items = (investments ?? []).map((x) => ({ id: x.id, name: { ...x.name }, CNY: x.CNY.value, reference: x.CNY.reference, units: [...(x.units ?? [])] }));
  return { total_CNY: items.reduce((sum, x) => sum + x.CNY, 0), items };
}
