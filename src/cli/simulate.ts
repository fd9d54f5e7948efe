/**
 * `simulate <model.json> [--scenario file] [--days N] [--step-s S] [--seed N] [--out run.csv|run.json] [--json]`
 * Runs a model (or a scenario of it) and prints the summary: flows, mass books, KPIs.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { days_to_s } from '../engine/convert.ts';
import { createSimulation } from '../engine/simulate.ts';
import { channelsCsv } from '../engine/export.ts';
import { metalFates } from '../engine/kpi/fate.ts';
import { RUN_BOUNDS, type RunSummary, type Simulation } from '../engine/api.ts';
import { designWindowText } from '../engine/kpi/design.ts';
import { WATER_PRICE } from '../engine/kpi/costs.ts';
import { UsageError, numberOption, parseArgs } from './args.ts';
import { loadPlant } from './io.ts';
import { figure } from './format.ts';

export async function simulateCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['scenario', 'days', 'step-s', 'seed', 'out', 'output-interval-s'], ['json']);
  if (args.positionals.length > 1) throw new UsageError(`one model file at a time, got ${args.positionals.length}`);
  const { plant, run } = loadPlant(args.positionals[0], args.options.get('scenario'));
  const days = numberOption(args, 'days', { min: 1 / 1440, max: RUN_BOUNDS.maxDuration_days });
  const step_s = numberOption(args, 'step-s', { min: RUN_BOUNDS.minStep_s, max: RUN_BOUNDS.maxStep_s });
  const seed = numberOption(args, 'seed', { min: 0, max: RUN_BOUNDS.maxSeed, integer: true });
  const interval = numberOption(args, 'output-interval-s', { min: 1 });
  const out = args.options.get('out');
  if (out !== undefined && !/\.(csv|json)$/i.test(out)) throw new UsageError(`--out: '${out}' must end in .csv or .json`);
  // a file that cannot be written is refused before the run, not after it
  if (out !== undefined) writeOut(out, '');

  const sim = createSimulation(plant, {
    ...run,
    ...(days !== undefined && { duration_s: days_to_s(days) }),
    ...(step_s !== undefined && { step_s }),
    ...(seed !== undefined && { seed }),
    ...(interval !== undefined && { output_interval_s: interval }),
  });
  const t0 = performance.now();
  sim.run(sim.duration_s);
  const wall_s = (performance.now() - t0) / 1000;
  const summary = sim.summary();
  const result = {
    model: summary.model,
    days: summary.days,
    steps: summary.steps,
    step_s: summary.step_s,
    seed: summary.seed,
    wall_s: Number(wall_s.toFixed(3)),
    massBalance: summary.massBalance,
    waterBalance: summary.waterBalance,
    kpis: {
      ...summary.kpis,
      flows_m3_d: summary.flows_m3_d,
      outletMeans_mg_L: summary.outletMeans_mg_L,
      worstClosure_rel: summary.worstClosure_rel,
    },
    actions: summary.actions,
  };
  if (out !== undefined) writeOut(out, out.toLowerCase().endsWith('.csv') ? channelsCsv(sim) : JSON.stringify({ ...result, channels: channelsJson(sim) }));
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines = [
    `${summary.model}: ${summary.days.toFixed(2)} d in ${summary.steps} steps of ${summary.step_s} s, water ${waterText(summary.kpis.water.temperature_C)}, ${wall_s.toFixed(2)} s wall`,
    `influent m³/d: ${fmtRecord(summary.flows_m3_d.influents)}; reagent solutions ${figure(summary.kpis.water.reagentSolutions_m3_d)}`,
    `outlets m³/d:  ${fmtRecord(summary.flows_m3_d.outlets)}`,
    `worst mass-balance closure: ${summary.worstClosure_rel.toExponential(2)}; water: ${summary.waterBalance.closure_rel.toExponential(2)} (${figure(summary.waterBalance.inventory_m3)} m³ held now, ${figure(summary.waterBalance.startInventory_m3)} at the start)`,
    ...Object.entries(summary.outletMeans_mg_L).map(([o, m]) => `${o} mean mg/L: ${fmtRecord(m)}`),
    `metal into the cake: ${metalFates(summary.massBalance).map((m) => `${m.element} ${(m.fate.find((f) => f.kind === 'cake')?.pct ?? 0).toFixed(1)} %`).join(', ') || 'none'}`,
    ...recoveredLine(summary.kpis.recovery),
    ...summary.kpis.membranes.map((m) => `${m.unit} concentrate: calcite saturation index up to ${m.calcite_SI_max.toFixed(2)}, gypsum ${m.gypsum_SI_max.toFixed(2)}; ${m.pastLimit_h.toFixed(1)} h past its antiscalant's limit`),
    `water reuse ${(100 * summary.kpis.water.reuse_rate).toFixed(1)} %, energy ${summary.kpis.energy.kWh_m3.toFixed(2)} kWh/m³, cake ${summary.kpis.sludge.wet_t_d.toFixed(2)} t/d, OPEX ${summary.kpis.cost.opex_CNY_m3.toFixed(2)} CNY/m³${netCost(summary.kpis.cost)}`,
    ...capitalLine(summary.kpis.capital),
    ...designLine(summary.kpis.design),
    ...exerciseLine(summary.exercise),
    ...summary.kpis.compliance.map((std) => {
      const bad = std.parameters.filter((x) => x.status === 'exceeded').map((x) => `${x.parameter} at ${x.point} ${x.within_pct?.toFixed(1) ?? '?'} % within`);
      return `${std.id}: ${bad.length === 0 ? 'every modelled parameter within its limit' : `exceeded — ${bad.join(', ')}`}; not modelled: ${std.notModelled.join(', ')}`;
    }),
  ];
  if (out !== undefined) lines.push(`channels written to ${out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * ", 1.23 CNY/m³ net of the water reused (456 CNY/d at 2.28 CNY/m³) and the metal back to the baths (1987 CNY/d)"
 * when the model prices either.
 */
function netCost(cost: RunSummary['kpis']['cost']): string {
  if (cost.net_CNY_m3 === null) return '';
  const price = cost.prices[WATER_PRICE];
  const credits = [
    ...(cost.waterSaved_CNY_d === null || price === undefined ? [] : [`the water reused (${cost.waterSaved_CNY_d.toFixed(0)} CNY/d at ${price.value} CNY/m³)`]),
    ...(cost.metalRecovered_CNY_d === null ? [] : [`the metal back to the baths (${cost.metalRecovered_CNY_d.toFixed(0)} CNY/d)`]),
  ];
  return `, ${cost.net_CNY_m3.toFixed(2)} CNY/m³ net of ${credits.join(' and ')}`;
}

/** "capital 2,170,000 CNY: UF expansion 550,000, RO expansion 1,320,000, …" when the design lists investments. */
function capitalLine(capital: RunSummary['kpis']['capital']): string[] {
  const cny = (v: number) => Math.round(v).toLocaleString('en');
  return capital.items.length === 0 ? [] : [`capital ${cny(capital.total_CNY)} CNY: ${capital.items.map((x) => `${x.name.en} ${cny(x.CNY)}`).join(', ')}`];
}

/**
 * "design check (plant-data.md): 17 figures, 1 on the wrong side of its window: eq-mx equalization 4.94 h at the mean
 * flow (6–12 h)" when the plant has units to check.
 */
function designLine(checks: RunSummary['kpis']['design']): string[] {
  if (checks.length === 0) return [];
  const bad = checks.filter((c) => c.concern);
  const head = `design check (plant-data.md): ${checks.length} figures`;
  if (bad.length === 0) return [`${head}, all within their windows or on their safe side`];
  const basis = { 'mean flow': 'at the mean flow', 'peak hour': 'at the busiest hour', setting: 'as set', 'while producing': 'while producing' };
  return [`${head}, ${bad.length} on the wrong side of its window: ${bad.map((c) => `${c.unit} ${c.duty} ${figure(c.value)} ${c.uom} ${basis[c.basis]} (${designWindowText(c)})`).join('; ')}`];
}

/** "exercise: 70 of 100 — ack-trip met in 2 min (20), reset-pump late in 45 min (25), reuse-pH missed, 46.3 % within (0)" for a training scenario. */
function exerciseLine(exercise: RunSummary['exercise']): string[] {
  if (exercise === undefined) return [];
  const how = (o: (typeof exercise.objectives)[number]) =>
    o.delay_s !== undefined ? ` in ${figure(o.delay_s / 60)} min` : o.within_pct !== undefined ? `, ${o.within_pct.toFixed(1)} % within` : '';
  return [`exercise: ${figure(exercise.score)} of ${figure(exercise.max)} — ${exercise.objectives.map((o) => `${o.id} ${o.status}${how(o)} (${figure(o.points)})`).join(', ')}`];
}

/** "metal back to the baths: Ni 16.6 kg/d (61.2 %)" when an evaporator returns its residue to the baths. */
function recoveredLine(recovery: RunSummary['kpis']['recovery']): string[] {
  const parts = Object.entries(recovery.metals_kg_d).map(([el, kg]) => `${el} ${figure(kg)} kg/d (${(recovery.metals_pct[el as keyof typeof recovery.metals_pct] ?? 0).toFixed(1)} %)`);
  return parts.length === 0 ? [] : [`metal back to the baths: ${parts.join(', ')}`];
}

function fmtRecord(r: Record<string, number>): string {
  return Object.entries(r).map(([k, v]) => `${k} ${figure(v)}`).join(', ');
}

function channelsJson(sim: Simulation) {
  const infos = sim.channelInfo();
  const d = sim.channelData(0);
  return {
    t_s: Array.from(d.t_s),
    series: infos.map((c, i) => ({ ...c, mean: Array.from(d.mean[i]!), min: Array.from(d.min[i]!), max: Array.from(d.max[i]!) })),
  };
}

/** Writes the --out file, or refuses in one line: a directory that does not exist, a file that may not be written. */
function writeOut(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new UsageError(`--out: cannot write '${path}': ${why}`);
  }
}

/** The water a run had: one temperature, or its range and mean when it followed the seasons. */
function waterText(w: { mean: number; min: number; max: number }): string {
  return w.min === w.max ? `${w.min} °C` : `${w.min}–${w.max} °C (mean ${w.mean.toFixed(1)})`;
}
