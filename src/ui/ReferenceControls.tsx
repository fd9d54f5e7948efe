/**
 * Keep the run so far as the reference, or drop it: the inspector's trends then draw it beside the next runs
 * on the same model, and the KPI strip says how far they moved from it.
 */
import { useStore } from 'zustand';
import { designStore } from '../state/designStore.ts';
import { modelStore } from '../state/modelStore.ts';
import { dropReference, keepReference, referenceStore } from '../state/reference.ts';
import { runStore } from '../state/runStore.ts';
import { formatDays } from './format.ts';
import { useLang, useT } from './i18n.ts';

export function ReferenceControls() {
  const t = useT();
  const lang = useLang();
  const ref = useStore(referenceStore, (s) => s.ref);
  const stored = useStore(referenceStore, (s) => s.stored);
  const ran = useStore(runStore, (s) => s.t_s > 0);
  const keep = () => {
    const info = modelStore.getState().info;
    const scenario = info?.scenario?.name[lang] ?? t.baselineScenario;
    keepReference(t.referenceLabel(scenario, Object.keys(designStore.getState().edits).length));
  };
  return (
    <p className="note reference" data-testid="reference">
      {ref === null ? null : <span data-testid="reference-shown" data-stored={stored || undefined} title={stored ? t.referenceStoredTitle : undefined}>{t.referenceShown(ref.label, t.day(formatDays(ref.t_s)))} </span>}
      <button type="button" className="btn btn-small" onClick={keep} disabled={!ran} title={t.referenceKeepTitle} data-testid="reference-keep">
        {t.referenceKeep}
      </button>{' '}
      {ref === null ? null : (
        <button type="button" className="btn btn-small" onClick={dropReference} data-testid="reference-drop">
          {t.referenceDrop}
        </button>
      )}
    </p>
  );
}
