import { describe, it, expect } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { Rng } from '../../../src/engine/rng.ts';
import { AlarmEvent, AlarmState, LimitAlarm, type AlarmEventKind, type AlarmSink } from '../../../src/engine/control/index.ts';

class Log implements AlarmSink {
  readonly events: { t_s: number; alarm: number; kind: AlarmEventKind }[] = [];
  record(t_s: number, alarm: number, kind: AlarmEventKind): void {
    this.events.push({ t_s, alarm, kind });
  }
  count(kind: AlarmEventKind): number {
    return this.events.filter((e) => e.kind === kind).length;
  }
}

describe('limit alarm', () => {
  function noisyAtLimit(deadband: number): Log {
    const arena = new StateArena();
    const rng = new Rng(arena, 7);
    const log = new Log();
    const a = new LimitAlarm(arena, { id: 3, type: 'high', limit: 0.5, deadband }, log);
    for (let k = 0; k < 10_000; k++) a.update(60, 0.5 + 0.02 * rng.normal(), k * 60); // Ni at its limit, σ = 0.02 mg/L
    return log;
  }

  it('with a deadband wider than the noise does not chatter on a value sitting at the limit', () => {
    const log = noisyAtLimit(0.1);
    expect(log.count(AlarmEvent.raise)).toBe(1);
    expect(log.count(AlarmEvent.clear)).toBe(0);
  });

  it('without a deadband it would chatter (what the deadband is for)', () => {
    expect(noisyAtLimit(0).count(AlarmEvent.raise)).toBeGreaterThan(1000);
  });

  it('follows the ISA-18.2 states through raise, acknowledge and clear, logging each event', () => {
    const log = new Log();
    const a = new LimitAlarm(new StateArena(), { id: 5, type: 'low', limit: 6, deadband: 0.2, priority: 1 }, log);
    a.update(60, 7, 60);
    expect(a.state).toBe(AlarmState.normal);
    expect(a.acknowledge(60)).toBe(false); // nothing to acknowledge
    a.update(60, 5.9, 120);
    expect(a.state).toBe(AlarmState.unacked);
    a.update(60, 6.1, 180); // inside the deadband: still active
    expect(a.active).toBe(true);
    expect(a.acknowledge(200)).toBe(true);
    expect(a.state).toBe(AlarmState.acked);
    a.update(60, 6.3, 240);
    expect(a.state).toBe(AlarmState.normal);
    a.update(60, 5, 300);
    a.update(60, 7, 360);
    expect(a.state).toBe(AlarmState.clearedUnacked);
    expect(a.unacknowledged).toBe(true);
    a.update(60, 5, 420); // returns before acknowledgement
    expect(a.state).toBe(AlarmState.unacked);
    a.update(60, 7, 480);
    expect(a.set('ack', true)).toBe(true); // by name, stamped with the last update's time
    expect(a.state).toBe(AlarmState.normal);
    expect(log.events).toEqual([
      { t_s: 120, alarm: 5, kind: AlarmEvent.raise },
      { t_s: 200, alarm: 5, kind: AlarmEvent.ack },
      { t_s: 240, alarm: 5, kind: AlarmEvent.clear },
      { t_s: 300, alarm: 5, kind: AlarmEvent.raise },
      { t_s: 360, alarm: 5, kind: AlarmEvent.clear },
      { t_s: 420, alarm: 5, kind: AlarmEvent.raise },
      { t_s: 480, alarm: 5, kind: AlarmEvent.clear },
      { t_s: 480, alarm: 5, kind: AlarmEvent.ack },
    ]);
    expect(a.priority).toBe(1);
  });

  it('the on-delay ignores excursions shorter than the delay', () => {
    const log = new Log();
    const a = new LimitAlarm(new StateArena(), { id: 0, type: 'high', limit: 10, deadband: 1, on_delay_s: 300 }, log);
    let t = 0;
    const feed = (v: number, steps: number): void => {
      for (let k = 0; k < steps; k++) a.update(60, v, (t += 60));
    };
    feed(12, 4); // 240 s over the limit
    feed(9, 1);
    feed(12, 4);
    expect(log.events.length).toBe(0);
    feed(12, 1); // 300 s in a row
    expect(log.events).toEqual([{ t_s: 600, alarm: 0, kind: AlarmEvent.raise }]);
  });

  it('the off-delay holds the alarm until the return to normal has lasted', () => {
    const log = new Log();
    const a = new LimitAlarm(new StateArena(), { id: 0, type: 'high', limit: 10, deadband: 0, off_delay_s: 180 }, log);
    a.update(60, 11, 60);
    for (let k = 0; k < 2; k++) a.update(60, 9, 120 + 60 * k);
    expect(a.active).toBe(true);
    a.update(60, 9, 240);
    expect(a.active).toBe(false);
  });

  it('settable limit, deadband and delays; unknown names rejected', () => {
    const a = new LimitAlarm(new StateArena(), { id: 0, type: 'high', limit: 10, deadband: 1 }, new Log());
    expect(a.set('limit', 12)).toBe(true);
    a.update(60, 11, 60);
    expect(a.active).toBe(false);
    expect(a.set('deadband', -1)).toBe(false);
    expect(a.set('ack', false)).toBe(false);
    expect(a.set('limt', 1)).toBe(false);
    for (const name of a.settable) expect(a.get(name)).not.toBeUndefined();
  });
});
