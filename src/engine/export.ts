/**
 * Results as files a spreadsheet opens: the recorded channels as CSV, units in the header. One
 * format for the command line (`simulate --out run.csv`) and the app's export.
 */
import type { Simulation } from './api.ts';

/** A span of simulated time, s. */
export interface TimeWindow {
  from_s: number;
  to_s: number;
}

/**
 * Time in hours, then mean, min and max of every channel, or of the `channels` chosen (by index, in that order);
 * within `span`, the rows whose interval overlaps it.
 */
export function channelsCsv(sim: Pick<Simulation, 'channelInfo' | 'channelData' | 'output_interval_s'>, channels?: readonly number[], span?: TimeWindow): string {
  const all = sim.channelInfo();
  const d = sim.channelData(0, channels);
  const inside = (t_end_s: number) => span === undefined || (t_end_s > span.from_s && t_end_s - sim.output_interval_s < span.to_s);
  const infos = channels === undefined ? all : channels.map((c) => all[c]!);
  const head = ['t_h [h]', ...infos.flatMap((c) => [`${c.id} mean [${c.uom}]`, `${c.id} min [${c.uom}]`, `${c.id} max [${c.uom}]`])];
  const rows = [head.map(csvCell).join(',')];
  for (let i = 0; i < d.count; i++) {
    if (!inside(d.t_s[i]!)) continue;
    const cells = [(d.t_s[i]! / 3600).toString()];
    for (let c = 0; c < infos.length; c++) cells.push(number(d.mean[c]![i]!), number(d.min[c]![i]!), number(d.max[c]![i]!));
    rows.push(cells.join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** Six significant figures: the rows are Float32 (about seven). */
const number = (v: number) => (v === 0 ? '0' : v.toPrecision(6));
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
