/** File input for the CLI: model and scenario files read with a size check first, errors as ModelError. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compile, parseModelText, type Plant } from '../engine/compile.ts';
import { MAX_MODEL_BYTES } from '../engine/model/json.ts';
import { ModelError } from '../engine/errors.ts';
import { applyScenarioToModel, parseScenario, scenarioRunInput } from '../engine/model/scenario.ts';
import { readReplayFiles } from '../engine/model/replayFiles.ts';
import type { ScenarioInput } from '../engine/api.ts';

export function readJsonFile(file: string): unknown {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ModelError(file, '', 'not a file');
    size = st.size;
  } catch (err) {
    if (err instanceof ModelError) throw err;
    throw new ModelError(file, '', 'cannot read the file (does it exist?)');
  }
  if (size > MAX_MODEL_BYTES) {
    throw new ModelError(file, '', `the file is ${(size / 1024 / 1024).toFixed(1)} MB; a model is at most ${MAX_MODEL_BYTES / 1024 / 1024} MB`);
  }
  return parseModelText(readFileSync(file, 'utf8'), file);
}

/** A model or scenario file with the replay CSVs it names read in from beside it. */
function readDocument(file: string): unknown {
  const doc = readJsonFile(file);
  readReplayFiles(doc, file, (name) => {
    const path = resolve(dirname(file), name);
    try {
      const st = statSync(path);
      if (!st.isFile()) return { error: `"${path}" is not a file` };
      if (st.size > MAX_MODEL_BYTES) return { error: `"${path}" is ${(st.size / 1024 / 1024).toFixed(1)} MB; a replay is at most ${MAX_MODEL_BYTES / 1024 / 1024} MB` };
      return { text: readFileSync(path, 'utf8') };
    } catch {
      return { error: `cannot read "${path}" (a replay's file is read beside ${file})` };
    }
  });
  return doc;
}

/** A model, optionally changed by a scenario file (whose "model" field can name the model). */
export function loadPlant(modelFile: string | undefined, scenarioFile: string | undefined): { plant: Plant; run: ScenarioInput } {
  if (scenarioFile === undefined) {
    if (modelFile === undefined) throw new ModelError('(command line)', '', 'name a model file, e.g. models/default-park.json');
    return { plant: compile(readDocument(modelFile), { file: modelFile }), run: {} };
  }
  const scenario = parseScenario(readDocument(scenarioFile), scenarioFile);
  const file = modelFile ?? namedModel(scenario.model, scenarioFile);
  const merged = applyScenarioToModel(readDocument(file), scenario, scenarioFile);
  return { plant: compile(merged, { file: `${file} with ${scenarioFile}` }), run: scenarioRunInput(scenario, scenarioFile) };
}

/**
 * The model file a scenario names: beside the scenario file (as the shipped scenarios name theirs), or else from
 * the current directory (a scenario saved from the app names the model as the app knew it, models/default-park.json,
 * wherever the browser saved the scenario).
 */
function namedModel(model: string | undefined, scenarioFile: string): string {
  if (model === undefined) throw new ModelError(scenarioFile, 'model', 'the scenario names no model and none was given: name the model file first, e.g. simulate models/default-park.json --scenario …');
  const beside = resolve(dirname(scenarioFile), model);
  if (existsSync(beside)) return beside;
  const here = resolve(model);
  if (existsSync(here)) return here;
  throw new ModelError(scenarioFile, 'model', `"${model}" is neither beside the scenario (${beside}) nor in the current directory: name the model file first`);
}
