/**
 * `bench [--json] [--days N] [--model file] [--stage foundation|chemistry|full] [--profile]`: speed and memory of the
 * engine on the default park, 60 s step, a simulated year. The speed targets live here, not in timed tests. On the
 * default park the year is also timed for the park as it stood after each build stage (see stages.ts). `--profile`
 * adds where the time of a run goes, per source file (profile.ts), from a run after the timed ones.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { days_to_s } from '../engine/convert.ts';
import { RUN_BOUNDS } from '../engine/api.ts';
import { createSimulation } from '../engine/simulate.ts';
import { compile, type Plant } from '../engine/compile.ts';
import { numberOption, parseArgs } from './args.ts';
import { readJsonFile } from './io.ts';
import { benchEquilibria } from '../engine/chemistry/index.ts';
import { STAGES, stageModel, type Stage } from './stages.ts';
import { ModelError } from '../engine/errors.ts';
import { profileShares } from './profile.ts';

const DEFAULT_MODEL = fileURLToPath(new URL('../../models/default-park.json', import.meta.url));

/** Wall seconds per simulated year, after a short warm-up so the timed run measures optimised code. */
function timeYear(plant: Plant, days: number): { simYear_wall_s: number; steps_per_s: number; worstClosure_rel: number; channels: number } {
  createSimulation(plant, { duration_s: days_to_s(7), step_s: 60 }).run(days_to_s(7));
  const sim = createSimulation(plant, { duration_s: days_to_s(days), step_s: 60 });
  const t0 = performance.now();
  sim.run(sim.duration_s);
  const wall_s = (performance.now() - t0) / 1000;
  return {
    simYear_wall_s: round((wall_s * 365) / days, 3),
    steps_per_s: Math.round(sim.steps / wall_s),
    worstClosure_rel: sim.summary().worstClosure_rel,
    channels: sim.channelInfo().length,
  };
}

export async function benchCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['days', 'model', 'stage'], ['json', 'profile']);
  const only = args.options.get('stage');
  if (only !== undefined && !(STAGES as readonly string[]).includes(only)) {
    throw new ModelError('(command line)', '--stage', `must be one of ${STAGES.join(', ')}, got "${only}"`);
  }
  const days = numberOption(args, 'days', { min: 1, max: RUN_BOUNDS.maxDuration_days }) ?? 365;
  const file = args.options.get('model') ?? DEFAULT_MODEL;
  const json = readJsonFile(file);
  const plant = compile(only === undefined ? json : stageModel(json, only as Stage), { file });

  // the earlier stages first, so the full park's figures are not measured on a cold machine alone
  const stages = file === DEFAULT_MODEL && only === undefined
    ? Object.fromEntries(STAGES.filter((s) => s !== 'full').map((stage) => {
      const staged = compile(stageModel(json, stage), { file: `${file} (${stage} stage)` });
      const t = timeYear(staged, days);
      return [stage, { units: staged.units.length, simYear_wall_s: t.simYear_wall_s, steps_per_s: t.steps_per_s }];
    }))
    : undefined;
  const t = timeYear(plant, days);
  // the solves a running plant makes (every reactor and analyser solves at process precision), then the jar test's
  const eq = benchEquilibria(() => performance.now());
  const eqReference = benchEquilibria(() => performance.now(), { precision: 'reference' });
  // after the timed runs, so sampling cannot touch their figures: the same plant over the same days
  const profile_pct = args.flags.has('profile')
    ? await profileShares(() => {
      const sim = createSimulation(plant, { duration_s: days_to_s(days), step_s: 60 });
      sim.run(sim.duration_s);
    })
    : undefined;
  const result = {
    model: plant.name.en,
    days,
    step_s: 60,
    units: plant.units.length,
    streams: plant.streams.length,
    channels: t.channels,
    simYear_wall_s: t.simYear_wall_s,
    steps_per_s: t.steps_per_s,
    equilibria_per_s: Math.round(eq.equilibria_per_s),
    cold_equilibria_per_s: Math.round(eq.cold_equilibria_per_s),
    reference_equilibria_per_s: Math.round(eqReference.equilibria_per_s),
    reference_cold_equilibria_per_s: Math.round(eqReference.cold_equilibria_per_s),
    peak_rss_MB: round(process.resourceUsage().maxRSS / 1024, 1),
    worstClosure_rel: t.worstClosure_rel,
    ...(stages === undefined ? {} : { stages }),
    ...(profile_pct === undefined ? {} : { profile_pct }),
  };
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${Object.entries(result).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n')}\n`);
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));
