/**
 * Where each metal went over the run (engine/kpi/fate.ts): a bar per element, the share that left in the cake
 * (what a recycler can win back), back to the plating baths, with the effluent, the reuse water, the concentrate,
 * hauled away, or still in the plant.
 */
import type { RunSummary } from '../engine/api.ts';
import { metalFates } from '../engine/kpi/fate.ts';
import { formatKg } from './format.ts';
import { useT } from './i18n.ts';

/** quiet hues by where the metal went; amber and red stay for warnings and alarms */
const KIND_COLOR: Record<string, string> = {
  cake: '#7a6a55',
  recovered: '#6b8e23',
  effluent: '#3f6f8f',
  reuse: '#1f8a70',
  concentrate: '#7b4fa0',
  hauled: '#5d6166',
  inventory: '#c3c9cf',
};

const pctText = (p: number) => (p >= 10 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : p > 0 ? '< 0.1' : '0');

export function MetalFate({ summary }: { summary: RunSummary }) {
  const t = useT();
  const rows = metalFates(summary.massBalance);
  if (rows.length === 0) return null;
  const kindName = (k: string) => (k === 'inventory' ? t.fateInTanks : (t.accountKinds[k] ?? k));
  return (
    <div className="metal-fate" data-testid="metal-fate">
      <h3>{t.fateTitle}</h3>
      {rows.map((r) => (
        <div key={r.element} className="fate-row" data-element={r.element}>
          <span className="fate-el" title={t.fateIn(formatKg(r.in_kg))}>
            {r.element}
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
