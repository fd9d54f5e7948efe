/**
 * The plant's running totals beside the mass books: reagent use (kg of each product as delivered),
 * energy (kWh), sludge cake (kg wet, kg dry), water (m³) and liquid hazardous waste hauled away (kg),
 * each booked by the unit that used or made it. KPIs and costs read these; all totals live in the arena so snapshots keep them.
 */
import type { StateArena } from '../arena.ts';

export type LedgerKind = 'reagent' | 'energy_kWh' | 'cake_wet_kg' | 'cake_dry_kg' | 'water_m3' | 'hauled_kg';

export interface LedgerLine {
  readonly kind: LedgerKind;
  /** reagent product (NaOH, H2SO4, NaHSO3 …), or what the energy/water was for */
  readonly item: string;
  readonly unit: string;
  /** [0]: cumulative amount (kg for reagents and cake, kWh, m³) */
  readonly total: Float64Array;
}

/**
 * The weight of a liquid hauled away as hazardous waste (spent baths, an evaporator's residue), kg: a tonne of water
 * per m³ plus everything it carries (mg/L = g/m³).
 */
export function liquidWeight_kg(volume_m3: number, conc_mg_L: Float64Array, active: Int32Array): number {
  let carried_kg_m3 = 0;
  for (let k = 0; k < active.length; k++) carried_kg_m3 += conc_mg_L[active[k]!]! / 1000;
  return volume_m3 * (1000 + carried_kg_m3);
}

export class Ledger {
  readonly lines: LedgerLine[] = [];
  private readonly arena: StateArena;

  constructor(arena: StateArena) {
    this.arena = arena;
  }

  /** A line to add to every step: `line.total[0] += amount`. */
  line(kind: LedgerKind, item: string, unit: string): LedgerLine {
    const existing = this.lines.find((l) => l.kind === kind && l.item === item && l.unit === unit);
    if (existing !== undefined) return existing;
    const l = { kind, item, unit, total: this.arena.alloc(1) };
    this.lines.push(l);
    return l;
  }

  /** Totals of one kind by item (summed over units). */
  byItem(kind: LedgerKind): Record<string, number> {
    const out: Record<string, number> = {};
    for (const l of this.lines) if (l.kind === kind) out[l.item] = (out[l.item] ?? 0) + l.total[0]!;
    return out;
  }

  /** Totals of one kind by unit. */
  byUnit(kind: LedgerKind): Record<string, number> {
    const out: Record<string, number> = {};
    for (const l of this.lines) if (l.kind === kind) out[l.unit] = (out[l.unit] ?? 0) + l.total[0]!;
    return out;
  }
}
