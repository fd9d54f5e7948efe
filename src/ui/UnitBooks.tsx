/**
 * The inspector's books for one unit, from the run summary (DESIGN §12: "books for this unit"): the water
 * through its own accounts, the metal that left the plant through them, the reagents it dosed, the energy it
 * used and what it cost. A unit with none of these (a mixer, a clarifier) says so: what passes through it
 * is in its streams' trends.
 */
import { useStore } from 'zustand';
import type { UnitInfo } from '../engine/api.ts';
import { runStore } from '../state/runStore.ts';
import { formatValue } from './format.ts';
import { useT } from './i18n.ts';

/** element groups the books report, in the order the app lists metals */
const METALS = ['Cr', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe'] as const;

export function UnitBooks({ u }: { u: UnitInfo }) {
  const t = useT();
  const summary = useStore(runStore, (s) => s.summary);
  if (!summary || !(summary.days > 0)) return null;
  const days = summary.days;
  const mine = (name: string) => name.endsWith(`:${u.id}`);
  const kind = (name: string) => t.accountKinds[name.slice(0, name.indexOf(':'))] ?? name;
  const water = [...Object.entries(summary.flows_m3_d.influents), ...Object.entries(summary.flows_m3_d.outlets)].filter(([k]) => mine(k));
  const solution = summary.flows_m3_d.reagents[`reagent:${u.id}`];
  const metals = Object.keys(summary.flows_m3_d.outlets)
    .filter(mine)
    .flatMap((account) =>
      METALS.map((el) => ({ account, el, kg_d: (summary.massBalance[`${el}_total`]?.out_kg[account] ?? 0) / days })).filter((m) => m.kg_d > 0),
    );
  const reagents = Object.entries(summary.kpis.reagents.byUnit_kg_d[u.id] ?? {}).filter(([, v]) => v > 0);
  const energy = summary.kpis.energy.byUnit_kWh_d[u.id] ?? 0;
  const cost = summary.kpis.cost.byUnit[u.id];
  const rows: { key: string; label: string; value: number; uom: string }[] = [
    ...water.map(([k, v]) => ({ key: `w:${k}`, label: kind(k), value: v, uom: 'm³/d' })),
    ...(solution === undefined ? [] : [{ key: 'w:reagents', label: t.reagentSolutions, value: solution, uom: 'm³/d' }]),
    ...metals.map((m) => ({ key: `m:${m.account}:${m.el}`, label: t.booksMetalOut(kind(m.account), m.el), value: m.kg_d, uom: 'kg/d' })),
    ...reagents.map(([r, v]) => ({ key: `r:${r}`, label: r, value: v, uom: 'kg/d' })),
    ...(energy > 0 ? [{ key: 'e', label: t.booksEnergy, value: energy, uom: 'kWh/d' }] : []),
    ...(cost !== undefined && cost.total_CNY > 0 ? [{ key: 'c', label: t.booksCost, value: cost.total_CNY / days, uom: t.cnyPerDay }] : []),
  ];
  return (
    <section className="insp-section" aria-labelledby="books-h" data-testid="unit-books">
      <h3 id="books-h">
        {t.booksHere} <span className="muted">· {t.booksOver(formatValue(days))}</span>
      </h3>
      {rows.length === 0 ? (
        <p className="note">{t.booksNone}</p>
      ) : (
        <dl className="now">
          {rows.map((r) => (
            <div key={r.key} data-book={r.key}>
              <dt>{r.label}</dt>
              <dd data-value={r.value}>
                {formatValue(r.value)} <span className="muted">{r.uom}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
