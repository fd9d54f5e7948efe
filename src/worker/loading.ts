/**
 * What a load prepares before the host starts it: a model (text or parsed JSON), changed by a scenario
 * file when one is given, compiled into a plant with the run settings it asks for; and what the app is
 * told about the loaded model. Bad input comes back as { file, path, reason }, never thrown.
 */
import { compile, compileText, parseModelText, type Plant } from '../engine/compile.ts';
import { applyScenarioToModel, parseScenario, scenarioRunInput } from '../engine/model/scenario.ts';
import { inBothLanguages, type ScenarioInput, type Simulation } from '../engine/api.ts';
import type { ErrorInfo, ModelInfo } from './api.ts';
import { toErrorInfo } from './errorInfo.ts';

/** A compiled plant, the file it came from, its run settings and the scenario applied to it (if any). */
export interface Loaded {
  plant: Plant;
  file: string;
  run: ScenarioInput | undefined;
  scenario: ModelInfo['scenario'];
}

export type Prepared = { ok: true; loaded: Loaded } | { ok: false; error: ErrorInfo };

export function prepareModel(source: string | object, file: string, run?: ScenarioInput): Prepared {
  try {
    const plant = typeof source === 'string' ? compileText(source, { file }) : compile(source, { file });
    return { ok: true, loaded: { plant, file, run, scenario: undefined } };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e, file) };
  }
}

/** The model changed by a scenario file; the scenario's own `model` field is not followed. */
export function prepareScenario(model: string | object, modelFile: string, scenario: string | object, scenarioFile: string): Prepared {
  try {
    const parsed = parseScenario(typeof scenario === 'string' ? parseModelText(scenario, scenarioFile) : scenario, scenarioFile);
    const base = typeof model === 'string' ? parseModelText(model, modelFile) : model;
    const plant = compile(applyScenarioToModel(base, parsed, scenarioFile), { file: `${modelFile} with ${scenarioFile}` });
    const run = scenarioRunInput(parsed, scenarioFile);
    const about = { file: scenarioFile, name: { ...parsed.name }, events: run.events ?? [], ...(parsed.description === undefined ? {} : { description: inBothLanguages(parsed.description) }) };
    return { ok: true, loaded: { plant, file: modelFile, run, scenario: about } };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e, scenarioFile) };
  }
}

/** What the app is told about a loaded model: its description, units, streams, channels and scenario. */
export function modelInfo(sim: Simulation, loaded: Loaded): ModelInfo {
  return {
    file: loaded.file,
    modelName: sim.modelName,
    name: sim.name,
    start_iso: sim.start_iso,
    step_s: sim.step_s,
    temperature_C: loaded.plant.settings.temperature_C,
    temperature_swing_C: loaded.plant.settings.temperature_swing_C,
    duration_s: sim.duration_s,
    output_interval_s: sim.output_interval_s,
    units: [...sim.units],
    streams: [...sim.streams],
    channels: sim.channelInfo(),
    ...(loaded.scenario === undefined ? {} : { scenario: structuredClone(loaded.scenario) }),
  };
}
