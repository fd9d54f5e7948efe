/** Exported results become files the browser downloads (the engine builds them; this only saves them). */
import { currentSummary, designScenarioJson, exportCsv } from '../state/simClient.ts';
import { modelStem, modelStore } from '../state/modelStore.ts';
import { runStore } from '../state/runStore.ts';
import type { TimeWindow } from '../engine/export.ts';
import { formatDays } from './format.ts';

const hours = (t_s: number): string => String(Math.round((t_s / 3600) * 10) / 10);

function save(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // a second is ample for the download to take the data; then the URL can go
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const stem = (): string => modelStem(modelStore.getState().info?.file ?? 'model');

/** `models/default-park.json` at day 30.0 → `default-park-<what>-day30.0` */
function fileName(what: string, ext: string): string {
  return `${stem()}-${what}-day${formatDays(runStore.getState().t_s)}.${ext}`;
}

/**
 * Downloads the chosen channels (all when omitted) as CSV, over the whole run or the rows of `span`; resolves
 * to an error text, or null when saved.
 */
export async function downloadCsv(what: string, channels?: readonly number[], span?: TimeWindow): Promise<string | null> {
  const r = await exportCsv(channels, span);
  if (r === null) return 'no model loaded';
  if (!r.ok) return r.error.message;
  const name = span === undefined ? fileName(what, 'csv') : `${stem()}-${what}-h${hours(span.from_s)}-${hours(span.to_s)}.csv`;
  save(name, r.csv, 'text/csv;charset=utf-8');
  return null;
}

/** Downloads the run summary as JSON; resolves to an error text, or null when saved. */
export async function downloadSummary(): Promise<string | null> {
  const summary = await currentSummary();
  if (summary === null) return 'no model loaded';
  save(fileName('summary', 'json'), `${JSON.stringify(summary, null, 1)}\n`, 'application/json');
  return null;
}

/** Downloads the applied scenario with the inspector's design changes as a scenario file. */
export function downloadScenario(): void {
  const json = designScenarioJson();
  if (json !== null) save(`${stem()}-design-changes.scenario.json`, `${JSON.stringify(json, null, 2)}\n`, 'application/json');
}
