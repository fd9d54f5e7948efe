/**
 * The bottom KPI strip (DESIGN §12): compliance badges per regulated parameter, then reuse rate,
 * flows, reagents, sludge, energy, cost and mass closure. Badges are neutral when a parameter
 * complies all the time and amber (▲) when it exceeded: colour is for what is abnormal.
 */
import { useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { limitOf } from '../state/colorScale.ts';
import { DEFAULT_STANDARD } from '../engine/kpi/parameters.ts';
import { modelStore } from '../state/modelStore.ts';
import { referenceStore } from '../state/reference.ts';
import { runStore } from '../state/runStore.ts';
import { formatDelta, formatSci, formatValue } from './format.ts';
import { useLang, useT, useUnitName, type Strings } from './i18n.ts';
import { kpiView, standardShort, type ParamCompliance, type StandardView } from './kpis.ts';
import { CLOSURE_LIMIT } from './RunSummary.tsx';

function Figure({ label, value, unit, testId, raw, abnormal, title, reference, children }: { label: string; value: string; unit?: string | undefined; testId: string; raw?: number | null | undefined; abnormal?: boolean; title?: string; reference?: number | null | undefined; children?: ReactNode }) {
  const t = useT();
  const diff = raw !== undefined && raw !== null && reference !== undefined && reference !== null ? raw - reference : NaN;
  // a change below a ten-thousandth of the figure is rounding, not a difference between the runs
  const delta = Math.abs(diff) <= 1e-4 * Math.max(Math.abs(raw ?? 0), Math.abs(reference ?? 0)) ? 0 : diff;
  return (
    <div className={abnormal ? 'kpi abnormal' : 'kpi'} title={title}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={testId} data-value={raw !== undefined && raw !== null && Number.isFinite(raw) ? raw : undefined}>
        {abnormal ? '▲ ' : ''}
        {value}
        {unit ? <span className="kpi-unit"> {unit}</span> : null}
      </span>
      {Number.isFinite(delta) ? (
        <span className="kpi-delta" data-testid={`${testId}-delta`} data-value={delta} title={t.referenceDelta(`${delta >= 0 ? '+' : '−'}${formatValue(Math.abs(delta))}${unit ? ` ${unit}` : ''}`)}>
          Δ {formatDelta(delta, value)}
        </span>
      ) : null}
      {children}
    </div>
  );
}

export function paramName(t: Strings, p: string): string {
  return t.badgeNames[p] ?? t.vars[p] ?? p;
}

export function badgeTitle(t: Strings, p: ParamCompliance, pointName: (id: string) => string): string {
  const lim = p.limit === null ? '' : typeof p.limit === 'number' ? `≤ ${p.limit}` : `${p.limit[0]}–${p.limit[1]}`;
  const lines = [`${paramName(t, p.parameter)} ${lim} ${p.parameter === 'pH' ? '' : 'mg/L'} · ${pointName(p.point)}`];
  if (p.within_pct !== null) lines.push(t.withinPct(p.within_pct.toFixed(1)));
  if (p.worst !== null) lines.push(`${t.worst}: ${formatValue(p.worst, p.parameter === 'pH' ? 'pH' : '')}`);
  if (p.exceedance_min > 0) lines.push(`${t.exceedance}: ${formatValue(p.exceedance_min)} min`);
  if (p.note) lines.push(t.complianceNotes[p.noteId] ?? p.note);
  return lines.join('\n');
}

/** Worse is higher: an exceedance, then the lowest share of time within the limit. */
function rank(p: ParamCompliance): number {
  return (p.status === 'exceeded' ? 1000 : 0) + (p.within_pct === null ? 0 : 100 - p.within_pct);
}

const worstRank = (points: ParamCompliance[]): number => Math.max(...points.map(rank));

function Badges({ standards, t, onAll, reference }: { standards: StandardView[]; t: Strings; onAll?: (() => void) | undefined; reference: StandardView[] | null }) {
  const [pick, setPick] = useState(0);
  const lang = useLang();
  const pointName = useUnitName();
  const std = standards[Math.min(pick, standards.length - 1)];
  if (!std) return <p className="badges note" data-testid="compliance">{t.complianceAwaiting}</p>;
  // one badge per parameter: a parameter judged at several points (workshop outlets, the final
  // outlet) shows its worst point, and the title lists them all
  const byParam = new Map<string, ParamCompliance[]>();
  for (const p of std.parameters) {
    if (!p.modelled || p.status === 'not modelled') continue;
    const list = byParam.get(p.parameter);
    if (list) list.push(p);
    else byParam.set(p.parameter, [p]);
  }
  const notModelled = new Set(std.parameters.filter((p) => !p.modelled || p.status === 'not modelled').map((p) => p.parameter)).size;
  return (
    <div className="badges" data-testid="compliance" data-source="engine" data-standard={std.id}>
      <span className="badges-title">
        {t.compliance} ·{' '}
        {standards.length > 1 ? (
          <select value={pick} onChange={(e) => setPick(Number(e.target.value))} aria-label={t.standard} className="std-pick">
            {standards.map((s, i) => (
              <option key={s.id} value={i}>
                {standardShort(s.id)}
              </option>
            ))}
          </select>
        ) : (
          <span title={std.name[lang]}>{standardShort(std.id)}</span>
        )}
      </span>
      {onAll ? (
        <button type="button" className="linkish badges-all" onClick={onAll} data-testid="compliance-all">
          {t.allParams} ▸
        </button>
      ) : null}
      {[...byParam].sort((a, b) => worstRank(b[1]) - worstRank(a[1])).map(([param, points]) => {
        const worst = points.reduce((a, b) => (rank(b) > rank(a) ? b : a));
        const bad = worst.status === 'exceeded';
        const idle = !bad && points.every((p) => p.status === 'no flow' || p.within_pct === null);
        const pct = worst.within_pct;
        // the reference run at the same point: shown when this run moved from it
        const was = reference?.find((s) => s.id === std.id)?.parameters.find((p) => p.parameter === param && p.point === worst.point)?.within_pct ?? null;
        const moved = pct !== null && was !== null && Math.abs(pct - was) >= 0.05;
        const title = points.map((p) => badgeTitle(t, p, pointName)).join('\n\n') + (was === null ? '' : `\n\n${t.referenceWithin(was.toFixed(was >= 99.9 ? 2 : 1))}`);
        return (
          <span key={param} className={bad ? 'badge abnormal' : idle ? 'badge idle' : 'badge'} title={title} data-param={param} data-status={worst.status} data-value={pct ?? undefined} data-reference={was ?? undefined}>
            {bad ? '▲ ' : idle ? '' : '✓ '}
            {paramName(t, param)}
            {pct !== null && pct < 100 ? <span className="badge-pct"> {pct.toFixed(pct >= 99.9 ? 2 : 1)} %</span> : null}
            {moved ? <span className="badge-ref"> {t.referenceWas(was.toFixed(was >= 99.9 ? 2 : 1))}</span> : null}
          </span>
        );
      })}
      {notModelled > 0 ? <span className="muted badge-more" title={t.notModelledTitle(notModelled)}>{t.notModelled(notModelled)}</span> : null}
    </div>
  );
}

/** Before the engine reported compliance: the effluent's flow-weighted means against the limits. */
function Means({ t }: { t: Strings }) {
  const index = useStore(modelStore, (s) => s.index);
  const summary = useStore(runStore, (s) => s.summary);
  const means = summary ? Object.entries(summary.outletMeans_mg_L).find(([k]) => k.startsWith('effluent:'))?.[1] : undefined;
  if (!means) return <p className="badges note" data-testid="compliance">{t.complianceAwaiting}</p>;
  const std = index?.standard ?? DEFAULT_STANDARD;
  const items = Object.entries(means).flatMap(([m, v]) => {
    const lim = limitOf(m, std);
    return lim && lim.source === std ? [{ m, v, lim: lim.value }] : [];
  });
  return (
    <div className="badges" data-testid="compliance" data-source="means" title={t.complianceAwaiting}>
      <span className="badges-title">{t.effluentMeans(standardShort(std))}</span>
      {items.map(({ m, v, lim }) => (
        <span key={m} className={v > lim ? 'badge abnormal' : 'badge'} data-param={m} data-value={v}>
          {v > lim ? '▲ ' : ''}
          {t.vars[m] ?? m} {formatValue(v)}
          <span className="muted"> / {formatValue(lim)}</span>
        </span>
      ))}
    </div>
  );
}

/** `onAll` opens the full compliance table (the strip has room for one line of badges). */
export function KpiStrip({ onAll }: { onAll?: () => void }) {
  const t = useT();
  const summary = useStore(runStore, (s) => s.summary);
  const has = summary !== null && summary.steps > 0;
  const k = has ? kpiView(summary) : null;
  // the reference run's figures, for the deltas beside each
  const refSummary = useStore(referenceStore, (s) => s.ref?.summary ?? null);
  const r = refSummary !== null && refSummary.steps > 0 ? kpiView(refSummary) : null;
  const dash = '—';
  const reagents = k ? Object.entries(k.reagents_kg_d).sort((a, b) => b[1] - a[1]) : [];
  const closureBad = has && !(summary.worstClosure_rel <= CLOSURE_LIMIT);
  return (
    <section className="kpi-strip" aria-label={t.kpis} data-testid="kpis">
      {k?.compliance ? <Badges standards={k.compliance} t={t} onAll={onAll} reference={r?.compliance ?? null} /> : has ? <Means t={t} /> : <p className="badges note" data-testid="compliance">{t.complianceAwaiting}</p>}
      <div className="kpis">
        <Figure label={t.kpiReuse} value={k ? k.reuse_pct.toFixed(1) : dash} unit="%" testId="kpi-reuse" raw={k?.reuse_pct} reference={r?.reuse_pct} title={t.kpiReuseTitle} />
        {/* one figure for the water in and out: the line of figures is one line at 1280 px, changes beside them included */}
        <div className="kpi" title={t.kpiWaterTitle}>
          <span className="kpi-label">{t.kpiWater}</span>
          <span className="kpi-value">
            <span data-testid="kpi-influent" data-value={k?.influent_m3_d}>{k ? formatValue(k.influent_m3_d) : dash}</span>
            <span className="kpi-unit"> / </span>
            <span data-testid="kpi-effluent" data-value={k?.effluent_m3_d}>{k ? formatValue(k.effluent_m3_d) : dash}</span>
            <span className="kpi-unit"> m³/d</span>
          </span>
        </div>
        <Figure
          label={t.kpiReagents}
          value={k && k.reagentsTotal_kg_d > 0 ? formatValue(k.reagentsTotal_kg_d) : dash}
          unit={k && k.reagentsTotal_kg_d > 0 ? `kg${t.perDay}` : undefined}
          testId="kpi-reagents"
          raw={k?.reagentsTotal_kg_d}
          reference={r?.reagentsTotal_kg_d}
          title={reagents.map(([r, v]) => `${r}: ${formatValue(v)} kg${t.perDay}`).join('\n')}
        />
        <Figure label={t.kpiSludge} value={k?.sludge_wet_t_d ? formatValue(k.sludge_wet_t_d) : dash} unit={k?.sludge_wet_t_d ? `t${t.perDay}` : undefined} testId="kpi-sludge" raw={k?.sludge_wet_t_d} reference={r?.sludge_wet_t_d} title={k?.hazardousWaste_t_d ? t.hazardousWasteTitle(formatValue(k.hazardousWaste_t_d)) : undefined} />
        <Figure label={t.kpiEnergy} value={k?.energy_kWh_m3 ? formatValue(k.energy_kWh_m3) : dash} unit={k?.energy_kWh_m3 ? 'kWh/m³' : undefined} testId="kpi-energy" raw={k?.energy_kWh_m3} reference={r?.energy_kWh_m3} />
        <Figure label={t.kpiCost} value={k?.opex_CNY_m3 ? formatValue(k.opex_CNY_m3) : dash} unit={k?.opex_CNY_m3 ? t.cnyPerM3 : undefined} testId="kpi-cost" raw={k?.opex_CNY_m3} reference={r?.opex_CNY_m3}>
          {k !== null && k.net_CNY_m3 !== null ? (
            // one line of figures, always: the net rides on the OPEX rather than taking a figure of its own
            <span className="kpi-net" data-testid="kpi-net-cost" data-value={k.net_CNY_m3} title={t.netCostTitle([
              ...(k.waterSaved_CNY_d === null ? [] : [t.creditWater(formatValue(k.waterSaved_CNY_d), formatValue(k.waterPrice_CNY_m3 ?? NaN))]),
              ...(k.metalRecovered_CNY_d === null ? [] : [t.creditMetal(formatValue(k.metalRecovered_CNY_d))]),
            ].join('; '))}>
              {t.kpiNetCost} {formatValue(k.net_CNY_m3)}
            </span>
          ) : null}
        </Figure>
        <Figure label={t.kpiClosure} value={has ? formatSci(summary.worstClosure_rel, 0) : dash} testId="kpi-closure" raw={summary?.worstClosure_rel} abnormal={closureBad} />
      </div>
    </section>
  );
}
