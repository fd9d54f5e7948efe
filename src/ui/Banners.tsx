import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { runStore } from '../state/runStore.ts';
import { dismissLoadError } from '../state/simClient.ts';
import { useT } from './i18n.ts';

/** A failed model load, as `file: path: reason`; the previous model keeps running. */
export function LoadErrorBanner() {
  const t = useT();
  const error = useStore(modelStore, (s) => s.error);
  if (!error) return null;
  return (
    <div className="banner banner-alarm" role="alert" data-testid="load-error">
      <div className="banner-text">
        <strong>{t.modelError}</strong>
        <code className="error-line" data-testid="load-error-line">
          <span data-testid="err-file">{error.file}</span>: <span data-testid="err-path">{error.path === '' ? t.topLevel : error.path}</span>:{' '}
          <span data-testid="err-reason">{error.reason}</span>
        </code>
      </div>
      <button type="button" className="btn btn-quiet" onClick={dismissLoadError} data-testid="dismiss-error">
        {t.dismiss}
      </button>
    </div>
  );
}

/** The engine threw during a run: shown until the next load or reset. */
export function RunErrorBanner() {
  const t = useT();
  const error = useStore(runStore, (s) => (s.status === 'error' ? s.error : null));
  if (!error) return null;
  return (
    <div className="banner banner-alarm" role="alert" data-testid="run-error">
      <div className="banner-text">
        <strong>{t.runError}</strong>
        <code className="error-line">{error.message}</code>
      </div>
    </div>
  );
}
