/**
 * Questions the host answers about a plant without running it: a jar test of a grab sample of a unit's water, and
 * whether a scenario still applies to a model. Bad input comes back as { file, path, reason }, never thrown.
 */
import { jarOfWater, pHSweep } from '../engine/chemistry/jar.ts';
import type { Simulation } from '../engine/api.ts';
import { ModelError } from '../engine/errors.ts';
import { createSimulation } from '../engine/simulate.ts';
import { JAR_PH, type ErrorInfo, type JarOptions, type JarResult } from './api.ts';
import { toErrorInfo } from './errorInfo.ts';
import { prepareScenario } from './loading.ts';

/** `fn`'s answer, or its RangeError as a jar-test ModelError at `path`. */
function refuseAs<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) throw new ModelError('jar test', path, e.message);
    throw e;
  }
}

/** A jar test of what `unit` receives (or sends on) now, in the simulation as it stands. */
export function jarTest(sim: Simulation, unit: string, options: JarOptions): JarResult {
  try {
    const range = options.range ?? JAR_PH;
    const pHs = refuseAs('range', () => pHSweep(range.from, range.to, range.step));
    const from = options.from ?? 'in';
    const sample = sim.sampleWater(unit, from);
    if (sample === undefined) throw new ModelError('jar test', unit, from === 'in' ? `unit "${unit}" takes no water in: there is nothing to sample` : `unit "${unit}" sends no water on: there is nothing to sample`);
    const jar = refuseAs('sulfideDose_mg_L', () => jarOfWater(sample.conc_mg_L, pHs, { temperature_C: sample.temperature_C, sulfideDose_mg_L: options.sulfideDose_mg_L ?? 0 }));
    return { ok: true, jar: { unit, from, t_s: sample.t_s, flow_m3_h: sample.flow_m3_h, temperature_C: sample.temperature_C, ...jar } };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e, 'jar test') };
  }
}

/** Null when the scenario applies to the model as loading it would (its events included), else why not. */
export function scenarioProblem(model: string | object, modelFile: string, scenario: string | object, scenarioFile: string): ErrorInfo | null {
  const prepared = prepareScenario(model, modelFile, scenario, scenarioFile);
  if (!prepared.ok) return prepared.error;
  try {
    // building the simulation checks the scenario's events against the plant as well
    createSimulation(prepared.loaded.plant, prepared.loaded.run);
    return null;
  } catch (e) {
    return toErrorInfo(e, scenarioFile);
  }
}
