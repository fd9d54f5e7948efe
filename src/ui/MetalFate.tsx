/**
 * Where each metal went over the run, from the mass books: the share that left in the cake (what a recycler can
 * win back), with the effluent, the reuse water, the concentrate, hauled away, and what is still in the tanks.
 * Shares of what the books account for (outflows plus inventory), so they add up to 100 % whatever the start.
 */
import type { ComponentBooks, RunSummary } from '../engine/api.ts';
import { ELEMENTS } from '../engine/components.ts';
import { formatKg } from './format.ts';
import { useT } from './i18n.ts';

/** quiet hues by where the metal went; amber and red stay for warnings and alarms */
const KIND_COLOR: Record<string, string> = {
  cake: '#7a6a55',
  effluent: '#3f6f8f',
  reuse: '#1f8a70',
  concentrate: '#7b4fa0',
  hauled: '#5d6166',
  inventory: '#c3c9cf',
};
const ORDER = ['cake', 'effluent', 'reuse', 'concentrate', 'hauled', 'inventory'];

/** The shares of one element group, largest first after the fixed order, as % of what the books account for. */
export function fateOf(books: ComponentBooks): { kind: string; kg: number; pct: number }[] {
  const byKind = new Map<string, number>();
  for (const [account, kg] of Object.entries(books.out_kg)) {
    const kind = account.slice(0, Math.max(0, account.indexOf(':'))) || account;
    byKind.set(kind, (byKind.get(kind) ?? 0) + kg);
  }
  byKind.set('inventory', books.inventory_kg);
  const total = [...byKind.values()].reduce((a, b) => a + Math.max(0, b), 0);
  if (!(total > 0)) return [];
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return [...byKind]
    .filter(([, kg]) => kg > 0)
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([kind, kg]) => ({ kind, kg, pct: (100 * kg) / total }));
}

const pctText = (p: number) => (p >= 10 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : p > 0 ? '< 0.1' : '0');

export function MetalFate({ summary }: { summary: RunSummary }) {
  const t = useT();
  const rows = ELEMENTS.flatMap((el) => {
    const books = summary.massBalance[`${el}_total`];
    const fate = books === undefined || !(books.in_kg > 0) ? [] : fateOf(books);
    return fate.length === 0 ? [] : [{ el, in_kg: books!.in_kg, fate }];
  });
  if (rows.length === 0) return null;
  const kindName = (k: string) => (k === 'inventory' ? t.fateInTanks : (t.accountKinds[k] ?? k));
  return (
    <div className="metal-fate" data-testid="metal-fate">
      <h3>{t.fateTitle}</h3>
      {rows.map((r) => (
        <div key={r.el} className="fate-row" data-element={r.el}>
          <span className="fate-el" title={t.fateIn(formatKg(r.in_kg))}>
            {r.el}
          </span>
          <span className="fate-bar" role="img" aria-label={r.fate.map((f) => `${kindName(f.kind)} ${pctText(f.pct)} %`).join(', ')}>
            {r.fate.map((f) => (
              <span key={f.kind} className="fate-seg" style={{ width: `${f.pct}%`, background: KIND_COLOR[f.kind] ?? '#8a8f94' }} title={`${kindName(f.kind)}: ${formatKg(f.kg)} kg, ${pctText(f.pct)} %`} data-kind={f.kind} data-pct={f.pct} />
            ))}
          </span>
          <span className="fate-text">{r.fate.map((f) => `${kindName(f.kind)} ${pctText(f.pct)} %`).join(' · ')}</span>
        </div>
      ))}
    </div>
  );
}
