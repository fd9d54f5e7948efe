/**
 * Trends of the selected unit's channels over the whole run, with the min–max band of each
 * interval (a spike inside an interval stays visible). uPlot lives in this lazily loaded chunk;
 * charts redraw at most once a second from the history ring, never from React state per row.
 * The panel's charts move together: one cursor (hover one, read every trend at that time), one time
 * window (drag across any to zoom all, double-click for the whole run), kept in the view store so it
 * stays while the engineer follows an upset from unit to unit.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { defaultTrendChannels, trendLimits, type PlantIndex } from '../state/plantIndex.ts';
import { agreement, measuredStore, readingIn } from '../state/measurements.ts';
import { referenceAt, referenceStore } from '../state/reference.ts';
import { history, rows } from '../state/runStore.ts';
import { viewStore } from '../state/viewStore.ts';
import { formatValue, plantClock, plantEpoch_s } from './format.ts';
import { useLang, useT } from './i18n.ts';
import { standardCaption } from './kpis.ts';

const REDRAW_MS = 1000;
const HEIGHT = 92;
/** the charts of the inspector share one cursor */
const SYNC_KEY = 'platingtwin-trends';
/** a drag narrower than this (px) is a click, not a window */
const MIN_DRAG_PX = 3;

/** The bucket under the cursor: its end time (s from the start), min, mean and max. */
interface Hover {
  t_s: number;
  lo: number;
  mid: number;
  hi: number;
  /** the last reading measured on the plant within the interval, if any */
  measured: number | undefined;
  /** the reference run's mean at that time, if one is kept */
  reference: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One-line time ticks in plant time (UTC arithmetic, see format.ts): dates over days, clock times within a day. */
function timeTicks(_u: uPlot, splits: number[]): string[] {
  const span = (splits[splits.length - 1] ?? 0) - (splits[0] ?? 0);
  return splits.map((v) => {
    const d = new Date(v * 1000);
    const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
    if (span >= 2 * 86_400) return date;
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? date : clock;
  });
}

function varOf(id: string): string {
  if (id.endsWith('.pH')) return 'pH';
  if (id.endsWith('.ORP_mV')) return 'ORP';
  return '';
}

/** The channel's label without the unit's name: the panel already says which unit this is. */
export function shortLabel(label: string, unitName: string, id: string, ports: Record<string, string>): string {
  const arrow = label.indexOf('→');
  let s = arrow >= 0 ? label.slice(arrow + 1) : unitName && label.startsWith(unitName) ? label.slice(unitName.length) : label;
  s = s.trim();
  // "level" → "Level", but never "pH" → "PH" or "ORP" → "ORP" changed
  if (/^[a-z][a-z]/.test(s)) s = s.charAt(0).toUpperCase() + s.slice(1);
  if (!s) s = label;
  // `<unit>.<port>/…`: name the port unless it is the main outlet
  const m = /^[^/]*\.([^./]+)\//.exec(id);
  const port = m?.[1];
  // the main outlet, or the inflow of a unit that has none (the outfall), goes unnamed
  return port && port !== 'out' && port !== 'in' ? `${s} · ${ports[port] ?? port}` : s;
}

function TrendChart({ index, channel, onRemove }: { index: PlantIndex; channel: number; onRemove: () => void }) {
  const t = useT();
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const info = index.info.channels[channel];
  const [latest, setLatest] = useState(NaN);
  const [fit, setFit] = useState<{ n: number; bias: number; mae: number } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [empty, setEmpty] = useState(history.size === 0);
  const limits = useMemo(() => trendLimits(index, channel), [index, channel]);
  const measured = useStore(measuredStore, (s) => (info ? s.byChannel[info.id] : undefined));
  const reference = useStore(referenceStore, (s) => s.ref);
  const hasRef = reference !== null && info !== undefined && reference.mean.has(info.id);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const t0 = plantEpoch_s(index.info.start_iso) || 0;
    const css = getComputedStyle(el);
    const font = `11px ${css.fontFamily}`;
    let measuredLo = Infinity, measuredHi = -Infinity;
    for (const v of measured?.values ?? []) {
      if (v < measuredLo) measuredLo = v;
      if (v > measuredHi) measuredHi = v;
    }
    const opts: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height: HEIGHT,
      // plant-local clock: the model's start has no zone, so read axis times as UTC
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      legend: { show: false },
      // the drag marks a window for every chart (through the view store), rather than zooming this one alone
      cursor: { y: false, points: { size: 5 }, sync: { key: uPlot.sync(SYNC_KEY).key, setSeries: false }, drag: { x: true, y: false, setScale: false } },
      scales: {
        x: { time: true },
        // measured values stay in view beside the simulated ones
        ...(measured === undefined ? {} : { y: { range: (_u: uPlot, lo: number | null, hi: number | null) => uPlot.rangeNum(Math.min(lo ?? measuredLo, measuredLo), Math.max(hi ?? measuredHi, measuredHi), 0.1, true) } }),
      },
      hooks: {
        draw: [
          (u) => {
            if (measured === undefined) return;
            // the plant's readings: hollow rings over the simulated band. Where they are denser than the pixels
            // (a year of 5-minute readings), only the lowest and highest of each pixel column are drawn: the
            // same picture, a few hundred rings instead of a hundred thousand in one frame
            const ctx = u.ctx, r = 2.5 * devicePixelRatio;
            const xMin = u.scales.x?.min ?? -Infinity, xMax = u.scales.x?.max ?? Infinity;
            ctx.save();
            ctx.strokeStyle = '#0b6e6e';
            ctx.lineWidth = devicePixelRatio;
            const ring = (cx: number, cy: number) => {
              ctx.beginPath();
              ctx.arc(cx, cy, r, 0, 2 * Math.PI);
              ctx.stroke();
            };
            let column = NaN, top = 0, bottom = 0;
            for (let k = 0; k < measured.t_s.length; k++) {
              const x = t0 + measured.t_s[k]!;
              if (x < xMin || x > xMax) continue;
              const cx = u.valToPos(x, 'x', true), cy = u.valToPos(measured.values[k]!, 'y', true);
              if (Math.round(cx) === column) {
                if (cy < top) top = cy;
                if (cy > bottom) bottom = cy;
                continue;
              }
              if (!Number.isNaN(column)) {
                ring(column, top);
                if (bottom !== top) ring(column, bottom);
              }
              column = Math.round(cx);
              top = bottom = cy;
            }
            if (!Number.isNaN(column)) {
              ring(column, top);
              if (bottom !== top) ring(column, bottom);
            }
            ctx.restore();
          },
        ],
        setSelect: [
          (u) => {
            const { left, width } = u.select;
            if (width >= MIN_DRAG_PX) viewStore.getState().setTrendWindow({ from_s: u.posToVal(left, 'x') - t0, to_s: u.posToVal(left + width, 'x') - t0 });
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined || i >= n) {
              setHover(null);
              return;
            }
            const end = (x[i] ?? 0) - t0;
            const start = i > 0 ? (x[i - 1] ?? 0) - t0 : end - (n > 1 ? (x[1] ?? 0) - (x[0] ?? 0) : 0);
            setHover({ t_s: end, lo: lo[i] ?? NaN, mid: mid[i] ?? NaN, hi: hi[i] ?? NaN, measured: readingIn(measured, start, end), reference: refLine?.[i] ?? null });
          },
        ],
        setScale: [
          (u, key) => {
            if (key !== 'x') return;
            // what the chart shows, for the browser tests
            el.dataset.fromS = String((u.scales.x?.min ?? t0) - t0);
            el.dataset.toS = String((u.scales.x?.max ?? t0) - t0);
          },
        ],
      },
      axes: [
        { font, size: 24, stroke: '#5d6166', grid: { stroke: '#dde0e2', width: 1 }, ticks: { stroke: '#c5c8cb', width: 1, size: 3 }, values: timeTicks },
        { font, size: 44, stroke: '#5d6166', grid: { stroke: '#dde0e2', width: 1 }, ticks: { stroke: '#c5c8cb', width: 1, size: 3 } },
      ],
      series: [
        {},
        { stroke: 'rgba(93,131,194,0.45)', width: 1, points: { show: false } },
        { stroke: 'rgba(93,131,194,0.45)', width: 1, points: { show: false } },
        { stroke: '#2c3e50', width: 1.25, points: { show: false } },
        // the limits, dashed (part of the y range, so the margin to them shows)
        ...(limits?.values ?? []).map(() => ({ stroke: '#8b6a2b', width: 1, dash: [5, 4], points: { show: false } })),
        // the reference run's means, grey dashed
        ...(hasRef ? [{ stroke: '#7d8a96', width: 1.25, dash: [3, 3], points: { show: false } }] : []),
      ],
      bands: [{ series: [1, 2], fill: 'rgba(93,131,194,0.2)' }],
    };
    let x = new Float64Array(0);
    let lo = new Float32Array(0);
    let mid = new Float32Array(0);
    let hi = new Float32Array(0);
    let n = 0;
    const empty0 = new Float64Array(0);
    const lines = (limits?.values ?? []).map(() => new Float64Array(0));
    let refLine: (number | null)[] | null = null;
    const plot = new uPlot(opts, [empty0, empty0, empty0, empty0, ...lines, ...(hasRef ? [empty0] : [])], el);
    const chosenWindow = () => viewStore.getState().trendWindow;
    const applyWindow = () => {
      const w = chosenWindow();
      if (w !== null) plot.setScale('x', { min: t0 + w.from_s, max: t0 + w.to_s });
      else if (n > 0) plot.setScale('x', { min: x[0]!, max: x[n - 1]! });
    };
    plot.over.addEventListener('dblclick', () => viewStore.getState().setTrendWindow(null));
    const offWindow = viewStore.subscribe((s, prev) => {
      if (s.trendWindow !== prev.trendWindow) applyWindow();
    });
    let version = -1;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const redraw = () => {
      timer = null;
      if (history.version === version) return;
      version = history.version;
      n = history.size;
      if (x.length < n) {
        // grow to the ring's capacity once, so redraws reuse the same buffers
        x = new Float64Array(history.capacity);
        lo = new Float32Array(history.capacity);
        mid = new Float32Array(history.capacity);
        hi = new Float32Array(history.capacity);
        limits?.values.forEach((v, k) => (lines[k] = new Float64Array(history.capacity).fill(v)));
      }
      history.times(x);
      for (let k = 0; k < n; k++) x[k] = t0 + (x[k] ?? 0);
      history.series(channel, 'min', lo);
      history.series(channel, 'mean', mid);
      history.series(channel, 'max', hi);
      const whole = chosenWindow() === null;
      refLine = hasRef ? referenceAt(reference, info.id, x, n, t0) : null;
      plot.setData([x.subarray(0, n), hi.subarray(0, n), lo.subarray(0, n), mid.subarray(0, n), ...lines.map((l) => l.subarray(0, n)), ...(refLine === null ? [] : [refLine])] as unknown as uPlot.AlignedData, whole);
      if (!whole) applyWindow();
      setLatest(rows.latest(channel));
      setEmpty(n === 0);
      if (measured !== undefined) setFit(agreement(measured, x, mid, n, t0));
    };
    redraw();
    const off = rows.subscribe(() => {
      if (timer === null) timer = setTimeout(redraw, REDRAW_MS);
    });
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(120, el.clientWidth), height: HEIGHT }));
    ro.observe(el);
    return () => {
      off();
      offWindow();
      ro.disconnect();
      if (timer !== null) clearTimeout(timer);
      plot.destroy();
    };
    // `hasRef` follows `reference` and `info`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, channel, limits, measured, reference]);

  if (!info) return null;
  const label = shortLabel(info.label[lang], index.units[index.unitIndex.get(info.unit) ?? -1]?.name[lang] ?? '', info.id, t.ports);
  const v = varOf(info.id);
  const limitText = limits === null ? null : t.trendLimit(limits.values.map((x) => String(Number(x.toPrecision(3)))).join('–'), info.uom, standardCaption(limits.standard, lang));
  // the interval under the cursor went past a limit
  const beyond = hover !== null && limits !== null && (limits.values.length === 2 ? hover.lo < limits.values[0]! || hover.hi > limits.values[1]! : hover.hi > limits.values[0]!);
  return (
    <figure className="trend" data-testid="trend" data-channel={info.id} data-limits={limits?.values.join(',')} data-measured={measured?.values.length} data-reference={hasRef ? reference.label : undefined}>
      <figcaption>
        <span className="trend-label" title={limitText === null ? info.id : `${info.id} · ${limitText}`}>
          {label}
          {limitText === null ? null : <span className="trend-limit muted"> · {limitText}</span>}
          {measured === undefined ? null : (
            <span className="trend-measured" title={fit === null ? measured.file : `${measured.file} · ${t.measuredFit(fit.n, formatValue(fit.bias, v), formatValue(fit.mae, v), info.uom)}`} data-bias={fit?.bias} data-mae={fit?.mae}>
              {' '}
              ○ {t.measured}
              {fit === null ? null : ` · MAE ${formatValue(fit.mae, v)}`}
            </span>
          )}
        </span>
        {hover === null ? (
          <span className="trend-now" data-testid="trend-now">
            {formatValue(latest, v)} <span className="muted">{info.uom}</span>
          </span>
        ) : (
          <span className={beyond ? 'trend-now trend-hover abnormal' : 'trend-now trend-hover'} data-testid="trend-hover" data-mid={hover.mid} title={t.trendHoverTitle}>
            {beyond ? '▲ ' : ''}
            <span className="muted">{plantClock(index.info.start_iso, hover.t_s).slice(5)}</span> {formatValue(hover.mid, v)}{' '}
            <span className="muted">
              ({formatValue(hover.lo, v)}–{formatValue(hover.hi, v)}) {info.uom}
            </span>
            {hover.reference === null ? null : (
              <span className="trend-reference" data-testid="trend-hover-reference" data-value={hover.reference} title={t.referenceHoverTitle}>
                {' '}
                ┄ {formatValue(hover.reference, v)}
              </span>
            )}
            {hover.measured === undefined ? null : (
              <span className="trend-measured" data-testid="trend-hover-measured">
                {' '}
                ○ {formatValue(hover.measured, v)}
              </span>
            )}
          </span>
        )}
        <button type="button" className="btn btn-quiet btn-x" onClick={onRemove} aria-label={t.removeTrend} title={t.removeTrend}>
          ×
        </button>
      </figcaption>
      <div ref={box} className="trend-plot" />
      {empty ? <p className="trend-empty note">{t.noData}</p> : null}
    </figure>
  );
}

export default function Trends({ unit }: { unit: number }) {
  const t = useT();
  const lang = useLang();
  const index = useStore(modelStore, (s) => s.index);
  const colorBy = useStore(viewStore, (s) => s.colorBy);
  const trendWindow = useStore(viewStore, (s) => s.trendWindow);
  const [chosen, setChosen] = useState<number[]>(() => (index ? defaultTrendChannels(index, unit, colorBy) : []));
  const measured = useStore(measuredStore, (s) => s.byChannel);
  // a channel given measurements is shown, so the readings are seen where they were laid
  useEffect(() => {
    if (!index) return;
    const add = (index.unitChannels[unit] ?? []).filter((c) => measured[index.info.channels[c]!.id] !== undefined);
    setChosen((now) => (add.every((c) => now.includes(c)) ? now : [...now, ...add.filter((c) => !now.includes(c))]));
  }, [index, unit, measured]);
  if (!index) return null;
  const all = index.unitChannels[unit] ?? [];
  const others = all.filter((c) => !chosen.includes(c));
  return (
    <div className="trends" data-testid="trends">
      {chosen.map((c) => (
        <TrendChart key={c} index={index} channel={c} onRemove={() => setChosen(chosen.filter((x) => x !== c))} />
      ))}
      {others.length > 0 ? (
        <select
          className="add-trend"
          value=""
          onChange={(e) => {
            const c = Number(e.target.value);
            if (e.target.value !== '' && !chosen.includes(c)) setChosen([...chosen, c]);
          }}
          data-testid="add-trend"
        >
          <option value="">{t.addTrend}</option>
          {others.map((c) => (
            <option key={c} value={c}>
              {shortLabel(index.info.channels[c]?.label[lang] ?? String(c), index.units[unit]?.name[lang] ?? '', index.info.channels[c]?.id ?? '', t.ports)}
            </option>
          ))}
        </select>
      ) : null}
      {trendWindow === null ? (
        <p className="note">{t.trendsNote}</p>
      ) : (
        <p className="note trend-window" data-testid="trend-window">
          {t.trendWindow(plantClock(index.info.start_iso, trendWindow.from_s), plantClock(index.info.start_iso, trendWindow.to_s))}{' '}
          <button type="button" className="btn btn-small" onClick={() => viewStore.getState().setTrendWindow(null)} data-testid="trend-whole-run">
            {t.wholeRun}
          </button>
        </p>
      )}
    </div>
  );
}
