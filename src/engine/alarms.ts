/**
 * The plant's alarm log: units define limit alarms (control/alarm.ts) through it, it records every
 * raise, clear and acknowledgement with the simulated time, and it answers what is in alarm now.
 * Alarm states live in the arena with the alarms; the event list is truncated on restore, like the
 * action log.
 */
import type { StateArena } from './arena.ts';
import { AlarmEvent, AlarmState, LimitAlarm, type AlarmConfig, type AlarmEventKind, type AlarmSink } from './control/index.ts';
import type { ActiveAlarm, AlarmRecord } from './api.ts';

interface AlarmDef {
  unit: string;
  tag: string;
  priority: number;
  message: { en: string; zh: string };
  alarm: LimitAlarm;
}

const KIND: Record<AlarmEventKind, AlarmRecord['kind']> = { [AlarmEvent.raise]: 'raise', [AlarmEvent.clear]: 'clear', [AlarmEvent.ack]: 'ack' };
const STATE: Record<number, ActiveAlarm['state']> = { [AlarmState.unacked]: 'unacknowledged', [AlarmState.acked]: 'acknowledged', [AlarmState.clearedUnacked]: 'cleared, unacknowledged' };

export class AlarmLog implements AlarmSink {
  private readonly defs: AlarmDef[] = [];
  readonly events: AlarmRecord[] = [];
  private readonly arena: StateArena;

  constructor(arena: StateArena) {
    this.arena = arena;
  }

  /** A limit alarm on a unit; `tag` names it within the unit (e.g. `acid.pH_high`). */
  define(unit: string, tag: string, message: { en: string; zh: string }, config: Omit<AlarmConfig, 'id'>): LimitAlarm {
    const alarm = new LimitAlarm(this.arena, { ...config, id: this.defs.length }, this);
    this.defs.push({ unit, tag, priority: alarm.priority, message, alarm });
    return alarm;
  }

  record(t_s: number, alarm: number, kind: AlarmEventKind): void {
    const d = this.defs[alarm]!;
    this.events.push({ t_s, unit: d.unit, tag: d.tag, priority: d.priority, kind: KIND[kind], message: d.message });
  }

  /** Alarms that are active or still want an acknowledgement, highest priority first. */
  active(): ActiveAlarm[] {
    const pending = this.defs.filter((d) => d.alarm.state !== AlarmState.normal);
    // when each episode began: the latest raise of that alarm in the event log
    const since = new Map<string, number>();
    for (let i = this.events.length - 1; i >= 0 && since.size < pending.length; i--) {
      const e = this.events[i]!;
      const key = `${e.unit}\u0000${e.tag}`;
      if (e.kind === 'raise' && !since.has(key)) since.set(key, e.t_s);
    }
    return pending
      .map((d) => ({
        unit: d.unit, tag: d.tag, priority: d.priority, message: d.message, state: STATE[d.alarm.state]!, inAlarm: d.alarm.active,
        since_s: since.get(`${d.unit}\u0000${d.tag}`) ?? 0,
      }))
      .sort((a, b) => a.priority - b.priority || b.since_s - a.since_s);
  }

  /** Whether unit `unit` has an alarm `tag`. */
  has(unit: string, tag: string): boolean {
    return this.defs.some((d) => d.unit === unit && d.tag === tag);
  }

  /** The tags of a unit's alarms. */
  tagsOf(unit: string): string[] {
    return this.defs.filter((d) => d.unit === unit).map((d) => d.tag);
  }

  /** Acknowledges a unit's alarms (one tag, or all of them); returns how many were acknowledged. */
  acknowledge(t_s: number, unit: string, tag?: string): number {
    let n = 0;
    for (const d of this.defs) if (d.unit === unit && (tag === undefined || d.tag === tag) && d.alarm.acknowledge(t_s)) n++;
    return n;
  }
}
