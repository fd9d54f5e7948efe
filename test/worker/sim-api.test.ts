import '@vitest/web-worker';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileText } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { RowRing } from '../../src/state/rowRing.ts';
import type { RowBlock, SimUpdate } from '../../src/worker/api.ts';
import { connectWorker, type SimClient } from '../../src/worker/client.ts';
import { connectDirect } from '../../src/worker/direct.ts';

const MODEL_FILE = 'models/default-park.json';
const modelText = readFileSync(new URL('../../models/default-park.json', import.meta.url), 'utf8');
const DAY = 86_400;

const engines: [string, () => SimClient][] = [
  ['direct', () => connectDirect()],
  ['worker', () => connectWorker(new Worker(new URL('../../src/worker/sim.worker.ts', import.meta.url), { type: 'module' }))],
];

/** Same bits, not just close: float32 arrays compared as their raw words. */
function bits(a: Float32Array | Float64Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4));
}

function channelOf(b: RowBlock, kind: 'min' | 'mean' | 'max', c: number): Float32Array {
  return b[kind].subarray(c * b.count, (c + 1) * b.count);
}

describe.each(engines)('simulation API (%s)', (_name, connect) => {
  let sim: SimClient;
  let updates: SimUpdate[];
  let ring: RowRing;

  const nextUpdate = (pred: (u: SimUpdate) => boolean): Promise<SimUpdate> =>
    new Promise((resolve) => {
      const off = sim.onUpdate((u) => {
        if (pred(u)) {
          off();
          resolve(u);
        }
      });
    });

  const loadDefault = async () => {
    const r = await sim.load(modelText, MODEL_FILE);
    if (!r.ok) throw new Error(r.error.message);
    ring.reset(r.model.channels.length);
    await sim.setSpeed('max');
    return r.model;
  };

  beforeEach(() => {
    sim = connect();
    updates = [];
    ring = new RowRing(1 << 14);
    sim.onUpdate((u) => {
      updates.push(u);
      if (u.rowCount < ring.total) ring.truncate(u.rowCount);
      if (u.rows) ring.append(u.rows);
    });
  });
  afterEach(async () => {
    await sim.dispose();
  });

  it('loads the default park and describes its units, streams and channels', async () => {
    const model = await loadDefault();
    expect(model.file).toBe(MODEL_FILE);
    expect(model.modelName).toMatch(/plating park/i);
    expect(model.name.zh).toMatch(/电镀园区/);
    expect(model.units.length).toBeGreaterThanOrEqual(10);
    expect(model.streams.length).toBeGreaterThanOrEqual(model.units.length - 1);
    expect(model.channels.length).toBeGreaterThan(10);
    expect(model.step_s).toBe(60);
    expect(model.duration_s).toBe(30 * DAY);
    expect(model.start_iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect((await sim.state()).status).toBe('idle');
  });

  it('runs 2 simulated days in chunks: progress climbs to 1 and the books close', async () => {
    await loadDefault();
    const end = await sim.run(2 * DAY);
    expect(end.status).toBe('done');
    expect(end.t_s).toBe(2 * DAY);
    const st = await sim.state();
    expect(st.chunks).toBeGreaterThan(1);
    expect(st.steps).toBe((2 * DAY) / 60);

    const progress = updates.filter((u) => u.status === 'running' || u.status === 'done').map((u) => u.progress);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] ?? 0);
    const last = updates[updates.length - 1];
    expect(last?.status).toBe('done');
    expect(last?.progress).toBe(1);

    const s = last?.summary ?? (await sim.summary());
    expect(s).not.toBeNull();
    if (!s) return;
    expect(s.days).toBeCloseTo(2, 10);
    expect(s.worstClosure_rel).toBeLessThanOrEqual(1e-9);
    expect(s.massBalance.Ni_total?.in_kg).toBeGreaterThan(1);
    for (const [, b] of Object.entries(s.massBalance)) expect(b.closure_rel).toBeLessThanOrEqual(1e-9);
    const inflow = Object.values(s.flows_m3_d.influents).reduce((a, b) => a + b, 0);
    // default park: ≈ 3,000 m³/d of rinse water
    expect(inflow).toBeGreaterThan(1500);
    expect(inflow).toBeLessThan(6000);
  });

  it('pauses between chunks and resumes to the same target', async () => {
    await loadDefault();
    // paced to ~1 s of wall time so the pause surely lands mid-run
    await sim.setSpeed(20 * DAY);
    const running = sim.run(20 * DAY);
    await nextUpdate((u) => u.status === 'running' && u.steps > 0);
    const paused = await sim.pause();
    const end = await running;
    expect(end.status).toBe('paused');
    expect(end.t_s).toBeGreaterThan(0);
    expect(end.t_s).toBeLessThan(20 * DAY);
    expect(end.t_s).toBe(paused.t_s);
    await new Promise((r) => setTimeout(r, 60));
    expect((await sim.state()).t_s).toBe(end.t_s);
    await sim.setSpeed('max');
    const done = await sim.resume();
    expect(done.status).toBe('done');
    expect(done.t_s).toBe(20 * DAY);
    expect(updates[updates.length - 1]?.progress).toBe(1);
  });

  it('paces a run at the chosen speed (simulated seconds per wall second)', async () => {
    await loadDefault();
    await sim.setSpeed(216_000); // 6 h of plant time in 100 ms
    const t0 = performance.now();
    const end = await sim.run(6 * 3600);
    const wall = performance.now() - t0;
    expect(end.status).toBe('done');
    expect(wall).toBeGreaterThanOrEqual(90);
    expect(wall).toBeLessThan(3000);
    expect((await sim.state()).speed).toBe(216_000);
  });

  it('applies operator actions between chunks, logs them with sim time and they take effect', async () => {
    await loadDefault();
    await sim.run(DAY / 2);
    const off = await sim.act({ unit: 'inf-cn', set: 'enabled', value: false });
    expect(off.ok).toBe(true);
    if (off.ok) expect(off.logged).toMatchObject({ unit: 'inf-cn', set: 'enabled', value: false, t_s: DAY / 2, source: 'operator' });
    const sp = await sim.act({ unit: 'eq-cn', set: 'level_setpoint_frac', value: 0.8 });
    expect(sp.ok).toBe(true);

    const units = await sim.units();
    expect(units.find((u) => u.id === 'eq-cn')?.settable.level_setpoint_frac).toBe(0.8);
    expect(units.find((u) => u.id === 'inf-cn')?.settable.enabled).toBe(false);

    // an action while a run is under way lands between two chunks (paced to ~0.5 s of wall time)
    await sim.setSpeed(20 * DAY);
    const running = sim.run(10 * DAY);
    await nextUpdate((u) => u.status === 'running' && u.t_s > DAY / 2);
    const mid = await sim.act({ unit: 'eq-cn', set: 'level_setpoint_frac', value: 0.6 });
    await running;
    expect(mid.ok).toBe(true);
    if (mid.ok) {
      expect(mid.logged.t_s).toBeGreaterThan(DAY / 2);
      expect(mid.logged.t_s).toBeLessThan(10.5 * DAY);
      expect(mid.logged.t_s % 60).toBe(0);
    }

    const s = await sim.summary();
    expect(s?.actions.filter((a) => a.source !== 'plant').map((a) => [a.unit, a.set, a.value])).toEqual([
      ['inf-cn', 'enabled', false],
      ['eq-cn', 'level_setpoint_frac', 0.8],
      ['eq-cn', 'level_setpoint_frac', 0.6],
    ]);

    // the cyanide rinse stops at 0.5 d: every row after that has zero flow, the rows before did not
    const model = await loadDefaultInfo();
    const c = model.channels.findIndex((ch) => ch.id === 'inf-cn.out/flow_m3_h');
    expect(c).toBeGreaterThanOrEqual(0);
    const t = ring.times();
    const mean = ring.series(c, 'mean');
    const max = ring.series(c, 'max');
    const before = [...mean].filter((_, i) => (t[i] ?? 0) <= DAY / 2);
    const after = [...max].filter((_, i) => (t[i] ?? 0) > DAY / 2 + model.output_interval_s);
    expect(before.length).toBeGreaterThan(10);
    expect(Math.min(...before)).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(10);
    expect(Math.max(...after)).toBe(0);

    const bad = await sim.act({ unit: 'eq-cn', set: 'no_such_setting', value: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.path).toContain('eq-cn');
      expect(bad.error.reason).toMatch(/no_such_setting/);
    }
  });

  it('injects a spent-bath dump between chunks: logged with sim time, the reduction tank sees the Cr(VI) peak and its dose rises', async () => {
    const model = await loadDefault();
    await sim.run(DAY);
    const crIn = () => ring.latest(model.channels.findIndex((c) => c.id === 'eq-cr.out/Cr6'), 'max');
    const dose = () => ring.latest(model.channels.findIndex((c) => c.id === 'cr-red.reductant.dose_kg_h'), 'max');
    const base = { cr6: crIn(), dose: dose() };
    const r = await sim.dump({ unit: 'inf-cr', volume_m3: 8, factor: 80, duration_s: 1800 });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.logged).toMatchObject({ unit: 'inf-cr', set: 'dump_m3', value: 8, factor: 80, duration_s: 1800, t_s: DAY, source: 'operator' });
    await sim.run(3600);
    expect(crIn()).toBeGreaterThan(2 * base.cr6);
    expect(dose()).toBeGreaterThan(2 * base.dose);
    const bad = await sim.dump({ unit: 'eq-cr', volume_m3: 8, factor: 80, duration_s: 1800 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.reason).toBe('unit "eq-cr" takes no dumps (only influents do)');
  });

  it('acknowledges alarms one at a time or all together, and the summary shows it', async () => {
    await loadDefault();
    await sim.run(DAY / 4);
    // the start-up transient leaves a couple of alarms waiting: the operator acknowledges them all
    const startup = ((await sim.summary())?.alarms ?? []).filter((a) => a.state !== 'acknowledged').length;
    expect(await sim.acknowledge()).toBe(startup);
    expect(await sim.acknowledge()).toBe(0);
    const tripped = await sim.act({ unit: 'precip', set: 'base.pump.tripped', value: true });
    expect(tripped.ok).toBe(true);
    await sim.run(2 * 3600);
    const raised = (await sim.summary())?.alarms ?? [];
    const trip = raised.find((a) => a.unit === 'precip' && a.tag === 'base.pump_tripped');
    expect(trip).toMatchObject({ priority: 1, state: 'unacknowledged', inAlarm: true });
    expect(trip!.since_s).toBe(DAY / 4 + 60);
    expect(await sim.acknowledge('precip', 'base.pump_tripped')).toBe(1);
    const after = (await sim.summary())?.alarms ?? [];
    expect(after.find((a) => a.tag === 'base.pump_tripped')?.state).toBe('acknowledged');
    const waiting = after.filter((a) => a.state !== 'acknowledged').length;
    expect(await sim.acknowledge()).toBe(waiting);
    expect(((await sim.summary())?.alarms ?? []).every((a) => a.state === 'acknowledged')).toBe(true);
    expect(await sim.acknowledge('no-such-unit')).toBe(0);
  });

  async function loadDefaultInfo() {
    // model info without replacing the running simulation: a fresh direct client is cheap
    const other = connectDirect();
    const r = await other.load(modelText, MODEL_FILE);
    await other.dispose();
    if (!r.ok) throw new Error(r.error.message);
    return r.model;
  }

  it('snapshot → run → restore → run continues bit for bit', async () => {
    await loadDefault();
    await sim.run(DAY / 2);
    const snap = await sim.snapshot();
    expect(snap).not.toBeNull();
    if (!snap) return;
    expect(snap.t_s).toBe(DAY / 2);

    await sim.run(DAY);
    const first = await sim.channelData(snap.rows);
    const streamedFirst = ring.series(0, 'mean').slice(snap.rows);

    const r = await sim.restore(snap.id);
    expect(r).toEqual({ ok: true, t_s: DAY / 2 });
    expect((await sim.state()).t_s).toBe(DAY / 2);
    await sim.run(DAY);
    const second = await sim.channelData(snap.rows);
    const streamedSecond = ring.series(0, 'mean').slice(snap.rows);

    expect(first && second).toBeTruthy();
    if (!first || !second) return;
    expect(second.count).toBe(first.count);
    expect(first.count).toBe(DAY / 300);
    expect(bits(second.t_s)).toEqual(bits(first.t_s));
    expect(bits(second.min)).toEqual(bits(first.min));
    expect(bits(second.mean)).toEqual(bits(first.mean));
    expect(bits(second.max)).toEqual(bits(first.max));
    // the streamed copy saw the truncation at restore and holds the same rows
    expect(ring.total).toBe(snap.rows + first.count);
    expect(bits(streamedSecond)).toEqual(bits(streamedFirst));
    expect(bits(streamedSecond)).toEqual(bits(channelOf(second, 'mean', 0)));

    expect((await sim.summary())?.worstClosure_rel).toBeLessThanOrEqual(1e-9);
    expect((await sim.restore(9999)).ok).toBe(false);
  });

  it('returns {file, path, reason} for a bad model and keeps the loaded one working', async () => {
    await loadDefault();
    await sim.run(DAY / 4);

    const text = await sim.load('{"format": ', 'broken.json');
    expect(text.ok).toBe(false);
    if (!text.ok) {
      expect(text.error.file).toBe('broken.json');
      expect(text.error.path).toBe('');
      expect(text.error.reason).toMatch(/JSON/);
      expect(text.error.message).toContain('broken.json');
    }

    const json = JSON.parse(modelText) as { units: { params: { volume_m3?: { value: number } } }[] };
    const eq = json.units[1]?.params.volume_m3;
    if (!eq) throw new Error('the default park changed: units[1] has no volume');
    eq.value = -5;
    const schema = await sim.load(json, 'bad-volume.json');
    expect(schema.ok).toBe(false);
    if (!schema.ok) {
      expect(schema.error).toMatchObject({ file: 'bad-volume.json', path: 'units[1].params.volume_m3.value' });
      expect(schema.error.reason.length).toBeGreaterThan(3);
    }

    const st = await sim.state();
    expect(st.t_s).toBe(DAY / 4);
    expect(st.status).toBe('done');
    const more = await sim.run(DAY / 4);
    expect(more).toMatchObject({ status: 'done', t_s: DAY / 2 });

    const again = await sim.load(modelText, MODEL_FILE);
    expect(again.ok).toBe(true);
    expect((await sim.state()).t_s).toBe(0);
  });

  it('streams exactly the rows the engine records', async () => {
    const model = await loadDefault();
    await sim.run(2 * DAY);

    const plant = compileText(modelText, { file: MODEL_FILE });
    const own = createSimulation(plant);
    own.run(2 * DAY);
    const ref = own.channelData(0);

    expect(ref.count).toBe((2 * DAY) / model.output_interval_s);
    expect(ring.total).toBe(ref.count);
    expect(ring.channels).toBe(ref.mean.length);
    expect(bits(ring.times())).toEqual(bits(ref.t_s));
    for (let c = 0; c < ref.mean.length; c++) {
      for (const kind of ['min', 'mean', 'max'] as const) {
        const want = ref[kind][c];
        if (!want) throw new Error(`no ${kind}[${c}]`);
        expect(bits(ring.series(c, kind)), `${kind} of ${model.channels[c]?.id}`).toEqual(bits(want));
      }
    }
    // and the pull path agrees with the push path
    const pulled = await sim.channelData(0);
    expect(pulled && bits(pulled.mean)).toEqual(bits(Float32Array.from({ length: ref.mean.length * ref.count }, (_, i) => ref.mean[Math.floor(i / ref.count)]?.[i % ref.count] ?? NaN)));
  });

  it('checks whether a scenario still applies to a model without loading it: null, or file, path and reason', async () => {
    await loadDefault();
    const good = { format: 'platingtwin/scenario@1', name: { en: 'Bigger', zh: '大' }, overrides: { 'eq-ni.volume_m3': 200 } };
    expect(await sim.checkScenario(modelText, MODEL_FILE, good, 'bigger.json')).toBeNull();
    const gone = { ...good, overrides: { 'eq-nowhere.volume_m3': 200 } };
    const err = await sim.checkScenario(modelText, MODEL_FILE, gone, 'gone.json');
    expect(err?.message).toBe('gone.json: overrides["eq-nowhere.volume_m3"]: the model has no unit "eq-nowhere"');
    // an event the plant refuses is found too, as building the run would find it
    const badEvent = { ...good, events: [{ kind: 'act', at: { day: 0, hour: 1 }, unit: 'eq-ni', set: 'pump_flow_m3_h', value: -5 }] };
    expect((await sim.checkScenario(modelText, MODEL_FILE, badEvent, 'event.json'))?.path).toBe('events[0].value');
    // nothing was loaded: the park runs on as it was
    expect((await sim.state()).status).toBe('idle');
    expect((await sim.units()).find((u) => u.id === 'eq-ni')?.params['volume_m3']?.value).not.toBe(200);
  });

  it("jar-tests a grab sample of a reactor's feed: the nickel line precipitates below Table 2 at its best pH; a bad request names its reason", async () => {
    expect(await sim.jar('ni-precip')).toBeNull(); // nothing loaded yet
    await loadDefault();
    await sim.run(DAY / 2);
    const r = await sim.jar('ni-precip');
    if (!r?.ok) throw new Error(`jar failed: ${JSON.stringify(r)}`);
    const jar = r.jar;
    expect(jar.unit).toBe('ni-precip');
    expect(jar.t_s).toBe(DAY / 2);
    expect(jar.flow_m3_h).toBeGreaterThan(1);
    expect(jar.pH[0]).toBe(2);
    expect(jar.pH.at(-1)).toBe(12.5);
    expect(jar.pH).toHaveLength(106);
    const ni = jar.elements.find((e) => e.id === 'Ni');
    expect(ni?.total_mg_L).toBeGreaterThan(5);
    expect(ni!.min_mg_L).toBeLessThan(0.5);
    expect(ni!.min_pH).toBeGreaterThan(8.5);
    expect(ni!.soluble_mg_L[0]).toBeGreaterThan(0.9 * ni!.total_mg_L); // pH 2 dissolves it all but what is complexed
    for (const e of jar.elements) for (const v of e.soluble_mg_L) expect(Number.isFinite(v)).toBe(true);

    const influent = await sim.jar('inf-ni');
    expect(influent?.ok).toBe(false);
    if (influent && !influent.ok) expect(influent.error.message).toMatch(/takes no water in/);
    // what an influent sends on is the raw rinse; the outfall sends nothing on
    const rinse = await sim.jar('inf-ni', { from: 'out' });
    if (!rinse?.ok) throw new Error(`jar failed: ${JSON.stringify(rinse)}`);
    expect(rinse.jar.from).toBe('out');
    expect(rinse.jar.elements.find((e) => e.id === 'Ni')!.total_mg_L).toBeGreaterThan(10);
    const outfall = await sim.jar('discharge', { from: 'out' });
    if (outfall && !outfall.ok) expect(outfall.error.message).toMatch(/sends no water on/);
    else throw new Error('the outfall was sampled downstream');
    const unknown = await sim.jar('nowhere');
    if (unknown && !unknown.ok) expect(unknown.error.message).toMatch(/no unit "nowhere"/);
    else throw new Error('an unknown unit was sampled');
    const range = await sim.jar('ni-precip', { range: { from: 6, to: 20, step: 0.5 } });
    if (range && !range.ok) expect(range.error.message).toMatch(/range: range 6–20 leaves pH 0–14/);
    else throw new Error('a sweep past pH 14 was taken');
    const dose = await sim.jar('ni-precip', { sulfideDose_mg_L: -1 });
    if (dose && !dose.ok) expect(dose.error.message).toMatch(/sulfideDose_mg_L: a sulfide dose must be 0–1000 mg\/L as S, got -1/);
    else throw new Error('a negative dose was taken');
  });

  it("exports a unit's channels as CSV, rows as recorded, and refuses a channel that does not exist", async () => {
    expect(await sim.exportCsv()).toBeNull(); // nothing loaded yet
    const model = await loadDefault();
    await sim.run(DAY / 2);
    const chosen = model.channels.flatMap((c, i) => (c.unit === 'eq-cr' ? [i] : []));
    expect(chosen.length).toBeGreaterThanOrEqual(3);
    const r = await sim.exportCsv(chosen);
    if (!r?.ok) throw new Error(`export failed: ${JSON.stringify(r)}`);
    const lines = r.csv.trim().split('\n');
    const rows = DAY / 2 / model.output_interval_s;
    expect(lines).toHaveLength(rows + 1);
    const head = lines[0]!.split(',');
    expect(head).toHaveLength(1 + 3 * chosen.length);
    expect(head[0]).toBe('t_h [h]');
    expect(head).toContain('eq-cr.level_m mean [m]');
    // the level column carries the streamed means, to the six figures the file keeps
    const col = head.indexOf('eq-cr.level_m mean [m]');
    const level = ring.series(model.channels.findIndex((c) => c.id === 'eq-cr.level_m'), 'mean');
    lines.slice(1).forEach((line, k) => {
      const cells = line.split(',');
      expect(Number(cells[0])).toBeCloseTo(((k + 1) * model.output_interval_s) / 3600, 9);
      expect(Number(cells[col])).toBeCloseTo(level[k]!, 4);
    });
    const bad = await sim.exportCsv([model.channels.length]);
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error.message).toMatch(new RegExp(`no channel ${model.channels.length}`));
  });

  it('applies a scenario file to the model: overrides and run settings, its events logged as scenario actions; a bad one names file, path and reason', async () => {
    const shipped = JSON.parse(readFileSync(new URL('../../models/scenarios/normal-operation.json', import.meta.url), 'utf8')) as object;
    const normal = await sim.loadScenario(modelText, MODEL_FILE, shipped, 'models/scenarios/normal-operation.json');
    if (!normal.ok) throw new Error(normal.error.message);
    expect(normal.model.file).toBe(MODEL_FILE);
    expect(normal.model.scenario).toEqual({
      file: 'models/scenarios/normal-operation.json',
      name: (shipped as { name: unknown }).name,
      description: (shipped as { description: unknown }).description,
      events: [],
    });
    expect(normal.model.duration_s).toBe(365 * DAY);
    const dumps = normal.model.units.find((u) => u.id === 'inf-cn')?.params['random_dumps'] as { value: { per_month: number } } | undefined;
    expect(dumps?.value.per_month).toBe(0);

    const scenario = {
      format: 'platingtwin/scenario@1',
      name: { en: 'two days, a pump change', zh: '两天，改泵量' },
      duration_days: 2,
      overrides: { 'eq-cr.volume_m3': 400 },
      events: [{ kind: 'act', at: { hour: 1 }, unit: 'eq-cr', set: 'pump_flow_m3_h', value: 25 }],
    };
    const r = await sim.loadScenario(modelText, MODEL_FILE, JSON.stringify(scenario), 'pump.json');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.model.duration_s).toBe(2 * DAY);
    expect(r.model.scenario?.events).toEqual([{ at_s: 3600, kind: 'act', action: { unit: 'eq-cr', set: 'pump_flow_m3_h', value: 25 } }]);
    expect((r.model.units.find((u) => u.id === 'eq-cr')?.params['volume_m3'] as { value: number }).value).toBe(400);
    await sim.setSpeed('max');
    await sim.run(2 * 3600);
    expect((await sim.summary())?.actions).toEqual([{ unit: 'eq-cr', set: 'pump_flow_m3_h', value: 25, t_s: 3600, source: 'scenario' }]);

    const bad = await sim.loadScenario(modelText, MODEL_FILE, { ...scenario, overrides: { 'no-such-tank.volume_m3': 1 } }, 'bad.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ file: 'bad.json', path: 'overrides["no-such-tank.volume_m3"]', reason: 'the model has no unit "no-such-tank"' });
    // the scenario loaded before runs on
    expect((await sim.state()).t_s).toBe(2 * 3600);
    expect((await sim.run(3600)).status).toBe('done');
  });
});
