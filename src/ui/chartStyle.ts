/** What the charts of the app share: series colours, axis style, log ticks. */
import type uPlot from 'uplot';

/** calm, distinguishable hues; amber and red stay reserved for warnings and alarms */
export const PALETTE = ['#2c6fbb', '#7b4fa0', '#1f8a70', '#6b5b3e', '#3f6f8f', '#9a4f86', '#4f7a28', '#5d6166'];

/** An axis in the app's quiet style, in the chart container's font. */
export function axisStyle(el: HTMLElement): Pick<uPlot.Axis, 'font' | 'stroke' | 'grid' | 'ticks'> {
  const font = `10.5px ${getComputedStyle(el).fontFamily}`;
  return { font, stroke: '#5d6166', grid: { stroke: '#e3e5e7', width: 1 }, ticks: { stroke: '#c5c8cb', width: 1, size: 3 } };
}

/** Log-axis ticks at whole decades only (the minor ones crowd a short chart). */
export function decades(_u: uPlot, _axisIdx: number, min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) out.push(10 ** e);
  return out;
}
