/**
 * Time series in CSV, as a plant's monitoring exports them: one header line, then one line per sample.
 *
 *   # comment lines start with #
 *   t_h,flow_m3_h [m³/h],Ni [mg/L]      a time column — t_h (hours) or time (2025-03-10 08:00, 2025/3/10 8:00) — then values
 *   0,12.5,48
 *
 * Commas, semicolons or tabs separate; a unit in brackets after a name is dropped. Every cell must be a number
 * (a gap is refused, never filled: whoever knows why it is there must fill it), times must advance. Influent
 * replays (units/replay.ts) and the app's measured values read their files through this one parser.
 */
import { h_to_s } from './convert.ts';

/** What is wrong with a CSV, and where: the line (1-based, of the text) and the column. */
export class CsvError extends Error {}

export type TimeKind = 't_h' | 'time';

export interface TimeSeriesCsv {
  /** the value columns' names, in file order (the time column left out) */
  readonly names: readonly string[];
  /** the header's line in the text (1-based) */
  readonly headerLine: number;
  readonly timeKind: TimeKind;
  /** sample times, s: from t = 0 of the file's `t_h`, or since 1970 of its `time` read as plant-local */
  readonly t_s: Float64Array;
  /** per value column (in `names` order), its values */
  readonly values: readonly Float64Array[];
}

export interface CsvRules {
  /** most samples accepted */
  maxRows: number;
  /** at least this many samples */
  minRows: number;
  /** the header's value columns are acceptable, or why not (called before the first sample is read) */
  checkNames?: (names: readonly string[]) => string | undefined;
  /** the range a column's values must lie in, with how to say it; without one, every finite number is accepted */
  range?: (name: string) => readonly [min: number, max: number, what: string] | undefined;
}

const TIME_COLUMNS: readonly string[] = ['t_h', 'time'];

export function parseTimeSeriesCsv(text: string, rules: CsvRules): TimeSeriesCsv {
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  let sep = ',';
  let headerLine = 0;
  const rows: { line: number; cells: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    if (header === null) {
      sep = raw.includes('\t') ? '\t' : raw.includes(';') ? ';' : ',';
      header = raw.split(sep).map((h) => h.trim().replace(/\s*\[[^\]]*\]$/, ''));
      headerLine = i + 1;
      continue;
    }
    if (rows.length >= rules.maxRows) throw new CsvError(`more than ${rules.maxRows.toLocaleString('en')} samples; resample the data coarser`);
    rows.push({ line: i + 1, cells: raw.split(sep).map((c) => c.trim()) });
  }
  if (header === null) throw new CsvError('no header line (t_h or time, then the columns of values)');
  const head = header;
  const timeCol = head.findIndex((h) => TIME_COLUMNS.includes(h));
  if (timeCol < 0) throw new CsvError(`line ${headerLine}: no time column; name one "t_h" (hours from the first sample) or "time" (2025-03-10 08:00)`);
  const cols = head.map((_, k) => k).filter((k) => k !== timeCol);
  const names = cols.map((k) => head[k]!);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) throw new CsvError(`line ${headerLine}: column "${n}" appears twice`);
  });
  const refused = rules.checkNames?.(names);
  if (refused !== undefined) throw new CsvError(`line ${headerLine}: ${refused}`);
  if (rows.length < rules.minRows) throw new CsvError(`at least ${rules.minRows} samples are needed, the file has ${rows.length}`);

  const timeKind = head[timeCol] as TimeKind;
  const t_s = new Float64Array(rows.length);
  const values = cols.map(() => new Float64Array(rows.length));
  const ranges = names.map((n) => rules.range?.(n));
  rows.forEach(({ line, cells }, r) => {
    if (cells.length !== head.length) throw new CsvError(`line ${line}: ${cells.length} values for ${head.length} columns`);
    const num = (k: number): number => {
      const cell = cells[k]!;
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) throw new CsvError(`line ${line}, column "${head[k]}": ${cell === '' ? 'empty' : `"${cell}" is not a number`}`);
      return v;
    };
    t_s[r] = timeKind === 't_h' ? h_to_s(num(timeCol)) : timeOf(cells[timeCol]!, line);
    if (r > 0 && !(t_s[r]! > t_s[r - 1]!)) throw new CsvError(`line ${line}: time does not advance (samples must be in time order, one per time)`);
    cols.forEach((k, c) => {
      const v = num(k);
      const range = ranges[c];
      if (range !== undefined && (v < range[0] || v > range[1])) throw new CsvError(`line ${line}, column "${head[k]}": ${v} is outside ${range[2]}`);
      values[c]![r] = v;
    });
  });
  return { names, headerLine, timeKind, t_s, values };
}

/**
 * `2025-03-10 08:00[:ss]` or `2025-03-10T08:00[:ss]`, and as a spreadsheet set to Chinese writes it, `2025/3/10 8:00`,
 * read as plant-local time (no zone), in s since 1970. A date or time that does not exist (30 February, 24:30) is
 * refused: Date.UTC would quietly roll it into the next month or day.
 */
export function timeOf(cell: string, line: number): number {
  const m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(cell);
  if (m === null) throw new CsvError(`line ${line}, column "time": "${cell}" is not a time like 2025-03-10 08:00`);
  const [y, mo, d, h, mi, sec] = [m[1], m[3], m[4], m[5], m[6], m[7] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) {
    throw new CsvError(`line ${line}, column "time": "${cell}" is not a real date and time`);
  }
  return ms / 1000;
}
