/**
 * A training exercise's score as the engine keeps it (summary.exercise): the total so far and each objective — met in
 * time, late (half its points), missed, or still open — with how long the trainee took, or the share of time within
 * the limit. The screen scores nothing; it shows the engine's judgement as the run goes.
 */
import { useStore } from 'zustand';
import type { ObjectiveResult } from '../engine/kpi/exercise.ts';
import { runStore } from '../state/runStore.ts';
import { formatNumber, formatValue } from './format.ts';
import { useLang, useT } from './i18n.ts';

const MARK: Record<ObjectiveResult['status'], string> = { met: '✓', late: '½', missed: '✗', pending: '…' };

export function ExerciseScore() {
  const t = useT();
  const lang = useLang();
  const exercise = useStore(runStore, (s) => s.summary?.exercise);
  if (exercise === undefined) return null;
  const how = (o: ObjectiveResult) =>
    o.delay_s !== undefined ? t.exerciseTook(formatValue(o.delay_s / 60)) : o.within_pct !== undefined ? t.exerciseWithin(o.within_pct.toFixed(1)) : '';
  return (
    <div className="exercise" data-testid="exercise" data-score={exercise.score} data-max={exercise.max}>
      <p>
        <strong>{t.exerciseTitle}</strong> {formatNumber(exercise.score)} / {formatNumber(exercise.max)}
      </p>
      <ol className="events">
        {exercise.objectives.map((o) => (
          <li key={o.id} data-objective={o.id} data-status={o.status} className={o.status === 'missed' ? 'abnormal' : undefined} title={t.exerciseStatuses[o.status]}>
            <span aria-hidden="true">{MARK[o.status]} </span>
            {o.text[lang]}
            <span className="muted">
              {' '}
              · {t.exerciseStatuses[o.status]}
              {how(o)} · {formatNumber(o.points)}/{formatNumber(o.max)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
