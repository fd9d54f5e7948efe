import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultParkJson, eqTank, model, param, steadyInfluent, stream, unit } from '../fixtures/models.ts';
import { runCli } from './run-cli.ts';

type Json = Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'platingtwin-bad-'));

function park(change: (m: Json & { units: Json[]; streams: Json[] }) => void): string {
  const m = defaultParkJson() as Json & { units: Json[]; streams: Json[] };
  change(m);
  return JSON.stringify(m);
}
const unitParams = (m: { units: Json[] }, id: string) => m.units.find((u) => u['id'] === id)!['params'] as Record<string, Json>;

/** name → [file text, what the one-line error must mention] */
const cases: Record<string, [string | (() => string), RegExp]> = {
  'missing field': [park((m) => delete (m as Json)['settings']), /: settings: required$/],
  'unknown unit type': [park((m) => (m.units[1]!['type'] = 'equalisation_tank')), /units\[1\]\.type: unknown unit type "equalisation_tank"; known types: influent/],
  'dangling port': [park((m) => (m.streams[0]!['to'] = 'eq-cn.inlet')), /streams\[0\]\.to: unit "eq-cn" \(equalization\) has no input port "inlet"; it has: in/],
  'negative volume': [park((m) => (unitParams(m, 'eq-cr')['volume_m3']!['value'] = -150)), /units\[3\]\.params\.volume_m3\.value: must be greater than zero/],
  'NaN where a number belongs': [park((m) => (unitParams(m, 'eq-ni')['depth_m']!['value'] = 'NaN')), /units\[5\]\.params\.depth_m\.value: expected a number, got the string "NaN"/],
  'string where a number belongs': [park((m) => (unitParams(m, 'inf-cn')['flow_m3_h']!['value'] = '18.6')), /units\[0\]\.params\.flow_m3_h\.value: expected a number, got the string "18.6"/],
  'one number where a range belongs': [
    park((m) => (((unitParams(m, 'inf-cr')['random_dumps']!['value'] as Json)['volume_m3']) = 5)),
    /units\[2\]\.params\.random_dumps\.value\.volume_m3: expected a range \[low, high\], got the number 5$/,
  ],
  'a word not among its options': [park((m) => (unitParams(m, 'inf-cr')['acid_anion']!['value'] = 'NO3')), /units\[2\]\.params\.acid_anion\.value: expected one of "SO4", "Cl", got the string "NO3"$/],
  'text where a switch belongs': [park((m) => (unitParams(m, 'mon-cr')['workshop_outlet']!['value'] = 'yes')), /\.params\.workshop_outlet\.value: expected true or false, got the string "yes"$/],
  'a price key that says no unit': [park((m) => ((m as Json)['prices'] = { water: { value: 2, reference: 'tariff' } })), /: prices\.water: price keys read like "NaOH_CNY_t", "recovered_Ni_CNY_kg" or "electricity_CNY_kWh"$/],
  'recycle without a tear': [park((m) => delete m.streams.find((s) => s['from'] === 'emergency.out')!['tear']), /recycle without a tear: .*emergency.*mark one stream in the loop with "tear": true/],
  'duplicate id': [park((m) => (m.units[3]!['id'] = 'eq-cn')), /units\[3\]\.id: duplicate unit id "eq-cn" \(also units\[1\]\)/],
  'unknown component': [park((m) => ((unitParams(m, 'inf-ni')['conc_mg_L']!['value'] as Json)['Nickel'] = 50)), /units\[4\]\.params\.conc_mg_L\.value\.Nickel: unknown component "Nickel"/],
  'empty file': ['', /the file is empty/],
  'not JSON': ['{ "format": "platingtwin/model@1", units: [ }', /not valid JSON/],
  '50 MB file': [() => `{"format":"platingtwin/model@1","pad":"${'x'.repeat(50 * 1024 * 1024)}"}`, /the file is 50\.0 MB; a model is at most 5 MB/],
  'deeply nested file': [() => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nested more than 24 levels deep/],
  'unconnected output': [park((m) => (m.streams = m.streams.filter((s) => s['from'] !== 'eq-pt.overflow'))), /output port "eq-pt\.overflow" is not connected/],
  'parameter without a reference': [park((m) => delete unitParams(m, 'emergency')['volume_m3']!['reference']), /volume_m3\.reference: every parameter needs a "reference"/],
  'a pH set-point no probe reads': [
    park((m) => (((unitParams(m, 'precip')['base']!['value'] as Json)['controller'] as Json)['setpoint'] = 20)),
    /units\[\d+\]\.params\.base\.value\.controller\.setpoint: a pH set-point is between 0 and 14, what its probe reads$/,
  ],
  'probe noise wider than its span': [
    park((m) => (((unitParams(m, 'precip')['sulfide']!['value'] as Json)['probe'] as Json)['noise_sd'] = 3000)),
    /units\[\d+\]\.params\.sulfide\.value\.probe\.noise_sd: must be between 0 and 2500 mV, the probe's span$/,
  ],
  'a dose heavier than the water': [
    park((m) => (((unitParams(m, 'precip')['coagulant']!['value'] as Json)['controller'] as Json)['dose_mg_L'] = 2e6)),
    /units\[\d+\]\.params\.coagulant\.value\.controller\.dose_mg_L: must be between 0 and 1000000$/,
  ],
  'a dosing pump bigger than the park': [
    park((m) => ((unitParams(m, 'precip')['base']!['value'] as Json)['pump_capacity_L_h'] = 1e9)),
    /units\[\d+\]\.params\.base\.value\.pump_capacity_L_h: must be at most 100000000 L\/h/,
  ],
  'feedback loop without a probe': [
    park((m) => delete ((unitParams(m, 'precip')['sulfide']!['value'] as Json)['probe'])),
    /units\[\d+\]\.params\.sulfide\.value\.probe: a pid loop needs a probe \(pH or ORP\) to act on/,
  ],
  'concentration beyond any water': [
    park((m) => ((unitParams(m, 'inf-ni')['conc_mg_L']!['value'] as Json)['Ni'] = 2e6)),
    /units\[4\]\.params\.conc_mg_L\.value\.Ni: must not exceed 1,000,000 mg\/L: no water carries more than its own weight dissolved/,
  ],
  'a rinse no charge balance can describe': [
    park((m) => ((unitParams(m, 'inf-cr')['conc_mg_L']!['value'] as Json)['Cr3'] = 1e6)),
    /units\[2\]\.params\.pH\.value: no charge balance brings this rinse to pH [\d.]+: its dissolved load is beyond every rinse/,
  ],
  'dump stronger than any bath': [
    park((m) => (unitParams(m, 'inf-cr')['dumps'] = { value: [{ day: 1, volume_m3: 2, factor: 1e5, duration_min: 30 }], reference: 'test' })),
    /units\[2\]\.params\.dumps\.value\[0\]\.factor: 100000 × the rinse's \d+ mg\/L is more than 1,000,000 mg\/L/,
  ],
  'a number no plant has (1e300 × the rinse flow overflows)': [
    park((m) => ((unitParams(m, 'inf-cr')['hourly_factors']!['value'] as number[])[10] = 1e300)),
    /units\[2\]\.params\.hourly_factors\.value\[10\]: must be between −10¹² and 10¹²: no plant value is that large/,
  ],
  'a lake for a tank': [
    park((m) => (unitParams(m, 'eq-cr')['volume_m3']!['value'] = 1e9)),
    /units\[3\]\.params\.volume_m3\.value: a basin of more than 1,000,000 m³ is a reservoir, not a treatment tank/,
  ],
  'a range from most to least': [
    park((m) => (((unitParams(m, 'inf-cn')['random_dumps']!['value'] as Json)['factor'] as number[])[0] = 1e9)),
    /units\[0\]\.params\.random_dumps\.value\.factor: a range is \[least, most\]: 1000000000 is more than 100/,
  ],
  'spent baths into a main that goes nowhere': [
    park((m) => (m.streams = m.streams.filter((s) => s['from'] !== 'inf-cn.spent'))),
    /output port "inf-cn\.spent" is not connected/,
  ],
  'dosing solution denser than any': [
    park((m) => ((unitParams(m, 'precip')['base']!['value'] as Json)['solution_density_kg_L'] = 13.3)),
    /units\[\d+\]\.params\.base\.value\.solution_density_kg_L: a dosing solution is not denser than 3 kg\/L/,
  ],
  'a number below any plant (a dosing pump of 5e-324 L/h)': [
    park((m) => ((unitParams(m, 'precip')['sulfide']!['value'] as Json)['pump_capacity_L_h'] = 5e-324)),
    /units\[\d+\]\.params\.sulfide\.value\.pump_capacity_L_h: must be 0 or at least 10⁻¹² in size: no plant value is that small/,
  ],
  'a rinse of nanolitres an hour': [
    park((m) => (unitParams(m, 'inf-mx')['flow_m3_h']!['value'] = 2e-12)),
    /units\[10\]\.params\.flow_m3_h\.value: at least 10⁻⁶ m³\/h \(a millilitre an hour\): less is lost in the rounding of a tank's volume/,
  ],
  'a pump set beyond its capacity': [
    park((m) => (unitParams(m, 'eq-cr')['pump_flow_m3_h']!['value'] = 100)),
    /units\[3\]\.params\.pump_flow_m3_h\.value: must not exceed the pump's capacity, pump_max_m3_h \([\d.]+ m³\/h\)/,
  ],
  'a sludge age no operator could set': [
    park((m) => (unitParams(m, 'bio')['solids_retention_d']!['value'] = 2e7)),
    /units\[\d+\]\.params\.solids_retention_d\.value: must be between 1 and 200/,
  ],
  'a step that would never end': [park((m) => ((((m as Json)['settings'] as Json)['step_s'] as Json)['value'] = 1e-12)), /settings\.step_s\.value: at least 1 s: a plant does nothing faster/],
  'water no plant runs on (boiling)': [
    park((m) => ((((m as Json)['settings'] as Json)['temperature_C'] as Json)['value'] = 95)),
    /settings\.temperature_C\.value: a plant's water is between 5 and 40 °C, where the equilibrium constants' temperature corrections hold/,
  ],
  'impossible start date': [park((m) => (((m as Json)['settings'] as Json)['start_iso'] = '2026-02-30T00:00')), /settings\.start_iso: "2026-02-30T00:00" is not a real date-time/],
  'splitter fractions not adding to 1': [
    () => JSON.stringify(model(
      [steadyInfluent('in', 10, { Ni: 1 }), unit('sp', 'splitter', { fractions: param({ a: 0.5, b: 0.4 }) }), unit('out', 'discharge')],
      [stream('in.out', 'sp.in'), stream('sp.a', 'out.in'), stream('sp.b', 'out.in')],
    )),
    /units\[1\]\.params\.fractions\.value: fractions must add up to 1 \(they add up to 0\.9/,
  ],
  'an output feeding two streams': [
    () => JSON.stringify(model(
      [steadyInfluent('in', 10, { Ni: 1 }), eqTank('eq', 10, 0.5, 10), unit('out', 'discharge')],
      [stream('in.out', 'eq.in'), stream('eq.out', 'out.in'), stream('eq.out', 'eq.in', true), stream('eq.overflow', 'out.in')],
    )),
    /streams\[2\]\.from: port "eq\.out" already feeds streams\[1\]/,
  ],
};

describe('malformed models: one clear line, exit code 2, never a run', () => {
  const files = new Map<string, string>();
  beforeAll(() => {
    for (const [name, [text]] of Object.entries(cases)) {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, typeof text === 'function' ? text() : text);
      files.set(name, file);
    }
  });

  it.concurrent.each(Object.keys(cases))('%s', async (name) => {
    const file = files.get(name)!;
    const r = await runCli(['simulate', file, '--days', '1', '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+|Error:|ZodError/);
    expect(lines[0]!.startsWith(`error: ${file}: `), lines[0]).toBe(true);
    expect(lines[0]).toMatch(cases[name]![1]);
  });

  it('refuses bad command-line input the same way', async () => {
    const r = await runCli(['simulate', 'models/default-park.json', '--days', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("error: --days: 'many' is not a number");
    // a year of the default park recorded every minute would not fit in memory: refused before the run, with what would
    const fine = await runCli(['simulate', 'models/default-park.json', '--days', '365', '--output-interval-s', '60']);
    expect(fine.code).toBe(2);
    expect(fine.stderr.trim()).toMatch(/^error: models\/default-park\.json: output_interval_s: 60 s over 365 days is 525,600 rows of \d+ channels, [\d,]+ MB of results: choose at least \d+ s$/);
    // an output file that cannot be written is refused before the run, in one line
    const nowhere = await runCli(['simulate', 'models/default-park.json', '--days', '30', '--out', join(dir, 'no-such-dir', 'run.csv')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stdout).toBe('');
    expect(nowhere.stderr.trim()).toBe(`error: --out: cannot write '${join(dir, 'no-such-dir', 'run.csv')}': its directory does not exist`);
    const missing = await runCli(['simulate', 'models/no-such-park.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('error: models/no-such-park.json: (top level): cannot read the file (does it exist?)');
  });
});

/** name → [scenario JSON for the default park, what the one-line error must say after the file's name] */
const scenarioCases: Record<string, [Json, RegExp]> = {
  'an override that names no parameter': [{ overrides: { 'eq-cr': 1 } }, /: overrides\.eq-cr: write "unit-id\.param", "settings\.name", "prices\.key" or "investments\.id"$/],
  'a price whose key says no unit': [{ overrides: { 'prices.water': 2 } }, /: prices\.water: price keys read like "NaOH_CNY_t", "recovered_Ni_CNY_kg" or "electricity_CNY_kWh"$/],
  'a negative price': [{ overrides: { 'prices.fresh_water_CNY_m3': -2 } }, /: prices\.fresh_water_CNY_m3\.value: /],
  'a pH beyond 14': [{ overrides: { 'inf-cr.pH': 15 } }, /units\[2\]\.params\.pH\.value: a pH is between 0 and 14$/],
  'a stream to remove that is not there': [{ removeStreams: [{ from: 'zz.out', to: 'yy.in' }] }, /: removeStreams\[0\]: the model has no stream from "zz\.out" to "yy\.in"$/],
  'an operator action out of range': [
    { events: [{ kind: 'act', at: { hour: 1 }, unit: 'eq-cr', set: 'pump_flow_m3_h', value: -5 }] },
    /: events\[0\]\.value: pump_flow_m3_h must be between 0 and [\d.]+$/,
  ],
  'a switch set to a number': [
    { events: [{ kind: 'act', at: { hour: 30 }, unit: 'eq-cr', set: 'pump_on', value: true }, { kind: 'act', at: { hour: 1 }, unit: 'eq-cr', set: 'pump_on', value: 3 }] },
    // named by its place in the file, though it comes first in time
    /: events\[1\]\.value: pump_on takes true or false$/,
  ],
  'an event after the scenario ends': [
    { duration_days: 2, events: [{ kind: 'act', at: { day: 5 }, unit: 'eq-cr', set: 'pump_on', value: true }] },
    /: events\[0\]\.at: comes 5\.00 days in, after the scenario's 2 days have run$/,
  ],
  'a dump the size of a lake': [
    { events: [{ kind: 'dump', at: { day: 1 }, unit: 'inf-cr', volume_m3: 1e9, factor: 10, duration_min: 30 }] },
    /: events\[0\]: a dump of 1000000000 m³ is no spent bath: at most 1000 m³$/,
  ],
  'a dump stronger than any bath': [
    { events: [{ kind: 'dump', at: { day: 1 }, unit: 'inf-cr', volume_m3: 2, factor: 1e12, duration_min: 30 }] },
    /: events\[0\]: 1000000000000 × the rinse's [\d.]+ mg\/L is more than 1,000,000 mg\/L/,
  ],
  'an hour-long step exceeded': [{ step_s: 86_400 }, /: step_s: at most 3600 s: dosing loops need no coarser step$/],
  'a negative seed': [{ seed: -1 }, /: seed: a whole number from 0 to 4294967295$/],
  'ten years and more': [{ duration_days: 4000 }, /: duration_days: at most ten years$/],
  'an unknown standard': [{ standards: ['GB-nope'] }, /: standards\[0\]: unknown standard "GB-nope"; known: GB21900-2008-T2/],
  'a description that is a number': [{ description: 5 }, /: description: a text, or one per language: \{ "en": "…", "zh": "…" \}$/],
};

describe('malformed scenarios: one clear line naming the scenario file, exit code 2, never a run', () => {
  const files = new Map<string, string>();
  beforeAll(() => {
    for (const [name, [change]] of Object.entries(scenarioCases)) {
      const file = join(dir, `scenario-${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify({ format: 'platingtwin/scenario@1', name: { en: name, zh: name }, ...change }));
      files.set(name, file);
    }
  });

  it.concurrent.each(Object.keys(scenarioCases))('%s', async (name) => {
    const file = files.get(name)!;
    const r = await runCli(['simulate', 'models/default-park.json', '--scenario', file, '--days', '1', '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+|Error:|ZodError/);
    expect(lines[0]!.includes(file), lines[0]).toBe(true);
    expect(lines[0]).toMatch(scenarioCases[name]![1]);
  });
});
