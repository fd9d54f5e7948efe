/**
 * Results as files a spreadsheet opens: the recorded channels as CSV, units in the header. One
 * format for the command line (`simulate --out run.csv`) and the app's export.
 */
import type { Simulation } from './api.ts';

/** Time in hours, then mean, min and max of every channel, or of the `channels` chosen (by index, in that order). */
export function channelsCsv(sim: Pick<Simulation, 'channelInfo' | 'channelData'>, channels?: readonly number[]): string {
  const all = sim.channelInfo();
  const d = sim.channelData(0, channels);
  const infos = channels === undefined ? all : channels.map((c) => all[c]!);
  const head = ['t_h [h]', ...infos.flatMap((c) => [`${c.id} mean [${c.uom}]`, `${c.id} min [${c.uom}]`, `${c.id} max [${c.uom}]`])];
  const rows = [head.map(csvCell).join(',')];
  for (let i = 0; i < d.count; i++) {
    const cells = [(d.t_s[i]! / 3600).toString()];
    for (let c = 0; c < infos.length; c++) cells.push(number(d.mean[c]![i]!), number(d.min[c]![i]!), number(d.max[c]![i]!));
    rows.push(cells.join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** Six significant figures: the rows are Float32 (about seven). */
const number = (v: number) => (v === 0 ? '0' : v.toPrecision(6));
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
