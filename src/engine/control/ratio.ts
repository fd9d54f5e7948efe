import type { StateArena } from '../arena.ts';
import type { Range } from '../model/params.ts';
import { check, clamp, finite, outputLimitRequirement, switchAuto, within, type Settable, type SettableValue } from './settable.ts';

export interface RatioConfig {
  /** output per unit of the measured flow or load, e.g. L/h of bisulfite per g/h of Cr(VI) */
  ratio: number;
  /** added to ratio × input; default 0 */
  bias?: number;
  out_min: number;
  out_max: number;
  /** default true */
  auto?: boolean;
  /** output in manual, default out_min */
  manual_output?: number;
  /** what the ratio may be set to (a dose: 0 to a kilogram per litre); without one, every finite value */
  ratio_range?: Range;
}

const RATIO = 0, BIAS = 1, LO = 2, HI = 3, AUTO = 4, MAN = 5, OUT = 6;
const SLOTS = 7;
const NAMES = ['ratio', 'bias', 'out_min', 'out_max', 'auto', 'manual_output'] as const;

/**
 * Ratio (feed-forward) dosing: u = clamp(ratio · trim · input + bias, out_min, out_max).
 * `trim` is an optional multiplier for a feedback trim (e.g. a slow PID on the residual).
 */
export class Ratio implements Settable {
  readonly settable: readonly string[] = NAMES;
  private readonly s: Float64Array;
  private readonly ratioRange: Range | undefined;
  /** the output's span as built: its limits, a manual output and a bias are set within it */
  private readonly outRange: Range;
  private readonly biasRange: Range;

  constructor(arena: StateArena, config: RatioConfig) {
    const c = config;
    const bias = c.bias ?? 0;
    this.ratioRange = c.ratio_range;
    check(Number.isFinite(c.ratio) && within(c.ratio, this.ratioRange), 'Ratio', 'ratio', c.ratio);
    this.outRange = { min: c.out_min, max: c.out_max };
    this.biasRange = { min: -(c.out_max - c.out_min), max: c.out_max - c.out_min };
    check(Number.isFinite(bias), 'Ratio', 'bias', bias);
    check(Number.isFinite(c.out_min) && Number.isFinite(c.out_max) && c.out_min < c.out_max, 'Ratio', 'out_min/out_max', `${c.out_min}/${c.out_max}`);
    const man = c.manual_output ?? c.out_min;
    check(Number.isFinite(man), 'Ratio', 'manual_output', man);
    const s = (this.s = arena.alloc(SLOTS));
    s[RATIO] = c.ratio;
    s[BIAS] = bias;
    s[LO] = c.out_min;
    s[HI] = c.out_max;
    s[AUTO] = (c.auto ?? true) ? 1 : 0;
    s[MAN] = man;
    s[OUT] = clamp(s[AUTO] === 1 ? bias : man, c.out_min, c.out_max);
  }

  get output(): number {
    return this.s[OUT]!;
  }

  /** Returns the dose for the measured flow or load `input`; a non-finite input holds the output. */
  update(_dt_s: number, input: number, trim = 1): number {
    const s = this.s;
    const lo = s[LO]!, hi = s[HI]!;
    if (s[AUTO] === 0) s[OUT] = clamp(s[MAN]!, lo, hi);
    else if (Number.isFinite(input) && Number.isFinite(trim)) s[OUT] = clamp(s[RATIO]! * trim * input + s[BIAS]!, lo, hi);
    return s[OUT]!;
  }

  get(name: string): SettableValue | undefined {
    const s = this.s;
    switch (name) {
      case 'ratio': return s[RATIO]!;
      case 'bias': return s[BIAS]!;
      case 'out_min': return s[LO]!;
      case 'out_max': return s[HI]!;
      case 'auto': return s[AUTO] === 1;
      case 'manual_output': return s[MAN]!;
      default: return undefined;
    }
  }

  /** Runtime-settable: ratio, bias, out_min, out_max, manual_output (numbers), auto (boolean). */
  set(name: string, value: SettableValue): boolean {
    const s = this.s;
    if (name === 'auto') return switchAuto(s, AUTO, MAN, OUT, value);
    const x = finite(value);
    if (x === undefined) return false;
    switch (name) {
      case 'ratio':
      case 'bias':
        if (!within(x, this.range(name))) return false;
        s[name === 'ratio' ? RATIO : BIAS] = x;
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
    if (name === 'ratio') return this.ratioRange;
    if (name === 'bias') return this.biasRange;
    if (name === 'out_min' || name === 'out_max' || name === 'manual_output') return this.outRange;
    return undefined;
  }

  requirement(name: string): string | undefined {
    return outputLimitRequirement(name, this.s[LO]!, this.s[HI]!);
  }
}
