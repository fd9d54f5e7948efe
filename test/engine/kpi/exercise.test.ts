/**
 * A training exercise's score: the trainee's own actions and acknowledgements, in time or late, and the compliance the
 * run kept — judged from the logs, so a scenario's own fault never counts as the trainee's action.
 */
import { describe, expect, it } from 'vitest';
import type { AlarmRecord, LoggedAction, RunSummary } from '../../../src/engine/api.ts';
import { loadPlant } from '../../../src/cli/io.ts';
import { ModelError } from '../../../src/engine/errors.ts';
import { scoreExercise, type Exercise, type ExerciseRecord } from '../../../src/engine/kpi/exercise.ts';
import type { StandardCompliance } from '../../../src/engine/kpi/compliance.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { parseScenario, scenarioRunInput } from '../../../src/engine/model/scenario.ts';

const text = { en: 'x', zh: 'x' };
const MIN = 60, H = 3600, DAY = 86_400;

const exercise: Exercise = {
  objectives: [
    { id: 'ack', kind: 'acknowledge', text, points: 20, unit: 'precip', tag: 'base.pump_tripped', within_s: 10 * MIN },
    { id: 'reset', kind: 'act', text, points: 50, unit: 'precip', set: 'base.pump.reset', value: true, from_s: 10 * H, within_s: 30 * MIN },
    { id: 'pH', kind: 'compliance', text, points: 30, standard: 'T', parameter: 'pH', point: 'mon', min_within_pct: 95 },
  ],
};
const raise = (t_s: number): AlarmRecord => ({ t_s, unit: 'precip', tag: 'base.pump_tripped', priority: 1, kind: 'raise', message: text });
const ack = (t_s: number): AlarmRecord => ({ ...raise(t_s), kind: 'ack' });
const act = (t_s: number, source: LoggedAction['source'] = 'operator', value: boolean | number = true): LoggedAction => ({ unit: 'precip', set: 'base.pump.reset', value, t_s, source });
const judged = (within_pct: number | null) => [{ id: 'T', parameters: [{ parameter: 'pH', point: 'mon', within_pct }] }] as unknown as StandardCompliance[];

function record(over: Partial<ExerciseRecord>): ExerciseRecord {
  return { t_s: DAY, duration_s: DAY, actions: [], alarmEvents: [], compliance: judged(100), ...over };
}

describe('exercise score', () => {
  it('gives each objective met in time its points, one met late half, one missed none', () => {
    const inTime = scoreExercise(exercise, record({ alarmEvents: [raise(10 * H), ack(10 * H + 5 * MIN)], actions: [act(10 * H + 20 * MIN)] }));
    expect(inTime.score).toBe(100);
    expect(inTime.max).toBe(100);
    expect(inTime.objectives.map((o) => [o.id, o.status, o.delay_s ?? o.within_pct])).toEqual([['ack', 'met', 300], ['reset', 'met', 1200], ['pH', 'met', 100]]);
    const late = scoreExercise(exercise, record({ alarmEvents: [raise(10 * H), ack(10 * H + 11 * MIN)], actions: [act(11 * H)], compliance: judged(94.9) }));
    expect(late.objectives.map((o) => [o.status, o.points])).toEqual([['late', 10], ['late', 25], ['missed', 0]]);
    expect(late.score).toBe(35);
    expect(scoreExercise(exercise, record({ alarmEvents: [raise(10 * H)] })).score).toBe(30);
  });

  it("counts only the trainee's own action, with the value asked for, after the objective's time", () => {
    const notTrainee = [act(10 * H + MIN, 'scenario'), act(10 * H + 2 * MIN, 'operator', false), act(9 * H)];
    expect(scoreExercise(exercise, record({ actions: notTrainee })).objectives[1]!.status).toBe('missed');
  });

  it('takes an action only with a value within the bounds the objective sets', () => {
    const cut: Exercise = { objectives: [{ id: 'cut', kind: 'act', text, points: 10, unit: 'eq', set: 'pump_flow_m3_h', at_most: 12, at_least: 2, from_s: 0, within_s: H }] };
    const did = (value: number | boolean) => scoreExercise(cut, record({ actions: [{ unit: 'eq', set: 'pump_flow_m3_h', value, t_s: MIN, source: 'operator' }] })).score;
    expect([did(12), did(5), did(2)]).toEqual([10, 10, 10]);
    expect([did(12.5), did(1), did(true)]).toEqual([0, 0, 0]);
  });

  it('is pending while the time for an objective runs, and an alarm that never came needs no acknowledgement', () => {
    const running = scoreExercise(exercise, record({ t_s: 10 * H + 10 * MIN, alarmEvents: [raise(10 * H + MIN)] }));
    expect(running.objectives.map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);
    expect(running.score).toBe(0);
    const quiet = scoreExercise(exercise, record({ actions: [act(10 * H + MIN)] }));
    expect(quiet.objectives[0]).toMatchObject({ status: 'met', points: 20 });
  });
});

describe('the shipped pump-trip exercise', () => {
  const start = () => {
    const file = 'models/scenarios/training-base-pump-trip.json';
    const { plant, run } = loadPlant(undefined, file);
    return createSimulation(plant, run);
  };
  const finish = (sim: ReturnType<typeof start>): RunSummary => {
    sim.run(sim.duration_s - sim.t_s);
    return sim.summary();
  };

  it('scores nothing when the trainee does nothing, and everything when they acknowledge and reset the pump in time', () => {
    const idle = finish(start()).exercise!;
    expect(idle.score).toBe(0);
    expect(idle.objectives.find((o) => o.id === 'reuse-pH')!.within_pct!).toBeLessThan(60);
    const sim = start();
    sim.run(DAY + 10 * H + 5 * MIN);
    expect(sim.summary().exercise!.objectives.map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);
    sim.acknowledge('precip', 'base.pump_tripped');
    sim.run(10 * MIN);
    sim.act({ unit: 'precip', set: 'base.pump.reset', value: true });
    const done = finish(sim).exercise!;
    expect(done.objectives.map((o) => [o.id, o.status])).toEqual([['ack-trip', 'met'], ['reset-pump', 'met'], ['reuse-pH', 'met']]);
    expect(done.score).toBe(100);
  });

  it('refuses an objective that names an alarm, a setting or a point the plant lacks, by its place in the file', () => {
    const refuse = (objective: unknown): ModelError => {
      const json = { format: 'platingtwin/scenario@1', name: text, model: '../default-park.json', exercise: { objectives: [objective] } };
      const { plant } = loadPlant('models/default-park.json', undefined);
      try {
        createSimulation(plant, scenarioRunInput(parseScenario(json, 'ex.json'), 'ex.json'));
      } catch (e) {
        if (e instanceof ModelError) return e;
        throw e;
      }
      throw new Error('accepted');
    };
    expect(refuse({ id: 'a', kind: 'acknowledge', text, points: 1, unit: 'precip', tag: 'no_such', within_min: 5 })).toMatchObject({
      file: 'ex.json', path: 'exercise.objectives[0].tag', reason: expect.stringMatching(/unit "precip" has no alarm "no_such"; it has: .*base\.pump_tripped/),
    });
    expect(refuse({ id: 'a', kind: 'act', text, points: 1, unit: 'precip', set: 'colour', from: { hour: 1 }, within_min: 5 }).path).toBe('exercise.objectives[0].set');
    expect(refuse({ id: 'a', kind: 'act', text, points: 1, unit: 'ghost', set: 'on', from: { hour: 1 }, within_min: 5 }).reason).toBe('the plant has no unit "ghost"');
    expect(refuse({ id: 'a', kind: 'compliance', text, points: 1, standard: 'GB21900-2008-T3', parameter: 'Ni', point: 'discharge', min_within_pct: 90 })).toMatchObject({
      path: 'exercise.objectives[0].point', reason: expect.stringMatching(/does not judge Ni at "discharge"; it judges it at: .*mon-ni/),
    });
    expect(() => parseScenario({ format: 'platingtwin/scenario@1', name: text, exercise: { objectives: [
      { id: 'a', kind: 'acknowledge', text, points: 1, unit: 'u', tag: 't', within_min: 5 },
      { id: 'a', kind: 'acknowledge', text, points: 1, unit: 'u', tag: 't', within_min: 5 },
    ] } }, 'ex.json')).toThrow(/ex\.json: exercise\.objectives\.1\.id|ex\.json: exercise\.objectives\[1\]\.id/);
  });
});
