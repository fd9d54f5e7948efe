/**
 * The inspector's jar test: take a grab sample of the water the unit receives and see, pH by pH, what
 * precipitation leaves of each metal against the plant's discharge limits — the bench test an engineer runs
 * to choose a set-point, and the quickest way to see that a complexed metal will not come out at any pH.
 * The worker does the chemistry; the chart comes with the trends' lazily loaded uPlot chunk.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { UnitInfo } from '../engine/api.ts';
import { DAVIES_LIMIT_mol_L } from '../engine/chemistry/jarResult.ts';
import type { ErrorInfo, JarTest as JarTestResult, ModelInfo } from '../worker/api.ts';
import { pHSetpoints, readJar, runJarTest } from '../state/jar.ts';
import { liveStore } from '../state/liveStore.ts';
import { modelStore } from '../state/modelStore.ts';
import { formatFlow, formatTemperature, formatValue, parseInput, plantClock } from './format.ts';
import { useLang, useT } from './i18n.ts';
import { standardCaption } from './kpis.ts';

const JarChart = lazy(() => import('./JarChart.tsx'));

const ph = (v: number) => v.toFixed(1);

export function JarTest({ u }: { u: UnitInfo }) {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const standard = useStore(modelStore, (s) => s.index?.standard ?? null);
  const settable = useStore(liveStore, (s) => s.settable[u.id]);
  // a sample belongs to the model it was taken from: another model loaded drops it
  const [taken, setTaken] = useState<{ of: ModelInfo | null; jar: JarTestResult } | null>(null);
  const jar = taken !== null && taken.of === info ? taken.jar : null;
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [dose, setDose] = useState('0');
  // what it receives, where it takes water in; else what it sends on (an influent: the raw rinse)
  const [from, setFrom] = useState<'in' | 'out'>(u.inputs.length > 0 ? 'in' : 'out');
  const setpoints = pHSetpoints(u, settable);
  const spKey = setpoints.join(',');
  // one reading per sample and set-points: the chart is rebuilt only when either changes
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reading = useMemo(() => (jar === null ? null : readJar(jar, standard, setpoints)), [jar, standard, spKey]);
  if (u.inputs.length === 0 && u.outputs.length === 0) return null;

  const sample = async () => {
    setBusy(true);
    try {
      const d = parseInput(dose);
      const r = await runJarTest(u.id, from, Number.isFinite(d) ? d : NaN);
      if (r === null) return;
      if (r.ok) {
        setTaken({ of: modelStore.getState().info, jar: r.jar });
        setError(null);
      } else setError(r.error);
    } finally {
      setBusy(false);
    }
  };

  const stdName = reading === null ? '' : standardCaption(reading.standard, lang);
  return (
    <section className="insp-section jar" aria-labelledby="jar-h" data-testid="jar-test">
      <div className="section-head">
        <h3 id="jar-h">{t.jarTitle}</h3>
        <button type="button" className="btn btn-quiet" onClick={() => void sample()} disabled={busy} data-testid="jar-run">
          {busy ? t.jarRunning : jar === null ? t.jarRun : t.jarAgain}
        </button>
      </div>
      {u.inputs.length > 0 && u.outputs.length > 0 ? (
        <label className="jar-dose">
          {t.jarFrom}{' '}
          <select value={from} onChange={(e) => setFrom(e.target.value === 'out' ? 'out' : 'in')} data-testid="jar-from">
            <option value="in">{t.jarFromIn}</option>
            <option value="out">{t.jarFromOut}</option>
          </select>
        </label>
      ) : null}
      <label className="jar-dose" title={t.jarDoseTitle}>
        {t.jarDose}{' '}
        <input type="text" inputMode="decimal" value={dose} size={5} onChange={(e) => setDose(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void sample()} data-testid="jar-dose" />{' '}
        <span className="muted">{t.jarDoseUom}</span>
      </label>
      {jar === null && error === null ? <p className="note">{t.jarIntro}</p> : null}
      {error !== null ? (
        <p className="note error" role="alert" data-testid="jar-error">
          {error.message}
        </p>
      ) : null}
      {jar !== null && reading !== null ? (
        <div data-testid="jar-result" data-t-s={jar.t_s} data-from={jar.from}>
          <p className="muted jar-when">
            {(jar.from === 'in' ? t.jarSampledIn : t.jarSampledOut)(info ? plantClock(info.start_iso, jar.t_s) : `${jar.t_s} s`, formatFlow(jar.flow_m3_h), formatTemperature(jar.temperature_C))}
            {jar.sulfideDose_mg_L > 0 ? ` · ${t.jarDosed(formatValue(jar.sulfideDose_mg_L))}` : ''}
          </p>
          {jar.elements.length === 0 ? (
            <p className="note">{t.jarNoMetal}</p>
          ) : (
            <>
              <p className="jar-verdict" data-testid="jar-verdict" data-ranges={JSON.stringify(reading.ranges)}>
                {reading.ranges.length > 0 ? t.jarMeets(stdName, reading.ranges.map(([a, b]) => (a === b ? ph(a) : `${ph(a)}–${ph(b)}`)).join(', ')) : t.jarMeetsNone(stdName)}
              </p>
              {reading.never.map((n) => (
                <p key={n.id} className="note jar-never" data-testid="jar-never" data-element={n.id}>
                  {n.held_mg_L >= n.limit
                    ? t.jarNeverHeld(n.id, formatValue(n.min_mg_L), formatValue(n.held_mg_L), `${formatValue(n.limit)} mg/L`)
                    : t.jarNeverSoluble(n.id, formatValue(n.min_mg_L), ph(n.min_pH), `${formatValue(n.limit)} mg/L`)}
                </p>
              ))}
              <Suspense fallback={<p className="note">…</p>}>
                <JarChart jar={jar} limits={reading.limits} setpoints={reading.atSetpoints.map((s) => s.pH)} title={t.jarChartTitle} />
              </Suspense>
              <JarTable jar={jar} limits={reading.limits} atSetpoints={reading.atSetpoints} />
              {jar.maxIonicStrength_mol_L > DAVIES_LIMIT_mol_L ? <p className="note">{t.jarIndicative(jar.maxIonicStrength_mol_L.toPrecision(2))}</p> : null}
              {jar.unsolved_pH.length > 0 ? <p className="note">{t.jarUnsolved(jar.unsolved_pH.map(ph).join(', '))}</p> : null}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

function JarTable({ jar, limits, atSetpoints }: { jar: JarTestResult; limits: Record<string, number>; atSetpoints: { pH: number; index: number }[] }) {
  const t = useT();
  const over = (id: string, v: number) => limits[id] !== undefined && v > limits[id]!;
  return (
    <div className="table-scroll">
      <table className="data jar-table" data-testid="jar-table">
        <thead>
          <tr>
            <th scope="col">{t.jarMetal}</th>
            <th scope="col" className="num">{t.jarTotal}</th>
            <th scope="col" className="num" title={t.jarHeldTitle}>{t.jarHeld}</th>
            <th scope="col" className="num">{t.jarLeast}</th>
            {atSetpoints.map((s) => (
              <th key={s.pH} scope="col" className="num" title={t.jarAtSetpointTitle}>
                {t.jarAtSetpoint(ph(s.pH))}
              </th>
            ))}
            <th scope="col" className="num">{t.jarLimit}</th>
          </tr>
        </thead>
        <tbody>
          {jar.elements.map((e) => (
            <tr key={e.id} data-element={e.id}>
              <th scope="row">{e.id}</th>
              <td className="num">{formatValue(e.total_mg_L)}</td>
              <td className="num">{e.held_mg_L > 0 ? formatValue(e.held_mg_L) : '—'}</td>
              <td className={`num${over(e.id, e.min_mg_L) ? ' abnormal' : ''}`} data-value={e.min_mg_L}>
                {formatValue(e.min_mg_L)}
                <span className="muted jar-at">pH {ph(e.min_pH)}</span>
              </td>
              {atSetpoints.map((s) => {
                const v = e.soluble_mg_L[s.index]!;
                return (
                  <td key={s.pH} className={`num${over(e.id, v) ? ' abnormal' : ''}`} data-value={v}>
                    {formatValue(v)}
                  </td>
                );
              })}
              <td className="num">{limits[e.id] !== undefined ? formatValue(limits[e.id]!) : '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t.jarBase} <span className="muted">mg/L</span>
            </th>
            {atSetpoints.map((s) => (
              <td key={s.pH} className="num">
                {jar.HCl_mg_L[s.index]! > 0 ? `HCl ${formatValue(jar.HCl_mg_L[s.index]!)}` : `NaOH ${formatValue(jar.NaOH_mg_L[s.index]!)}`}
              </td>
            ))}
            <td />
          </tr>
          {jar.sulfideDose_mg_L > 0 ? (
            <tr data-testid="jar-sulfide-left">
              <th scope="row" colSpan={4}>
                {t.jarSulfideLeft} <span className="muted">mg/L</span>
              </th>
              {atSetpoints.map((s) => (
                <td key={s.pH} className="num" data-value={jar.sulfideLeft_mg_L[s.index]}>
                  {formatValue(jar.sulfideLeft_mg_L[s.index]!)}
                </td>
              ))}
              <td />
            </tr>
          ) : null}
        </tfoot>
      </table>
    </div>
  );
}
