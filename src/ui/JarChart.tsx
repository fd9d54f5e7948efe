/**
 * The jar test's curve: what precipitation leaves of each metal (log mg/L) against pH, each metal's limit dashed
 * in its colour, the unit's pH set-points as vertical lines. Loaded with uPlot, in its own chunk.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { JarTest } from '../worker/api.ts';
import { axisStyle, decades, PALETTE } from './chartStyle.ts';
import { formatValue } from './format.ts';

const CHART_HEIGHT = 180;
/** the log axis's floor: below a microgram per litre the differences are chemistry, not compliance */
const FLOOR_mg_L = 1e-3;
const SETPOINT_COLOR = '#2c3e50';

export default function JarChart({ jar, limits, setpoints, title }: { jar: JarTest; limits: Record<string, number>; setpoints: readonly number[]; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const shown = useRef(setpoints);
  shown.current = setpoints;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = axisStyle(el);
    const series: uPlot.Series[] = [{ label: 'pH', value: (_u, v) => (v === null ? '' : v.toFixed(1)) }];
    const data: (number | null)[][] = [jar.pH];
    const show = (v: number) => (v > FLOOR_mg_L ? v : FLOOR_mg_L);
    jar.elements.forEach((e, k) => {
      const stroke = PALETTE[k % PALETTE.length]!;
      series.push({ label: `${e.id} mg/L`, scale: 'mg', stroke, width: 1.75, points: { show: false }, value: (_u, v) => (v === null ? '' : formatValue(v)) });
      data.push(e.soluble_mg_L.map(show));
    });
    jar.elements.forEach((e, k) => {
      const limit = limits[e.id];
      if (limit === undefined) return;
      series.push({ label: `${e.id} limit`, scale: 'mg', stroke: PALETTE[k % PALETTE.length]!, width: 1, dash: [4, 4], points: { show: false }, value: () => formatValue(limit) });
      data.push(jar.pH.map(() => limit));
    });
    const top = Math.max(FLOOR_mg_L * 10, ...jar.elements.map((e) => e.total_mg_L)) * 2;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: CHART_HEIGHT,
      legend: { show: true, live: true },
      cursor: { y: false, points: { size: 5 } },
      scales: { x: { time: false }, mg: { distr: 3, log: 10, range: [FLOOR_mg_L, top] } },
      axes: [
        { ...axis, size: 26, values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : String(v))) },
        // plain decimals down to the floor (0.001): narrower than 1 × 10⁻³
        { ...axis, scale: 'mg', size: 46, splits: decades, values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : v >= FLOOR_mg_L && v < 1 ? String(Number(v.toPrecision(1))) : formatValue(v))) },
      ],
      series,
      hooks: {
        // the legend reads the metals at the cursor; the limits are in the table below, so their rows go
        ready: [
          (u) => {
            u.root.querySelectorAll<HTMLElement>('.u-legend .u-series').forEach((row, i) => {
              if (i > jar.elements.length) row.style.display = 'none';
            });
          },
        ],
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = SETPOINT_COLOR;
            ctx.lineWidth = 1.25 * devicePixelRatio;
            ctx.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
            for (const sp of shown.current) {
              const x = Math.round(u.valToPos(sp, 'x', true)) + 0.5;
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const p = new uPlot(opts, data as unknown as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => p.setSize({ width: Math.max(200, el.clientWidth), height: CHART_HEIGHT }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      p.destroy();
    };
  }, [jar, limits]);

  return <div ref={box} className="jar-chart" title={title} data-testid="jar-chart" data-series={jar.elements.length} data-setpoints={setpoints.join(',')} />;
}
