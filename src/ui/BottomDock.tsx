/**
 * Bottom of the screen (DESIGN §12): alarms with the event timeline, and the mass books / run
 * summary in a second tab. Alarms are the engine's (each with its priority, state and an
 * acknowledge button) and tanks spilling over; events are the logged operator and scenario actions and the shops' own dumps.
 */
import { lazy, memo, Suspense, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { runStore } from '../state/runStore.ts';
import { viewStore } from '../state/viewStore.ts';
import { formatDays, formatNumber, formatValue, plantClock } from './format.ts';
import { useLang, useT, useUnitName, type Strings } from './i18n.ts';
import { RunSummary } from './RunSummary.tsx';
import { useWarnings } from './warnings.ts';
import { ExerciseScore } from './Exercise.tsx';
import { acknowledgeAlarms } from '../state/simClient.ts';
import { DUMP_SET, type ActiveAlarm, type LoggedAction, type ScenarioEvent } from '../engine/api.ts';
import { kpiView, standardShort } from './kpis.ts';
import { badgeTitle, paramName } from './KpiStrip.tsx';

const Profile = lazy(() => import('./Profile.tsx'));

/** ISA-18.2 style: 1 urgent, 2 high, 3 medium, 4 low; the colour class the badge takes. */
const prioClass = (priority: number): 'alarm' | 'warning' => (priority <= 2 ? 'alarm' : 'warning');

interface AlarmRow {
  key: string;
  unit: string;
  tag: string | undefined;
  priority: number;
  since_s: number;
  message: string;
  state: ActiveAlarm['state'] | 'active';
}

function AlarmList() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const engineAlarms = useStore(runStore, (s) => s.summary?.alarms);
  const warnings = useWarnings();
  // when each overflow came in: from the rows when they reach back that far, else first seen
  const since = useRef(new Map<string, number>());
  const t_s = runStore.getState().t_s;
  const overflows = warnings.filter((w) => w.kind === 'overflow');
  const live = new Set(overflows.map((w) => w.unit));
  for (const k of [...since.current.keys()]) if (!live.has(k)) since.current.delete(k);
  for (const w of overflows) if (!since.current.has(w.unit)) since.current.set(w.unit, Number.isFinite(w.since_s) ? w.since_s : t_s);
  const rows: AlarmRow[] = [
    ...(engineAlarms ?? []).map((a) => ({ key: `${a.unit}:${a.tag}`, unit: a.unit, tag: a.tag, priority: a.priority, since_s: a.since_s, message: a.message[lang], state: a.state })),
    ...overflows.map((w) => ({ key: `${w.unit}:overflow`, unit: w.unit, tag: undefined, priority: 3, since_s: since.current.get(w.unit) ?? 0, message: t.msgOverflow, state: 'active' as const })),
  ].sort((x, y) => x.priority - y.priority || y.since_s - x.since_s);
  const unacked = rows.filter((r) => r.state === 'unacknowledged' || r.state === 'cleared, unacknowledged').length;
  return (
    <section className="alarms" aria-labelledby="alarms-h">
      <div className="alarms-head">
        <h3 id="alarms-h">{t.alarms}</h3>
        {unacked > 0 ? (
          <button type="button" className="btn-small" data-testid="ack-all" onClick={() => void acknowledgeAlarms()} title={t.ackAllTitle}>
            {t.ackAll(unacked)}
          </button>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="note" data-testid="no-alarms">
          {t.noAlarms}
        </p>
      ) : (
        <table className="data alarm-table" data-testid="alarm-list">
          <thead>
            <tr>
              <th scope="col">{t.priority}</th>
              <th scope="col">{t.alarmState}</th>
              <th scope="col">{t.actionTime}</th>
              <th scope="col">{t.actionUnit}</th>
              <th scope="col">{t.message}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <AlarmListRow key={r.key} unit={r.unit} tag={r.tag} priority={r.priority} since_s={r.since_s} message={r.message} state={r.state} start_iso={info?.start_iso} unitName={info?.units.find((x) => x.id === r.unit)?.name[lang] ?? r.unit} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * One alarm row. Memoised on plain values: the summary brings a new alarm list about once a second
 * while a run streams, and only the rows whose state or time changed need drawing again.
 */
const AlarmListRow = memo(function AlarmListRow(p: { unit: string; tag: string | undefined; priority: number; since_s: number; message: string; state: AlarmRow['state']; start_iso: string | undefined; unitName: string }) {
  const t = useT();
  const needsAck = p.state === 'unacknowledged' || p.state === 'cleared, unacknowledged';
  const cls = prioClass(p.priority);
  return (
    <tr className={`prio-${cls}${needsAck ? ' unacked' : ''}`} data-unit={p.unit} data-tag={p.tag ?? 'overflow'} data-state={p.state}>
      <td>
        <span className={`prio ${cls}`} title={t.prioNames[p.priority] ?? ''}>
          {t.prioShort(p.priority)}
        </span>
      </td>
      <td className="alarm-state">
        {needsAck && p.tag !== undefined ? (
          <button type="button" className="btn-small ack" data-testid="ack" onClick={() => void acknowledgeAlarms(p.unit, p.tag)}>
            {t.ack}
          </button>
        ) : null}
        {t.alarmStates[p.state] ?? p.state}
      </td>
      <td className="num">{p.start_iso !== undefined ? plantClock(p.start_iso, p.since_s) : formatDays(p.since_s)}</td>
      <td>
        <button type="button" className="linkish" onClick={() => viewStore.getState().select(p.unit)}>
          {p.unitName}
        </button>
      </td>
      <td className="alarm-msg">{p.message}</td>
    </tr>
  );
});

/** An action, logged or planned, as one line: a setting and its value, or a dump. */
function actionText(t: Strings, a: Pick<LoggedAction, 'unit' | 'set' | 'value' | 'factor' | 'into'>): string {
  return a.set === DUMP_SET ? t.dumpEvent(a.unit, formatNumber(a.value as number), formatNumber(a.factor ?? NaN), a.into === 'spent') : `${a.unit}.${a.set} = ${String(a.value)}`;
}

/** A scenario's event as the action it will be logged as. */
const eventAction = (e: ScenarioEvent) => (e.kind === 'dump' ? { unit: e.unit, set: DUMP_SET, value: e.volume_m3, factor: e.factor, into: e.into } : e.action);

/**
 * Every logged event as a tick on the bar, drawn as three SVG paths (dumps, scenario and operator actions) rather
 * than an element each: a year of a park logs hundreds of the shops' dumps, and a summary brings all of them again
 * every second. The list below names the latest.
 */
const EventMarks = memo(function EventMarks({ list, span }: { list: readonly LoggedAction[]; span: number }) {
  const t = useT();
  const paths = { dump: '', scenario: '', operator: '' };
  let dumps = 0;
  for (const a of list) {
    const x = Math.min(1000, (1000 * a.t_s) / span).toFixed(1);
    const kind = a.set === DUMP_SET ? 'dump' : a.source === 'scenario' ? 'scenario' : 'operator';
    if (kind === 'dump') dumps++;
    paths[kind] += `M${x} 0V18`;
  }
  return (
    <svg className="tl-marks" viewBox="0 0 1000 18" preserveAspectRatio="none" data-testid="event-marks" data-count={list.length} data-dumps={dumps}>
      <title>{t.eventMarks(list.length, dumps)}</title>
      {Object.entries(paths).map(([kind, d]) => (d ? <path key={kind} className={kind} d={d} /> : null))}
    </svg>
  );
});

/**
 * One logged event as the list shows it. Each summary brings a fresh copy of the log: an item already shown renders
 * again only if what it says changed (React's development build pays dearly for every element).
 */
const EventItem = memo(
  function EventItem({ a, time, source, unit, dump }: { a: LoggedAction; time: string; source: string; unit: string; dump: string | null }) {
    return (
      <li data-unit={a.unit} data-set={a.set} data-source={a.source}>
        <span className="ev-time">{time}</span>
        <span className="ev-src muted">{source}</span>
        <span className="ev-what">
          {unit} ·{' '}
          {dump !== null ? (
            <strong>{dump}</strong>
          ) : (
            <>
              <code>{a.set}</code> = <strong>{String(a.value)}</strong>
            </>
          )}
        </span>
      </li>
    );
  },
  (p, n) => p.time === n.time && p.source === n.source && p.unit === n.unit && p.dump === n.dump && p.a.unit === n.a.unit && p.a.set === n.a.set && p.a.value === n.a.value,
);

/** Events listed below the bar: the latest; the bar marks them all. */
const LISTED_EVENTS = 10;

/**
 * The run's event log, the same array while nothing was added to it: a summary arrives every second while a run
 * goes, and a year of a park logs hundreds of the shops' dumps, too many to rebuild each time.
 */
function useEventLog(): readonly LoggedAction[] {
  const key = useStore(runStore, (s) => {
    const a = s.summary?.actions;
    return a === undefined ? '' : `${a.length}:${a[a.length - 1]?.t_s ?? ''}`;
  });
  const held = useRef({ key: '-', list: [] as readonly LoggedAction[] });
  if (held.current.key !== key) held.current = { key, list: runStore.getState().summary?.actions ?? [] };
  return held.current.list;
}

function Timeline() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  // a glance, not an alarm: the new log renders after the panels that matter, in slices that leave the frame alone
  const list = useDeferredValue(useEventLog());
  // the bar moves in 0.5 % steps: redrawing the list ten times a second for a pixel is waste
  const span0 = Math.max(info?.duration_s ?? 1, 1);
  const step = useStore(runStore, (s) => Math.floor((200 * s.t_s) / span0));
  const t_s = (step * span0) / 200;
  const span = Math.max(span0, t_s);
  const scenario = info?.scenario;
  // the scenario's events ahead of the clock, as hollow marks; those that happened are in the log
  const marked = (scenario?.events ?? []).filter((e) => e.at_s >= t_s);
  // keyed by their place in the log, which only grows: a new event renders itself, the others are skipped
  const items = useMemo(
    () => list.slice(-LISTED_EVENTS).reverse().map((a, i) => (
      <EventItem
        key={list.length - i}
        a={a}
        time={info ? plantClock(info.start_iso, a.t_s) : formatDays(a.t_s)}
        source={t.sourceNames[a.source] ?? a.source}
        unit={info?.units.find((u) => u.id === a.unit)?.name[lang] ?? a.unit}
        dump={a.set === DUMP_SET ? t.dumpLogged(formatNumber(a.value as number), formatNumber(a.factor ?? NaN), (a.duration_s ?? NaN) / 60, a.into === 'spent') : null}
      />
    )),
    [list, info, lang, t],
  );
  return (
    <section className="timeline" aria-labelledby="events-h">
      <h3 id="events-h">{t.events}</h3>
      {/* a trainee's score first: the scenario's long text below it */}
      <ExerciseScore />
      {scenario ? (
        <p className="scenario-about" data-testid="scenario-about">
          <strong>{scenario.name[lang]}</strong>
          {scenario.description ? <span className="muted"> — {scenario.description[lang]}</span> : null}
        </p>
      ) : null}
      <div className="tl-bar" aria-hidden="true">
        <div className="tl-now" style={{ width: `${Math.min(100, (100 * t_s) / span)}%` }} />
        {/* under the planned marks, so each of those keeps its own tooltip */}
        <EventMarks list={list} span={span} />
        {marked.map((e, i) => {
          const when = info ? plantClock(info.start_iso, e.at_s) : formatDays(e.at_s);
          return <span key={`s${i}`} className="tl-mark planned" data-testid="planned-event" style={{ left: `${Math.min(100, (100 * e.at_s) / span)}%` }} title={`${t.plannedEvent} ${when}: ${actionText(t, eventAction(e))}`} />;
        })}
      </div>
      {list.length === 0 ? (
        <p className="note">{t.noEvents}</p>
      ) : (
        <ol className="events" data-testid="events">
          {items}
          {list.length > LISTED_EVENTS ? <li className="muted">{t.earlierEvents(list.length - LISTED_EVENTS)}</li> : null}
        </ol>
      )}
    </section>
  );
}

/** Every regulated parameter of every standard the engine judged: the detail behind the badges. */
function ComplianceTable() {
  const t = useT();
  const lang = useLang();
  const pointName = useUnitName();
  const summary = useStore(runStore, (s) => s.summary);
  const standards = summary && summary.steps > 0 ? kpiView(summary).compliance : null;
  if (!standards) return <p className="note">{summary && summary.steps > 0 ? t.complianceAwaiting : t.notRun}</p>;
  return (
    <div className="compliance-tables" data-testid="compliance-table">
      {standards.map((s) => (
        <table key={s.id} className="data">
          <caption title={s.name[lang]}>{standardShort(s.id)} · {s.name[lang]}</caption>
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
              <tr key={`${p.parameter}@${p.point}`} title={badgeTitle(t, p, pointName)}>
                <th scope="row">{paramName(t, p.parameter)}</th>
                <td title={p.point}>{pointName(p.point)}</td>
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

export type DockTab = 'alarms' | 'profile' | 'compliance' | 'books';

export function BottomDock({ tab, setTab }: { tab: DockTab; setTab: (t: DockTab) => void }) {
  const t = useT();
  const warnings = useWarnings();
  // a new alarm brings the alarm tab forward
  const count = warnings.filter((w) => w.level === 'alarm').length;
  // the badge: alarms waiting for an acknowledgement, and tanks spilling over
  const alarms = useStore(runStore, (s) => s.summary?.alarms);
  const waiting = (alarms ?? []).filter((a) => a.state !== 'acknowledged');
  const badge = waiting.length + warnings.filter((w) => w.kind === 'overflow').length;
  const urgent = count > 0 || waiting.some((a) => a.priority <= 2);
  useEffect(() => {
    if (count > 0) setTab('alarms');
  }, [count, setTab]);
  return (
    <section className={tab === 'profile' ? 'dock panel tall' : 'dock panel'} aria-label={t.alarmsEvents}>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'alarms'} className={tab === 'alarms' ? 'tab selected' : 'tab'} onClick={() => setTab('alarms')} data-testid="tab-alarms">
          {t.alarmsEvents}
          {badge > 0 ? <span className={`count ${urgent ? 'alarm' : 'warning'}`} data-testid="alarm-count">{badge}</span> : null}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'profile'} className={tab === 'profile' ? 'tab selected' : 'tab'} onClick={() => setTab('profile')} data-testid="tab-profile">
          {t.profileTab}
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
      <div className="dock-body" role="tabpanel" hidden={tab !== 'profile'}>
        {tab === 'profile' ? (
          <Suspense fallback={<p className="note">…</p>}>
            <Profile />
          </Suspense>
        ) : null}
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
