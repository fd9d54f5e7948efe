/** Loading values measured on the real plant over a unit's trends (state/measurements.ts), and clearing them. */
import { useState, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import { clearMeasurements, measuredStore, readMeasurements } from '../state/measurements.ts';
import { parseCsvOffThread } from '../state/csvOffThread.ts';
import type { PlantIndex } from '../state/plantIndex.ts';
import { useT } from './i18n.ts';

export function MeasuredControls({ index, unit }: { index: PlantIndex; unit: number }) {
  const t = useT();
  const byChannel = useStore(measuredStore, (s) => s.byChannel);
  const [error, setError] = useState<string | null>(null);
  const mine = (index.unitChannels[unit] ?? []).map((c) => index.info.channels[c]!.id).filter((id) => byChannel[id] !== undefined);
  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // cleared so choosing the same file again (after fixing it) fires change again
    e.target.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      setError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const r = await readMeasurements(text, file.name, index, unit, parseCsvOffThread);
    setError(r.ok ? null : r.reason);
  };
  return (
    <div className="measured">
      <label className="btn btn-small btn-quiet" title={t.measuredTitle} data-testid="measured-load">
        {t.measuredLoad}
        <input className="visually-hidden" type="file" accept=".csv,text/csv" onChange={(e) => void onChange(e)} data-testid="measured-file" />
      </label>
      {mine.length > 0 ? (
        <button type="button" className="linkish" onClick={() => clearMeasurements(mine)} data-testid="measured-clear">
          {t.measuredClear(byChannel[mine[0]!]!.file)}
        </button>
      ) : null}
      {error ? (
        <p className="set-error" role="alert" data-testid="measured-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
