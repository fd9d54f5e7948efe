/** The app's CSV parser (state/measurements.ts' CsvParser): a worker of its own, started on first use. */
import * as Comlink from 'comlink';
import { CsvError } from '../engine/timeSeriesCsv.ts';
import type { CsvWorkerApi } from '../worker/csv.worker.ts';
import type { CsvParser } from './measurements.ts';

let remote: Comlink.Remote<CsvWorkerApi> | null = null;

export const parseCsvOffThread: CsvParser = async (text, rules) => {
  remote ??= Comlink.wrap<CsvWorkerApi>(new Worker(new URL('../worker/csv.worker.ts', import.meta.url), { type: 'module' }));
  const r = await remote.parse(text, rules);
  if (!r.ok) throw new CsvError(r.message);
  return r.csv;
};
