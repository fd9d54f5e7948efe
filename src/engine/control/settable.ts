/**
 * Runtime-settable parameters: operator actions, trainer faults and scenario events reach a
 * controller, sensor, pump or alarm by name. Every class here implements `Settable`; its values
 * live in the arena, so a snapshot captures what an operator changed.
 */
import type { Range } from '../model/params.ts';

export type SettableValue = number | boolean;

export interface Settable {
  /** The names `set` accepts, in a fixed order (for an inspector). */
  readonly settable: readonly string[];
  /** The current value of a settable name, or undefined for an unknown name. */
  get(name: string): SettableValue | undefined;
  /**
   * Sets a value by name. Returns false, changing nothing, when the name is unknown or the value
   * is not acceptable for it (a boolean for a number, a non-finite or out-of-range number).
   */
  set(name: string, value: SettableValue): boolean;
  /** The bounds `set` holds a bounded number to (a pH set-point: what its probe can read); undefined for one without. */
  range?(name: string): Range | undefined;
  /**
   * What `set` asks of a number beyond its range, in words after its name ("must be above 0", "must be below out_max
   * (80)"); undefined when it asks nothing more.
   */
  requirement?(name: string): string | undefined;
}

/**
 * Why `s` refused `value` for `key` (named `name` to the user): the kind of value it takes, its bounds when the value
 * is past them, or what else the element asks of it.
 */
function refusal(s: Settable, key: string, name: string, value: SettableValue): string {
  const current = s.get(key);
  if (typeof current === 'boolean' && flag(value) === undefined) return `${name} takes true or false`;
  if (typeof current === 'number') {
    if (typeof value !== 'number') return `${name} takes a number`;
    if (!Number.isFinite(value)) return `${name} must be a finite number`;
  }
  const r = s.range?.(key);
  if (r !== undefined && typeof value === 'number' && !(value >= r.min && value <= r.max)) return `${name} must be between ${r.min} and ${r.max}`;
  const asked = s.requirement?.(key);
  if (asked !== undefined) return `${name} ${asked}`;
  return `${name}: ${String(value)} is not acceptable`;
}

/**
 * A settable element of a unit under a name prefix (a clarifier's `underflow_pump.on`, a loop's `acid.pump.tripped`): its
 * values and bounds under prefixed names, and a setter that answers for its own names only.
 */
export interface PrefixedSettable {
  /** adds the element's current values to `out`, by `prefix.name` */
  addValues(out: Record<string, SettableValue>): void;
  /** adds the bounds of its bounded numbers to `out`, by `prefix.name` */
  addRanges(out: Record<string, Range>): void;
  /** whether `name` (prefixed) is one of its names */
  owns(name: string): boolean;
  /** sets one of its names: undefined when taken, else why it was refused */
  set(name: string, value: SettableValue): string | undefined;
}

export function prefixed(s: Settable, prefix: string): PrefixedSettable {
  const head = `${prefix}.`;
  return {
    addValues(out) {
      for (const n of s.settable) out[head + n] = s.get(n)!;
    },
    addRanges(out) {
      for (const n of s.settable) {
        const r = s.range?.(n);
        if (r !== undefined) out[head + n] = r;
      }
    },
    owns: (name) => name.startsWith(head) && s.settable.includes(name.slice(head.length)),
    set(name, value) {
      const key = name.slice(head.length);
      return s.set(key, value) ? undefined : refusal(s, key, name, value);
    },
  };
}

/** What an output limit asks beyond its range: not to cross the other limit (`lo`, `hi`: the limits now). */
export function outputLimitRequirement(name: string, lo: number, hi: number): string | undefined {
  if (name === 'out_min') return `must be below out_max (${hi})`;
  if (name === 'out_max') return `must be above out_min (${lo})`;
  return undefined;
}

/** `x` within `r` (an absent range holds nothing). */
export function within(x: number, r: Range | undefined): boolean {
  return r === undefined || (x >= r.min && x <= r.max);
}

/** A finite number, or undefined when `v` is a boolean or not finite. */
export function finite(v: SettableValue): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A boolean, accepting 0 and 1 as false and true; undefined otherwise. */
export function flag(v: SettableValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 0) return false;
  if (v === 1) return true;
  return undefined;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Throws a RangeError naming the class and field when a config value is out of range. */
export function check(ok: boolean, what: string, field: string, value: unknown): void {
  if (!ok) throw new RangeError(`${what}: ${field} = ${String(value)} is out of range`);
}

/**
 * The auto/manual switch of an output controller (PID, ratio): going to manual holds the output it
 * had, so the switch is bumpless. Slots are the controller's own arena indices.
 */
export function switchAuto(s: Float64Array, auto: number, manual: number, out: number, value: SettableValue): boolean {
  const on = flag(value);
  if (on === undefined) return false;
  if (!on && s[auto] === 1) s[manual] = s[out]!;
  s[auto] = on ? 1 : 0;
  return true;
}
