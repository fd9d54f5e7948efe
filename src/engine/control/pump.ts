import type { StateArena } from '../arena.ts';
import { S_PER_H } from '../convert.ts';
import { FLOW_SETTING, type Range } from '../model/params.ts';
import { check, clamp, finite, flag, within, type Settable, type SettableValue } from './settable.ts';

export interface PumpConfig {
  /** maximum flow, m³/h */
  capacity_m3_h: number;
  /** how `update`'s command is read: percent of capacity (default) or m³/h */
  command?: 'percent' | 'm3_h';
  /** rate limit: seconds to go from zero to full capacity; default 0 (none) */
  ramp_s?: number;
  /** electrical power at full capacity, kW; drawn in proportion to flow; default 0 */
  power_kW?: number;
  /** the local on/off switch; default true */
  on?: boolean;
}

const Q = 0, ON = 1, TRIP = 2, CAP = 3, VOL = 4, KWH = 5, RUN = 6;
const SLOTS = 7;
const NAMES = ['on', 'tripped', 'reset', 'capacity_m3_h'] as const;

/**
 * A dosing or transfer pump. Flow = clamp(command, 0, capacity) when on and not tripped, else 0,
 * moved toward that target at no more than capacity/ramp_s. A trip stops it at once and holds it
 * stopped until reset. The flow returned is the flow for the whole step; the counters add flow·dt.
 */
export class Pump implements Settable {
  readonly settable: readonly string[] = NAMES;
  private readonly s: Float64Array;
  private readonly percent: boolean;
  private readonly ramp_s: number;
  private readonly power_kW: number;

  constructor(arena: StateArena, config: PumpConfig) {
    const c = config;
    check(Number.isFinite(c.capacity_m3_h) && c.capacity_m3_h > 0, 'Pump', 'capacity_m3_h', c.capacity_m3_h);
    this.percent = (c.command ?? 'percent') === 'percent';
    this.ramp_s = c.ramp_s ?? 0;
    check(Number.isFinite(this.ramp_s) && this.ramp_s >= 0, 'Pump', 'ramp_s', this.ramp_s);
    this.power_kW = c.power_kW ?? 0;
    check(Number.isFinite(this.power_kW) && this.power_kW >= 0, 'Pump', 'power_kW', this.power_kW);
    const s = (this.s = arena.alloc(SLOTS));
    s[ON] = (c.on ?? true) ? 1 : 0;
    s[CAP] = c.capacity_m3_h;
  }

  /** Actual flow of the last step, m³/h. */
  get flow_m3_h(): number {
    return this.s[Q]!;
  }
  get flow_m3_s(): number {
    return this.s[Q]! / S_PER_H;
  }
  get on(): boolean {
    return this.s[ON] === 1;
  }
  get tripped(): boolean {
    return this.s[TRIP] === 1;
  }
  /** Running: delivering flow. */
  get running(): boolean {
    return this.s[Q]! > 0;
  }
  /** Cumulative volume pumped, m³. */
  get volume_m3(): number {
    return this.s[VOL]!;
  }
  /** Cumulative energy, kWh. */
  get energy_kWh(): number {
    return this.s[KWH]!;
  }
  /** Cumulative running time, h. */
  get runtime_h(): number {
    return this.s[RUN]! / S_PER_H;
  }

  /**
   * Advances by dt_s with a command (percent of capacity, or m³/h, per config; a non-finite
   * command counts as zero) and returns the actual flow in m³/h.
   */
  update(dt_s: number, command: number): number {
    const s = this.s;
    const cap = s[CAP]!;
    let target = 0;
    if (s[ON] === 1 && s[TRIP] === 0 && Number.isFinite(command)) {
      target = clamp(this.percent ? (command / 100) * cap : command, 0, cap);
    }
    let q = s[Q]!;
    if (s[TRIP] === 1) q = 0;
    else if (this.ramp_s > 0 && dt_s > 0) {
      const dq = (cap * dt_s) / this.ramp_s;
      q = clamp(target, q - dq, q + dq);
    } else q = target;
    q = clamp(q, 0, cap);
    s[Q] = q;
    if (dt_s > 0) {
      s[VOL] = s[VOL]! + (q * dt_s) / S_PER_H;
      s[KWH] = s[KWH]! + (this.power_kW * (q / cap) * dt_s) / S_PER_H;
      if (q > 0) s[RUN] = s[RUN]! + dt_s;
    }
    return q;
  }

  get(name: string): SettableValue | undefined {
    const s = this.s;
    switch (name) {
      case 'on': return s[ON] === 1;
      case 'tripped': return s[TRIP] === 1;
      case 'reset': return false;
      case 'capacity_m3_h': return s[CAP]!;
      default: return undefined;
    }
  }

  /**
   * Runtime-settable: on (boolean), tripped (boolean; a trainer's fault, true stops the pump at
   * once), reset (true clears a trip), capacity_m3_h (number > 0, e.g. a worn pump).
   */
  set(name: string, value: SettableValue): boolean {
    const s = this.s;
    if (name === 'capacity_m3_h') {
      const x = finite(value);
      if (x === undefined || !(x > 0) || !within(x, FLOW_SETTING)) return false;
      s[CAP] = x;
      if (s[Q]! > x) s[Q] = x;
      return true;
    }
    const b = flag(value);
    if (b === undefined) return false;
    switch (name) {
      case 'on':
        s[ON] = b ? 1 : 0;
        return true;
      case 'tripped':
        s[TRIP] = b ? 1 : 0;
        if (b) s[Q] = 0;
        return true;
      case 'reset':
        if (b) s[TRIP] = 0;
        return true;
      default:
        return false;
    }
  }

  range(name: string): Range | undefined {
    return name === 'capacity_m3_h' ? FLOW_SETTING : undefined;
  }
}
