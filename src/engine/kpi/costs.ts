/**
 * Operating cost from the ledger and the model's `prices`: reagents (per tonne of product on the
 * ledger's 100 % basis), electricity, disposal of HW17 cake (per tonne wet) and of spent baths hauled away
 * as liquid hazardous waste (per tonne). A price the model
 * does not give falls back to the defaults of plant-data.md, and the report says which were used; a
 * reagent with neither is listed as not costed rather than silently free.
 * When the model prices water (`fresh_water_CNY_m3`, what a m³ the shops need not buy and discharge saves;
 * no default, since it varies most from place to place), the water reused is credited against the cost: the net
 * cost is what a manager sets a reuse upgrade's extra cost against.
 */
import type { Ledger } from './ledger.ts';

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
};

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
  /** operating cost less the water saved, per day and per m³ of influent; null when the model prices no water */
  net_CNY_d: number | null;
  net_CNY_m3: number | null;
  /** items used but not costed (no price in the model or the defaults) */
  notCosted: string[];
  notes: string[];
}

export type ModelPrices = Readonly<Record<string, { value: number; reference: string }>> | undefined;

/** Operating cost over a run of `days` in which `influent_m3` entered the plant and `reuse_m3` was reused. */
export function operatingCost(ledger: Ledger, modelPrices: ModelPrices, influent_m3: number, days: number, reuse_m3 = 0): CostReport {
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
      unitCost(l.unit).hauled_CNY += (amount / 1000) * price('spent_bath_disposal_CNY_t')!;
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
  const defaults = Object.entries(prices).filter(([, p]) => p.source === 'default').map(([k]) => k);
  const notes = [
    'reagent prices are per tonne of 100 % product, the basis the ledger counts',
    ...(defaults.length > 0 ? [`the model gives no price for ${defaults.join(', ')}: plant-data.md defaults used`] : []),
    ...(notCosted.size > 0 ? [`not costed (no price): ${[...notCosted].join(', ')}`] : []),
    'membrane replacement, labour and maintenance are not included',
    saved === null
      ? `the model prices no water (${WATER_PRICE}): the water reused is not credited`
      : `the net cost credits each m³ reused at ${WATER_PRICE}`,
  ];
  return {
    opex_CNY_m3: influent_m3 > 0 ? total / influent_m3 : 0,
    opex_CNY_d: perDay(total),
    waterSaved_CNY_d: saved === null ? null : perDay(saved),
    net_CNY_d: saved === null ? null : perDay(total - saved),
    net_CNY_m3: saved === null ? null : influent_m3 > 0 ? (total - saved) / influent_m3 : 0,
    byUnit,
    byCategory: { reagents_CNY_d: perDay(reagents), energy_CNY_d: perDay(energy), cake_CNY_d: perDay(cake), hauled_CNY_d: perDay(hauled) },
    prices,
    notCosted: [...notCosted],
    notes,
  };
}
