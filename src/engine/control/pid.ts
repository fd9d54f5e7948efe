import type { StateArena } from '../arena.ts';
import type { Range } from '../model/params.ts';
import { check, clamp, finite, outputLimitRequirement, switchAuto, within, type Settable, type SettableValue } from './settable.ts';

/**
 * Reverse: the output rises when the measurement falls below the setpoint (NaOH raising pH).
 * Direct: the output rises when the measurement rises above the setpoint (acid lowering pH,
 * bisulfite lowering ORP).
 */
export type ControlAction = 'reverse' | 'direct';

/**
 * back-calculation (default): while the output is clamped, the integral relaxes toward the value
 * that would put the unclamped output on the limit, with tracking time tt_s.
 * conditional: the integral stops while the output is clamped and the error drives it further in.
 * none: plain integration (winds up; for comparison and for teaching).
 */
export type AntiWindup = 'back-calculation' | 'conditional' | 'none';

export interface PidConfig {
  /** proportional gain, output units per measurement unit; > 0 (the sign comes from `action`) */
  kp: number;
  /** integral (reset) time, s; 0 turns integral action off */
  ti_s: number;
  /** derivative time, s; 0 (default) turns derivative action off */
  td_s?: number;
  /** derivative filter: the derivative is lagged by td_s / N; default 10 */
  deriv_filter_n?: number;
  out_min: number;
  out_max: number;
  setpoint: number;
  /** default 'reverse' */
  action?: ControlAction;
  /** default 'back-calculation' */
  anti_windup?: AntiWindup;
  /** back-calculation tracking time, s; default √(ti·td) with derivative action, else ti/2 */
  tt_s?: number;
  /** setpoint weight b in the proportional term K·(b·sp − y); default 1 */
  setpoint_weight?: number;
  /**
   * default true: a setpoint change moves the integral by the opposite of the proportional
   * change, so the output does not kick; the integral then carries the loop to the new setpoint.
   */
  bumpless_setpoint?: boolean;
  /** default true */
  auto?: boolean;
  /** output in manual mode; default out_min */
  manual_output?: number;
  /** default false: in manual the setpoint follows the measurement, so auto starts with no error */
  pv_tracking?: boolean;
  /** what the setpoint may be set to (a pH loop: 0–14, what its probe reads); without one, every finite value */
  setpoint_range?: Range;
}

// arena slots
const SP = 0, KP = 1, TI = 2, TD = 3, LO = 4, HI = 5, AUTO = 6, MAN = 7;
const I = 8, D = 9, YOLD = 10, OUT = 11, INIT = 12;
const SLOTS = 13;

const AW_BACK = 0, AW_COND = 1, AW_NONE = 2;

const NAMES = ['setpoint', 'kp', 'ti_s', 'td_s', 'out_min', 'out_max', 'auto', 'manual_output'] as const;

/**
 * PID controller in position form, u = P + I + D, clamped to [out_min, out_max]:
 *   P = s·K·(b·sp − y)                                    (s = +1 reverse, −1 direct)
 *   D ← a·D − s·K·Td·(1 − a)·(y − y_prev)/dt,  a = exp(−dt·N/Td)   derivative on the measurement,
 *       first-order filtered, exact for a measurement that moves linearly over the step
 *   I ← I + s·K·dt/Ti·(sp − y)                             (unclamped step)
 *   I ← I* + g·Tt + (I − I* − g·Tt)·exp(−dt/Tt)           (clamped step, back-calculation;
 *       I* = u − P − D, g = s·K·(sp − y)/Ti: the exact solution of dI/dt = g + (I* − I)/Tt)
 * All elements are unconditionally stable in dt; whether the closed loop is stable at a long step
 * depends on the tuning (keep Ti and Td comfortably above dt).
 */
export class Pid implements Settable {
  readonly settable: readonly string[] = NAMES;
  private readonly s: Float64Array;
  private readonly sign: number;
  private readonly aw: number;
  private readonly n: number;
  private readonly ttCfg: number;
  private readonly b: number;
  private readonly bumplessSp: boolean;
  private readonly pvTracking: boolean;
  private readonly spRange: Range | undefined;
  /** the output's span as built (0–100 % of a pump): limits and a manual output are set within it */
  private readonly outRange: Range;

  constructor(arena: StateArena, config: PidConfig) {
    const c = config;
    const td = c.td_s ?? 0;
    check(Number.isFinite(c.kp) && c.kp > 0, 'Pid', 'kp', c.kp);
    check(Number.isFinite(c.ti_s) && c.ti_s >= 0, 'Pid', 'ti_s', c.ti_s);
    check(Number.isFinite(td) && td >= 0, 'Pid', 'td_s', td);
    check(Number.isFinite(c.out_min) && Number.isFinite(c.out_max) && c.out_min < c.out_max, 'Pid', 'out_min/out_max', `${c.out_min}/${c.out_max}`);
    this.spRange = c.setpoint_range;
    check(Number.isFinite(c.setpoint) && within(c.setpoint, this.spRange), 'Pid', 'setpoint', c.setpoint);
    this.outRange = { min: c.out_min, max: c.out_max };
    this.n = c.deriv_filter_n ?? 10;
    check(Number.isFinite(this.n) && this.n > 0, 'Pid', 'deriv_filter_n', this.n);
    this.ttCfg = c.tt_s ?? 0;
    check(Number.isFinite(this.ttCfg) && this.ttCfg >= 0, 'Pid', 'tt_s', this.ttCfg);
    this.b = c.setpoint_weight ?? 1;
    check(Number.isFinite(this.b) && this.b >= 0 && this.b <= 1, 'Pid', 'setpoint_weight', this.b);
    this.sign = (c.action ?? 'reverse') === 'reverse' ? 1 : -1;
    const aw = c.anti_windup ?? 'back-calculation';
    this.aw = aw === 'back-calculation' ? AW_BACK : aw === 'conditional' ? AW_COND : AW_NONE;
    this.bumplessSp = c.bumpless_setpoint ?? true;
    this.pvTracking = c.pv_tracking ?? false;

    const s = (this.s = arena.alloc(SLOTS));
    s[SP] = c.setpoint;
    s[KP] = c.kp;
    s[TI] = c.ti_s;
    s[TD] = td;
    s[LO] = c.out_min;
    s[HI] = c.out_max;
    s[AUTO] = (c.auto ?? true) ? 1 : 0;
    const man = c.manual_output ?? c.out_min;
    check(Number.isFinite(man), 'Pid', 'manual_output', man);
    s[MAN] = man;
    s[OUT] = s[AUTO] === 1 ? c.out_min : clamp(man, c.out_min, c.out_max);
  }

  /** The output of the last update (or the manual output set since). */
  get output(): number {
    return this.s[OUT]!;
  }
  get setpoint(): number {
    return this.s[SP]!;
  }
  get auto(): boolean {
    return this.s[AUTO] === 1;
  }
  /** The integral term, in output units. */
  get integral(): number {
    return this.s[I]!;
  }

  /**
   * Advances the controller by dt_s with measurement `y` and returns the new output. A step of
   * zero length or a non-finite measurement holds the output and the state.
   */
  update(dt_s: number, y: number): number {
    const s = this.s;
    if (!(dt_s > 0) || !Number.isFinite(y)) return s[OUT]!;
    if (s[INIT] === 0) {
      s[YOLD] = y;
      s[INIT] = 1;
    }
    const sign = this.sign;
    const kp = s[KP]!, ti = s[TI]!, td = s[TD]!, lo = s[LO]!, hi = s[HI]!;
    const auto = s[AUTO] === 1;
    if (!auto && this.pvTracking) s[SP] = y;
    const sp = s[SP]!;

    const p = sign * kp * (this.b * sp - y);
    let d = 0;
    if (td > 0) {
      const a = Math.exp((-dt_s * this.n) / td);
      d = a * s[D]! - (sign * kp * td * (1 - a) * (y - s[YOLD]!)) / dt_s;
    }
    s[D] = d;
    s[YOLD] = y;

    if (!auto) {
      // manual: the integral tracks so that P + I + D equals the output, for a bumpless return to auto
      const u = clamp(s[MAN]!, lo, hi);
      s[I] = u - p - d;
      s[OUT] = u;
      return u;
    }

    let i = s[I]!;
    const v = p + i + d;
    const u = clamp(v, lo, hi);
    if (ti > 0) {
      const g = (sign * kp * (sp - y)) / ti;
      if (u === v || this.aw === AW_NONE) {
        i += g * dt_s;
      } else if (this.aw === AW_BACK) {
        const tt = this.ttCfg > 0 ? this.ttCfg : td > 0 ? Math.sqrt(ti * td) : ti / 2;
        const target = u - p - d + g * tt;
        i = target + (i - target) * Math.exp(-dt_s / tt);
      } else if (!((v > hi && g > 0) || (v < lo && g < 0))) {
        i += g * dt_s; // conditional: integrate only when it drives the output back inside
      }
    }
    s[I] = i;
    s[OUT] = u;
    return u;
  }

  get(name: string): SettableValue | undefined {
    const s = this.s;
    switch (name) {
      case 'setpoint': return s[SP]!;
      case 'kp': return s[KP]!;
      case 'ti_s': return s[TI]!;
      case 'td_s': return s[TD]!;
      case 'out_min': return s[LO]!;
      case 'out_max': return s[HI]!;
      case 'auto': return s[AUTO] === 1;
      case 'manual_output': return s[MAN]!;
      default: return undefined;
    }
  }

  /**
   * Runtime-settable: setpoint, kp, ti_s, td_s, out_min, out_max (numbers), auto (boolean),
   * manual_output (number). Setpoint and gain changes are bumpless (the integral absorbs the
   * proportional change); switching to manual starts from the current output.
   */
  set(name: string, value: SettableValue): boolean {
    const s = this.s;
    if (name === 'auto') return switchAuto(s, AUTO, MAN, OUT, value);
    const x = finite(value);
    if (x === undefined) return false;
    switch (name) {
      case 'setpoint':
        if (!within(x, this.spRange)) return false;
        if (this.bumplessSp && s[AUTO] === 1 && s[INIT] === 1) s[I] = s[I]! - this.sign * s[KP]! * this.b * (x - s[SP]!);
        s[SP] = x;
        return true;
      case 'kp': {
        if (!(x > 0)) return false;
        const old = s[KP]!;
        const dOld = s[D]!;
        const dNew = (dOld * x) / old;
        if (s[INIT] === 1) {
          // keep P + I + D unchanged at the last measurement
          const e = this.b * s[SP]! - s[YOLD]!;
          s[I] = s[I]! + this.sign * (old - x) * e + (dOld - dNew);
        }
        s[D] = dNew;
        s[KP] = x;
        return true;
      }
      case 'ti_s':
        if (x < 0) return false;
        s[TI] = x;
        return true;
      case 'td_s':
        if (x < 0) return false;
        s[TD] = x;
        if (x === 0) {
          s[I] = s[I]! + s[D]!; // the derivative term's last value moves into the integral: no bump
          s[D] = 0;
        }
        return true;
      case 'out_min':
        if (!(x < s[HI]!) || !within(x, this.outRange)) return false;
        s[LO] = x;
        return true;
      case 'out_max':
        if (!(x > s[LO]!) || !within(x, this.outRange)) return false;
        s[HI] = x;
        return true;
      case 'manual_output':
        if (!within(x, this.outRange)) return false;
        s[MAN] = x;
        if (s[AUTO] === 0) s[OUT] = clamp(x, s[LO]!, s[HI]!);
        return true;
      default:
        return false;
    }
  }

  range(name: string): Range | undefined {
    if (name === 'setpoint') return this.spRange;
    if (name === 'out_min' || name === 'out_max' || name === 'manual_output') return this.outRange;
    return undefined;
  }

  requirement(name: string): string | undefined {
    if (name === 'kp') return 'must be above 0 (the loop\'s direction is set by its action, not by the sign of the gain)';
    if (name === 'ti_s') return 'must not be negative (0 turns the integral action off)';
    if (name === 'td_s') return 'must not be negative (0 turns the derivative action off)';
    return outputLimitRequirement(name, this.s[LO]!, this.s[HI]!);
  }
}
