/**
 * Bottom of the screen (DESIGN §12): alarms with the event timeline, and the mass books / run
 * summary in a second tab. Alarms come from the engine's `alarmsByUnit` (none yet) and from
 * tanks spilling over; events are the logged operator and scenario actions.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { runStore } from '../state/runStore.ts';
import { viewStore } from '../state/viewStore.ts';
import { formatDays, plantClock } from './format.ts';
import { useLang, useT } from './i18n.ts';
import { RunSummary } from './RunSummary.tsx';
import { useWarnings } from './warnings.ts';
import { kpiView, standardShort } from './kpis.ts';
import { badgeTitle, paramName } from './KpiStrip.tsx';
import { formatValue } from './format.ts';

function AlarmList() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const warnings = useWarnings();
  // when each warning came in: from the rows when they reach back that far, else first seen
  const since = useRef(new Map<string, number>());
  const key = (w: { unit: string; kind: string }) => `${w.unit}:${w.kind}`;
  const t_s = runStore.getState().t_s;
  const live = new Set(warnings.map(key));
  for (const k of [...since.current.keys()]) if (!live.has(k)) since.current.delete(k);
  for (const w of warnings) if (!since.current.has(key(w))) since.current.set(key(w), Number.isFinite(w.since_s) ? w.since_s : t_s);
  return (
    <section className="alarms" aria-labelledby="alarms-h">
      <h3 id="alarms-h">{t.alarms}</h3>
      {warnings.length === 0 ? (
        <p className="note" data-testid="no-alarms">
          {t.noAlarms}
        </p>
      ) : (
        <table className="data alarm-table" data-testid="alarm-list">
          <thead>
            <tr>
              <th scope="col">{t.priority}</th>
              <th scope="col">{t.actionTime}</th>
              <th scope="col">{t.actionUnit}</th>
              <th scope="col">{t.message}</th>
            </tr>
          </thead>
          <tbody>
            {warnings.map((w) => {
              const u = info?.units.find((x) => x.id === w.unit);
              const at = since.current.get(key(w)) ?? 0;
              return (
                <tr key={key(w)} className={`prio-${w.level}`} data-unit={w.unit}>
                  <td>
                    <span className={`prio ${w.level}`}>{w.level === 'alarm' ? t.prioAlarm : t.prioWarning}</span>
                  </td>
                  <td className="num">{info ? plantClock(info.start_iso, at) : formatDays(at)}</td>
                  <td>
                    <button type="button" className="linkish" onClick={() => viewStore.getState().select(w.unit)}>
                      {u?.name[lang] ?? w.unit}
                    </button>
                  </td>
                  <td>{w.kind === 'overflow' ? t.msgOverflow : (engineMessages(w.unit, lang) ?? t.msgAlarm)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The engine's own texts for a unit's alarms still in alarm, from the latest summary. */
function engineMessages(unit: string, lang: 'en' | 'zh'): string | undefined {
  const alarms = runStore.getState().summary?.alarms ?? [];
  const texts = alarms.filter((a) => a.unit === unit && a.inAlarm).map((a) => a.message[lang]);
  return texts.length === 0 ? undefined : texts.join('; ');
}

function Timeline() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const actions = useStore(runStore, (s) => s.summary?.actions);
  // the bar moves in 0.5 % steps: redrawing the list ten times a second for a pixel is waste
  const span0 = Math.max(info?.duration_s ?? 1, 1);
  const step = useStore(runStore, (s) => Math.floor((200 * s.t_s) / span0));
  const t_s = (step * span0) / 200;
  const span = Math.max(span0, t_s);
  const list = actions ?? [];
  return (
    <section className="timeline" aria-labelledby="events-h">
      <h3 id="events-h">{t.events}</h3>
      <div className="tl-bar" aria-hidden="true">
        <div className="tl-now" style={{ width: `${Math.min(100, (100 * t_s) / span)}%` }} />
        {list.map((a, i) => (
          <span key={i} className={`tl-mark ${a.source}`} style={{ left: `${Math.min(100, (100 * a.t_s) / span)}%` }} title={`${a.unit}.${a.set} = ${String(a.value)}`} />
        ))}
      </div>
      {list.length === 0 ? (
        <p className="note">{t.noEvents}</p>
      ) : (
        <ol className="events" data-testid="events">
          {[...list].reverse().map((a, i) => (
            <li key={list.length - i} data-unit={a.unit} data-set={a.set}>
              <span className="ev-time">{info ? plantClock(info.start_iso, a.t_s) : formatDays(a.t_s)}</span>
              <span className="ev-src muted">{t.sourceNames[a.source] ?? a.source}</span>
              <span className="ev-what">
                {info?.units.find((u) => u.id === a.unit)?.name[lang] ?? a.unit} · <code>{a.set}</code> = <strong>{String(a.value)}</strong>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Every regulated parameter of every standard the engine judged: the detail behind the badges. */
function ComplianceTable() {
  const t = useT();
  const summary = useStore(runStore, (s) => s.summary);
  const standards = summary && summary.steps > 0 ? kpiView(summary).compliance : null;
  if (!standards) return <p className="note">{summary && summary.steps > 0 ? t.complianceAwaiting : t.notRun}</p>;
  return (
    <div className="compliance-tables" data-testid="compliance-table">
      {standards.map((s) => (
        <table key={s.id} className="data">
          <caption title={s.name}>{standardShort(s.id)} · {s.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t.parameter}</th>
              <th scope="col">{t.point}</th>
              <th scope="col" className="num">{t.limit}</th>
              <th scope="col" className="num">{t.withinCol}</th>
              <th scope="col" className="num">{t.meanCol}</th>
              <th scope="col" className="num">{t.worstCol}</th>
              <th scope="col" className="num">{t.exceedCol}</th>
              <th scope="col">{t.statusCol}</th>
            </tr>
          </thead>
          <tbody>
            {s.parameters.map((p) => (
              <tr key={`${p.parameter}@${p.point}`} title={badgeTitle(t, p)}>
                <th scope="row">{paramName(t, p.parameter)}</th>
                <td>{p.point}</td>
                <td className="num">{p.limit === null ? '—' : typeof p.limit === 'number' ? formatValue(p.limit) : `${p.limit[0]}–${p.limit[1]}`}</td>
                <td className="num">{p.within_pct === null ? '—' : `${p.within_pct.toFixed(1)} %`}</td>
                <td className="num">{p.mean === null ? '—' : formatValue(p.mean, p.parameter === 'pH' ? 'pH' : '')}</td>
                <td className="num">{p.worst === null ? '—' : formatValue(p.worst, p.parameter === 'pH' ? 'pH' : '')}</td>
                <td className="num">{p.exceedance_min > 0 ? `${formatValue(p.exceedance_min)} min` : '0'}</td>
                <td className={p.status === 'exceeded' ? 'abnormal' : p.status === 'compliant' ? '' : 'muted'}>{t.statusNames[p.status] ?? p.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export type DockTab = 'alarms' | 'compliance' | 'books';

export function BottomDock({ tab, setTab }: { tab: DockTab; setTab: (t: DockTab) => void }) {
  const t = useT();
  const warnings = useWarnings();
  // a new alarm brings the alarm tab forward
  const count = warnings.filter((w) => w.level === 'alarm').length;
  useEffect(() => {
    if (count > 0) setTab('alarms');
  }, [count, setTab]);
  return (
    <section className="dock panel" aria-label={t.alarmsEvents}>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'alarms'} className={tab === 'alarms' ? 'tab selected' : 'tab'} onClick={() => setTab('alarms')} data-testid="tab-alarms">
          {t.alarmsEvents}
          {warnings.length > 0 ? <span className={`count ${count > 0 ? 'alarm' : 'warning'}`}>{warnings.length}</span> : null}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'compliance'} className={tab === 'compliance' ? 'tab selected' : 'tab'} onClick={() => setTab('compliance')} data-testid="tab-compliance">
          {t.complianceTab}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'books'} className={tab === 'books' ? 'tab selected' : 'tab'} onClick={() => setTab('books')} data-testid="tab-books">
          {t.massBalanceTab} · {t.summaryTab}
        </button>
      </div>
      <div className="dock-body" role="tabpanel" hidden={tab !== 'alarms'}>
        <div className="alarms-events">
          <AlarmList />
          <Timeline />
        </div>
      </div>
      <div className="dock-body" role="tabpanel" hidden={tab !== 'compliance'}>
        {tab === 'compliance' ? <ComplianceTable /> : null}
      </div>
      {/* mounted only when shown: re-rendering the books with every streamed summary costs frames */}
      <div className="dock-body books-tab" role="tabpanel" hidden={tab !== 'books'}>
        {tab === 'books' ? <RunSummary /> : null}
      </div>
    </section>
  );
}
