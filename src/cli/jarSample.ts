/**
 * `jar --model file [--scenario file] --unit id [--from in|out] [--days N] [--seed N] [--sulfide S=10] --ph 2:12.5:0.5 [--json]`
 * The app's jar test from the command line: the plant run for N days (default 1), then a grab sample of the water
 * `unit` receives (its inlets mixed; `--from out`: the water it sends on), brought to each pH with NaOH or HCl after
 * any Na₂S dose. Prints, per metal as
 * the standards count it, what each pH leaves in the water, what no pH removes (complexed metal, Cr(VI)), and the
 * base each pH takes.
 */
import { RUN_BOUNDS } from '../engine/api.ts';
import { jarOfWater } from '../engine/chemistry/jar.ts';
import type { WaterJar } from '../engine/chemistry/jarResult.ts';
import { days_to_s } from '../engine/convert.ts';
import { createSimulation } from '../engine/simulate.ts';
import { UsageError, numberOption, type ParsedArgs } from './args.ts';
import { loadPlant } from './io.ts';
import { figure } from './format.ts';

export function jarOfPlantSample(args: ParsedArgs, pHs: number[], sulfideDose_mg_L: number): void {
  for (const own of ['metals', 'ions', 'salt']) {
    if (args.options.has(own)) throw new UsageError(`--${own} makes up a water; with --model the water is the plant's sample: give one or the other`);
  }
  const unit = args.options.get('unit');
  if (unit === undefined) throw new UsageError('--unit is required with --model: the unit whose feed to sample, e.g. --unit precip');
  const { plant, run } = loadPlant(args.options.get('model'), args.options.get('scenario'));
  const days = numberOption(args, 'days', { min: 1 / 1440, max: RUN_BOUNDS.maxDuration_days }) ?? 1;
  const fromRaw = args.options.get('from') ?? 'in';
  if (fromRaw !== 'in' && fromRaw !== 'out') throw new UsageError(`--from: '${fromRaw}' is not in or out`);
  const from: 'in' | 'out' = fromRaw;
  const seed = numberOption(args, 'seed', { min: 0, max: RUN_BOUNDS.maxSeed, integer: true });
  const sim = createSimulation(plant, { ...run, duration_s: days_to_s(days), ...(seed !== undefined && { seed }) });
  if (!sim.units.some((u) => u.id === unit)) throw new UsageError(`--unit: the plant has no unit "${unit}"; it has ${sim.units.map((u) => u.id).join(', ')}`);
  sim.run(sim.duration_s);
  const sample = sim.sampleWater(unit, from);
  if (sample === undefined) {
    throw new UsageError(from === 'in' ? `--unit: "${unit}" takes no water in, so there is nothing to sample; take --from out, or a unit downstream of it` : `--unit: "${unit}" sends no water on; take --from in`);
  }
  const jar = jarOfWater(sample.conc_mg_L, pHs, { temperature_C: sample.temperature_C, sulfideDose_mg_L });
  const result = {
    model: sim.modelName,
    unit,
    from,
    days: sample.t_s / 86_400,
    flow_m3_h: sample.flow_m3_h,
    temperature_C: sample.temperature_C,
    sulfideDose_mg_L,
    elements: jar.elements.map(({ soluble_mg_L: _curve, ...e }) => e),
    curve: jar.pH.map((pH, k) => ({
      pH,
      soluble_mg_L: Object.fromEntries(jar.elements.map((e) => [e.id, e.soluble_mg_L[k]!])),
      NaOH_mg_L: jar.NaOH_mg_L[k]!,
      HCl_mg_L: jar.HCl_mg_L[k]!,
      ...(sulfideDose_mg_L > 0 ? { sulfideLeft_mg_L: jar.sulfideLeft_mg_L[k]! } : {}),
    })),
    ...(jar.unsolved_pH.length > 0 ? { unsolved_pH: jar.unsolved_pH } : {}),
  };
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(table(jar, `jar test of the water ${from === 'in' ? 'into' : 'out of'} ${unit} (${sim.modelName}) after ${result.days.toFixed(2)} d, ${sample.flow_m3_h.toPrecision(4)} m³/h at ${sample.temperature_C} °C${sulfideDose_mg_L > 0 ? `, ${sulfideDose_mg_L} mg/L Na₂S as S added` : ''}`));
}


/** The dose that holds a pH: acid when it takes acid, else base. */
export const baseCell = (HCl_mg_L: number, NaOH_mg_L: number): string => (HCl_mg_L > 0 ? `HCl ${figure(HCl_mg_L)}` : `NaOH ${figure(NaOH_mg_L)}`);

/** Header and rows as right-aligned columns (the last left-aligned with `lastLeft`: a free-text column). */
export function columns(cols: string[], rows: string[][], lastLeft = false): string[] {
  const widths = cols.map((c, k) => Math.max(c.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => (lastLeft && k === cells.length - 1 ? c : c.padStart(widths[k]!))).join('  ');
  return [line(cols), ...rows.map(line)];
}

function table(jar: WaterJar, header: string): string {
  if (jar.elements.length === 0) return `${header}\nthe sample carries no metal to precipitate\n`;
  const cols = ['pH', 'base mg/L', ...jar.elements.map((e) => `${e.id} mg/L`)];
  const rows = jar.pH.map((pH, k) => [
    pH.toFixed(2),
    baseCell(jar.HCl_mg_L[k]!, jar.NaOH_mg_L[k]!),
    ...jar.elements.map((e) => figure(e.soluble_mg_L[k]!)),
  ]);
  const notes = jar.elements.map((e) => {
    const held = e.held_mg_L > 0 ? `, ${figure(e.held_mg_L)} of it complexed or Cr(VI), which no pH precipitates` : '';
    return `${e.id}: ${figure(e.total_mg_L)} mg/L in the sample${held}; least ${figure(e.min_mg_L)} at pH ${e.min_pH.toFixed(2)}`;
  });
  return [header, 'metal left in the water (mg/L of the element, dissolved and held) once the solids are separated; base: the dose that holds the pH', ...columns(cols, rows), ...notes, ''].join('\n');
}
