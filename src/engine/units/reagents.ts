/**
 * Treatment chemicals: what each kg of product (100 % basis) puts into the water, as components.
 * Derived from molar masses (chemistry.md "Reagent stoichiometry"); hydroxide, water and the hydrogen
 * of acids are not components: they show up through the charge balance (Na⁺ without an anion raises
 * pH, SO₄²⁻ without a cation lowers it).
 */
import { C, type ComponentId } from '../components.ts';
import { Books, type BookAccount } from '../kpi/books.ts';
import type { LedgerLine } from '../kpi/ledger.ts';
import type { UnitContext } from './unitType.ts';

export interface Reagent {
  readonly id: string;
  readonly label: { en: string; zh: string };
  /** grams of each component per gram of product */
  readonly yields: Readonly<Partial<Record<ComponentId, number>>>;
  /** default price key in the model's `prices` */
  readonly priceKey: string;
}

const r = (id: string, en: string, zh: string, yields: Reagent['yields']): Reagent => ({ id, label: { en, zh }, yields, priceKey: `${id}_CNY_t` });

export const REAGENTS = {
  NaOH: r('NaOH', 'sodium hydroxide', '氢氧化钠 (液碱)', { Na: 22.99 / 39.997 }),
  'Ca(OH)2': r('Ca(OH)2', 'lime', '石灰', { Ca: 40.078 / 74.093 }),
  H2SO4: r('H2SO4', 'sulfuric acid', '硫酸', { SO4: 96.06 / 98.079 }),
  NaHSO3: r('NaHSO3', 'sodium bisulfite', '亚硫酸氢钠', { Na: 22.99 / 104.06, HSO3: 81.07 / 104.06 }),
  // Na2S2O5 + H2O → 2 NaHSO3: the water's mass joins the bisulfite
  Na2S2O5: r('Na2S2O5', 'sodium metabisulfite', '焦亚硫酸钠', { Na: (2 * 22.99) / 190.1, HSO3: (2 * 81.07) / 190.1 }),
  'FeSO4·7H2O': r('FeSO4·7H2O', 'ferrous sulfate', '硫酸亚铁', { Fe2: 55.845 / 278.01, SO4: 96.06 / 278.01 }),
  NaOCl: r('NaOCl', 'sodium hypochlorite', '次氯酸钠', { Na: 22.99 / 74.44, OCl: 51.45 / 74.44 }),
  Na2S: r('Na2S', 'sodium sulfide', '硫化钠', { Na: (2 * 22.99) / 78.04, S2: 32.06 / 78.04 }),
  // PAC as 30 % Al2O3: Al(OH)3 floc ≈ 0.46 g per g product; chloride of a medium-basicity PAC (assumed)
  PAC: r('PAC', 'polyaluminium chloride', '聚合氯化铝 (PAC)', { SS_inert: 0.46, Cl: 0.15 }),
  PAM: r('PAM', 'polyacrylamide', '聚丙烯酰胺 (PAM)', { PAM: 1 }),
  // a dithiocarbamate heavy-metal capture agent: binds metal into particulate; the agent's own mass joins the solids
  DTC: r('DTC', 'heavy-metal capture agent (DTC)', '重金属捕集剂 (DTC)', { SS_inert: 1 }),
  H2O2: r('H2O2', 'hydrogen peroxide', '双氧水', {}),
} as const satisfies Record<string, Reagent>;

export type ReagentId = keyof typeof REAGENTS;
export const REAGENT_IDS = Object.keys(REAGENTS) as ReagentId[];

/** The reagent's yields as [component index, g/g] pairs, for the hot loop. */
export function yieldPairs(id: ReagentId): [number, number][] {
  return Object.entries(REAGENTS[id].yields).map(([c, g]) => [C[c as ComponentId], g as number]);
}

/** Components a reagent brings, for component support. */
export function reagentComponents(id: ReagentId): ComponentId[] {
  return Object.keys(REAGENTS[id].yields) as ComponentId[];
}

/**
 * A reagent a unit doses into its tank: grams of product become the reagent's components in the
 * tank, posted to the unit's reagent account (`reagent:<unit>.<loop>`) with the solution's volume (water
 * the plant takes in: the unit makes room for it) and to its ledger line.
 */
export class ReagentFeed {
  readonly #components: Int32Array;
  readonly #gPerG: Float64Array;
  readonly #account: BookAccount;
  readonly #ledger: LedgerLine;

  constructor(ctx: Pick<UnitContext, 'id' | 'books' | 'ledger'>, loop: string, reagent: ReagentId) {
    const pairs = yieldPairs(reagent);
    this.#components = Int32Array.from(pairs, (p) => p[0]);
    this.#gPerG = Float64Array.from(pairs, (p) => p[1]);
    this.#account = ctx.books.open('reagent', ctx.id, { loop });
    this.#ledger = ctx.ledger.line('reagent', REAGENTS[reagent].id, ctx.id);
  }

  /** Adds `product_g` grams of product, dosed as `solution_m3` of solution, to the concentrations `c_mg_L` of a tank holding `volume_m3` (the solution included). */
  deliver(product_g: number, solution_m3: number, c_mg_L: Float64Array, volume_m3: number): void {
    if (!(product_g > 0)) return;
    this.#account.volume[0]! += solution_m3;
    for (let y = 0; y < this.#components.length; y++) {
      const j = this.#components[y]!;
      const g = product_g * this.#gPerG[y]!;
      c_mg_L[j]! += g / volume_m3;
      Books.postGrams(this.#account, j, g);
    }
    this.#ledger.total[0]! += product_g / 1000;
  }
}
