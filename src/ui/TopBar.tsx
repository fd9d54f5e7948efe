import { useState, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { prefsStore } from '../state/prefsStore.ts';
import { runStore } from '../state/runStore.ts';
import { describeEdit, designStore } from '../state/designStore.ts';
import { changeDesign, keepDesign, loadModelFiles, loadScenario, loadScenarioFiles, pause, play, resetRun, revertDesign, setSpeed } from '../state/simClient.ts';
import { forgetScenario, savedFor, savedScenarioStore } from '../state/savedScenarios.ts';
import { downloadScenario } from './download.ts';
import { scenariosFor } from '../state/scenarios.ts';
import { SPEEDS, type Speed } from '../worker/api.ts';
import { formatDays, formatTemperature, plantClock } from './format.ts';
import { useLang, useT } from './i18n.ts';
import { PauseIcon, PlayIcon, ResetIcon } from './icons.tsx';

function speedLabel(s: Speed, max: string): string {
  return s === 'max' ? max : `×${s}`;
}

/** A button that opens a JSON file and hands it to `onFile`. */
/** A file dialog for a document (.json) and the replay CSVs it names, chosen together. */
function JsonFileButton({ label, testId, inputTestId, onFiles }: { label: string; testId: string; inputTestId: string; onFiles: (files: File[]) => Promise<unknown> }) {
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    // Cleared so choosing the same file again (after fixing it) fires change again.
    e.target.value = '';
    if (files.length > 0) void onFiles(files);
  };
  return (
    <label className="btn btn-quiet" data-testid={testId}>
      {label}
      <input className="visually-hidden" type="file" multiple accept=".json,application/json,.csv,text/csv" onChange={onChange} data-testid={inputTestId} />
    </label>
  );
}

/**
 * The scenario applied to the model: the model as it is, a scenario shipped for it, one kept in this
 * browser, or one loaded from a file (which is then kept). A kept one that is applied can be forgotten.
 */
function ScenarioPicker() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const loading = useStore(modelStore, (s) => s.loading);
  const kept = useStore(savedScenarioStore, (s) => s.list);
  const persistent = useStore(savedScenarioStore, (s) => s.persistent);
  const stale = useStore(savedScenarioStore, (s) => s.stale);
  if (!info) return null;
  const shipped = scenariosFor(info.file);
  const saved = savedFor(kept, info.file);
  const current = info.scenario;
  const staleHere = saved.filter((s) => stale[s.key] !== undefined);
  const currentSaved = current ? saved.find((s) => s.file === current.file) : undefined;
  // shipped scenarios go by their path, kept ones by their key (model and file): the two never meet
  const value = currentSaved?.key ?? current?.file ?? '';
  const onPick = (v: string) => {
    if (v === '') {
      void loadScenario(null);
      return;
    }
    const s = shipped.find((x) => x.file === v) ?? saved.find((x) => x.key === v);
    if (s) void loadScenario({ source: s.json as object, file: s.file });
  };
  return (
    <div className="tb-group tb-scenario" title={t.scenarioTitle}>
      <span className="tb-label">{t.scenario}</span>
      <select className="scenario-pick" value={value} disabled={loading} onChange={(e) => onPick(e.target.value)} title={current ? `${current.name[lang]} (${current.file})` : t.baselineTitle} data-testid="scenario">
        <option value="">{t.baselineScenario}</option>
        {shipped.length > 0 ? (
          <optgroup label={t.shippedScenarios}>
            {shipped.map((s) => (
              <option key={s.file} value={s.file}>
                {s.name[lang]}
              </option>
            ))}
          </optgroup>
        ) : null}
        {saved.length > 0 ? (
          <optgroup label={persistent ? t.savedScenarios : `${t.savedScenarios} (${t.notPersistent})`} data-testid="scenario-kept">
            {saved.map((s) => {
              // kept for an earlier version of this model file: it would be refused, so it is not offered
              const why = stale[s.key];
              return (
                <option key={s.key} value={s.key} disabled={why !== undefined} title={why?.message} data-stale={why === undefined ? undefined : 'true'}>
                  {why === undefined ? '' : '⚠ '}
                  {s.name[lang]} · {s.file}
                  {why === undefined ? '' : ` — ${t.scenarioStale}`}
                </option>
              );
            })}
          </optgroup>
        ) : null}
        {current && !currentSaved && !shipped.some((s) => s.file === current.file) ? <option value={current.file}>{current.name[lang]}</option> : null}
      </select>
      {currentSaved ? (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void forgetScenario(currentSaved.key)} title={t.forgetScenarioTitle(currentSaved.name[lang])} data-testid="scenario-forget">
          {t.forgetScenario}
        </button>
      ) : null}
      {staleHere.length > 0 ? (
        <button
          type="button"
          className="btn btn-small btn-quiet"
          onClick={() => void Promise.all(staleHere.map((s) => forgetScenario(s.key)))}
          title={staleHere.map((s) => `${s.file}: ${stale[s.key]!.path}: ${stale[s.key]!.reason}`).join('\n')}
          data-testid="scenario-forget-stale"
        >
          {t.forgetStale(staleHere.length)}
        </button>
      ) : null}
      <JsonFileButton label={t.loadScenario} testId="load-scenario" inputTestId="scenario-file" onFiles={loadScenarioFiles} />
    </div>
  );
}

export function TopBar() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const loading = useStore(modelStore, (s) => s.loading);
  const status = useStore(runStore, (s) => s.status);
  const speed = useStore(prefsStore, (s) => s.speed);

  const running = status === 'running';
  const canPlay = info !== null && !running && !loading;
  const modelName = info ? info.name[lang] : '—';

  return (
    <header className="topbar">
      <div className="tb-row">
        <div className="brand">
          <span className="brand-name">{t.appName}</span>
          <span className="brand-tag">{t.appTagline}</span>
        </div>

        <div className="tb-group tb-model">
          <span className="tb-label">{t.model}</span>
          <span className="model-name" data-testid="model-name" title={info?.file}>
            {modelName}
          </span>
          <JsonFileButton label={loading ? t.loading : t.loadModel} testId="load-model" inputTestId="model-file" onFiles={loadModelFiles} />
        </div>

        <ScenarioPicker />

        <div className="tb-group lang" role="group" aria-label={t.language}>
          <button type="button" className={lang === 'en' ? 'seg selected' : 'seg'} aria-pressed={lang === 'en'} onClick={() => prefsStore.getState().setLang('en')} data-testid="lang-en">
            EN
          </button>
          <button type="button" className={lang === 'zh' ? 'seg selected' : 'seg'} aria-pressed={lang === 'zh'} onClick={() => prefsStore.getState().setLang('zh')} data-testid="lang-zh" lang="zh-CN">
            中文
          </button>
        </div>
      </div>
      <div className="tb-row">
        <div className="tb-group" role="group" aria-label={t.run}>
          <button type="button" className="btn btn-icon" onClick={() => void play()} disabled={!canPlay} title={t.run} aria-label={t.run} data-testid="play">
            <PlayIcon />
          </button>
          <button type="button" className="btn btn-icon" onClick={() => void pause()} disabled={!running} title={t.pause} aria-label={t.pause} data-testid="pause">
            <PauseIcon />
          </button>
          <button type="button" className="btn btn-icon" onClick={() => void resetRun()} disabled={info === null || loading} title={t.reset} aria-label={t.reset} data-testid="reset">
            <ResetIcon />
          </button>
        </div>

        <div className="tb-group" role="group" aria-label={t.speed} title={t.speedTitle}>
          <span className="tb-label">{t.speed}</span>
          <div className="segmented">
            {SPEEDS.map((s) => (
              <button
                key={String(s)}
                type="button"
                className={s === speed ? 'seg selected' : 'seg'}
                aria-pressed={s === speed}
                onClick={() => void setSpeed(s)}
                data-testid={`speed-${String(s)}`}
              >
                {speedLabel(s, t.speedMax)}
              </button>
            ))}
          </div>
        </div>

        <PlantSettings />
        <RunClock />
        <DesignChanges />
        <RunProgress />
      </div>
    </header>
  );
}

/** Run steps offered besides the model's own, s. */
const STEPS_S = [10, 60, 300];
/** Water temperatures offered besides the model's own, °C: a north-China winter to a south-China summer. */
const WATER_C = [8, 12, 15, 20, 25, 30, 35];

/**
 * A plant setting picked from a list in the top bar: a change is a design change of `settings.<name>` (saved with the
 * others) that rebuilds the plant with it and starts the run again.
 */
function SettingPicker({ name, value, offered, label, title, show, testId }: { name: string; value: number; offered: readonly number[]; label: string; title: string; show: (v: number) => string; testId: string }) {
  const loading = useStore(modelStore, (s) => s.loading);
  const running = useStore(runStore, (s) => s.status === 'running');
  const values = [...new Set([...offered, value])].sort((a, b) => a - b);
  return (
    <label className="tb-group" title={title}>
      <span className="tb-label">{label}</span>
      <select value={value} disabled={loading || running} onChange={(e) => void changeDesign(`settings.${name}`, Number(e.target.value), value)} data-testid={testId}>
        {values.map((v) => (
          <option key={v} value={v}>
            {show(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * How far the plant advances at a time, and the water's temperature (its annual mean, shown ± its swing, when it
 * follows the seasons). The reactors and the bioreactor keep one-minute sub-steps whatever the step is.
 */
function PlantSettings() {
  const t = useT();
  const info = useStore(modelStore, (s) => s.info);
  if (info === null) return null;
  const swing = info.temperature_swing_C;
  return (
    <>
      <SettingPicker name="step_s" value={info.step_s} offered={STEPS_S} label={t.step} title={t.stepTitle} show={t.stepLabel} testId="run-step" />
      <SettingPicker name="temperature_C" value={info.temperature_C} offered={WATER_C} label={t.water} title={t.waterTitle} show={(c) => `${formatTemperature(c)}${swing > 0 ? ` ± ${formatTemperature(swing)}` : ''} °C`} testId="water-temperature" />
    </>
  );
}

/** Design changes made in the inspector: how many, what they are (title), save them as a scenario, or take them back. */
function DesignChanges() {
  const t = useT();
  const edits = useStore(designStore, (s) => s.edits);
  const loading = useStore(modelStore, (s) => s.loading);
  // the file these very changes were kept as; a further change is not kept yet
  const [keptAs, setKeptAs] = useState<{ file: string; edits: typeof edits } | null>(null);
  const kept = keptAs?.edits === edits ? keptAs.file : null;
  const paths = Object.keys(edits);
  if (paths.length === 0) return null;
  const list = paths.flatMap((p) => describeEdit(p, edits[p]!)).join('\n');
  return (
    <div className="tb-group design-changes" data-testid="design-changes" data-count={paths.length}>
      <span className="design-chip" title={t.designChipTitle(list)}>
        {t.designChip(paths.length)}
      </span>
      <button type="button" className="btn btn-small" onClick={downloadScenario} title={t.designSaveTitle} data-testid="design-save">
        {t.designSave}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void keepDesign().then((file) => setKeptAs(file === null ? null : { file, edits }))} title={kept ? t.designKept(kept) : t.designKeepTitle} data-testid="design-keep">
        {kept ? `✓ ${t.designKeep}` : t.designKeep}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void revertDesign()} disabled={loading} data-testid="design-revert-all">
        {t.designRevertAll}
      </button>
    </div>
  );
}

/** The simulated clock: re-renders with every update while a run streams, so kept apart from the bar. */
function RunClock() {
  const t = useT();
  const info = useStore(modelStore, (s) => s.info);
  const t_s = useStore(runStore, (s) => s.t_s);
  return (
    <div className="tb-group tb-clock">
      <span className="tb-label">{t.simClock}</span>
      <span className="clock" data-testid="clock">
        {info ? plantClock(info.start_iso, t_s) : '—'}
      </span>
      <span className="clock-day" data-testid="sim-day">
        {t.day(formatDays(t_s))}
      </span>
    </div>
  );
}

function RunProgress() {
  const t = useT();
  const status = useStore(runStore, (s) => s.status);
  const progress = useStore(runStore, (s) => s.progress);
  return (
    <div className="tb-group tb-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={t.progress}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
        data-testid="progress"
        data-progress={progress}
      >
        <div className="progress-fill" style={{ width: `${(progress * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-pct">{(progress * 100).toFixed(0)} %</span>
      <span className={`status status-${status}`} data-testid="status" data-status={status}>
        {t.status[status]}
      </span>
    </div>
  );
}
