/**
 * The profile along the treatment chain (DESIGN §12: trends beside values): pH and the chosen
 * measures at each unit on the water's path from an influent to the outfall or the reuse tank, as
 * the latest interval left them. A chart (concentrations on a log scale with their discharge limits
 * dashed, pH on its own axis) or a table with the figures. Values are the engine's channels, read
 * through the plant index (src/state/profile.ts); nothing here computes process values.
 * uPlot comes with this lazily loaded chunk, as for the trends.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from 'zustand';
import { limitOf } from '../state/colorScale.ts';
import { modelStore } from '../state/modelStore.ts';
import { readSource, type PlantIndex, type ValueSource } from '../state/plantIndex.ts';
import { profileDefaults, profilePaths, profileSource, type ProfilePath } from '../state/profile.ts';
import { referenceLatest, referenceStore } from '../state/reference.ts';
import { rows } from '../state/runStore.ts';
import { viewStore } from '../state/viewStore.ts';
import { axisStyle, decades, PALETTE } from './chartStyle.ts';
import { formatValue, varUom } from './format.ts';
import { useLang, useT, type Strings } from './i18n.ts';
import { sameArray, useLive } from './useLive.ts';

const REFRESH_MS = 500;
const CHART_HEIGHT = 168;
const PH_COLOR = '#2c3e50';

/** The path to open with: the one through the selected unit to the outfall, else the first to an outfall. */
function preferredPath(index: PlantIndex, paths: readonly ProfilePath[], selected: string | null): ProfilePath | undefined {
  const toOutfall = (p: ProfilePath) => index.units[p.units[p.units.length - 1]!]?.type === 'discharge';
  const sel = selected === null ? -1 : (index.unitIndex.get(selected) ?? -1);
  const through = sel >= 0 ? paths.filter((p) => p.units.includes(sel)) : [];
  return through.find(toOutfall) ?? through[0] ?? paths.find(toOutfall) ?? paths[0];
}

/** Short names for chips and the legend: Ni, Cr(VI), SS … */
function shortVar(t: Strings, v: string): string {
  return t.badgeNames[v] ?? t.badgeNames[v.replace(/_total$/, '')] ?? t.vars[v] ?? v;
}

function pathLabel(index: PlantIndex, p: ProfilePath, t: Strings, lang: 'en' | 'zh'): string {
  const first = index.units[p.units[0]!];
  const last = index.units[p.units[p.units.length - 1]!];
  return `${t.lines[first?.line ?? ''] ?? first?.name[lang] ?? ''} → ${last?.name[lang] ?? ''}`;
}

/** Where each value of the profile comes from, point by point: pH first, then each variable. */
function profileSources(index: PlantIndex, path: ProfilePath, vars: readonly string[]): ValueSource[] {
  return path.units.flatMap((_, k) => ['pH', ...vars].map((v) => profileSource(index, path, k, v)));
}

function ProfileChart({ index, path, vars, values, reference, t }: { index: PlantIndex; path: ProfilePath; vars: readonly string[]; values: readonly number[]; reference: readonly number[] | null; t: Strings }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const n = path.units.length;
  const stride = vars.length + 1;
  const hasPH = values.some((v, i) => i % stride === 0 && Number.isFinite(v));
  const hasRef = reference !== null;
  const ids = path.units.map((i) => index.units[i]?.id ?? '');

  // the chart's shape (series, axes) follows the path and the variables; the data, every refresh
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = axisStyle(el);
    const series: uPlot.Series[] = [{}];
    vars.forEach((v, k) => {
      const color = PALETTE[k % PALETTE.length]!;
      series.push({ label: `${shortVar(t, v)} mg/L`, scale: 'mg', stroke: color, width: 1.5, points: { show: true, size: 6, fill: color } });
    });
    vars.forEach((v, k) => {
      const lim = limitOf(v, index.standard);
      series.push({ label: `${shortVar(t, v)} ${t.profileLimit}${lim ? ` ${formatValue(lim.value, v)}` : ''}`, scale: 'mg', stroke: PALETTE[k % PALETTE.length]!, width: 1, dash: [4, 4], points: { show: false }, show: lim !== null });
    });
    // pH is measured at some units only: its points joined across the others
    series.push({ label: 'pH', scale: 'pH', stroke: PH_COLOR, width: 1.25, dash: [2, 3], spanGaps: true, points: { show: true, size: 5, fill: '#fff' }, show: hasPH });
    // the reference run as it ended: hollow points on a thin dotted line in each measure's colour
    if (hasRef) {
      vars.forEach((v, k) => {
        const color = PALETTE[k % PALETTE.length]!;
        series.push({ label: `${shortVar(t, v)} ${t.profileReference}`, scale: 'mg', stroke: color, width: 1, dash: [1, 3], points: { show: true, size: 6, fill: '#fff', stroke: color } });
      });
    }
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: CHART_HEIGHT,
      // the coloured measure buttons above are the legend; the table view has the figures
      legend: { show: false },
      cursor: { y: false, points: { size: 6 } },
      scales: {
        x: { time: false, range: [-0.4, n - 0.6] },
        mg: { distr: 3, log: 10 },
        pH: { range: [0, 14] },
      },
      axes: [
        { ...axis, size: 40, rotate: -28, splits: () => ids.map((_, i) => i), values: (_u, splits) => splits.map((i) => ids[Math.round(i)] ?? '') },
        { ...axis, scale: 'mg', size: 46, splits: decades, values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : formatValue(v))) },
        { ...axis, scale: 'pH', side: 1, size: 28, grid: { show: false }, splits: () => [0, 2, 4, 6, 8, 10, 12, 14], show: hasPH },
      ],
      series,
    };
    const empty = [Float64Array.from(ids, (_, i) => i), ...series.slice(1).map(() => ids.map(() => null))] as unknown as uPlot.AlignedData;
    const p = new uPlot(opts, empty, el);
    plot.current = p;
    const ro = new ResizeObserver(() => p.setSize({ width: Math.max(200, el.clientWidth), height: CHART_HEIGHT }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      p.destroy();
      plot.current = null;
    };
    // `ids` follows `path`; `values` is pushed by the effect below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, path, vars.join(','), hasPH, hasRef, t]);

  useEffect(() => {
    const p = plot.current;
    if (!p) return;
    const x = Float64Array.from(ids, (_, i) => i);
    // a log scale has no place for zero: a measure that is gone is drawn as a gap, and the table says 0
    const col = (j: number) => ids.map((_, k) => {
      const v = values[k * stride + j] ?? NaN;
      return Number.isFinite(v) && (j === 0 || v > 0) ? v : null;
    });
    const data: (Float64Array | (number | null)[])[] = [x];
    vars.forEach((_, k) => data.push(col(k + 1)));
    vars.forEach((v) => {
      const lim = limitOf(v, index.standard);
      data.push(ids.map(() => lim?.value ?? null));
    });
    data.push(col(0));
    if (hasRef && reference !== null) {
      vars.forEach((_, k) => data.push(ids.map((_id, u) => {
        const v = reference[u * stride + k + 1] ?? NaN;
        return Number.isFinite(v) && v > 0 ? v : null;
      })));
    }
    p.setData(data as unknown as uPlot.AlignedData);
  });

  return <div ref={box} className="profile-chart" data-testid="profile-chart" data-reference={hasRef ? 'true' : undefined} />;
}

function ProfileTable({ index, path, vars, values, reference, t, lang }: { index: PlantIndex; path: ProfilePath; vars: readonly string[]; values: readonly number[]; reference: readonly number[] | null; t: Strings; lang: 'en' | 'zh' }) {
  const stride = vars.length + 1;
  const last = path.units.length - 1;
  const atOutfall = index.units[path.units[last]!]?.type === 'discharge';
  const rowsOf = ['pH', ...vars];
  return (
    <div className="profile-table-wrap">
      <table className="data profile-table" data-testid="profile-table">
        <thead>
          <tr>
            <th scope="col" />
            {path.units.map((i, k) => {
              const u = index.units[i];
              return (
                <th key={k} scope="col" className="num" title={`${u?.name[lang] ?? ''} · ${t.unitTypes[u?.type ?? ''] ?? u?.type ?? ''}`}>
                  <button type="button" className="linkish" onClick={() => viewStore.getState().select(u?.id ?? null)}>
                    {u?.id}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rowsOf.map((v, j) => {
            const lim = v === 'pH' ? null : limitOf(v, index.standard);
            return (
              <tr key={v} data-var={v}>
                <th scope="row">
                  {t.vars[v] ?? v} <span className="muted">{varUom(v)}</span>
                </th>
                {path.units.map((i, k) => {
                  const value = values[k * stride + j] ?? NaN;
                  const was = reference?.[k * stride + j] ?? NaN;
                  // only the water that leaves the plant answers to the discharge limit
                  const over = atOutfall && k === last && lim !== null && value > lim.value;
                  return (
                    <td key={k} className={over ? 'num abnormal' : 'num'} data-unit={index.units[i]?.id} data-value={Number.isFinite(value) ? value : undefined} title={over ? `${t.profileLimit} ${formatValue(lim.value, v)} (${lim.source})` : undefined}>
                      {over ? '▲ ' : ''}
                      {formatValue(value, v)}
                      {Number.isFinite(was) ? (
                        <span className="profile-ref muted" data-value={was}>
                          {formatValue(was, v)}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function Profile() {
  const t = useT();
  const lang = useLang();
  const index = useStore(modelStore, (s) => s.index);
  const selected = useStore(viewStore, (s) => s.selected);
  const paths = useMemo(() => (index ? profilePaths(index) : []), [index]);
  const [key, setKey] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ key: string; vars: string[] } | null>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const path = paths.find((p) => p.key === key) ?? (index ? preferredPath(index, paths, selected) : undefined);
  const vars = path && index ? (chosen?.key === path.key ? chosen.vars : profileDefaults(index, path)) : [];
  // values carry the path and measures they were read for: in the render that changes either, the
  // last reading belongs to the old layout, so read afresh rather than show it misplaced
  const layout = `${path?.key ?? ''}|${vars.join(',')}`;
  const sources = useMemo(() => (index && path ? profileSources(index, path, vars) : []), [index, layout]); // eslint-disable-line react-hooks/exhaustive-deps -- `layout` names path and vars
  const read = () => ({ layout, values: sources.map((src) => readSource(src, rows)) });
  const live = useLive(read, (a, b) => a.layout === b.layout && sameArray(a.values, b.values), REFRESH_MS, [index, layout]);
  const values = live.layout === layout ? live.values : read().values;
  // the reference run as it ended, through the same sources
  const ref = useStore(referenceStore, (s) => s.ref);
  const reference = useMemo(() => {
    if (ref === null || !index) return null;
    const reader = referenceLatest(ref, index.info.channels);
    return sources.map((src) => readSource(src, reader));
  }, [ref, index, sources]);
  if (!index) return null;
  if (!path) return <p className="note">{t.profileNone}</p>;
  const allVars = index.colorVars.filter((v) => v !== 'pH' && v !== 'ORP');
  const toggle = (v: string) => setChosen({ key: path.key, vars: vars.includes(v) ? vars.filter((x) => x !== v) : allVars.filter((x) => x === v || vars.includes(x)) });
  return (
    <div className="profile" data-testid="profile" data-path={path.key}>
      <div className="profile-bar">
        <label className="field">
          <span className="field-label">{t.profilePath}</span>
          <select value={path.key} onChange={(e) => setKey(e.target.value)} data-testid="profile-path">
            {paths.map((p) => (
              <option key={p.key} value={p.key}>
                {pathLabel(index, p, t, lang)}
              </option>
            ))}
          </select>
        </label>
        <div className="profile-vars segmented" role="group" aria-label={t.profileVars}>
          {allVars.map((v) => {
            const k = vars.indexOf(v);
            const color = view === 'chart' && k >= 0 ? PALETTE[k % PALETTE.length] : undefined;
            return (
              <button key={v} type="button" className={k >= 0 ? 'seg selected' : 'seg'} style={color ? { color, borderColor: color } : undefined} title={t.vars[v] ?? v} aria-pressed={k >= 0} onClick={() => toggle(v)} data-testid={`profile-var-${v}`}>
                {shortVar(t, v)}
              </button>
            );
          })}
        </div>
        {view === 'chart' ? (
          <span className="profile-key muted">
            <span className="ph-key" style={{ borderColor: PH_COLOR }} /> {t.profilePHKey}
          </span>
        ) : null}
        <div className="segmented" role="group" aria-label={t.profileView}>
          <button type="button" className={view === 'chart' ? 'seg selected' : 'seg'} aria-pressed={view === 'chart'} onClick={() => setView('chart')} data-testid="profile-show-chart">
            {t.profileChart}
          </button>
          <button type="button" className={view === 'table' ? 'seg selected' : 'seg'} aria-pressed={view === 'table'} onClick={() => setView('table')} data-testid="profile-show-table">
            {t.profileTable}
          </button>
        </div>
      </div>
      {values.some(Number.isFinite) ? null : <p className="note">{t.noData}</p>}
      {view === 'chart' ? <ProfileChart index={index} path={path} vars={vars} values={values} reference={reference} t={t} /> : <ProfileTable index={index} path={path} vars={vars} values={values} reference={reference} t={t} lang={lang} />}
      <p className="note">{t.profileNote}</p>
      {ref === null ? null : <p className="note" data-testid="profile-reference">{t.profileReferenceNote(ref.label)}</p>}
    </div>
  );
}
