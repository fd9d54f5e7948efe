/**
 * `compare <baseline.json> <design.json> … [--days N] [--step-s S] [--seed N] [--jobs N] [--json]`
 * Runs each file — a scenario (with the model it names) or a model as it is — over the same days, step and seed, and
 * sets their figures side by side with each one's change against the first: water reuse, reagents, energy, HW17 cake,
 * operating cost and compliance. Without --days/--step-s/--seed the first file's (its scenario's, else its model's)
 * apply to every run, so every design meets the same influent and the same dumps. A long comparison runs its designs
 * in one process per core (compareRun.ts; --jobs sets how many), with the same figures as one after another.
 */
import { availableParallelism } from 'node:os';
import { RUN_BOUNDS, type Bilingual } from '../engine/api.ts';
import { days_to_s } from '../engine/convert.ts';
import { comparisonRows } from '../engine/kpi/compare.ts';
import { plantOutletStandards } from '../engine/kpi/compliance.ts';
import { UsageError, numberOption, parseArgs } from './args.ts';
import { loadDesign, runDesign, runInChildren, type SharedSettings } from './compareRun.ts';
import { figure } from './format.ts';

/** Most files one comparison takes: each is a full run. */
const MAX_RUNS = 12;
/** Below this much simulated time in all, starting a process per core costs more than it saves. */
const PARALLEL_FROM_DAYS = 60;

export async function compareCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['days', 'step-s', 'seed', 'jobs'], ['json']);
  const files = args.positionals;
  if (files.length < 2) throw new UsageError(`compare takes two files or more (models or scenarios), the first the baseline; got ${files.length}`);
  if (files.length > MAX_RUNS) throw new UsageError(`compare takes at most ${MAX_RUNS} files, got ${files.length}`);
  const days = numberOption(args, 'days', { min: 1 / 1440, max: RUN_BOUNDS.maxDuration_days });
  const step = numberOption(args, 'step-s', { min: RUN_BOUNDS.minStep_s, max: RUN_BOUNDS.maxStep_s });
  const seedOption = numberOption(args, 'seed', { min: 0, max: RUN_BOUNDS.maxSeed, integer: true });
  const jobsOption = numberOption(args, 'jobs', { min: 1, max: MAX_RUNS, integer: true });
  // every file is checked before the first run starts: a typo in the last one should not cost the others' minutes
  const designs = files.map(loadDesign);
  const first = designs[0]!;
  const shared: SharedSettings = {
    duration_s: days !== undefined ? days_to_s(days) : (first.run.duration_s ?? first.plant.settings.duration_s),
    step_s: step ?? first.run.step_s ?? first.plant.settings.step_s,
    seed: seedOption ?? first.run.seed ?? first.plant.settings.seed,
    // every run judged against every standard any of them judges at its outlets: a figure missing from one column
    // because its scenario chose fewer standards would read as a difference of design
    standards: [...new Set(designs.flatMap((d) => plantOutletStandards(d.plant, d.run.standards)))],
  };
  const jobs = jobsOption ?? ((files.length * shared.duration_s) / 86400 < PARALLEL_FROM_DAYS ? 1 : Math.min(files.length, availableParallelism()));
  const runs = jobs > 1 ? await runInChildren(files, shared, jobs) : designs.map((d) => runDesign(d, shared));

  const rows = comparisonRows(runs.map((r) => r.figures));
  // compliance is judged after each plant's warm-up: a comparison that ends within it judges nothing, which must not read as "within"
  const warmup_s = Math.max(...designs.map((d) => d.plant.settings.compliance_warmup_s));
  const settings = { days: shared.duration_s / 86400, step_s: shared.step_s, seed: shared.seed, standards: shared.standards, complianceJudged: shared.duration_s > warmup_s };
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ ...settings, runs, rows })}\n`);
    return;
  }
  process.stdout.write(table(settings, runs, rows));
}

function table(settings: { days: number; step_s: number; seed: number; standards: string[]; complianceJudged: boolean }, runs: { name: Bilingual; file: string }[], rows: ReturnType<typeof comparisonRows>): string {
  const head = [
    `${runs.length} designs over ${Number(settings.days.toFixed(3))} d at a ${settings.step_s} s step, seed ${settings.seed}, judged at the outlets by ${settings.standards.join(', ')}`,
    "each column's change against the first in brackets; a regulated parameter is listed where some design does not keep it within its limit all the time",
  ];
  if (!settings.complianceJudged) head.push('this comparison ends within the compliance warm-up of a design (settings.compliance_warmup_h, 24 h unless set): its compliance is not judged');
  runs.forEach((r, i) => head.push(`  [${i + 1}] ${r.name.en} (${r.file})`));
  const cells = rows.map((row) => [
    `${row.label}${row.uom ? ` ${row.uom}` : ''}`,
    ...row.values.map((v, i) => {
      // a design that invests nothing more, or saves nothing, never pays back: say so, not a blank
      if (v === null) return row.key === 'payback_years' && i > 0 ? 'none' : '—';
      const base = row.values[0];
      const delta = i === 0 || base === null || base === undefined ? '' : ` (${signed(v - base)})`;
      return `${figure(v)}${delta}`;
    }),
  ]);
  const header = ['', ...runs.map((_, i) => `[${i + 1}]`)];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((s, c) => (c === 0 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ');
  return `${[...head, '', line(header), ...cells.map(line)].join('\n')}\n`;
}


function signed(d: number): string {
  return d === 0 ? '±0' : `${d > 0 ? '+' : '−'}${figure(Math.abs(d))}`;
}
