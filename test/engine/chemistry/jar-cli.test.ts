import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../src/cli/args.ts';
import { jarCommand } from '../../../src/cli/jar.ts';
import { jarOfWater } from '../../../src/engine/chemistry/index.ts';
import { C, MOLAR_MASS_G_MOL, NC } from '../../../src/engine/components.ts';

async function run(argv: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await jarCommand(argv);
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jar command', () => {
  it('prints one JSON object for a single pH, matching the reference mixture', async () => {
    const r = JSON.parse(await run(['--metals', 'Ni=50,Cu=40,Zn=30', '--ph', '9', '--json'])) as {
      pH: number; dissolved_mg_L: Record<string, number>; solids_mg_L: Record<string, number>; phases: { name: string }[]; NaOH_mg_L: number;
    };
    expect(r.pH).toBe(9);
    expect(Math.abs(Math.log10(r.dissolved_mg_L.Ni! / 0.693))).toBeLessThan(0.05);
    expect(Math.abs(Math.log10(r.dissolved_mg_L.Zn! / 0.9574))).toBeLessThan(0.05);
    expect(r.solids_mg_L.Cu! + r.dissolved_mg_L.Cu!).toBeCloseTo(40, 9);
    expect(r.phases.map((p) => p.name)).toEqual(['Ni(OH)2', 'Cu(OH)2', 'Zn(OH)2(am)']);
    expect(r.NaOH_mg_L).toBeGreaterThan(100);
  });

  it('takes ammonium and nitrate as N: the same water nitrified needs ≈ 2 mmol/L more base per mmol/L of N at pH 7.5', async () => {
    type Dose = { NaOH_mg_L: number; HCl_mg_L: number };
    const base_mmol = async (n: string) => {
      const r = JSON.parse(await run(['--metals', 'Ni=5', '--ions', `Na=46,Cl=35.5,TIC=24,${n}=14.007`, '--ph', '7.5', '--json'])) as Dose;
      vi.restoreAllMocks();
      return r.NaOH_mg_L / 39.997 - r.HCl_mg_L / 36.461;
    };
    const ammonium = await base_mmol('NH3N'), nitrate = await base_mmol('NO3N');
    // 1 for the nitrate, and the 98 % of the ammonia that is NH4⁺ at pH 7.5
    expect(nitrate - ammonium).toBeCloseTo(1 + 1 / (1 + 10 ** (7.5 - 9.244)), 2);
  });

  it('prints a curve for a pH range, Cr meaning Cr(III)', async () => {
    const r = JSON.parse(await run(['--metals', 'Cr=20', '--ph', '6:12:0.5', '--json'])) as { curve: { pH: number; dissolved_mg_L: Record<string, number> }[] };
    expect(r.curve.map((p) => p.pH)).toEqual([6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12]);
    expect(r.curve.every((p) => p.dissolved_mg_L.Cr3! < 20)).toBe(true);
  });

  it('takes the water at --temperature: colder water keeps more nickel at pH 9, and a plant sample is at its plant\'s temperature', async () => {
    const at = async (t: string) => (JSON.parse(await run(['--metals', 'Ni=50', '--ph', '9', '--temperature', t, '--json'])) as { dissolved_mg_L: Record<string, number> }).dissolved_mg_L.Ni!;
    expect((await at('10')) / (await at('25'))).toBeGreaterThan(4);
    await expect(run(['--metals', 'Ni=50', '--ph', '9', '--temperature', '50'])).rejects.toThrow(/--temperature: 50 is above the maximum 40/);
    await expect(run(['--model', 'models/job-shop.json', '--unit', 'precip', '--ph', '9', '--temperature', '10'])).rejects.toThrow(UsageError);
    const sample = JSON.parse(await run(['--model', 'models/job-shop.json', '--unit', 'precip', '--ph', '9', '--days', '1', '--json'])) as { temperature_C: number };
    expect(sample.temperature_C).toBe(25);
  });

  it('lowers dissolved copper with sulfide and names the sulfide phase', async () => {
    const r = JSON.parse(await run(['--metals', 'Cu=40', '--ph', '8', '--sulfide', 'S=32', '--json'])) as { dissolved_mg_L: Record<string, number>; phases: { name: string }[] };
    expect(r.dissolved_mg_L.Cu!).toBeLessThan(1e-5);
    expect(r.phases.map((p) => p.name)).toContain('CuS(covellite)');
  });

  it('doses --sulfide as Na₂S, as the jar test of a plant sample does: the same water gives the same answer either way', async () => {
    const r = JSON.parse(await run(['--metals', 'Cu=40,Zn=20', '--ph', '8.5', '--sulfide', 'S=25', '--json'])) as { dissolved_mg_L: Record<string, number>; NaOH_mg_L: number; HCl_mg_L: number };
    // the same water as a stream: the 0.01 mol/L NaCl background and the metals as chlorides
    const water = new Float64Array(NC);
    water[C.Na] = 0.01 * MOLAR_MASS_G_MOL.Na * 1000;
    water[C.Cl] = (0.01 + (2 * 40) / MOLAR_MASS_G_MOL.Cu / 1000 + (2 * 20) / MOLAR_MASS_G_MOL.Zn / 1000) * MOLAR_MASS_G_MOL.Cl * 1000;
    water[C.Cu] = 40;
    water[C.Zn] = 20;
    const sample = jarOfWater(water, [8.5], { sulfideDose_mg_L: 25 });
    const base = (x: { NaOH_mg_L: number; HCl_mg_L: number }) => x.NaOH_mg_L - x.HCl_mg_L;
    expect(base(r)).toBeCloseTo(sample.NaOH_mg_L[0]! - sample.HCl_mg_L[0]!, 3);
    const zn = sample.elements.find((e) => e.id === 'Zn')!;
    expect(Math.abs(Math.log10(r.dissolved_mg_L.Zn! / zn.soluble_mg_L[0]!))).toBeLessThan(1e-3);
  });

  it('prints a readable table without --json', async () => {
    const out = await run(['--metals', 'Ni=50', '--ions', 'Na=230,Cl=355,SO4=500', '--salt', 'sulfate', '--ph', '8:10:1']);
    expect(out).toMatch(/Ni diss/);
    expect(out.trim().split('\n')).toHaveLength(6);
    expect(out).toMatch(/Ni\(OH\)2/);
  });

  it('answers a brine it can solve, and says the answer is indicative beyond the activity model', async () => {
    const r = JSON.parse(await run(['--metals', 'Ni=2e5', '--ph', '9', '--json'])) as { ionic_strength_mol_L: number; warning?: string };
    expect(r.ionic_strength_mol_L).toBeGreaterThan(0.5);
    expect(r.warning).toMatch(/beyond the ≈ 0\.5 mol\/L the activity model \(Davies\) describes: indicative only/);
    expect((JSON.parse(await run(['--metals', 'Ni=50', '--ph', '9', '--json'])) as { warning?: string }).warning).toBeUndefined();
    expect(await run(['--metals', 'Ni=2e5', '--ph', '9'])).toMatch(/^note: at pH 9\.00 the ionic strength/m);
  });

  it.each([
    [['--metals', 'Xx=5', '--ph', '9'], /unknown 'Xx'/],
    [['--metals', 'Ni=-5', '--ph', '9'], /negative/],
    [['--metals', 'Ni=abc', '--ph', '9'], /not a number/],
    [['--metals', 'Ni50', '--ph', '9'], /NAME=mg\/L/],
    [['--metals', 'Ni=5', '--ph', '12:6:1'], /below start/],
    [['--metals', 'Ni=5', '--ph', '6:12:0'], /positive/],
    [['--metals', 'Ni=5', '--ph', '6:12'], /start:stop:step/],
    [['--metals', 'Ni=5', '--ph', 'NaN'], /not a number/],
    [['--metals', 'Ni=5', '--ph', '15'], /maximum/],
    [['--metals', 'Ni=5'], /--ph is required/],
    [['--ph', '9'], /--metals is required/],
    [['--metals', 'Ni=5,Ni=3', '--ph', '9'], /twice/],
    [['--metals', 'Ni=5', '--ph', '9', '--sulfide', 'S=-1'], /negative/],
    [['--metals', 'Ni=5', '--ph', '9', '--ions', 'K=5'], /unknown 'K'/],
    [['--metals', 'Ni=1e9', '--ph', '9'], /Ni=1000000000 is more than 1,000,000 mg\/L/],
    [['--metals', 'Ni=5', '--ph', '9', '--sulfide', 'S=2e6'], /more than 1,000,000 mg\/L/],
    // a brine of 16 mol/L: the solve has no answer, and says why rather than crashing
    [['--metals', 'Ni=5e5', '--ph', '9'], /no equilibrium found at pH 9: at an ionic strength of 16\.\d mol\/L .* beyond what the activity model/],
  ])('refuses bad input %j with one clear line', async (argv, message) => {
    const p = run(argv);
    await expect(p).rejects.toThrow(UsageError);
    await expect(p).rejects.toThrow(message);
  });

  it('samples the water into a unit of a simulated plant: hydroxide leaves cadmium over Table 3 in the comprehensive feed, sulfide brings it under', async () => {
    type Out = { unit: string; days: number; flow_m3_h: number; sulfideDose_mg_L: number; elements: { id: string; total_mg_L: number; held_mg_L: number; min_mg_L: number; min_pH: number }[]; curve: { pH: number; soluble_mg_L: Record<string, number>; sulfideLeft_mg_L?: number }[] };
    const base = ['--model', 'models/default-park.json', '--unit', 'precip', '--days', '0.5', '--ph', '7:11:0.5', '--json'];
    const plain = JSON.parse(await run(base)) as Out;
    expect(plain.unit).toBe('precip');
    expect(plain.days).toBeCloseTo(0.5, 9);
    expect(plain.flow_m3_h).toBeGreaterThan(10);
    expect(plain.elements.map((e) => e.id)).toEqual(['Cr', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe']);
    expect(plain.curve.map((p) => p.pH)).toEqual([7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]);
    expect(plain.elements.find((e) => e.id === 'Cd')!.min_mg_L).toBeGreaterThan(0.01);
    expect(plain.curve[0]!.sulfideLeft_mg_L).toBeUndefined();
    const dosed = JSON.parse(await run([...base, '--sulfide', 'S=20'])) as Out;
    expect(dosed.sulfideDose_mg_L).toBe(20);
    expect(dosed.elements.find((e) => e.id === 'Cd')!.min_mg_L).toBeLessThan(0.01);
    expect(dosed.curve[0]!.sulfideLeft_mg_L).toBeGreaterThan(0);
    // the same sample both times: what it carries does not depend on the dose
    expect(dosed.elements.map((e) => e.total_mg_L)).toEqual(plain.elements.map((e) => e.total_mg_L));
  });

  it('refuses a plant sample it cannot take, with the reason', async () => {
    await expect(run(['--model', 'models/default-park.json', '--ph', '9'])).rejects.toThrow(/--unit is required with --model/);
    await expect(run(['--model', 'models/default-park.json', '--unit', 'nowhere', '--days', '0.01', '--ph', '9'])).rejects.toThrow(/the plant has no unit "nowhere"; it has inf-cn, /);
    await expect(run(['--model', 'models/default-park.json', '--unit', 'inf-ni', '--days', '0.01', '--ph', '9'])).rejects.toThrow(/"inf-ni" takes no water in, so there is nothing to sample; take --from out/);
    const rinse = JSON.parse(await run(['--model', 'models/default-park.json', '--unit', 'inf-ni', '--from', 'out', '--days', '0.01', '--ph', '9', '--json'])) as { from: string; elements: { id: string; total_mg_L: number }[] };
    expect(rinse.from).toBe('out');
    expect(rinse.elements.find((e) => e.id === 'Ni')!.total_mg_L).toBeGreaterThan(10);
    await expect(run(['--model', 'models/default-park.json', '--unit', 'precip', '--from', 'up', '--ph', '9'])).rejects.toThrow(/--from: 'up' is not in or out/);
    await expect(run(['--model', 'models/default-park.json', '--unit', 'precip', '--metals', 'Ni=5', '--ph', '9'])).rejects.toThrow(/--metals makes up a water/);
    await expect(run(['--metals', 'Ni=5', '--unit', 'precip', '--ph', '9'])).rejects.toThrow(/--unit samples a plant: give --model/);
  });
});
