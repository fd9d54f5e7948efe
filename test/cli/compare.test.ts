import { describe, expect, it } from 'vitest';
import type { RunFigures as Figures } from '../../src/engine/kpi/compare.ts';
import { runCli } from './run-cli.ts';

interface Out {
  days: number; seed: number; step_s: number; standards: string[];
  runs: { file: string; name: { en: string }; figures: Figures }[];
  rows: { key: string; values: (number | null)[] }[];
}

describe('compare command', () => {
  it('runs the baseline and an upgrade on the same influent and sets their figures side by side', async () => {
    const r = await runCli(['compare', 'models/default-park.json', 'models/scenarios/upgrade-ro-reuse.json', '--days', '4', '--seed', '11', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Out;
    expect(out).toMatchObject({ days: 4, seed: 11, step_s: 60 });
    // the upgrade's scenario judges Table 2 as well: so is the baseline, or a missing figure would read as a difference
    expect(out.standards).toEqual(expect.arrayContaining(['GB21900-2008-T2', 'GB21900-2008-T3']));
    const [base, ro] = out.runs.map((x) => x.figures) as [Figures, Figures];
    expect(out.runs[1]!.name.en).toMatch(/RO reuse expanded to 80 %/);
    // same seed, same days: the same water arrives, to the last bit
    expect(ro.influent_m3_d).toBe(base.influent_m3_d);
    expect(ro.reuse_pct).toBeGreaterThan(base.reuse_pct + 20);
    for (const f of [base, ro]) expect(f.worstClosure_rel).toBeLessThan(1e-9);
    const row = (key: string) => out.rows.find((x) => x.key === key)!;
    expect(row('reuse_pct').values).toEqual([base.reuse_pct, ro.reuse_pct]);
    // the default park prices water (2.28 CNY/m³): the extra water reused pays back part of the upgrade's running cost
    expect(row('waterSaved_CNY_d').values).toEqual([base.waterSaved_CNY_d, ro.waterSaved_CNY_d]);
    expect(ro.waterSaved_CNY_d! - base.waterSaved_CNY_d!).toBeCloseTo(2.28 * (ro.reuse_m3_d - base.reuse_m3_d), 6);
    expect(ro.net_CNY_m3! - base.net_CNY_m3!).toBeLessThan(ro.opex_CNY_m3 - base.opex_CNY_m3 - 0.5);
    // what the scenario says it shows: the concentrate at the outfall fails Table 3 for copper, which the baseline meets
    const cu = row('compliance:GB21900-2008-T3/Cu@discharge').values as [number, number];
    expect(cu[0]).toBe(100);
    expect(cu[1]).toBeLessThan(90);
    expect(ro.exceeded).toBeGreaterThan(base.exceeded);
    // a parameter kept within its limit throughout in both designs is not listed
    expect(out.rows.some((x) => x.key === 'compliance:GB21900-2008-T2/Zn@discharge')).toBe(false);
    // the upgrade's investments against the baseline's none: its saving a year and the years that pay them back
    expect(row('capital_CNY').values).toEqual([0, 2_170_000]);
    const saving = (base.net_CNY_m3! - ro.net_CNY_m3!) * ro.influent_m3_d * 365;
    expect(row('saving_CNY_yr').values[0]).toBeNull();
    expect(row('saving_CNY_yr').values[1]).toBeCloseTo(saving, 6);
    expect(row('payback_years').values[1]).toBeCloseTo(2_170_000 / saving, 9);
  });

  it('gives the same figures with its designs run in a process per core as one after another', async () => {
    const args = ['compare', 'models/default-park.json', 'models/scenarios/upgrade-dtc-capture.json', 'models/job-shop.json', '--days', '2', '--json'];
    const [alone, side] = await Promise.all([runCli([...args, '--jobs', '1']), runCli([...args, '--jobs', '2'])]);
    expect(alone.code, alone.stderr).toBe(0);
    expect(side.code, side.stderr).toBe(0);
    const figures = (r: { stdout: string }) => (JSON.parse(r.stdout) as Out).runs.map(({ file, figures: f }) => ({ file, f }));
    expect(figures(side)).toEqual(figures(alone));
    expect(figures(side).map((x) => x.file)).toEqual(['models/default-park.json', 'models/scenarios/upgrade-dtc-capture.json', 'models/job-shop.json']);
  });

  it('prints a table with each design’s change against the first', async () => {
    const r = await runCli(['compare', 'models/default-park.json', 'models/scenarios/upgrade-nickel-recovery.json', '--days', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2 designs over 2 d at a 60 s step, seed \d+, judged at the outlets by GB21900-2008-T3/);
    expect(r.stdout).toMatch(/\[2\] Upgrade: nickel recovered instead of precipitated/);
    expect(r.stdout).toMatch(/^water reuse %\s+[\d.]+\s+[\d.]+ \(\+[\d.]+\)$/m);
    expect(r.stdout).toMatch(/^influent m³\/d\s+\d+\s+\d+ \(±0\)$/m);
    // the nickel the upgrade returns to the baths, and its value at the park's price: none in the default park
    expect(r.stdout).toMatch(/^Ni back to the baths kg\/d\s+0\s+[\d.]+ \(\+[\d.]+\)$/m);
    expect(r.stdout).toMatch(/^metal back to the baths, at its price CNY\/d\s+—\s+[\d.]+$/m);
    expect(r.stdout).toMatch(/^capital cost \(the investments listed\) CNY\s+0\s+3040000 \(\+3040000\)$/m);
    expect(r.stdout).toMatch(/^simple payback years\s+—\s+([\d.]+|none)$/m);
  });

  it('says so when a comparison ends before compliance is judged, rather than let "0 exceeded" read as compliant', async () => {
    const r = await runCli(['compare', 'models/default-park.json', 'models/job-shop.json', '--days', '0.5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^this comparison ends within the compliance warm-up of a design \(settings\.compliance_warmup_h, 24 h unless set\): its compliance is not judged$/m);
    const full = await runCli(['compare', 'models/default-park.json', 'models/job-shop.json', '--days', '1.5']);
    expect(full.stdout).not.toMatch(/warm-up/);
  });

  it.each([
    [['compare', 'models/default-park.json'], /^error: compare takes two files or more \(models or scenarios\), the first the baseline; got 1$/],
    [['compare', 'models/default-park.json', 'models/no-such.json'], /^error: models\/no-such\.json: \(top level\): cannot read the file \(does it exist\?\)$/],
    [['compare', 'models/default-park.json', 'models/job-shop.json', '--days', '0'], /^error: --days: 0 is below the minimum/],
  ])('refuses %j in one line, exit 2, before any run', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
