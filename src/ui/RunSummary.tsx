import { useStore } from 'zustand';
import { COMPONENTS, COMPONENT_LABELS, ELEMENTS, type ElementId } from '../engine/components.ts';
import type { ComponentBooks, RunSummary as Summary } from '../engine/api.ts';
import type { Lang } from '../state/prefsStore.ts';
import { modelStore } from '../state/modelStore.ts';
import { runStore } from '../state/runStore.ts';
import type { ModelInfo } from '../worker/api.ts';
import { formatDays, formatFlow, formatKg, formatNumber, formatSci, plantClock } from './format.ts';
import { useLang, useT, type Strings } from './i18n.ts';
import { ExportButton } from './ExportButton.tsx';
import { MetalFate } from './MetalFate.tsx';
import { CostBreakdown } from './CostBreakdown.tsx';
import { DesignCheck } from './DesignCheck.tsx';
import { downloadCsv, downloadSummary } from './download.ts';

/** The books are exact to rounding; anything above this means a leak in the engine and is marked. */
export const CLOSURE_LIMIT = 1e-9;

const ELEMENT_NAMES: Record<ElementId, { en: string; zh: string }> = {
  Cr: { en: 'Chromium, Cr', zh: '铬 Cr' },
  Ni: { en: 'Nickel, Ni', zh: '镍 Ni' },
  Cu: { en: 'Copper, Cu', zh: '铜 Cu' },
  Zn: { en: 'Zinc, Zn', zh: '锌 Zn' },
  Cd: { en: 'Cadmium, Cd', zh: '镉 Cd' },
  Pb: { en: 'Lead, Pb', zh: '铅 Pb' },
  Fe: { en: 'Iron, Fe', zh: '铁 Fe' },
};

/** Book accounts are named `kind:unitId` (e.g. `effluent:discharge`): show the unit's name and the kind. */
function accountLabel(account: string, info: ModelInfo | null, lang: Lang, t: Strings): { name: string; kind: string } {
  const i = account.indexOf(':');
  const kind = i >= 0 ? account.slice(0, i) : '';
  const id = i >= 0 ? account.slice(i + 1) : account;
  const unit = info?.units.find((u) => u.id === id);
  return { name: unit ? unit.name[lang] : id, kind: t.accountKinds[kind] ?? kind };
}

function FlowTable({ title, flows, testId }: { title: string; flows: Record<string, number>; testId: string }) {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const entries = Object.entries(flows);
  const total = entries.reduce((s, [, v]) => s + v, 0);
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{title}</th>
          <th scope="col" className="num">
            {t.flowUnit}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([account, v]) => {
          const { name, kind } = accountLabel(account, info, lang, t);
          return (
            <tr key={account} data-account={account}>
              <td>
                {name} <span className="muted">{kind}</span>
              </td>
              <td className="num" data-value={v}>
                {formatFlow(v)}
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t.total}</th>
          <td className="num" data-value={total}>
            {formatFlow(total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function ClosureCell({ v }: { v: number }) {
  const bad = !(v <= CLOSURE_LIMIT);
  return (
    <td className={bad ? 'num abnormal' : 'num'} data-testid="closure" data-value={v}>
      {bad ? '▲ ' : ''}
      {formatSci(v)}
    </td>
  );
}

function BooksTable({ caption, rows, outlets, testId }: { caption: string; rows: { key: string; label: string; books: ComponentBooks }[]; outlets: string[]; testId: string }) {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  return (
    <table className="data books" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.component}</th>
          <th scope="col" className="num">
            {t.in} ({t.kg})
          </th>
          {outlets.map((o) => {
            const { name, kind } = accountLabel(o, info, lang, t);
            return (
              <th scope="col" className="num" key={o} title={o}>
                {t.out}: {name} <span className="muted">{kind}</span> ({t.kg})
              </th>
            );
          })}
          <th scope="col" className="num">
            {t.reacted} ({t.kg})
          </th>
          <th scope="col" className="num">
            {t.inventory} ({t.kg})
          </th>
          <th scope="col" className="num">
            {t.closure}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label, books }) => (
          <tr key={key} data-book={key}>
            <th scope="row">{label}</th>
            <td className="num">{formatKg(books.in_kg)}</td>
            {outlets.map((o) => (
              <td className="num" key={o}>
                {formatKg(books.out_kg[o] ?? 0)}
              </td>
            ))}
            <td className="num">{formatKg(books.reacted_kg)}</td>
            <td className="num">{formatKg(books.inventory_kg)}</td>
            <ClosureCell v={books.closure_rel} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function isEmptyBook(b: ComponentBooks): boolean {
  return b.in_kg === 0 && b.reacted_kg === 0 && b.inventory_kg === 0 && Object.values(b.out_kg).every((v) => v === 0);
}

function MassBooks({ summary }: { summary: Summary }) {
  const t = useT();
  const lang = useLang();
  const mb = summary.massBalance;
  const outletSet = new Set<string>();
  for (const b of Object.values(mb)) for (const o of Object.keys(b.out_kg)) outletSet.add(o);
  const outlets = [...outletSet];

  const groups = ELEMENTS.flatMap((el) => {
    const books = mb[`${el}_total`];
    return books ? [{ key: `${el}_total`, label: ELEMENT_NAMES[el][lang], books }] : [];
  });
  const comps = COMPONENTS.flatMap((id) => {
    const books = mb[id];
    const name = COMPONENT_LABELS[id][lang];
    return books && !isEmptyBook(books) ? [{ key: id, label: name === id ? id : `${name} (${id})`, books }] : [];
  });
  const hidden = COMPONENTS.length - comps.length;

  return (
    <section className="panel" aria-labelledby="books-h">
      <h2 id="books-h">{t.massBooks}</h2>
      <p className="note">{t.closureNote}</p>
      <MetalFate summary={summary} />
      <div className="table-scroll">
        <BooksTable caption={t.elementGroups} rows={groups} outlets={outlets} testId="books-elements" />
      </div>
      <div className="table-scroll">
        <BooksTable caption={t.components} rows={comps} outlets={outlets} testId="books-components" />
      </div>
      {hidden > 0 ? <p className="note">{t.hiddenZero(hidden)}</p> : null}
    </section>
  );
}

/** What operators and scenarios did; the shops' own dumps are on the event timeline. */
function Actions({ summary, info }: { summary: Summary; info: ModelInfo | null }) {
  const t = useT();
  const lang = useLang();
  const actions = summary.actions.filter((a) => a.source !== 'plant');
  if (actions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="actions-h">
      <h2 id="actions-h">{t.actions}</h2>
      <table className="data" data-testid="actions">
        <thead>
          <tr>
            <th scope="col">{t.actionTime}</th>
            <th scope="col">{t.actionUnit}</th>
            <th scope="col">{t.actionSet}</th>
            <th scope="col" className="num">
              {t.actionValue}
            </th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a, i) => (
            <tr key={i}>
              <td>{info ? plantClock(info.start_iso, a.t_s) : formatDays(a.t_s)}</td>
              <td>{info?.units.find((u) => u.id === a.unit)?.name[lang] ?? a.unit}</td>
              <td>
                <code>{a.set}</code>
              </td>
              <td className="num">{String(a.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RunSummary() {
  const t = useT();
  const summary = useStore(runStore, (s) => s.summary);
  const info = useStore(modelStore, (s) => s.info);

  if (!summary || summary.steps === 0) {
    return (
      <section className="panel" aria-labelledby="summary-h">
        <h2 id="summary-h">{t.runSummary}</h2>
        <p className="empty" data-testid="not-run">
          {t.notRun}
        </p>
      </section>
    );
  }
  const worstBad = !(summary.worstClosure_rel <= CLOSURE_LIMIT);
  const water = summary.waterBalance;
  const waterBad = !(water.closure_rel <= CLOSURE_LIMIT);
  return (
    <>
      <section className="panel" aria-labelledby="summary-h" data-testid="summary">
        <div className="section-head">
          <h2 id="summary-h">{t.runSummary}</h2>
          <span className="exports">
            <ExportButton label={t.exportSummary} title={t.exportSummaryTitle} testId="export-summary" action={downloadSummary} />
            <ExportButton label={t.exportAllCsv} title={t.exportAllTitle} testId="export-all-csv" action={() => downloadCsv('channels')} />
          </span>
        </div>
        <dl className="figures">
          <div>
            <dt>{t.simulated}</dt>
            <dd data-testid="sum-days" data-value={summary.days}>
              {summary.days.toFixed(2)} {t.days}
            </dd>
          </div>
          <div>
            <dt>{t.steps}</dt>
            <dd>{formatNumber(summary.steps)}</dd>
          </div>
          <div>
            <dt>{t.step}</dt>
            <dd>{summary.step_s} s</dd>
          </div>
          <div>
            <dt>{t.seed}</dt>
            <dd>{summary.seed}</dd>
          </div>
          <div className={worstBad ? 'abnormal' : undefined}>
            <dt>{t.worstClosure}</dt>
            <dd data-testid="worst-closure" data-value={summary.worstClosure_rel}>
              {formatSci(summary.worstClosure_rel)} <span className="muted">({worstBad ? t.closureBad : t.closureOk})</span>
            </dd>
          </div>
          <div className={waterBad ? 'abnormal' : undefined} title={t.waterHeldTitle(formatFlow(water.inventory_m3), formatFlow(water.startInventory_m3))}>
            <dt>{t.waterClosure}</dt>
            <dd data-testid="water-closure" data-value={water.closure_rel}>
              {formatSci(water.closure_rel)} <span className="muted">({waterBad ? t.closureBad : t.closureOk})</span>
            </dd>
          </div>
        </dl>
        <h3>{t.flows}</h3>
        <div className="flows">
          <FlowTable title={t.influents} flows={summary.flows_m3_d.influents} testId="flows-influents" />
          <FlowTable title={t.outlets} flows={summary.flows_m3_d.outlets} testId="flows-outlets" />
          {Object.keys(summary.flows_m3_d.reagents).length > 0 ? <FlowTable title={t.reagentSolutions} flows={summary.flows_m3_d.reagents} testId="flows-reagents" /> : null}
        </div>
      </section>
      <CostBreakdown summary={summary} info={info} />
      <DesignCheck summary={summary} />
      <MassBooks summary={summary} />
      <Actions summary={summary} info={info} />
    </>
  );
}
