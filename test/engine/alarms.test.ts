import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { defaultParkJson, model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';
import { ORP_PROBE, crReduction, loop, pid } from '../fixtures/reactors.ts';

function chromiumLine() {
  return compile(
    model(
      [
        steadyInfluent('in', 20, { Cr6: 60, SO4: 250, Na: 40 }, { pH: param(3) }),
        crReduction('red', 12, loop('NaHSO3', 0.3, 1.3, 40, pid(300, 0.15, 600, 'direct'), ORP_PROBE)),
        unit('out', 'discharge'),
      ],
      [stream('in.out', 'red.in'), stream('red.out', 'out.in')],
    ),
    { file: 'cr-alarms' },
  );
}

describe('alarms', () => {
  it('raise when an acid pump trips and the pH leaves its band, with the simulated time, and clear after a reset', () => {
    const sim = createSimulation(chromiumLine(), { duration_s: 86400 });
    sim.run(6 * 3600);
    expect(sim.summary().alarms).toEqual([]);
    sim.act({ unit: 'red', set: 'acid.pump.tripped', value: true });
    sim.run(2 * 3600);
    const active = sim.summary().alarms;
    expect(active.map((a) => [a.tag, a.priority, a.state])).toEqual([
      ['acid.pump_tripped', 1, 'unacknowledged'],
      ['acid.high', 2, 'unacknowledged'],
    ]);
    expect(active[0]!.message.zh).toContain('加药泵跳闸');
    const raised = sim.alarmEvents().filter((e) => e.kind === 'raise');
    expect(raised[0]!.t_s).toBe(6 * 3600 + 60); // the first step after the trip
    // the pH climbs from 2.5 toward the influent's 3 and beyond the 0.5 band only after a while, then holds 5 min
    expect(raised[1]!.t_s).toBeGreaterThan(6 * 3600 + 300);
    // each active alarm says when its episode began
    expect(active[0]!.since_s).toBe(raised[0]!.t_s);
    expect(active[1]!.since_s).toBe(raised[1]!.t_s);

    expect(sim.acknowledge('red')).toBe(2);
    expect(sim.summary().alarms.every((a) => a.state === 'acknowledged')).toBe(true);
    sim.act({ unit: 'red', set: 'acid.pump.reset', value: true });
    sim.run(3 * 3600);
    expect(sim.summary().alarms).toEqual([]);
    expect(sim.alarmEvents().map((e) => e.kind)).toEqual(['raise', 'raise', 'ack', 'ack', 'clear', 'clear']);
  });

  it('are part of a snapshot: a restore forgets the alarms raised after it', () => {
    const sim = createSimulation(chromiumLine(), { duration_s: 86400 });
    sim.run(3600);
    const snap = sim.snapshot();
    sim.act({ unit: 'red', set: 'acid.pump.tripped', value: true });
    sim.run(3600);
    expect(sim.summary().alarms.length).toBeGreaterThan(0);
    sim.restore(snap);
    expect(sim.summary().alarms).toEqual([]);
    expect(sim.alarmEvents()).toEqual([]);
  });

  it('stay quiet on the default park in normal operation (rinses only, no spent bath dumped): no priority-1 alarm in two days', () => {
    const sim = createSimulation(compile(withoutRandomDumps(), { file: 'models/default-park.json' }), { duration_s: 2 * 86400 });
    sim.run(2 * 86400);
    expect(sim.alarmEvents().filter((e) => e.priority === 1)).toEqual([]);
  });

  it('stay inside their tanks in a month of normal operation: no equalization tank spills to the emergency tank, the comprehensive one never alarms high', () => {
    // the comprehensive tank takes the plant's returns too (backwash, supernatant, filtrate): its pump's nominal flow must
    // include them, or the level loop's offset holds it high and the daily sand backwash spills it
    const sim = createSimulation(compile(withoutRandomDumps(), { file: 'models/default-park.json' }), { duration_s: 30 * 86400, output_interval_s: 3600 });
    sim.run(30 * 86400);
    const info = sim.channelInfo(), d = sim.channelData();
    const max = (id: string) => Math.max(...d.max[info.findIndex((c) => c.id === id)]!);
    const mean = (id: string) => d.mean[info.findIndex((c) => c.id === id)]!.reduce((a, b) => a + b, 0) / d.count;
    expect(max('mix-overflow.out/flow_m3_h')).toBe(0);
    expect(max('emergency.fill_pct')).toBe(0);
    expect(max('eq-mx.fill_pct')).toBeLessThan(90);
    expect(mean('eq-mx.fill_pct')).toBeCloseTo(50, -1);
    expect(sim.alarmEvents().filter((e) => e.unit === 'eq-mx')).toEqual([]);
  });

  it('raise the HCN hazard when a spent cyanide bath outruns the hypochlorite pumps, and clear it as the bath ebbs', () => {
    const sim = createSimulation(compile(withoutRandomDumps(), { file: 'models/default-park.json' }), { duration_s: 3 * 86400 });
    const hazards = () => sim.alarmEvents().filter((e) => e.tag === 'hcn_hazard');
    sim.run(12 * 3600);
    // a small dump (2 m³ at 10× the rinse) is absorbed: the equalization tank spreads it, the pumps keep up
    sim.dump({ unit: 'inf-cn', volume_m3: 2, factor: 10, duration_s: 1800 });
    sim.run(12 * 3600);
    expect(hazards()).toEqual([]);
    // 10 m³ at 100× needs ≈ 230 kg of NaOCl; the stages' pumps give 9.2 kg/h each
    sim.dump({ unit: 'inf-cn', volume_m3: 10, factor: 100, duration_s: 1800 });
    sim.run(24 * 3600);
    // the second stage's acid loop holds pH 8.5, the hazard's threshold: as the cyanide passes, the pH dips below it
    // (more than once) and the flag follows it
    const events = hazards();
    expect(events[0]).toMatchObject({ unit: 'cn-2', kind: 'raise', priority: 1 });
    expect(events[0]!.t_s - 24 * 3600).toBeLessThan(3 * 3600);
    expect(events.map((e) => e.kind)).toEqual(events.map((_, i) => (i % 2 === 0 ? 'raise' : 'clear')));
    expect(events.length % 2).toBe(0);
    let raised_s = 0;
    for (let i = 0; i + 1 < events.length; i += 2) raised_s += events[i + 1]!.t_s - events[i]!.t_s;
    expect(raised_s).toBeGreaterThan(3600);
    expect(events.at(-1)!.t_s - 24 * 3600).toBeLessThan(12 * 3600);
  });

  it('raise no HCN hazard when the same bath goes into the spent-bath main: the tank bleeds it into the cyanide line over days', () => {
    const sim = createSimulation(compile(withoutRandomDumps(), { file: 'models/default-park.json' }), { duration_s: 3 * 86400, output_interval_s: 3600 });
    sim.run(12 * 3600);
    sim.dump({ unit: 'inf-cn', volume_m3: 10, factor: 100, duration_s: 1800, into: 'spent' });
    sim.run(60 * 3600);
    expect(sim.alarmEvents().filter((e) => e.tag === 'hcn_hazard' || e.unit === 'spent-cn')).toEqual([]);
    const info = sim.channelInfo(), d = sim.channelData();
    const series = (id: string) => [...d.max[info.findIndex((c) => c.id === id)]!];
    // 10 m³ in 40 m³, bled at 0.15 m³/h: about 1 m³ (2.5 %) left after 60 h
    expect(Math.max(...series('spent-cn.fill_pct'))).toBeGreaterThan(24);
    expect(series('spent-cn.fill_pct').at(-1)).toBeGreaterThan(1.5);
    expect(series('spent-cn.fill_pct').at(-1)).toBeLessThan(4);
    // cyanide at the outfall stays within Table 3 (0.2 mg/L) throughout
    expect(Math.max(...series('final-ph.out/CN_total'))).toBeLessThan(0.2);
  });
});

/** The default park without its random spent-bath dumps: rinse water with its daily rhythm and noise. */
function withoutRandomDumps(): ReturnType<typeof defaultParkJson> {
  const park = defaultParkJson() as { units: { params: Record<string, unknown> }[] };
  for (const u of park.units) delete u.params['random_dumps'];
  return park as ReturnType<typeof defaultParkJson>;
}
