/**
 * One design of a comparison: loaded from its file (a scenario with the model it names, or a model as it is) and run
 * on the settings every design shares; in this process, or in child processes, one per core, for a long comparison.
 * A child (`compareChild.ts`) loads and runs the file it is sent and answers with the figures, so the result is the
 * same either way.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Bilingual, ScenarioInput } from '../engine/api.ts';
import type { Plant } from '../engine/compile.ts';
import { runFigures, type RunFigures } from '../engine/kpi/compare.ts';
import { SCENARIO_FORMAT } from '../engine/model/scenario.ts';
import { createSimulation } from '../engine/simulate.ts';
import { loadPlant, readJsonFile } from './io.ts';

export interface Design {
  file: string;
  name: Bilingual;
  plant: Plant;
  run: ScenarioInput;
}

/** What every design of a comparison shares. */
export interface SharedSettings {
  duration_s: number;
  step_s: number;
  seed: number;
  standards: string[];
}

export interface DesignRun {
  file: string;
  name: Bilingual;
  model: string;
  wall_s: number;
  figures: RunFigures;
}

export function loadDesign(file: string): Design {
  const doc = readJsonFile(file) as { format?: unknown; name?: Bilingual };
  const isScenario = doc !== null && typeof doc === 'object' && doc.format === SCENARIO_FORMAT;
  const { plant, run } = isScenario ? loadPlant(undefined, file) : loadPlant(file, undefined);
  return { file, name: isScenario && doc.name !== undefined ? doc.name : { ...plant.name }, plant, run };
}

export function runDesign(d: Design, shared: SharedSettings): DesignRun {
  const sim = createSimulation(d.plant, { ...d.run, ...shared });
  const t0 = performance.now();
  sim.run(sim.duration_s);
  const wall_s = (performance.now() - t0) / 1000;
  return { file: d.file, name: d.name, model: d.plant.name.en, wall_s: Number(wall_s.toFixed(3)), figures: runFigures(sim.summary()) };
}

export type ChildRequest = { file: string; shared: SharedSettings };
export type ChildAnswer = { ok: true; run: DesignRun } | { ok: false; error: string };

/**
 * The designs in `files` run by up to `jobs` child processes at a time, in the files' order. The files were loaded and
 * checked here first, so a child that fails is a fault, not bad input.
 */
export async function runInChildren(files: readonly string[], shared: SharedSettings, jobs: number): Promise<DesignRun[]> {
  const out: DesignRun[] = new Array<DesignRun>(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      out[i] = await runInChild({ file: files[i]!, shared });
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  return out;
}

function runInChild(request: ChildRequest): Promise<DesignRun> {
  return new Promise((resolve, reject) => {
    // the child inherits this process's loader (tsx), so it runs the TypeScript sources as they are
    const child = fork(new URL('./compareChild.ts', import.meta.url), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let answered = false;
    child.on('message', (m: ChildAnswer) => {
      answered = true;
      // the child lets go of the channel itself once its answer is sent; this only hastens it
      if (child.connected) child.disconnect();
      if (m.ok) resolve(m.run);
      else reject(new Error(`${request.file}: ${m.error}`));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!answered) reject(new Error(`${request.file}: the run's process ended (code ${code}) without an answer`));
    });
    child.send(request);
  });
}
