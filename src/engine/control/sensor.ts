import type { StateArena } from '../arena.ts';
import type { Rng } from '../rng.ts';
import type { Range } from '../model/params.ts';
import { check, clamp, finite, flag, within, type Settable, type SettableValue } from './settable.ts';

export interface SensorConfig {
  /** range of the instrument: every reading is clamped to [min, max] */
  min: number;
  max: number;
  /** first-order lag time constant, s; default 0 (none) */
  tau_s?: number;
  /** standard deviation of white measurement noise, measurement units; default 0 */
  noise_sd?: number;
  /** drift rate, measurement units per hour, accumulating; default 0 */
  drift_per_h?: number;
  /** constant offset, measurement units; default 0 */
  bias?: number;
  /** what a failed sensor reads (finite, e.g. the bottom of the range); default min */
  fail_value?: number;
  /** the lag's state at t = 0; default: the first true value seen (the sensor starts settled) */
  initial?: number;
}

const LAG = 0, DRIFT = 1, READ = 2, INIT = 3, TAU = 4, SD = 5, RATE = 6, BIAS = 7, STUCK = 8, FAILED = 9;
const SLOTS = 10;
const NAMES = ['tau_s', 'noise_sd', 'drift_per_h', 'drift', 'bias', 'stuck', 'failed'] as const;

/**
 * A measurement chain from the true value x to the reading r:
 *   z ← x + (z − x)·exp(−dt/τ)               first-order lag, exact for x held over the step
 *   δ ← δ + drift_per_h · dt/3600            accumulated drift
 *   r = clamp(z + bias + δ + σ·n, min, max)  n ~ N(0, 1) from the run's Rng
 * stuck holds r; failed reads fail_value and raises `failed`. One normal is drawn every update
 * whatever the settings, so a fault injected into one sensor does not shift the random numbers
 * that every other part of the run sees.
 */
export class Sensor implements Settable {
  readonly settable: readonly string[] = NAMES;
  readonly min: number;
  readonly max: number;
  readonly failValue: number;
  private readonly s: Float64Array;
  private readonly rng: Rng;

  constructor(arena: StateArena, config: SensorConfig, rng: Rng) {
    const c = config;
    check(Number.isFinite(c.min) && Number.isFinite(c.max) && c.min < c.max, 'Sensor', 'min/max', `${c.min}/${c.max}`);
    const tau = c.tau_s ?? 0, sd = c.noise_sd ?? 0, rate = c.drift_per_h ?? 0, bias = c.bias ?? 0;
    check(Number.isFinite(tau) && tau >= 0, 'Sensor', 'tau_s', tau);
    check(Number.isFinite(sd) && sd >= 0, 'Sensor', 'noise_sd', sd);
    check(Number.isFinite(rate), 'Sensor', 'drift_per_h', rate);
    check(Number.isFinite(bias), 'Sensor', 'bias', bias);
    this.min = c.min;
    this.max = c.max;
    this.failValue = c.fail_value ?? c.min;
    check(Number.isFinite(this.failValue), 'Sensor', 'fail_value', this.failValue);
    this.rng = rng;
    const s = (this.s = arena.alloc(SLOTS));
    s[TAU] = tau;
    s[SD] = sd;
    s[RATE] = rate;
    s[BIAS] = bias;
    if (c.initial !== undefined) {
      check(Number.isFinite(c.initial), 'Sensor', 'initial', c.initial);
      s[LAG] = c.initial;
      s[INIT] = 1;
    }
    s[READ] = clamp(s[LAG]! + bias, c.min, c.max);
  }

  /** What the instrument shows: never NaN. */
  get reading(): number {
    return this.s[FAILED] === 1 ? this.failValue : this.s[READ]!;
  }
  get failed(): boolean {
    return this.s[FAILED] === 1;
  }
  get stuck(): boolean {
    return this.s[STUCK] === 1;
  }
  /** Drift accumulated so far, measurement units. */
  get drift(): number {
    return this.s[DRIFT]!;
  }

  /** Advances by dt_s with the true value x and returns the reading. A non-finite x holds the lag. */
  update(dt_s: number, x: number): number {
    const s = this.s;
    const n = this.rng.normal();
    if (dt_s > 0) {
      if (Number.isFinite(x)) {
        if (s[INIT] === 0) {
          s[LAG] = x;
          s[INIT] = 1;
        } else {
          const tau = s[TAU]!;
          s[LAG] = tau > 0 ? x + (s[LAG]! - x) * Math.exp(-dt_s / tau) : x;
        }
      }
      s[DRIFT] = s[DRIFT]! + (s[RATE]! * dt_s) / 3600;
    }
    if (s[STUCK] === 0 && s[INIT] === 1) {
      s[READ] = clamp(s[LAG]! + s[BIAS]! + s[DRIFT]! + s[SD]! * n, this.min, this.max);
    }
    return this.reading;
  }

  get(name: string): SettableValue | undefined {
    const s = this.s;
    switch (name) {
      case 'tau_s': return s[TAU]!;
      case 'noise_sd': return s[SD]!;
      case 'drift_per_h': return s[RATE]!;
      case 'drift': return s[DRIFT]!;
      case 'bias': return s[BIAS]!;
      case 'stuck': return s[STUCK] === 1;
      case 'failed': return s[FAILED] === 1;
      default: return undefined;
    }
  }

  /**
   * Runtime-settable (fault injection and maintenance): tau_s, noise_sd, drift_per_h, bias,
   * drift (the accumulated drift; set 0 to recalibrate) as numbers; stuck, failed as booleans.
   */
  set(name: string, value: SettableValue): boolean {
    const s = this.s;
    if (name === 'stuck' || name === 'failed') {
      const b = flag(value);
      if (b === undefined) return false;
      s[name === 'stuck' ? STUCK : FAILED] = b ? 1 : 0;
      return true;
    }
    const x = finite(value);
    if (x === undefined) return false;
    switch (name) {
      case 'tau_s':
        if (x < 0) return false;
        s[TAU] = x;
        return true;
      case 'noise_sd':
        if (x < 0 || !within(x, this.range(name))) return false;
        s[SD] = x;
        return true;
      case 'drift_per_h':
      case 'drift':
      case 'bias':
        if (!within(x, this.range(name))) return false;
        s[name === 'bias' ? BIAS : name === 'drift' ? DRIFT : RATE] = x;
        return true;
      default: return false;
    }
  }

  /**
   * A fault is at most the instrument's span: a bias, an accumulated drift or an hour's drift past it, or noise wider
   * than it, would only pin the reading to an end of its range, which `failed` already does.
   */
  range(name: string): Range | undefined {
    const span = this.max - this.min;
    if (name === 'noise_sd') return { min: 0, max: span };
    if (name === 'bias' || name === 'drift' || name === 'drift_per_h') return { min: -span, max: span };
    return undefined;
  }

  requirement(name: string): string | undefined {
    return name === 'tau_s' ? 'must not be negative (0 reads without lag)' : undefined;
  }
}
