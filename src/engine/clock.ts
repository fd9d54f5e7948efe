/**
 * Plant time: simulated seconds since the start, on the plant's local calendar (no time zones —
 * a park runs on its own wall clock). Shift and weekly patterns read the hour and weekday here.
 */
import { S_PER_DAY, S_PER_H } from './convert.ts';

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export class PlantClock {
  readonly start_iso: string;
  /** seconds since 1970-01-01 00:00 of the start, on the plant's calendar */
  readonly epoch_s: number;

  constructor(start_iso: string) {
    const m = ISO_LOCAL.exec(start_iso);
    if (m === null) throw new RangeError(`"${start_iso}" is not a date-time like 2026-03-02T00:00`);
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(ms);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      throw new RangeError(`"${start_iso}" is not a real date-time`);
    }
    this.start_iso = start_iso;
    this.epoch_s = ms / 1000;
  }

  /** hour of day 0…23 at t */
  hour(t_s: number): number {
    const sod = (((this.epoch_s + t_s) % S_PER_DAY) + S_PER_DAY) % S_PER_DAY;
    return Math.floor(sod / S_PER_H);
  }

  /** weekday 0 = Monday … 6 = Sunday at t */
  weekday(t_s: number): number {
    const days = Math.floor((this.epoch_s + t_s) / S_PER_DAY);
    // 1970-01-01 was a Thursday (3 with Monday = 0)
    return (((days + 3) % 7) + 7) % 7;
  }

  /** local date-time text at t, e.g. 2026-03-04T14:20 */
  iso(t_s: number): string {
    return new Date((this.epoch_s + t_s) * 1000).toISOString().slice(0, 16);
  }
}
