/**
 * A trainer's fault on an influent: a spent-bath dump let in now (volume, strength as a multiple of
 * the rinse, duration). The engine schedules it from the simulated time it arrives and logs it with
 * the actions; a refusal shows the engine's reason.
 */
import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { DUMP_ROUTES, SPENT_PORT, type DumpRoute, type UnitInfo } from '../engine/api.ts';
import { modelStore } from '../state/modelStore.ts';
import { injectDump } from '../state/simClient.ts';
import { parseInput, plantClock } from './format.ts';
import { useT } from './i18n.ts';

const FIELDS = [
  ['volume_m3', 'm³', '5'],
  ['factor', '×', '50'],
  ['duration_min', 'min', '30'],
] as const;

type Field = (typeof FIELDS)[number][0];

export function DumpForm({ u }: { u: UnitInfo }) {
  const t = useT();
  const info = useStore(modelStore, (s) => s.info);
  const [draft, setDraft] = useState<Record<Field, string>>(() => Object.fromEntries(FIELDS.map(([k, , v]) => [k, v])) as Record<Field, string>);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // an influent whose shops collect spent baths apart: the trainer picks the drain (the fault) or the main
  const hasMain = u.outputs.includes(SPENT_PORT);
  const [into, setInto] = useState<DumpRoute>('rinse');
  const labels: Record<Field, string> = { volume_m3: t.dumpVolume, factor: t.dumpFactor, duration_min: t.dumpDuration };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = (k: Field) => parseInput(draft[k]);
    if (FIELDS.some(([k]) => !Number.isFinite(n(k)))) {
      setMessage({ error: true, text: t.invalidNumber });
      return;
    }
    setBusy(true);
    const r = await injectDump({ unit: u.id, volume_m3: n('volume_m3'), factor: n('factor'), duration_s: n('duration_min') * 60, ...(hasMain ? { into } : {}) });
    setBusy(false);
    if (r.ok) setMessage({ error: false, text: t.dumpDone(info ? plantClock(info.start_iso, r.logged.t_s) : '') });
    else setMessage({ error: true, text: r.error.reason });
  };

  return (
    <form className="set-group dump-form" onSubmit={(e) => void submit(e)} data-testid="dump-form">
      <h4>{t.dumpTitle}</h4>
      <p className="note">{t.dumpNote}</p>
      <div className="dump-fields">
        {FIELDS.map(([k, uom]) => (
          <label key={k} className="dump-field">
            <span>{labels[k]}</span>
            <input type="text" inputMode="decimal" value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} data-testid={`dump-${k}`} />
            <span className="uom">{uom}</span>
          </label>
        ))}
        {hasMain ? (
          <label className="dump-field">
            <span>{t.dumpInto}</span>
            <select value={into} onChange={(e) => setInto(e.target.value as DumpRoute)} data-testid="dump-into">
              {DUMP_ROUTES.map((r) => (
                <option key={r} value={r}>
                  {t.dumpRoutes[r]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="btn btn-small" disabled={busy} data-testid="dump-now">
          {t.dumpNow}
        </button>
      </div>
      {message ? (
        <p className={message.error ? 'set-error' : 'set-done muted'} role={message.error ? 'alert' : undefined} data-testid="dump-message">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
