/**
 * Parses a CSV of measurements off the main thread: a year of 5-minute readings takes a quarter of a second to
 * read, which the screen must not stall for. The arrays come back transferred, not copied.
 */
import * as Comlink from 'comlink';
import { CsvError, parseTimeSeriesCsv, type CsvRules, type TimeSeriesCsv } from '../engine/timeSeriesCsv.ts';

export type ParsedCsv = { ok: true; csv: TimeSeriesCsv } | { ok: false; message: string };

const api = {
  parse(text: string, rules: Pick<CsvRules, 'maxRows' | 'minRows'>): ParsedCsv {
    try {
      const csv = parseTimeSeriesCsv(text, rules);
      return Comlink.transfer({ ok: true, csv }, [csv.t_s.buffer, ...csv.values.map((v) => v.buffer)]);
    } catch (e) {
      if (e instanceof CsvError) return { ok: false, message: e.message };
      throw e;
    }
  },
};
export type CsvWorkerApi = typeof api;

Comlink.expose(api, self as unknown as Comlink.Endpoint);
