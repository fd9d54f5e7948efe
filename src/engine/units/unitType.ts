/**
 * The unit-operation contract. A unit type declares its parameter schema, its ports and a factory;
 * a unit instance steps once per time step, reading its input streams and writing its output streams,
 * and reports what it holds so the mass books can close.
 */
import type { z } from 'zod';
import type { StateArena } from '../arena.ts';
import type { Rng } from '../rng.ts';
import type { StreamTable } from '../flowsheet/streams.ts';
import type { Books } from '../kpi/books.ts';
import type { Ledger } from '../kpi/ledger.ts';
import type { AlarmLog } from '../alarms.ts';
import type { ChannelRecorder } from '../channels.ts';
import type { PlantClock } from '../clock.ts';
import type { ComponentId } from '../components.ts';
import type { WaterTemperature } from '../waterTemperature.ts';
import type { ChannelInfo, DumpRoute } from '../api.ts';
import type { Range } from '../model/params.ts';

export interface UnitPorts {
  /** input ports; each may take any number of streams, which mix */
  inputs: readonly string[];
  /** output ports; each must feed exactly one stream */
  outputs: readonly string[];
  /** outputs whose composition always equals another output's (an overflow, a split): their concentrations need no channels of their own */
  sameAs?: Readonly<Record<string, string>>;
}

/** What a unit is given when the simulation is built. */
export interface UnitContext {
  readonly id: string;
  readonly arena: StateArena;
  /** a random stream of the unit's own for each purpose ('flow noise', 'acid.probe'); create at build time */
  readonly rng: (purpose: string) => Rng;
  /** a spent-bath dump of the plant's own (random, or listed in the model) as it begins: the run's event log has it */
  readonly logDump: (at_s: number, volume_m3: number, factor: number, duration_s: number, into: DumpRoute) => void;
  readonly streams: StreamTable;
  /** stream slots feeding each input port */
  readonly inputs: Readonly<Record<string, Int32Array>>;
  /** stream slot written by each output port */
  readonly outputs: Readonly<Record<string, number>>;
  readonly books: Books;
  /** reagents, energy, cake and water used or made, by unit */
  readonly ledger: Ledger;
  /** where units define their alarms */
  readonly alarms: AlarmLog;
  /** the water's temperature step by step (`now_C`: what rates and constants follow), and as the model sets it (`mean_C`) */
  readonly water: WaterTemperature;
  readonly channels: ChannelRecorder;
  readonly clock: PlantClock;
  /** label prefix for channels */
  readonly name: { en: string; zh: string };
  /** the components this unit can ever hold or emit (flowsheet/support.ts): loop over these only */
  readonly active: Int32Array;
}

/** A membrane's concentrate scaling over the run so far: the highest saturation indices read, and the time past its limits. */
export interface MembraneScaling {
  calcite_SI_max: number;
  gypsum_SI_max: number;
  /** seconds that either scale read past what the antiscalant holds (saturation while none is dosed), concentrate flowing */
  pastLimit_s: number;
}

export interface UnitRuntime {
  /** Advances the unit over [t_s, t_s + dt_s]. No allocation. */
  step(t_s: number, dt_s: number): void;
  /** Adds what the unit holds, in grams per component, to `acc_g`. */
  addInventory(acc_g: Float64Array): void;
  /** The water the unit holds now, m³ (absent for a unit that holds none: water passes it within the step). */
  water_m3?(): number;
  /** Runtime-settable parameters (setpoints, pump states) with their current values. */
  settable(): Record<string, number | boolean>;
  /** Sets a runtime parameter; returns an error text for an unknown name or a bad value. */
  set(name: string, value: number | boolean): string | undefined;
  /** The bounds `set` holds each bounded number to (a panel shows them before anything is typed). */
  ranges?(): Readonly<Record<string, Range>>;
  /**
   * What the last `set` of `name` actually did, for an action that can do less than asked (a haul-off takes
   * what the tank holds): the action log records it instead of the value asked. Undefined: as asked.
   */
  applied?(name: string): number | undefined;
  /** How near its concentrate's scales ran to what holds them, for a membrane that reads them (ro.ts). */
  membraneScaling?(): MembraneScaling;
  /** The reading of the unit's own online pH analyser, for a monitoring point that has one. */
  analyserPH?(): number;
  /** Scheduled shock loads (dumps), for units that take them, by one of `dumpRoutes`; the reason when refused. */
  dump?(at_s: number, volume_m3: number, factor: number, duration_s: number, into: DumpRoute): string | undefined;
  /** the routes a dump can take into this unit (fixed by its design, so a scenario's dumps are checked before the run) */
  readonly dumpRoutes?: readonly DumpRoute[];
}

export interface UnitType<P = unknown> {
  readonly type: string;
  readonly label: { en: string; zh: string };
  readonly params: z.ZodType<P>;
  ports(params: P): UnitPorts;
  /** components the unit brings in or makes beyond what flows into it (an influent's load, a reactor's products and reagents) */
  adds?(params: P): readonly ComponentId[];
  /**
   * pairs of components (by index) the unit turns into each other, either way — a metal and its precipitate: as soon
   * as either of a pair reaches the unit, its support holds both, or what one turns into the other would go unseen
   */
  readonly converts?: readonly (readonly [number, number])[];
  /** salt matters here (membranes, outlets): the streams into and out of this unit also record dissolved solids */
  readonly recordsSalinity?: boolean;
  /** input ports that must be fed by at least one stream */
  readonly requiredInputs?: readonly string[];
  create(ctx: UnitContext, params: P): UnitRuntime;
}

/** Erases the parameter type so unit types can share one registry; parsing guarantees the shape. */
export type AnyUnitType = UnitType<unknown>;
/**
 * A channel of the unit's own (a level, a pressure, a dose): its id is `<unit>.<id>` and its label
 * the unit's name followed by what it shows, in both languages.
 */
export function unitChannel(ctx: Pick<UnitContext, 'id' | 'name'>, id: string, quantity: string, uom: string, en: string, zh: string): ChannelInfo {
  return { id: `${ctx.id}.${id}`, unit: ctx.id, quantity, uom, label: { en: `${ctx.name.en} ${en}`, zh: `${ctx.name.zh} ${zh}` } };
}

export function defineUnitType<P>(def: UnitType<P>): AnyUnitType {
  return def as unknown as AnyUnitType;
}

/** Shared handling of a numeric runtime parameter: one place for range checks and messages. */
export function setNumber(name: string, value: number | boolean, range: Range, apply: (v: number) => void): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} takes a number`;
  if (value < range.min || value > range.max) return `${name} must be between ${range.min} and ${range.max}`;
  apply(value);
  return undefined;
}
