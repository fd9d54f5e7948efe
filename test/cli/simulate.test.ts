import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'platingtwin-cli-'));

describe('simulate command', () => {
  it('prints one JSON object with the model, days, steps, wall time, mass books and KPIs', async () => {
    const r = await runCli(['simulate', 'models/default-park.json', '--days', '3', '--seed', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as {
      model: string; days: number; steps: number; wall_s: number; seed: number;
      massBalance: Record<string, { in_kg: number; out_kg: Record<string, number>; inventory_kg: number; closure_rel: number }>;
      kpis: { flows_m3_d: { influents: Record<string, number> }; worstClosure_rel: number };
    };
    expect(out.model).toMatch(/Default plating park/);
    expect(out.days).toBe(3);
    expect(out.steps).toBe(3 * 1440);
    expect(out.seed).toBe(5);
    expect(out.wall_s).toBeGreaterThan(0);
    const ni = out.massBalance['Ni_total']!;
    expect(ni.in_kg).toBeGreaterThan(0);
    const out_kg = Object.values(ni.out_kg).reduce((x, y) => x + y, 0);
    expect(Object.keys(ni.out_kg)).toEqual(expect.arrayContaining(['effluent:discharge', 'reuse:reuse', 'cake:press', 'cake:ni-press']));
    expect(Math.abs(ni.in_kg - out_kg - ni.inventory_kg) / ni.in_kg).toBeLessThan(1e-9);
    expect(out.kpis.worstClosure_rel).toBeLessThan(1e-9);
    expect(Object.keys(out.kpis.flows_m3_d.influents)).toHaveLength(6);
  });

  it('writes the channels to CSV with units in the header', async () => {
    const csv = join(dir, 'run.csv');
    const r = await runCli(['simulate', 'models/default-park.json', '--days', '1', '--output-interval-s', '3600', '--out', csv]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(25); // header + 24 hourly rows
    const head = rows[0]!.split(',');
    expect(head[0]).toBe('t_h [h]');
    expect(head).toContain('eq-cr.level_m mean [m]');
    expect(head).toContain('inf-ni.out/flow_m3_h max [m³/h]');
    expect(head).toContain('mix-final.out/Cr6 mean [mg/L]');
    const last = rows[24]!.split(',');
    expect(Number(last[0])).toBe(24);
    expect(last.every((c) => Number.isFinite(Number(c)))).toBe(true);
  });

  it('prints a summary a person reads without --json: closure, outlets, cake, cost, scaling and each standard', async () => {
    const r = await runCli(['simulate', 'models/default-park.json', '--days', '2']);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout;
    expect(text).toMatch(/^Default plating park .*: 2\.00 d in 2880 steps of 60 s, water 25 °C/);
    expect(text).toMatch(/worst mass-balance closure: \d\.\d\de-1[3-9]/);
    expect(text).toMatch(/^effluent:discharge mean mg\/L: .*hardness \d+/m);
    expect(text).toMatch(/^water reuse \d+\.\d %, energy .* kWh\/m³, cake .* t\/d, OPEX \d\.\d\d CNY\/m³/m);
    // the RO's concentrate: within what its antiscalant holds
    expect(text).toMatch(/^ro concentrate: calcite saturation index up to -?\d\.\d\d, gypsum -\d\.\d\d; 0\.0 h past its antiscalant's limit$/m);
    expect(text).toMatch(/^GBT19923-process: every modelled parameter within its limit; not modelled: BOD5, turbidity_NTU$/m);
  });

  it('applies a scenario: overrides, a timed dump and an operator action', async () => {
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, JSON.stringify({
      format: 'platingtwin/scenario@1',
      name: { en: 'bigger chromium tank, one dump', zh: '加大含铬调节池' },
      model: join(process.cwd(), 'models/default-park.json'),
      overrides: { 'eq-cr.volume_m3': 400, 'settings.duration_days': 2 },
      events: [
        { kind: 'dump', at: { day: 1, hour: 2 }, unit: 'inf-cr', volume_m3: 8, factor: 80, duration_min: 30 },
        { kind: 'act', at: { hour: 10 }, unit: 'eq-cr', set: 'pump_flow_m3_h', value: 25 },
      ],
    }));
    const r = await runCli(['simulate', '--scenario', scenario, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { days: number; actions: { unit: string; set: string; value: number; t_s: number; source: string }[] };
    expect(out.days).toBe(2);
    // both events happened and are logged, in the order they happened; the dump with its strength and duration (the
    // park's own random dumps are logged too, as the shops')
    expect(out.actions.filter((a) => a.source !== 'plant')).toEqual([
      { unit: 'eq-cr', set: 'pump_flow_m3_h', value: 25, t_s: 10 * 3600, source: 'scenario' },
      { unit: 'inf-cr', set: 'dump_m3', value: 8, factor: 80, duration_s: 1800, into: 'rinse', t_s: 26 * 3600, source: 'scenario' },
    ]);
  });

  it('prices a run at local prices from a scenario, adding a price the model lacks', async () => {
    const scenario = join(dir, 'local-prices.json');
    writeFileSync(scenario, JSON.stringify({
      format: 'platingtwin/scenario@1', name: { en: 'our tariffs', zh: '本地价格' }, model: join(process.cwd(), 'models/job-shop.json'),
      overrides: { 'prices.fresh_water_CNY_m3': 5, 'prices.NaOH_CNY_t': 3600, 'prices.electricity_CNY_kWh': 0.8 },
    }));
    type Cost = { opex_CNY_m3: number; net_CNY_m3: number | null; prices: Record<string, { value: number; source: string; reference: string }> };
    type Out = { kpis: { water: { reuse_m3_d: number }; cost: Cost } };
    const [local, model] = await Promise.all([
      runCli(['simulate', '--scenario', scenario, '--days', '2', '--json']),
      runCli(['simulate', 'models/job-shop.json', '--days', '2', '--json']),
    ]);
    expect(local.code, local.stderr).toBe(0);
    const { water, cost } = (JSON.parse(local.stdout) as Out).kpis;
    const base = (JSON.parse(model.stdout) as Out).kpis.cost;
    // the model's electricity price is replaced; NaOH, which the model leaves to the default, and water, which it does
    // not price at all, are added
    expect(base.prices['electricity_CNY_kWh']!.value).toBe(0.65);
    // a price the scenario replaces says where its value came from now, and what the model's source was
    expect(cost.prices['electricity_CNY_kWh']).toMatchObject({ value: 0.8, source: 'model', reference: `scenario ${scenario} (the model's: ${base.prices['electricity_CNY_kWh']!.reference})` });
    expect(base.prices['NaOH_CNY_t']).toMatchObject({ value: 3000, source: 'default' });
    expect(cost.prices['NaOH_CNY_t']).toMatchObject({ value: 3600, source: 'model', reference: `scenario ${scenario}` });
    expect(cost.opex_CNY_m3).toBeGreaterThan(base.opex_CNY_m3);
    // the job shop reuses no water: priced now, it is credited nothing, and the net cost is the operating cost
    expect(base.net_CNY_m3).toBeNull();
    expect(water.reuse_m3_d).toBe(0);
    expect(cost.net_CNY_m3).toBe(cost.opex_CNY_m3);
  });

  it('names a bad scenario override in one line', async () => {
    const scenario = join(dir, 'bad-scenario.json');
    writeFileSync(scenario, JSON.stringify({
      format: 'platingtwin/scenario@1', name: { en: 'x', zh: 'x' }, overrides: { 'eq-xx.volume_m3': 400 },
    }));
    const r = await runCli(['simulate', 'models/default-park.json', '--scenario', scenario]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${scenario}: overrides["eq-xx.volume_m3"]: the model has no unit "eq-xx"`);
  });

  it('finds the model a scenario saved from the app names (models/default-park.json) from the project, wherever the scenario lies; says where it looked when it cannot', async () => {
    const saved = join(dir, 'default-park-design-changes.scenario.json');
    writeFileSync(saved, JSON.stringify({ format: 'platingtwin/scenario@1', name: { en: 'Design changes', zh: '设计修改' }, model: 'models/default-park.json', overrides: { 'eq-ni.volume_m3': 300, 'settings.duration_days': 1 } }));
    const r = await runCli(['simulate', '--scenario', saved, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { days: number }).days).toBe(1);

    const lost = join(dir, 'lost.scenario.json');
    writeFileSync(lost, JSON.stringify({ format: 'platingtwin/scenario@1', name: { en: 'x', zh: 'x' }, model: 'models/no-such-park.json' }));
    const bad = await runCli(['simulate', '--scenario', lost]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(`error: ${lost}: model: "models/no-such-park.json" is neither beside the scenario (${join(dir, 'models/no-such-park.json')}) nor in the current directory: name the model file first`);
    const none = join(dir, 'modelless.scenario.json');
    writeFileSync(none, JSON.stringify({ format: 'platingtwin/scenario@1', name: { en: 'x', zh: 'x' } }));
    expect((await runCli(['simulate', '--scenario', none])).stderr.trim()).toMatch(/^error: .*modelless\.scenario\.json: model: the scenario names no model and none was given: name the model file first/);
  });
});
