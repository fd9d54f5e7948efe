/**
 * Scenario files, `platingtwin/scenario@1`: a base model plus overrides (any unit parameter or
 * setting by path), added or removed units and streams (an upgrade), timed events, a seed and a
 * duration. Applied to the model's JSON before compiling, so every change is validated like the model.
 */
import { z } from 'zod';
import { DUMP_ROUTES, SCENARIO_FORMAT, type ScenarioEvent, type ScenarioInput } from '../api.ts';
import { days_to_s, h_to_s, min_to_s } from '../convert.ts';
import { ModelError, parseOrThrow } from '../errors.ts';
import { bilingual, durationDays, finite, nonNegative, positive, seed, stepSeconds } from './params.ts';
import { investmentSchema, settingsSchema, streamSchema, unitSchema } from './schema.ts';
import { BUILTIN_STANDARDS, findStandard } from '../kpi/standards.ts';
import { isObj, type Json } from './json.ts';
import type { Objective } from '../kpi/exercise.ts';

export { SCENARIO_FORMAT };

const at = z.strictObject({ day: nonNegative.optional(), hour: nonNegative.optional() }).refine((a) => a.day !== undefined || a.hour !== undefined, 'give "day" and/or "hour"');
const atSeconds = (a: z.infer<typeof at>) => days_to_s(a.day ?? 0) + h_to_s(a.hour ?? 0);

const eventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dump'), at, unit: z.string().min(1), volume_m3: positive, factor: positive, duration_min: positive, into: z.enum(DUMP_ROUTES).optional() }),
  z.strictObject({ kind: z.literal('act'), at, unit: z.string().min(1), set: z.string().min(1), value: z.union([finite, z.boolean()]) }),
]);

const objectiveId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/i, 'ids are letters, digits, - and _ (at most 48)');
const objectiveSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: objectiveId, kind: z.literal('acknowledge'), text: bilingual, points: positive, unit: z.string().min(1), tag: z.string().min(1), within_min: positive }),
  z.strictObject({ id: objectiveId, kind: z.literal('act'), text: bilingual, points: positive, unit: z.string().min(1), set: z.string().min(1), value: z.union([finite, z.boolean()]).optional(), at_most: finite.optional(), at_least: finite.optional(), from: at, within_min: positive }),
  z.strictObject({ id: objectiveId, kind: z.literal('compliance'), text: bilingual, points: positive, standard: z.string().min(1), parameter: z.string().min(1), point: z.string().min(1), min_within_pct: finite.min(0).max(100) }),
]);

export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `the first field must be "format": "${SCENARIO_FORMAT}"` }),
  name: bilingual,
  /** what happens and what to watch: one text, or one per language */
  description: z.union([z.string(), bilingual], { error: 'a text, or one per language: { "en": "…", "zh": "…" }' }).optional(),
  /** the model this scenario changes, relative to the scenario file */
  model: z.string().min(1).optional(),
  seed: seed.optional(),
  duration_days: durationDays.optional(),
  step_s: stepSeconds.optional(),
  /**
   * "unit-id.param" → new value, "settings.name" → new value, "prices.key" → a local price (set or added), or
   * "investments.id" → the CNY of an investment (another quote)
   */
  overrides: z
    .record(z.string(), z.unknown())
    .superRefine((o, ctx) => {
      for (const key of Object.keys(o)) {
        if (!/^[^.]+\.[^.]+$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'write "unit-id.param", "settings.name", "prices.key" or "investments.id"' });
      }
    })
    .optional(),
  removeUnits: z.array(z.string()).optional(),
  addUnits: z.array(unitSchema).optional(),
  /** what the upgrade buys: added to the model's own investments */
  addInvestments: z.array(investmentSchema).optional(),
  removeStreams: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
  addStreams: z.array(streamSchema).optional(),
  events: z.array(eventSchema).optional(),
  /** a training exercise: what the trainee is scored on (kpi/exercise.ts) */
  exercise: z
    .strictObject({ objectives: z.array(objectiveSchema).min(1, 'an exercise needs an objective').max(20) })
    .superRefine((x, ctx) => {
      const seen = new Set<string>();
      x.objectives.forEach((o, i) => {
        if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: `duplicate objective id "${o.id}"` });
        seen.add(o.id);
      });
    })
    .optional(),
  /** standards to judge compliance against (ids in models/standards.json); default: those the model's outlets name */
  standards: z
    .array(z.string().min(1))
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (findStandard(BUILTIN_STANDARDS, id) === undefined) {
          ctx.addIssue({ code: 'custom', path: [i], message: `unknown standard "${id}"; known: ${BUILTIN_STANDARDS.standards.map((x) => x.id).join(', ')}` });
        }
      });
    })
    .optional(),
});
export type ScenarioJson = z.infer<typeof scenarioSchema>;

export function parseScenario(json: unknown, file: string): ScenarioJson {
  return parseOrThrow(scenarioSchema, json, file);
}

/** The model JSON with the scenario's structural changes and overrides applied (a new object). */
export function applyScenarioToModel(model: unknown, scenario: ScenarioJson, scenarioFile: string): unknown {
  const m = JSON.parse(JSON.stringify(model)) as Json;
  const units = Array.isArray(m['units']) ? (m['units'] as Json[]) : [];
  const streams = Array.isArray(m['streams']) ? (m['streams'] as Json[]) : [];
  const removed = new Set(scenario.removeUnits ?? []);
  (scenario.removeUnits ?? []).forEach((id, i) => {
    if (!units.some((u) => u['id'] === id)) throw new ModelError(scenarioFile, `removeUnits[${i}]`, `the model has no unit "${id}"`);
  });
  (scenario.removeStreams ?? []).forEach((r, i) => {
    if (!streams.some((st) => st['from'] === r.from && st['to'] === r.to)) throw new ModelError(scenarioFile, `removeStreams[${i}]`, `the model has no stream from "${r.from}" to "${r.to}"`);
  });
  const unitOf = (ref: unknown) => (typeof ref === 'string' ? ref.split('.')[0] : undefined);
  const gone = (s: Json) =>
    removed.has(unitOf(s['from']) ?? '') ||
    removed.has(unitOf(s['to']) ?? '') ||
    (scenario.removeStreams ?? []).some((r) => r.from === s['from'] && r.to === s['to']);
  m['units'] = [...units.filter((u) => !removed.has(String(u['id']))), ...(scenario.addUnits ?? [])];
  m['streams'] = [...streams.filter((s) => !gone(s)), ...(scenario.addStreams ?? [])];
  if (scenario.addInvestments !== undefined) m['investments'] = [...(Array.isArray(m['investments']) ? m['investments'] : []), ...scenario.addInvestments];
  for (const [path, value] of Object.entries(scenario.overrides ?? {})) {
    const [head, name] = path.split('.') as [string, string];
    const where = `overrides["${path}"]`;
    if (head === 'settings') {
      const settings = m['settings'];
      // a setting the format knows but the model leaves out (a swing of the water's temperature) is added
      const optional = name in settingsSchema.shape;
      if (!isObj(settings) || !(name in settings || optional)) throw new ModelError(scenarioFile, where, `the model has no setting "${name}"`);
      const cur = settings[name];
      if (isObj(cur) && 'value' in cur) overrideValue(cur, value, scenarioFile);
      else if (cur === undefined) settings[name] = { value, reference: `scenario ${scenarioFile}` };
      else settings[name] = value;
      continue;
    }
    if (head === 'prices') {
      // a local price the model lacks is added (the model's schema then checks its key and value): a manager's
      // "at our water tariff" needs no copy of the model
      const prices = isObj(m['prices']) ? m['prices'] : (m['prices'] = {});
      const cur = prices[name];
      if (isObj(cur) && 'value' in cur) overrideValue(cur, value, scenarioFile);
      else prices[name] = { value, reference: `scenario ${scenarioFile}` };
      continue;
    }
    if (head === 'investments') {
      // another quote for an investment the model or this scenario lists: a manager's "and at 20 % more?"
      const item = (Array.isArray(m['investments']) ? (m['investments'] as Json[]) : []).find((x) => x['id'] === name);
      if (item === undefined || !isObj(item['CNY'])) throw new ModelError(scenarioFile, where, `the model and the scenario list no investment "${name}"`);
      overrideValue(item['CNY'], value, scenarioFile);
      continue;
    }
    const unit = (m['units'] as Json[]).find((u) => u['id'] === head);
    if (unit === undefined) throw new ModelError(scenarioFile, where, `the model has no unit "${head}"`);
    const params = unit['params'];
    if (!isObj(params)) throw new ModelError(scenarioFile, where, `unit "${head}" has no params`);
    const cur = params[name];
    if (isObj(cur) && 'value' in cur) overrideValue(cur, value, scenarioFile);
    else params[name] = { value, reference: `scenario ${scenarioFile}` };
  }
  return m;
}

/** A parameter takes the scenario's value, and its reference says so: the model's source was for the model's value. */
function overrideValue(param: Json, value: unknown, scenarioFile: string): void {
  if (JSON.stringify(param['value']) === JSON.stringify(value)) return;
  param['value'] = value;
  param['reference'] = `scenario ${scenarioFile}${typeof param['reference'] === 'string' ? ` (the model's: ${param['reference']})` : ''}`;
}

/** Run settings and timed events of a scenario, for createSimulation. */
export function scenarioRunInput(s: ScenarioJson, file: string): ScenarioInput {
  const events: ScenarioEvent[] = (s.events ?? []).map((e) =>
    e.kind === 'dump'
      ? { at_s: atSeconds(e.at), kind: 'dump', unit: e.unit, volume_m3: e.volume_m3, factor: e.factor, duration_s: min_to_s(e.duration_min), ...(e.into === undefined ? {} : { into: e.into }) }
      : { at_s: atSeconds(e.at), kind: 'act', action: { unit: e.unit, set: e.set, value: e.value } },
  );
  if (s.duration_days !== undefined) {
    const end_s = days_to_s(s.duration_days);
    events.forEach((e, i) => {
      if (e.at_s >= end_s) throw new ModelError(file, `events[${i}].at`, `comes ${(e.at_s / 86_400).toFixed(2)} days in, after the scenario's ${s.duration_days} days have run`);
    });
  }
  return {
    name: s.name.en,
    file,
    ...(s.seed !== undefined && { seed: s.seed }),
    ...(s.duration_days !== undefined && { duration_s: days_to_s(s.duration_days) }),
    ...(s.step_s !== undefined && { step_s: s.step_s }),
    ...(s.standards !== undefined && { standards: s.standards }),
    ...(s.exercise !== undefined && {
      exercise: {
        objectives: s.exercise.objectives.map((o): Objective => {
          const head = { id: o.id, text: o.text, points: o.points };
          if (o.kind === 'acknowledge') return { ...head, kind: o.kind, unit: o.unit, tag: o.tag, within_s: min_to_s(o.within_min) };
          if (o.kind === 'act') {
            return {
              ...head, kind: o.kind, unit: o.unit, set: o.set, from_s: atSeconds(o.from), within_s: min_to_s(o.within_min),
              ...(o.value === undefined ? {} : { value: o.value }), ...(o.at_most === undefined ? {} : { at_most: o.at_most }), ...(o.at_least === undefined ? {} : { at_least: o.at_least }),
            };
          }
          return { ...head, kind: o.kind, standard: o.standard, parameter: o.parameter, point: o.point, min_within_pct: o.min_within_pct };
        }),
      },
    }),
    events,
  };
}
