/** An influent replayed from measured data (a CSV) instead of its patterns and noise. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlant } from '../../src/cli/io.ts';
import { compile } from '../../src/engine/compile.ts';
import { ModelError } from '../../src/engine/errors.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { C } from '../../src/engine/components.ts';
import { parseReplayCsv, ReplayError } from '../../src/engine/units/replay.ts';
import { model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';
import { rinseAndDump } from '../fixtures/dumps.ts';

/** flow 10 → 30 → 10 m³/h and Cu 20 → 60 → 20 mg/L over hours 0, 1, 2 (a triangle): 40 m³ and 1.6 kg of Cu in 2 h */
const TRIANGLE = 't_h,flow_m3_h [m³/h],Cu [mg/L]\n0,10,20\n1,30,60\n2,10,20\n';

function replayPlant(replay: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return compile(
    model([steadyInfluent('in', 100, { Cu: 5, SO4: 50 }, { replay: param(replay), flow_cv: param(0.3), ...extra }), unit('out', 'discharge')], [stream('in.out', 'out.in')], {
      output_interval_s: param(60),
    }),
    { file: 'replay-model.json' },
  );
}

const channel = (sim: ReturnType<typeof createSimulation>, id: string) => sim.channelData().mean[sim.channelInfo().findIndex((c) => c.id === id)]!;

describe('an influent replayed from a CSV of measurements', () => {
  it('delivers exactly the measured volume and load (linear between samples), whatever the model’s own flow, patterns and noise', () => {
    const sim = createSimulation(replayPlant({ csv: TRIANGLE, after_end: 'hold' }), { duration_s: 2 * 3600, step_s: 60 });
    sim.run(2 * 3600);
    const s = sim.summary();
    // trapezoids: (10 + 30) / 2 × 1 h twice = 40 m³; the load ∫ q·c dt over the linear segments, exact at the step midpoints
    expect(s.flows_m3_d.influents['influent:in']! * (2 / 24)).toBeCloseTo(40, 6);
    const cu_g = s.massBalance.Cu.in_kg * 1000;
    // ∫ (10 + 20t)(20 + 40t) dt over t ∈ [0, 1] h, twice (the falling half mirrors the rising one)
    const exact = 2 * (10 * 20 + (10 * 40 + 20 * 20) / 2 + (20 * 40) / 3);
    expect(cu_g).toBeCloseTo(exact, -1);
    expect(Math.abs(cu_g - exact) / exact).toBeLessThan(1e-4);
    // minute by minute: 30 m³/h and 60 mg/L at the peak
    const flow = channel(sim, 'in.out/flow_m3_h');
    expect(flow[59]).toBeCloseTo(10 + 20 * (59.5 / 60), 4);
    expect(channel(sim, 'in.out/Cu_total')[60]).toBeCloseTo(60 - 40 * (0.5 / 60), 3);
    expect(s.worstClosure_rel).toBeLessThan(1e-12);
  });

  it('repeats the series after its end (the last sample followed by the first one interval later), or holds the last', () => {
    const run = (after_end: string) => {
      const sim = createSimulation(replayPlant({ csv: TRIANGLE, after_end }), { duration_s: 6 * 3600, step_s: 60 });
      sim.run(6 * 3600);
      return channel(sim, 'in.out/flow_m3_h');
    };
    const repeat = run('repeat');
    // a 3-hour cycle: hour 3 is hour 0 again, hour 4 is hour 1
    expect(repeat[3 * 60 + 30]).toBeCloseTo(repeat[30]!, 6);
    expect(repeat[4 * 60 + 5]).toBeCloseTo(repeat[65]!, 6);
    // between the last sample (hour 2, 10 m³/h) and the next cycle's first (hour 3, 10 m³/h)
    expect(repeat[2 * 60 + 30]).toBeCloseTo(10, 6);
    const hold = run('hold');
    expect(hold[5 * 60]).toBeCloseTo(10, 9);
  });

  it('scales the measured flows by the runtime flow setting, and still takes dumps at the replayed strength', () => {
    const sim = createSimulation(replayPlant({ csv: 't_h,flow_m3_h\n0,50\n1,50\n' }), { duration_s: 4 * 3600, step_s: 60 });
    sim.run(3600);
    sim.act({ unit: 'in', set: 'flow_m3_h', value: 200 });
    sim.dump({ unit: 'in', volume_m3: 5, factor: 10, duration_s: 1800 });
    sim.run(3600);
    const flow = channel(sim, 'in.out/flow_m3_h');
    expect(flow[30]).toBeCloseTo(50, 9);
    // twice the model's 100 m³/h: twice the measured flow, plus the dump's 10 m³/h for its half hour
    expect(flow[70]).toBeCloseTo(110, 9);
    expect(flow[100]).toBeCloseTo(100, 9);
    // a CSV of flows alone keeps the model's analysis: Cu 5 mg/L in the rinse, 10 × that in the dump
    const cu = channel(sim, 'in.out/Cu_total');
    expect(cu[100]).toBeCloseTo(5, 9);
    expect(cu[70]).toBeCloseTo((100 * 5 + 10 * 50) / 110, 6);
    expect(sim.summary().worstClosure_rel).toBeLessThan(1e-12);
  });

  it('brings each sample to its measured pH by the charge balance', () => {
    const sim = createSimulation(replayPlant({ csv: 't_h,flow_m3_h,pH,Cu\n0,10,3,20\n1,10,11,20\n' }), { duration_s: 2 * 3600, step_s: 60 });
    sim.run(2 * 3600);
    // the outfall's analyser (a reading every 5 min) reads the acid sample, then the alkaline one an hour later
    const pH = channel(sim, 'out.pH');
    expect(pH[2]!).toBeGreaterThan(2.9);
    expect(pH[2]!).toBeLessThan(3.2);
    expect(pH[61]!).toBeGreaterThan(10.5);
    expect(pH[61]!).toBeLessThan(11.05);
  });

  it('keeps the make-up water\'s hardness unscaled under a dump, as the model\'s own rinse does, where the samples are brought to a pH', () => {
    const { sim, rinse, dumped } = rinseAndDump(
      steadyInfluent('in', 100, { Cu: 5, SO4: 50, Ca: 40, Mg: 10 }, { replay: param({ csv: 't_h,flow_m3_h,pH,Cu\n0,50,5,20\n1,50,5,20\n' }) }),
      { volume_m3: 25, factor: 10, duration_s: 1800 },
      600,
    );
    // 50 m³/h of rinse and 50 of the dump at 10×: copper 5.5-fold, the hardness as it was
    expect(dumped[C.Cu]! / rinse[C.Cu]!).toBeCloseTo(5.5, 9);
    expect(rinse[C.Ca]!).toBeCloseTo(40, 9);
    expect(dumped[C.Ca]!).toBeCloseTo(40, 9);
    expect(dumped[C.Mg]!).toBeCloseTo(10, 9);
    expect(sim.summary().worstClosure_rel).toBeLessThan(1e-12);
  });

  it('reads its CSV beside the model on the command line, and names the file, the line and the column of a bad cell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const m = model([steadyInfluent('in', 100, { Cu: 5 }, { replay: param({ file: 'data/in.csv' }) }), unit('out', 'discharge')], [stream('in.out', 'out.in')]);
    writeFileSync(join(dir, 'plant.json'), JSON.stringify(m));
    expect(() => loadPlant(join(dir, 'plant.json'), undefined)).toThrow(/plant\.json: units\[0\]\.params\.replay\.value\.file: cannot read ".*data\/in\.csv"/);
    writeFileSync(join(dir, 'in.csv'), '');
    const ok = model([steadyInfluent('in', 100, { Cu: 5 }, { replay: param({ file: 'in.csv' }) }), unit('out', 'discharge')], [stream('in.out', 'out.in')]);
    writeFileSync(join(dir, 'plant.json'), JSON.stringify(ok));
    writeFileSync(join(dir, 'in.csv'), '# inf-cu, online monitoring\ntime;flow_m3_h;Cu\n2025-03-10 08:00;12;4\n2025-03-10 08:05;13;x\n');
    expect(() => loadPlant(join(dir, 'plant.json'), undefined)).toThrow(/units\[0\]\.params\.replay\.value\.csv: in\.csv: line 4, column "Cu": "x" is not a number/);
    writeFileSync(join(dir, 'in.csv'), 'time;flow_m3_h;Cu\n2025-03-10 08:00;12;4\n2025-03-10 08:05;13;5\n');
    const { plant } = loadPlant(join(dir, 'plant.json'), undefined);
    const sim = createSimulation(plant, { duration_s: 600, step_s: 60, output_interval_s: 60 });
    sim.run(600);
    expect(channel(sim, 'in.out/flow_m3_h')[0]).toBeCloseTo(12 + (0.5 / 5) * 1, 6);
  });

  it('refuses a CSV that cannot be replayed, with the reason and where', () => {
    const bad = (csv: string) => {
      try {
        replayPlant({ csv, file: 'in.csv' });
      } catch (err) {
        if (err instanceof ModelError) return err.message;
        throw err;
      }
      return 'accepted';
    };
    expect(bad('flow_m3_h,Cu\n1,2\n3,4\n')).toMatch(/replay\.value\.csv: in\.csv: line 1: no time column/);
    expect(bad('t_h,Cu\n0,1\n1,2\n')).toMatch(/no "flow_m3_h" column/);
    expect(bad('t_h,flow_m3_h,Nickel\n0,1,2\n1,1,2\n')).toMatch(/column "Nickel" is neither/);
    expect(bad('t_h,flow_m3_h\n0,1\n0,2\n')).toMatch(/line 3: time does not advance/);
    expect(bad('t_h,flow_m3_h\n0,1\n1,-2\n')).toMatch(/line 3, column "flow_m3_h": -2 is outside/);
    expect(bad('t_h,flow_m3_h\n0,1\n1,\n')).toMatch(/line 3, column "flow_m3_h": empty/);
    expect(bad('t_h,flow_m3_h\n0,1\n')).toMatch(/at least 2 samples are needed, the file has 1/);
    expect(bad('t_h,flow_m3_h,pH\n0,1,7\n1,1,15\n')).toMatch(/pH 0 … 14/);
    expect(bad('t_h,flow_m3_h\n0,1,2\n1,1\n')).toMatch(/line 2: 3 values for 2 columns/);
    // a date that does not exist is refused, not rolled into the next month or day
    expect(bad('time,flow_m3_h\n2025-02-28 23:00,1\n2025-02-30 08:00,1\n')).toMatch(/line 3, column "time": "2025-02-30 08:00" is not a real date and time/);
    expect(bad('time,flow_m3_h\n2025-03-10 23:00,1\n2025-03-10 24:30,1\n')).toMatch(/line 3, column "time": "2025-03-10 24:30" is not a real date and time/);
    expect(bad('time,flow_m3_h\n2025.03.10 08:00,1\n2025.03.10 09:00,1\n')).toMatch(/line 2, column "time": "2025\.03\.10 08:00" is not a time like 2025-03-10 08:00/);
    // a model whose replay names a file nobody read
    expect(() => replayPlant({ file: 'in.csv' })).toThrow(/replay\.value\.file: the CSV "in\.csv" was not read/);
  });
});

describe('replay CSV times', () => {
  it('read as a spreadsheet set to Chinese writes them (2025/3/10 8:00) the same as ISO-like ones', () => {
    const iso = parseReplayCsv('time,flow_m3_h\n2025-03-10 08:00,10\n2025-03-10 09:30,12\n2025-03-11 00:00,11\n');
    const zh = parseReplayCsv('time,flow_m3_h\n2025/3/10 8:00,10\n2025/3/10 9:30,12\n2025/3/11 0:00,11\n');
    expect([...zh.t_s]).toEqual([...iso.t_s]);
    expect([...zh.t_s]).toEqual([0, 5400, 57600]);
  });
});

describe('replay CSVs that are not what they should be', () => {
  it('are refused with a reason, never a crash or a NaN, whatever their text (2,000 random mutations of a good file)', () => {
    const good = 't_h,flow_m3_h,pH,Ni,Cu\n0,10,6,40,1\n1,12,6.5,45,1.5\n2,11,6.2,42,1.2\n';
    const pieces = ['', ',', ';', '\t', '\n', '#', '-1', '1e309', 'NaN', 'x', ' ', '0', '2025-03-10 08:00', 'time', 't_h', 'flow_m3_h', 'Ni', 'pH', '[m³/h]', '99', '1e6', '"', '\r\n'];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let accepted = 0;
    for (let k = 0; k < 2000; k++) {
      let text = good;
      for (let m = 0, edits = 1 + rand(4); m < edits; m++) {
        const at = rand(text.length + 1);
        const cut = rand(4);
        text = text.slice(0, at) + pieces[rand(pieces.length)]! + text.slice(at + cut);
      }
      let series: ReturnType<typeof parseReplayCsv> | undefined;
      try {
        series = parseReplayCsv(text);
      } catch (err) {
        expect(err, text).toBeInstanceOf(ReplayError);
        expect((err as Error).message.length).toBeGreaterThan(5);
        continue;
      }
      accepted++;
      for (const a of [series.t_s, series.flow_m3_s, series.conc_mg_L, series.pH ?? new Float64Array(0)]) for (const v of a) expect(Number.isFinite(v), text).toBe(true);
      expect(series.period_s).toBeGreaterThan(0);
    }
    // some mutations leave a good file (a changed number, an added comment), most do not
    expect(accepted).toBeGreaterThan(20);
  });
});
