/**
 * The water's temperature over a run: the model's `temperature_C`, or with `temperature_swing_C` an annual cosine
 * around it, warmest on `warmest_day_of_year` — the form of the IWA Benchmark Simulation Model No. 2's influent
 * temperature. Units read it each step (`now_C`) and follow it where their rates or constants depend on it; it is
 * held to 0.1 °C (chemistry/thermo.ts temperatureKey), so what depends on it is rebuilt a few times a day at most, not
 * every step.
 */
import type { StateArena } from './arena.ts';
import type { PlantClock } from './clock.ts';
import { S_PER_DAY } from './convert.ts';
import { temperatureKey } from './chemistry/thermo.ts';

/** The length of the temperature's year, days (the tropical year: the season does not drift over decades). */
const YEAR_DAYS = 365.2422;

export interface WaterTemperatureSpec {
  /** °C: the water's temperature, or with a swing its annual mean */
  mean_C: number;
  /** °C, half the annual range (0: constant) */
  swing_C: number;
  /** day of the year the water is warmest (1 = 1 January) */
  warmestDay: number;
}

export class WaterTemperature {
  readonly mean_C: number;
  readonly swing_C: number;
  /**
   * [0] the water's temperature now, °C, held to 0.1 °C (in the arena so a channel can record it); over the steps
   * so far: [1] the sum of their temperatures, [2] how many, [3] the coldest, [4] the warmest
   */
  readonly state: Float64Array;
  /** epoch day (plant calendar) of the warmest day in the start's year */
  private readonly warmestEpochDay: number;
  private readonly clock: PlantClock;

  constructor(arena: StateArena, clock: PlantClock, spec: WaterTemperatureSpec) {
    this.mean_C = spec.mean_C;
    this.swing_C = spec.swing_C;
    this.clock = clock;
    const start = new Date(clock.epoch_s * 1000);
    this.warmestEpochDay = Date.UTC(start.getUTCFullYear(), 0, 1) / 1000 / S_PER_DAY + spec.warmestDay - 1;
    this.state = arena.alloc(5);
    this.state[0] = this.at(0);
  }

  /** The temperature at `t_s`, °C, held to 0.1 °C (what every unit sees). */
  at(t_s: number): number {
    if (this.swing_C === 0) return held(this.mean_C);
    const day = (this.clock.epoch_s + t_s) / S_PER_DAY;
    return held(this.mean_C + this.swing_C * Math.cos((2 * Math.PI * (day - this.warmestEpochDay)) / YEAR_DAYS));
  }

  /** Sets the temperature of the step starting at `t_s`, and counts the step (each step weighs the same). */
  update(t_s: number): void {
    const st = this.state, t_C = this.at(t_s);
    st[0] = t_C;
    if (st[2] === 0 || t_C < st[3]!) st[3] = t_C;
    if (st[2] === 0 || t_C > st[4]!) st[4] = t_C;
    st[1]! += t_C;
    st[2]! += 1;
  }

  /** The water over the steps run so far, °C (a constant water: its temperature). */
  stats(): { mean_C: number; min_C: number; max_C: number } {
    const st = this.state;
    if (st[2] === 0) return { mean_C: st[0]!, min_C: st[0]!, max_C: st[0]! };
    return { mean_C: st[1]! / st[2]!, min_C: st[3]!, max_C: st[4]! };
  }

  get now_C(): number {
    return this.state[0]!;
  }
}

/** °C to the 0.1 °C the plant follows; 25 °C stays exactly 25. */
function held(t_C: number): number {
  return temperatureKey(t_C) / 10;
}

/** A constant water (tests, jar samples): `now_C` is `t_C` throughout. */
export function constantWater(arena: StateArena, clock: PlantClock, t_C: number): WaterTemperature {
  return new WaterTemperature(arena, clock, { mean_C: t_C, swing_C: 0, warmestDay: 1 });
}
