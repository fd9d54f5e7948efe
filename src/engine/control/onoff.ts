import type { StateArena } from '../arena.ts';
import type { ControlAction } from './pid.ts';
import type { Range } from '../model/params.ts';
import { check, finite, flag, within, type Settable, type SettableValue } from './settable.ts';

export interface OnOffConfig {
  setpoint: number;
  /** total width of the band around the setpoint, ≥ 0: it switches at setpoint ± deadband/2 */
  deadband: number;
  /** reverse (default): on when low, off when high. direct: on when high, off when low. */
  action?: ControlAction;
  /** output when on, default 100 (%) */
  on_output?: number;
  /** output when off, default 0 */
  off_output?: number;
  /** default false */
  initially_on?: boolean;
  /** default true */
  auto?: boolean;
  /** state in manual, default false */
  manual_on?: boolean;
  /** what the setpoint may be set to (a pH loop: 0–14, what its probe reads); without one, every finite value */
  setpoint_range?: Range;
}

const SP = 0, DB = 1, ON = 2, AUTO = 3, MAN = 4;
const SLOTS = 5;
const NAMES = ['setpoint', 'deadband', 'auto', 'manual_on'] as const;

/**
 * On-off controller with hysteresis. Reverse action: switches on when y ≤ sp − db/2 and off when
 * y ≥ sp + db/2; inside the band it keeps its state. Direct action mirrors this.
 */
export class OnOff implements Settable {
  readonly settable: readonly string[] = NAMES;
  private readonly s: Float64Array;
  private readonly reverse: boolean;
  private readonly onOut: number;
  private readonly offOut: number;
  private readonly spRange: Range | undefined;

  constructor(arena: StateArena, config: OnOffConfig) {
    const c = config;
    this.spRange = c.setpoint_range;
    check(Number.isFinite(c.setpoint) && within(c.setpoint, this.spRange), 'OnOff', 'setpoint', c.setpoint);
    check(Number.isFinite(c.deadband) && c.deadband >= 0, 'OnOff', 'deadband', c.deadband);
    this.reverse = (c.action ?? 'reverse') === 'reverse';
    this.onOut = c.on_output ?? 100;
    this.offOut = c.off_output ?? 0;
    check(Number.isFinite(this.onOut) && Number.isFinite(this.offOut), 'OnOff', 'on_output/off_output', `${this.onOut}/${this.offOut}`);
    const s = (this.s = arena.alloc(SLOTS));
    s[SP] = c.setpoint;
    s[DB] = c.deadband;
    s[ON] = (c.initially_on ?? false) ? 1 : 0;
    s[AUTO] = (c.auto ?? true) ? 1 : 0;
    s[MAN] = (c.manual_on ?? false) ? 1 : 0;
  }

  get on(): boolean {
    return (this.s[AUTO] === 1 ? this.s[ON] : this.s[MAN]) === 1;
  }
  get output(): number {
    return this.on ? this.onOut : this.offOut;
  }

  /** Advances by one step with measurement y; returns the output (on_output or off_output). */
  update(_dt_s: number, y: number): number {
    const s = this.s;
    if (s[AUTO] === 1 && Number.isFinite(y)) {
      const half = s[DB]! / 2;
      const lo = s[SP]! - half, hi = s[SP]! + half;
      if (this.reverse) {
        if (y <= lo) s[ON] = 1;
        else if (y >= hi) s[ON] = 0;
      } else {
        if (y >= hi) s[ON] = 1;
        else if (y <= lo) s[ON] = 0;
      }
    }
    return this.output;
  }

  get(name: string): SettableValue | undefined {
    const s = this.s;
    switch (name) {
      case 'setpoint': return s[SP]!;
      case 'deadband': return s[DB]!;
      case 'auto': return s[AUTO] === 1;
      case 'manual_on': return s[MAN] === 1;
      default: return undefined;
    }
  }

  /** Runtime-settable: setpoint, deadband (numbers), auto, manual_on (booleans). */
  set(name: string, value: SettableValue): boolean {
    const s = this.s;
    if (name === 'auto' || name === 'manual_on') {
      const b = flag(value);
      if (b === undefined) return false;
      if (name === 'auto') {
        if (!b && s[AUTO] === 1) s[MAN] = s[ON]!; // to manual: keep the current state
        if (b && s[AUTO] === 0) s[ON] = s[MAN]!; // to auto: start from the manual state
        s[AUTO] = b ? 1 : 0;
      } else {
        s[MAN] = b ? 1 : 0;
      }
      return true;
    }
    const x = finite(value);
    if (x === undefined) return false;
    switch (name) {
      case 'setpoint':
        if (!within(x, this.spRange)) return false;
        s[SP] = x;
        return true;
      case 'deadband':
        if (x < 0) return false;
        s[DB] = x;
        return true;
      default:
        return false;
    }
  }

  range(name: string): Range | undefined {
    return name === 'setpoint' ? this.spRange : undefined;
  }
}
