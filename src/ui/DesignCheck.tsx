/**
 * The design check as the engine made it (kpis.design): each unit's sizing figure on the run's flows against
 * plant-data.md's design window — a short tank or an overloaded clarifier amber, a generous one said so, neutrally.
 * The screen computes nothing; it lays the engine's rows out.
 */
import { useStore } from 'zustand';
import type { RunSummary as Summary, UnitInfo } from '../engine/api.ts';
import { runStore } from '../state/runStore.ts';
import { designWindowText } from '../engine/kpi/design.ts';
import { formatValue } from './format.ts';
import { useT, useUnitName } from './i18n.ts';

export function DesignCheck({ summary }: { summary: Summary }) {
  const t = useT();
  const unitName = useUnitName();
  const rows = summary.kpis.design;
  if (rows.length === 0) return null;
  const concerns = rows.filter((r) => r.concern).length;
  return (
    <section className="panel" aria-labelledby="design-h" data-testid="design-check">
      <h2 id="design-h">{t.designTitle}</h2>
      <p className="note">{concerns === 0 ? t.designAllWithin(rows.length) : t.designConcerns(concerns, rows.length)}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t.designUnit}</th>
            <th scope="col">{t.designDuty}</th>
            <th scope="col" className="num">{t.designValue}</th>
            <th scope="col">{t.designBasis}</th>
            <th scope="col">{t.designWindow}</th>
            <th scope="col">{t.designStatus}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.unit}/${r.figure}`} data-unit={r.unit} data-figure={r.figure} data-status={r.status} data-concern={r.concern} className={r.concern ? 'abnormal' : undefined} title={r.reference}>
              <th scope="row">{unitName(r.unit)}</th>
              <td>{t.designDuties[r.duty] ?? r.duty}</td>
              <td className="num" data-value={r.value}>
                {formatValue(r.value)} <span className="muted">{r.uom}</span>
              </td>
              <td>{t.designBases[r.basis] ?? r.basis}</td>
              <td>{designWindowText(r)}</td>
              <td>{r.concern ? `▲ ${t.designStatuses[r.status]}` : t.designStatuses[r.status]}{r.status === 'above' && !r.concern ? ` ${t.designGenerous}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The inspector's line for one unit: its sizing figures on the run so far against their windows, beside its design. */
export function UnitDesignCheck({ u }: { u: UnitInfo }) {
  const t = useT();
  const design = useStore(runStore, (s) => s.summary?.kpis.design);
  const rows = design?.filter((d) => d.unit === u.id) ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="insp-section" aria-labelledby="unit-design-h" data-testid="unit-design-check">
      <h3 id="unit-design-h">{t.designTitle}</h3>
      <dl className="now">
        {rows.map((r) => (
          <div key={r.figure} data-figure={r.figure} data-concern={r.concern} className={r.concern ? 'abnormal' : undefined} title={r.reference}>
            <dt>{t.designDuties[r.duty] ?? r.duty}</dt>
            <dd data-value={r.value}>
              {r.concern ? '▲ ' : ''}
              {formatValue(r.value)} <span className="muted">{r.uom} · {t.designBases[r.basis] ?? r.basis} · {designWindowText(r)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
