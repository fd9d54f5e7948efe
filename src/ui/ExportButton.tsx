import { useState } from 'react';
import { useStore } from 'zustand';
import { runStore } from '../state/runStore.ts';
import { useT } from './i18n.ts';

/** A download of results: disabled until the run has rows, busy while the engine writes the file, the reason if it fails. */
export function ExportButton({ label, title, testId, action }: { label: string; title: string; testId: string; action: () => Promise<string | null> }) {
  const t = useT();
  const ran = useStore(runStore, (s) => s.t_s > 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    try {
      setError(await action());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn-small export" disabled={!ran || busy} aria-busy={busy} title={title} onClick={() => void click()} data-testid={testId}>
        ⤓ {label}
      </button>
      {error !== null ? (
        <span className="abnormal export-error" role="alert">
          {t.exportFailed(error)}
        </span>
      ) : null}
    </>
  );
}
