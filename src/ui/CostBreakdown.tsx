/**
 * What the run cost to operate, as the engine priced it (kpis.cost): by category, the water reused and the metal
 * returned to the baths credited where the model prices them, the units that cost most, and every price used with where it came from. The screen only lays
 * out the engine's figures; it prices nothing itself.
 */
import type { RunSummary as Summary } from '../engine/api.ts';
import type { ModelInfo } from '../worker/api.ts';
import { formatNumber, formatValue } from './format.ts';
import { useLang, useT } from './i18n.ts';
import { WATER_PRICE } from '../engine/kpi/costs.ts';
import { PLANT_LIFE_YEARS, paybackAgainst, runFigures } from '../engine/kpi/compare.ts';
import { useStore } from 'zustand';
import { referenceStore } from '../state/reference.ts';

/** Yuan to the yuan, with thousands separators. */
const money = (v: number) => formatNumber(Math.round(v));

/** The units listed by cost: the few that make most of it (the rest are summed in one row). */
const TOP_UNITS = 8;

export function CostBreakdown({ summary, info }: { summary: Summary; info: ModelInfo | null }) {
  const t = useT();
  const lang = useLang();
  const cost = summary.kpis.cost;
  const days = summary.days;
  const influent_m3_d = summary.kpis.water.influent_m3_d;
  if (!(days > 0) || !(influent_m3_d > 0)) return null;
  const perM3 = (cny_d: number) => cny_d / influent_m3_d;
  const c = cost.byCategory;
  const rows: { key: string; label: string; cny_d: number }[] = [
    { key: 'reagents', label: t.costReagents, cny_d: c.reagents_CNY_d },
    { key: 'energy', label: t.costEnergy, cny_d: c.energy_CNY_d },
    { key: 'cake', label: t.costCake, cny_d: c.cake_CNY_d },
    { key: 'hauled', label: t.costHauled, cny_d: c.hauled_CNY_d },
  ];
  const units = Object.entries(cost.byUnit)
    .map(([id, u]) => ({ id, cny_d: u.total_CNY / days }))
    .filter((u) => u.cny_d > 0)
    .sort((a, b) => b.cny_d - a.cny_d);
  const rest = units.slice(TOP_UNITS).reduce((s, u) => s + u.cny_d, 0);
  const unitName = (id: string) => info?.units.find((u) => u.id === id)?.name[lang] ?? id;
  return (
    <section className="panel" aria-labelledby="cost-h" data-testid="cost">
      <h2 id="cost-h">{t.costTitle}</h2>
      <div className="flows">
        <table className="data">
          <caption>{t.costByCategory}</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num">{t.cnyPerDay}</th>
              <th scope="col" className="num">{t.cnyPerM3}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-cost={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{money(r.cny_d)}</td>
                <td className="num">{formatValue(perM3(r.cny_d))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-cost="opex">
              <th scope="row">{t.costOpex}</th>
              <td className="num" data-value={cost.opex_CNY_d}>{money(cost.opex_CNY_d)}</td>
              <td className="num" data-value={cost.opex_CNY_m3}>{formatValue(cost.opex_CNY_m3)}</td>
            </tr>
            {cost.net_CNY_d !== null && cost.net_CNY_m3 !== null ? (
              <>
                {cost.waterSaved_CNY_d !== null ? (
                  <tr data-cost="water">
                    <th scope="row">{t.costWaterCredit(formatValue(cost.prices[WATER_PRICE]?.value ?? NaN))}</th>
                    <td className="num" data-value={-cost.waterSaved_CNY_d}>−{money(cost.waterSaved_CNY_d)}</td>
                    <td className="num">−{formatValue(perM3(cost.waterSaved_CNY_d))}</td>
                  </tr>
                ) : null}
                {cost.metalRecovered_CNY_d !== null ? (
                  <tr data-cost="metal">
                    <th scope="row">{t.costMetalCredit}</th>
                    <td className="num" data-value={-cost.metalRecovered_CNY_d}>−{money(cost.metalRecovered_CNY_d)}</td>
                    <td className="num">−{formatValue(perM3(cost.metalRecovered_CNY_d))}</td>
                  </tr>
                ) : null}
                <tr data-cost="net">
                  <th scope="row">{t.costNet}</th>
                  <td className="num" data-value={cost.net_CNY_d}>{money(cost.net_CNY_d)}</td>
                  <td className="num" data-value={cost.net_CNY_m3}>{formatValue(cost.net_CNY_m3)}</td>
                </tr>
              </>
            ) : (
              <tr>
                <td colSpan={3} className="muted">{t.costNoWaterPrice}</td>
              </tr>
            )}
          </tfoot>
        </table>
        <table className="data" data-testid="cost-units">
          <caption>{t.costByUnit}</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num">{t.cnyPerDay}</th>
              <th scope="col" className="num">%</th>
            </tr>
          </thead>
          <tbody>
            {units.slice(0, TOP_UNITS).map((u) => (
              <tr key={u.id} data-unit={u.id}>
                <th scope="row">{unitName(u.id)}</th>
                <td className="num">{money(u.cny_d)}</td>
                <td className="num">{((100 * u.cny_d) / cost.opex_CNY_d).toFixed(1)}</td>
              </tr>
            ))}
            {rest > 0 ? (
              <tr>
                <th scope="row">{t.costOtherUnits(units.length - TOP_UNITS)}</th>
                <td className="num">{money(rest)}</td>
                <td className="num">{((100 * rest) / cost.opex_CNY_d).toFixed(1)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {cost.notCosted.length > 0 ? (
        <p className="note abnormal" data-testid="cost-not-costed">
          {t.costNotCosted(cost.notCosted.join(', '))}
        </p>
      ) : null}
      <details>
        <summary>{t.costPrices}</summary>
        <table className="data" data-testid="cost-prices">
          <tbody>
            {Object.entries(cost.prices).map(([key, p]) => (
              <tr key={key} data-price={key}>
                <th scope="row">
                  <code>{key}</code>
                </th>
                <td className="num">{formatNumber(p.value)}</td>
                <td>{p.source === 'model' ? t.costFromModel : t.costDefault}</td>
                <td className="muted cost-ref">{p.reference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="note">{t.costExcluded}</p>
      <Capital summary={summary} unitName={unitName} />
    </section>
  );
}

/**
 * What the design's investments cost, and — with a reference run kept — the extra capital against it, the yearly
 * saving and the simple payback, as the engine figures them (kpi/compare.ts).
 */
function Capital({ summary, unitName }: { summary: Summary; unitName: (id: string) => string }) {
  const t = useT();
  const lang = useLang();
  const refSummary = useStore(referenceStore, (s) => s.ref?.summary ?? null);
  const capital = summary.kpis.capital;
  const against = refSummary !== null && (capital.total_CNY > 0 || refSummary.kpis.capital.total_CNY > 0) ? paybackAgainst(runFigures(refSummary), runFigures(summary)) : null;
  if (capital.items.length === 0 && against === null) return null;
  return (
    <div data-testid="capital">
      <table className="data">
        <caption>{t.capitalTitle}</caption>
        <tbody>
          {capital.items.map((x) => (
            <tr key={x.id} data-investment={x.id} title={x.reference}>
              <th scope="row">
                {x.name[lang]}
                {x.units.length > 0 ? <span className="muted"> · {x.units.map(unitName).join(', ')}</span> : null}
              </th>
              <td className="num">{money(x.CNY)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.capitalTotal}</th>
            <td className="num" data-value={capital.total_CNY}>{money(capital.total_CNY)}</td>
          </tr>
        </tfoot>
      </table>
      {against !== null ? (
        <p className="note" data-testid="payback" data-value={against.payback_years ?? undefined}>
          {t.capitalAgainst(money(against.extraCapital_CNY), money(Math.abs(against.saving_CNY_yr)), against.saving_CNY_yr >= 0, against.net)}{' '}
          <strong>
            {against.payback_years !== null
              ? t.paybackYears(against.payback_years.toFixed(1))
              : against.extraCapital_CNY > 0 ? t.paybackNone(PLANT_LIFE_YEARS) : t.paybackNothingInvested}
          </strong>
        </p>
      ) : null}
    </div>
  );
}
