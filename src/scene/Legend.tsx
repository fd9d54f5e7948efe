/** The key to the liquid colours: the mapped variable, its scale with the limit marked, and the baseline. */
import { useStore } from 'zustand';
import { BASELINE, cssGradient, scaleFor, scaleT } from '../state/colorScale.ts';
import { modelStore } from '../state/modelStore.ts';
import { viewStore } from '../state/viewStore.ts';
import { useLang, useT } from '../ui/i18n.ts';
import { standardCaption } from '../ui/kpis.ts';

const baselineCss = `rgb(${BASELINE.map((c) => Math.round(c * 255)).join(',')})`;

export function Legend() {
  const t = useT();
  const lang = useLang();
  const colorBy = useStore(viewStore, (s) => s.colorBy);
  const standard = useStore(modelStore, (s) => s.index?.standard ?? null);
  if (colorBy === 'none') {
    return (
      <div className="tw-legend" data-testid="legend" data-var="none">
        <div className="tw-legend-title">
          <span className="tw-swatch" style={{ background: baselineCss }} /> {t.legendNone}
        </div>
      </div>
    );
  }
  const s = scaleFor(colorBy, standard);
  const limitText = s.limitSource ? (s.limit !== null ? t.legendLimit(standardCaption(s.limitSource, lang)) : s.limitSource) : null;
  return (
    <div className="tw-legend" data-testid="legend" data-var={colorBy}>
      <div className="tw-legend-title">
        <strong>{t.vars[colorBy] ?? colorBy}</strong>
        {s.uom ? <span className="muted"> ({s.uom}{s.kind === 'log' ? `, ${t.logScale}` : ''})</span> : null}
      </div>
      <div className="tw-bar" style={{ background: cssGradient(s) }} />
      <div className="tw-ticks">
        {s.ticks.map((k) => (
          <span key={k.value} className={k.limit ? 'tw-tick limit' : 'tw-tick'} style={{ left: `${(scaleT(s, k.value) * 100).toFixed(1)}%` }}>
            {k.label}
          </span>
        ))}
      </div>
      <div className="tw-legend-note muted">
        {limitText ? <span className="tw-limit-key">▮ {limitText} · </span> : null}
        <span className="tw-swatch" style={{ background: baselineCss }} /> {t.legendBaseline}
      </div>
    </div>
  );
}
