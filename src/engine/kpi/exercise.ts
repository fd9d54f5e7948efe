/**
 * A training exercise's score: the objectives a scenario sets a trainee (acknowledge an alarm in time; take an action
 * in time, with a given value or one within bounds; keep a regulated parameter within its limit), each judged from
 * what the run logged — the operator's actions, the alarm events and the compliance figures — never from the
 * trainer's own events. An objective met in
 * time earns its points, one met late half of them, one missed none; one whose time has not yet come is pending.
 */
import type { AlarmRecord, Bilingual, LoggedAction } from '../api.ts';
import type { StandardCompliance } from './compliance.ts';

export type Objective = { id: string; text: Bilingual; points: number } & (
  | { kind: 'acknowledge'; unit: string; tag: string; within_s: number }
  | { kind: 'act'; unit: string; set: string; value?: number | boolean; at_most?: number; at_least?: number; from_s: number; within_s: number }
  | { kind: 'compliance'; standard: string; parameter: string; point: string; min_within_pct: number }
);

export interface Exercise {
  objectives: Objective[];
}

export interface ObjectiveResult {
  id: string;
  kind: Objective['kind'];
  text: Bilingual;
  status: 'met' | 'late' | 'missed' | 'pending';
  points: number;
  max: number;
  /** how long the trainee took (acknowledge, act), s; the share of time within the limit (compliance), % */
  delay_s?: number;
  within_pct?: number;
}

export interface ExerciseScore {
  score: number;
  max: number;
  objectives: ObjectiveResult[];
}

/** What a run has logged that the score is judged on, and how far it has run. */
export interface ExerciseRecord {
  t_s: number;
  duration_s: number;
  actions: readonly LoggedAction[];
  alarmEvents: readonly AlarmRecord[];
  compliance: readonly StandardCompliance[];
}

/** The points of an objective done `delay_s` after its time began, `within_s` allowed: all in time, half late. */
function timed(o: Objective & { within_s: number }, delay_s: number | undefined, deadlinePassed: boolean): Pick<ObjectiveResult, 'status' | 'points' | 'delay_s'> {
  if (delay_s === undefined) return deadlinePassed ? { status: 'missed', points: 0 } : { status: 'pending', points: 0 };
  return delay_s <= o.within_s ? { status: 'met', points: o.points, delay_s } : { status: 'late', points: o.points / 2, delay_s };
}

function judge(o: Objective, r: ExerciseRecord): ObjectiveResult {
  const base = { id: o.id, kind: o.kind, text: o.text, max: o.points };
  if (o.kind === 'acknowledge') {
    // the first time the alarm went off, and the first acknowledgement after it
    const raised = r.alarmEvents.find((e) => e.kind === 'raise' && e.unit === o.unit && e.tag === o.tag);
    if (raised === undefined) return { ...base, status: r.t_s >= r.duration_s ? 'met' : 'pending', points: r.t_s >= r.duration_s ? o.points : 0 };
    const acked = r.alarmEvents.find((e) => e.kind === 'ack' && e.unit === o.unit && e.tag === o.tag && e.t_s >= raised.t_s);
    return { ...base, ...timed(o, acked === undefined ? undefined : acked.t_s - raised.t_s, r.t_s - raised.t_s > o.within_s) };
  }
  if (o.kind === 'act') {
    const asked = (v: number | boolean) =>
      (o.value === undefined || v === o.value) &&
      (o.at_most === undefined || (typeof v === 'number' && v <= o.at_most)) &&
      (o.at_least === undefined || (typeof v === 'number' && v >= o.at_least));
    const done = r.actions.find((a) => a.source === 'operator' && a.unit === o.unit && a.set === o.set && a.t_s >= o.from_s && asked(a.value));
    return { ...base, ...timed(o, done === undefined ? undefined : done.t_s - o.from_s, r.t_s - o.from_s > o.within_s) };
  }
  const p = r.compliance.find((s) => s.id === o.standard)?.parameters.find((x) => x.parameter === o.parameter && x.point === o.point);
  const within = p?.within_pct ?? null;
  if (within === null) return { ...base, status: r.t_s >= r.duration_s ? 'missed' : 'pending', points: 0 };
  if (r.t_s < r.duration_s) return { ...base, status: 'pending', points: 0, within_pct: within };
  return { ...base, status: within >= o.min_within_pct ? 'met' : 'missed', points: within >= o.min_within_pct ? o.points : 0, within_pct: within };
}

export function scoreExercise(exercise: Exercise, record: ExerciseRecord): ExerciseScore {
  const objectives = exercise.objectives.map((o) => judge(o, record));
  return { score: objectives.reduce((s, o) => s + o.points, 0), max: objectives.reduce((s, o) => s + o.max, 0), objectives };
}

/** What an exercise's objectives are checked against before a run: the plant's units and alarms, and what it judges. */
export interface ExercisePlant {
  /** a unit's runtime-settable values; undefined for a unit the plant lacks */
  settable(unit: string): Record<string, number | boolean> | undefined;
  alarms: { has(unit: string, tag: string): boolean; tagsOf(unit: string): string[] };
  /** the compliance the run judges (a report of the run not yet started lists every parameter at every point) */
  judged(): readonly StandardCompliance[];
}

/**
 * The first objective that names what the plant lacks — a unit, its alarm, its setting, a standard the run does not
 * judge or a point where it does not judge the parameter — as [path, reason]; undefined when every one is there.
 */
export function objectiveRefusal(exercise: Exercise, plant: ExercisePlant): [string, string] | undefined {
  const judged = exercise.objectives.some((o) => o.kind === 'compliance') ? plant.judged() : [];
  for (const [i, o] of exercise.objectives.entries()) {
    const at = `exercise.objectives[${i}]`;
    if (o.kind === 'compliance') {
      const std = judged.find((x) => x.id === o.standard);
      if (std === undefined) return [`${at}.standard`, `the run judges no standard "${o.standard}"; it judges: ${judged.map((x) => x.id).join(', ')}`];
      if (!std.parameters.some((p) => p.parameter === o.parameter && p.point === o.point)) {
        const points = [...new Set(std.parameters.filter((p) => p.parameter === o.parameter).map((p) => p.point))];
        return [`${at}.point`, `${o.standard} does not judge ${o.parameter} at "${o.point}"; it judges it at: ${points.join(', ') || 'no point'}`];
      }
      continue;
    }
    const settable = plant.settable(o.unit);
    if (settable === undefined) return [`${at}.unit`, `the plant has no unit "${o.unit}"`];
    if (o.kind === 'acknowledge' && !plant.alarms.has(o.unit, o.tag)) {
      return [`${at}.tag`, `unit "${o.unit}" has no alarm "${o.tag}"; it has: ${plant.alarms.tagsOf(o.unit).join(', ') || 'none'}`];
    }
    if (o.kind === 'act' && !(o.set in settable)) return [`${at}.set`, `unit "${o.unit}" has no runtime parameter "${o.set}"; it has: ${Object.keys(settable).join(', ') || 'none'}`];
  }
  return undefined;
}
