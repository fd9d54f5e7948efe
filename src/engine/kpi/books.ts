/**
 * The mass books: per component, grams that entered (per source: influents, reagents), grams that
 * left (per outlet: effluent, reuse water, cake, concentrate) and grams made or consumed by reactions.
 * With the inventory of tanks and pipes they must close: in + reacted = out + inventory.
 */
import type { StateArena } from '../arena.ts';
import { COMPONENTS, ELEMENT_GROUPS, ELEMENTS, NC, C } from '../components.ts';
import type { ComponentBooks, MassBalance, WaterBalance } from '../api.ts';
import { g_to_kg } from '../convert.ts';

export type BookKind = 'influent' | 'reagent' | 'outlet';

/**
 * What an account books, and so which side of the books it is on: water and grams that came in (an influent, a
 * reagent's solution, a bioreactor's seed sludge) or left the plant (the rest).
 */
const KIND_OF_FATE = {
  influent: 'influent', reagent: 'reagent', seed: 'reagent',
  effluent: 'outlet', reuse: 'outlet', cake: 'outlet', concentrate: 'outlet', recovered: 'outlet', hauled: 'outlet',
} as const satisfies Record<string, BookKind>;
export type Fate = keyof typeof KIND_OF_FATE;

export interface BookAccount {
  /** `<fate>:<unit>`, a dosing loop's `reagent:<unit>.<loop>`: how the run summary names it */
  readonly name: string;
  readonly fate: Fate;
  /** the unit that books through it */
  readonly unit: string;
  readonly kind: BookKind;
  readonly g: Float64Array;
  /** cumulative volume, m³ */
  readonly volume: Float64Array;
  /** for sources of a fixed composition: grams = basis (g/m³) × scale (m³), booked as one number */
  readonly basis: Float64Array | undefined;
  readonly scale: Float64Array;
}

export class Books {
  private readonly arena: StateArena;
  readonly accounts: BookAccount[] = [];
  readonly reacted_g: Float64Array;

  constructor(arena: StateArena) {
    this.arena = arena;
    this.reacted_g = arena.alloc(NC);
  }

  /** An account of `unit` for `fate` (`loop`: one of the unit's dosing loops; `basis`: see BookAccount). */
  open(fate: Fate, unit: string, opts: { loop?: string; basis?: Float64Array } = {}): BookAccount {
    const name = `${fate}:${unit}${opts.loop === undefined ? '' : `.${opts.loop}`}`;
    if (this.accounts.some((a) => a.name === name)) throw new Error(`books: account ${name} opened twice`);
    const account = {
      name, fate, unit, kind: KIND_OF_FATE[fate],
      g: this.arena.alloc(NC), volume: this.arena.alloc(1), basis: opts.basis?.slice(), scale: this.arena.alloc(1),
    };
    this.accounts.push(account);
    return account;
  }

  /** Adds `volume_m3` of water at `conc_mg_L` (g/m³) to an account, over the `active` components. */
  static post(account: BookAccount, conc_mg_L: Float64Array, volume_m3: number, active: Int32Array): void {
    if (volume_m3 === 0) return;
    const g = account.g;
    for (let k = 0; k < active.length; k++) {
      const j = active[k]!;
      g[j]! += conc_mg_L[j]! * volume_m3;
    }
    account.volume[0]! += volume_m3;
  }

  /** Posts `scale` m³-equivalents of the account's fixed basis composition, and `volume_m3` of water. */
  static postScaled(account: BookAccount, scale: number, volume_m3: number): void {
    account.scale[0]! += scale;
    account.volume[0]! += volume_m3;
  }

  /** Posts a single component's grams (reagents are mostly one or two components). */
  static postGrams(account: BookAccount, component: number, grams: number): void {
    account.g[component]! += grams;
  }

  /** Grams of the `components` an account holds, its fixed-basis postings included. */
  static grams(account: BookAccount, components: readonly number[]): number {
    let g = 0, perScale = 0;
    for (const j of components) {
      g += account.g[j]!;
      if (account.basis !== undefined) perScale += account.basis[j]!;
    }
    return account.basis === undefined ? g : g + account.scale[0]! * perScale;
  }

  /** A reaction changed `component` by `grams` (negative: consumed). */
  react(component: number, grams: number): void {
    this.reacted_g[component]! += grams;
  }

  /** The books in kg, closed against `inventory_g`. */
  report(inventory_g: Float64Array): MassBalance {
    const out = {} as MassBalance;
    const line = (idx: readonly number[]): ComponentBooks => {
      const sum = (arr: Float64Array) => idx.reduce((s, j) => s + arr[j]!, 0);
      const grams = (a: BookAccount) => Books.grams(a, idx);
      let in_g = 0;
      const out_kg: Record<string, number> = {};
      let out_g = 0;
      for (const a of this.accounts) {
        if (a.kind === 'outlet') {
          const g = grams(a);
          out_kg[a.name] = g_to_kg(g);
          out_g += g;
        } else {
          in_g += grams(a);
        }
      }
      const reacted = sum(this.reacted_g);
      const inv = sum(inventory_g);
      const scale = Math.max(in_g, Math.abs(reacted), 1e-12);
      return {
        in_kg: g_to_kg(in_g),
        out_kg,
        reacted_kg: g_to_kg(reacted),
        inventory_kg: g_to_kg(inv),
        closure_rel: Math.abs(in_g + reacted - out_g - inv) / scale,
      };
    };
    COMPONENTS.forEach((id, j) => {
      out[id] = line([j]);
    });
    for (const el of ELEMENTS) {
      out[`${el}_total`] = line(ELEMENT_GROUPS[el].map((m) => C[m]));
    }
    return out;
  }

  /** The water books against what the plant holds now and held at the start, m³. */
  waterReport(inventory_m3: number, startInventory_m3: number): WaterBalance {
    const reagentSolutions_m3 = this.volumeOf('reagent');
    const in_m3 = this.volumeOf('influent') + reagentSolutions_m3;
    const out_m3 = this.volumes('outlet');
    const out = Object.values(out_m3).reduce((a, b) => a + b, 0);
    const closure_rel = Math.abs(in_m3 - out - (inventory_m3 - startInventory_m3)) / Math.max(in_m3, 1e-12);
    return { in_m3, reagentSolutions_m3, out_m3, inventory_m3, startInventory_m3, closure_rel };
  }

  /** Cumulative volume through each account, m³. */
  volumes(kind: BookKind): Record<string, number> {
    const out: Record<string, number> = {};
    for (const a of this.accounts) if (a.kind === kind) out[a.name] = a.volume[0]!;
    return out;
  }

  /** The accounts of one fate. */
  accountsOf(fate: Fate): BookAccount[] {
    return this.accounts.filter((a) => a.fate === fate);
  }

  /** Cumulative volume through every account of one fate, m³. */
  volumeOf(fate: Fate): number {
    let v = 0;
    for (const a of this.accounts) if (a.fate === fate) v += a.volume[0]!;
    return v;
  }

  /** Reagent solution delivered so far, m³, by the unit that doses it (`reagent:<unit>`, its loops summed). */
  reagentSolutionsByUnit(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const a of this.accountsOf('reagent')) {
      if (!(a.volume[0]! > 0)) continue;
      const key = `reagent:${a.unit}`;
      out[key] = (out[key] ?? 0) + a.volume[0]!;
    }
    return out;
  }
}
