/**
 * `bench [--json] [--days N] [--model file]`: speed and memory of the engine on the default park,
 * 60 s step, a simulated year. The speed targets live here, not in timed tests.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { days_to_s } from '../engine/convert.ts';
import { createSimulation } from '../engine/simulate.ts';
import { compile } from '../engine/compile.ts';
import { numberOption, parseArgs } from './args.ts';
import { readJsonFile } from './io.ts';
import { benchEquilibria } from '../engine/chemistry/index.ts';

const DEFAULT_MODEL = fileURLToPath(new URL('../../models/default-park.json', import.meta.url));

export async function benchCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['days', 'model'], ['json']);
  const days = numberOption(args, 'days', { min: 1, max: 3660 }) ?? 365;
  const file = args.options.get('model') ?? DEFAULT_MODEL;
  const plant = compile(readJsonFile(file), { file });

  // a short warm-up so the timed run measures optimised code, as a long run does
  createSimulation(plant, { duration_s: days_to_s(7), step_s: 60 }).run(days_to_s(7));

  const sim = createSimulation(plant, { duration_s: days_to_s(days), step_s: 60 });
  const t0 = performance.now();
  sim.run(sim.duration_s);
  const wall_s = (performance.now() - t0) / 1000;
  const closure = sim.summary().worstClosure_rel;
  const eq = benchEquilibria(() => performance.now());
  const result = {
    model: plant.name.en,
    days,
    step_s: 60,
    units: plant.units.length,
    streams: plant.streams.length,
    channels: sim.channelInfo().length,
    simYear_wall_s: round((wall_s * 365) / days, 3),
    steps_per_s: Math.round(sim.steps / wall_s),
    equilibria_per_s: Math.round(eq.equilibria_per_s),
    cold_equilibria_per_s: Math.round(eq.cold_equilibria_per_s),
    peak_rss_MB: round(process.resourceUsage().maxRSS / 1024, 1),
    worstClosure_rel: closure,
  };
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${Object.entries(result).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));
