import type { StateArena } from '../arena.ts';
import { check, finite, flag, type Settable, type SettableValue } from './settable.ts';

/** Which deviations of a loop's reading from its set-point raise an alarm: a dosing loop's `deviation_alarms`. */
export const DEVIATION_ALARM_SIDES = ['both', 'below', 'above', 'none'] as const;

/** What happened to an alarm: the simulation logs these with the time and the alarm's id. */
export const AlarmEvent = { raise: 1, clear: 2, ack: 3 } as const;
export type AlarmEventKind = (typeof AlarmEvent)[keyof typeof AlarmEvent];

/** ISA-18.2 alarm states. */
export const AlarmState = {
  /** not in alarm, nothing to acknowledge */
  normal: 0,
  /** in alarm, not yet acknowledged */
  unacked: 1,
  /** in alarm, acknowledged */
  acked: 2,
  /** returned to normal before anyone acknowledged it */
  clearedUnacked: 3,
} as const;
export type AlarmStateCode = (typeof AlarmState)[keyof typeof AlarmState];

/** Where alarm events go; the simulation implements it (e.g. into preallocated arrays). */
export interface AlarmSink {
  record(t_s: number, alarm: number, kind: AlarmEventKind): void;
}

/** A sink that drops every event. */
export const nullAlarmSink: AlarmSink = { record: () => {} };

export interface AlarmConfig {
  /** the alarm's index, passed to the sink */
  id: number;
  /** high: alarms above the limit; low: below. High-high/low-low are further alarms with their own limits. */
  type: 'high' | 'low';
  limit: number;
  /** ≥ 0: a high alarm clears only below limit − deadband (a low one above limit + deadband) */
  deadband: number;
  /** the condition must hold this long before the alarm raises, s; default 0 */
  on_delay_s?: number;
  /** the return to normal must hold this long before the alarm clears, s; default 0 */
  off_delay_s?: number;
  /** 1 (highest) … 4 (lowest); default 3 */
  priority?: number;
}

const STATE = 0, ACTIVE = 1, TON = 2, TOFF = 3, LIMIT = 4, DB = 5, ONDLY = 6, OFFDLY = 7, TLAST = 8;
const SLOTS = 9;
const NAMES = ['limit', 'deadband', 'on_delay_s', 'off_delay_s', 'ack'] as const;

/**
 * A limit alarm with deadband, on/off delays and ISA-18.2 states:
 *   normal ─raise→ unacked ─ack→ acked ─clear→ normal
 *                  unacked ─clear→ clearedUnacked ─ack→ normal;  clearedUnacked ─raise→ unacked
 * A high alarm raises when value > limit has held for on_delay_s, and clears when
 * value < limit − deadband has held for off_delay_s.
 */
export class LimitAlarm implements Settable {
  readonly settable: readonly string[] = NAMES;
  readonly id: number;
  readonly high: boolean;
  readonly priority: number;
  private readonly s: Float64Array;
  private readonly sink: AlarmSink;

  constructor(arena: StateArena, config: AlarmConfig, sink: AlarmSink) {
    const c = config;
    const on = c.on_delay_s ?? 0, off = c.off_delay_s ?? 0;
    check(Number.isInteger(c.id), 'LimitAlarm', 'id', c.id);
    check(Number.isFinite(c.limit), 'LimitAlarm', 'limit', c.limit);
    check(Number.isFinite(c.deadband) && c.deadband >= 0, 'LimitAlarm', 'deadband', c.deadband);
    check(Number.isFinite(on) && on >= 0, 'LimitAlarm', 'on_delay_s', on);
    check(Number.isFinite(off) && off >= 0, 'LimitAlarm', 'off_delay_s', off);
    this.id = c.id;
    this.high = c.type === 'high';
    this.priority = c.priority ?? 3;
    this.sink = sink;
    const s = (this.s = arena.alloc(SLOTS));
    s[LIMIT] = c.limit;
    s[DB] = c.deadband;
    s[ONDLY] = on;
    s[OFFDLY] = off;
  }

  get state(): AlarmStateCode {
    return this.s[STATE] as AlarmStateCode;
  }
  /** The process condition is in alarm (after delays and deadband). */
  get active(): boolean {
    return this.s[ACTIVE] === 1;
  }
  /** Needs an operator's acknowledgement. */
  get unacknowledged(): boolean {
    const st = this.s[STATE];
    return st === AlarmState.unacked || st === AlarmState.clearedUnacked;
  }

  /** Advances by dt_s with the watched value; t_s is the time the sink records. Non-finite values are ignored. */
  update(dt_s: number, value: number, t_s: number): void {
    const s = this.s;
    s[TLAST] = t_s;
    if (!Number.isFinite(value)) return;
    const limit = s[LIMIT]!;
    if (s[ACTIVE] === 0) {
      const over = this.high ? value > limit : value < limit;
      if (!over) {
        s[TON] = 0;
        return;
      }
      s[TON] = s[TON]! + dt_s;
      if (s[TON]! < s[ONDLY]!) return;
      s[TON] = 0;
      s[ACTIVE] = 1;
      s[STATE] = AlarmState.unacked;
      this.sink.record(t_s, this.id, AlarmEvent.raise);
    } else {
      const back = this.high ? value < limit - s[DB]! : value > limit + s[DB]!;
      if (!back) {
        s[TOFF] = 0;
        return;
      }
      s[TOFF] = s[TOFF]! + dt_s;
      if (s[TOFF]! < s[OFFDLY]!) return;
      s[TOFF] = 0;
      s[ACTIVE] = 0;
      s[STATE] = s[STATE] === AlarmState.acked ? AlarmState.normal : AlarmState.clearedUnacked;
      this.sink.record(t_s, this.id, AlarmEvent.clear);
    }
  }

  /** Acknowledges at t_s; returns false when there is nothing to acknowledge. */
  acknowledge(t_s: number): boolean {
    const s = this.s;
    if (s[STATE] === AlarmState.unacked) s[STATE] = AlarmState.acked;
    else if (s[STATE] === AlarmState.clearedUnacked) s[STATE] = AlarmState.normal;
    else return false;
    this.sink.record(t_s, this.id, AlarmEvent.ack);
    return true;
  }

  get(name: string): SettableValue | undefined {
    const s = this.s;
    switch (name) {
      case 'limit': return s[LIMIT]!;
      case 'deadband': return s[DB]!;
      case 'on_delay_s': return s[ONDLY]!;
      case 'off_delay_s': return s[OFFDLY]!;
      case 'ack': return !this.unacknowledged;
      default: return undefined;
    }
  }

  /**
   * Runtime-settable: limit, deadband, on_delay_s, off_delay_s (numbers), ack (true acknowledges,
   * stamped with the time of the last update; it is accepted even when nothing was pending).
   */
  set(name: string, value: SettableValue): boolean {
    const s = this.s;
    if (name === 'ack') {
      if (flag(value) !== true) return false;
      this.acknowledge(s[TLAST]!);
      return true;
    }
    const x = finite(value);
    if (x === undefined) return false;
    switch (name) {
      case 'limit': s[LIMIT] = x; return true;
      case 'deadband':
      case 'on_delay_s':
      case 'off_delay_s':
        if (x < 0) return false;
        s[name === 'deadband' ? DB : name === 'on_delay_s' ? ONDLY : OFFDLY] = x;
        return true;
      default:
        return false;
    }
  }
}
