/**
 * Stream values live in the arena: per slot a flow (m³/s) and NC concentrations (mg/L).
 * A tear stream has two slots: the upstream unit writes the fresh one, the downstream unit reads
 * last step's value from the delayed one, and `advanceTears` copies fresh → delayed at the end of a step.
 */
import type { StateArena } from '../arena.ts';
import { NC } from '../components.ts';

export class StreamTable {
  readonly flow_m3_s: Float64Array;
  readonly conc_mg_L: Float64Array;
  readonly slots: number;
  /** components per slot, kept local: hot loops must not read module bindings (tsx and vitest turn them into getters) */
  private readonly nc = NC;
  /** pairs (fresh, delayed) of tear slots */
  private readonly tearPairs: Int32Array;

  /** per slot, the components it can carry (the support of the unit that writes it) */
  private readonly slotActive: Int32Array[];

  constructor(arena: StateArena, slots: number, tearPairs: readonly (readonly [number, number])[], slotActive: Int32Array[]) {
    this.slots = slots;
    this.slotActive = slotActive;
    this.flow_m3_s = arena.alloc(slots);
    this.conc_mg_L = arena.alloc(slots * NC);
    this.tearPairs = Int32Array.from(tearPairs.flat());
  }

  /** A view of one slot's concentrations (create once, at build time). */
  concView(slot: number): Float64Array {
    return this.conc_mg_L.subarray(slot * NC, slot * NC + NC);
  }

  /** Sets one slot's flow and copies the `active` components of `conc_mg_L` into it. */
  write(slot: number, flow_m3_s: number, conc_mg_L: Float64Array, active: Int32Array): void {
    this.flow_m3_s[slot] = flow_m3_s;
    const base = slot * this.nc, dst = this.conc_mg_L;
    for (let k = 0; k < active.length; k++) {
      const j = active[k]!;
      dst[base + j] = conc_mg_L[j]!;
    }
  }

  /**
   * Mixes the streams in `slots` into `out_mg_L` (flow-weighted, over the `active` components) and
   * returns the total flow. With no flow the mixture is left at zero concentration.
   */
  mix(slots: Int32Array, out_mg_L: Float64Array, active: Int32Array): number {
    const conc = this.conc_mg_L, n = this.nc, na = active.length;
    for (let k = 0; k < na; k++) out_mg_L[active[k]!] = 0;
    let q = 0;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s]!;
      const qs = this.flow_m3_s[slot]!;
      if (qs <= 0) continue;
      q += qs;
      const base = slot * n;
      // each input adds only what it can carry
      const own = this.slotActive[slot]!;
      for (let k = 0; k < own.length; k++) {
        const j = own[k]!;
        out_mg_L[j]! += qs * conc[base + j]!;
      }
    }
    if (q > 0) {
      const inv = 1 / q;
      for (let k = 0; k < na; k++) out_mg_L[active[k]!]! *= inv;
    }
    return q;
  }

  /** The components any of `slots` can carry, in index order. */
  supportOf(slots: Int32Array): Int32Array {
    const all = new Set<number>();
    for (const slot of slots) for (const j of this.slotActive[slot] ?? []) all.add(j);
    return Int32Array.from([...all].sort((a, b) => a - b));
  }

  setFlow(slot: number, flow_m3_s: number): void {
    this.flow_m3_s[slot] = flow_m3_s;
  }

  /** An input port's reader: one stream is read in place, several are mixed into a buffer. */
  inlet(slots: Int32Array): Inlet {
    return new Inlet(this, slots);
  }

  advanceTears(): void {
    const pairs = this.tearPairs, n = this.nc;
    for (let k = 0; k < pairs.length; k += 2) {
      const fresh = pairs[k]!, delayed = pairs[k + 1]!;
      this.flow_m3_s[delayed] = this.flow_m3_s[fresh]!;
      this.conc_mg_L.copyWithin(delayed * n, fresh * n, fresh * n + n);
    }
  }

  /** Water in transit in tear streams (delivered next step), m³. */
  tearWater_m3(dt_s: number): number {
    const pairs = this.tearPairs;
    let v = 0;
    for (let k = 1; k < pairs.length; k += 2) v += this.flow_m3_s[pairs[k]!]! * dt_s;
    return v;
  }

  /** Mass in transit in tear streams (delivered next step), g per component, added to acc_g. */
  addTearInventory(dt_s: number, acc_g: Float64Array): void {
    const pairs = this.tearPairs;
    for (let k = 1; k < pairs.length; k += 2) {
      const d = pairs[k]!;
      const v = this.flow_m3_s[d]! * dt_s;
      if (v === 0) continue;
      for (let j = 0; j < NC; j++) acc_g[j]! += v * this.conc_mg_L[d * NC + j]!;
    }
  }
}

/** Reads an input port: `read()` returns the total flow and leaves the mixture in `conc`. */
export class Inlet {
  readonly conc: Float64Array;
  private readonly table: StreamTable;
  private readonly slots: Int32Array;
  private readonly single: number;

  constructor(table: StreamTable, slots: Int32Array) {
    this.table = table;
    this.slots = slots;
    this.single = slots.length === 1 ? slots[0]! : -1;
    this.conc = this.single >= 0 ? table.concView(this.single) : new Float64Array(NC);
  }

  read(active: Int32Array): number {
    return this.single >= 0 ? Math.max(this.table.flow_m3_s[this.single]!, 0) : this.table.mix(this.slots, this.conc, active);
  }
}
