/**
 * Building blocks of the model schema. Every number a user can change is a parameter
 * `{ value, unit?, reference }` — the reference says where the number came from (a source, or "assumed").
 */
import { z } from 'zod';
import { COMPONENTS, isComponentId, type ComponentId } from '../components.ts';
import { RUN_BOUNDS } from '../api.ts';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  record: 'an object', tuple: 'a range [low, high]', object: 'an object', array: 'a list [ … ]', number: 'a number', string: 'a text', boolean: 'true or false',
};

// Messages a model author understands: "required", "unknown field" — zod's defaults speak of types.
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type' && iss.input === undefined) return 'required';
    // the model's records are objects of named entries, its tuples [low, high] ranges
    if (iss.code === 'invalid_type') return `expected ${TYPE_WORDS[iss.expected] ?? iss.expected}, got ${describe(iss.input)}`;
    if (iss.code === 'too_small' && iss.origin === 'array') return `expected at least ${iss.minimum} entries`;
    if (iss.code === 'too_big' && iss.origin === 'array') return `expected at most ${iss.maximum} entries`;
    if (iss.code === 'invalid_value' && iss.values.length > 1) return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(iss.input)}`;
    if (iss.code === 'unrecognized_keys') return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    return undefined;
  },
});

export const reference = z
  .string({ error: 'every parameter needs a "reference": a source, or "assumed"' })
  .min(1, 'every parameter needs a "reference": a source, or "assumed"');

/** A parameter wrapping a value schema. */
export function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, unit: z.string().optional(), reference });
}

/**
 * The largest magnitude a model number may have. Nothing in a plating park comes near it (volumes are
 * 10⁴ m³, rate constants 10⁴, pressure coefficients 10⁵), and a value beyond it would overflow in the
 * products of a step into a NaN on a chart.
 */
export const MAX_MAGNITUDE = 1e12;
/** The smallest non-zero magnitude a model number may have. */
export const MIN_MAGNITUDE = 1e-12;

export const finite = z
  // the type's own message; a bound added later (`.max(14, …)`) speaks for itself
  .number({ error: (iss) => (iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'required' : `expected a number, got ${describe(iss.input)}`) })
  .min(-MAX_MAGNITUDE, `must be between −10¹² and 10¹²: no plant value is that large`)
  .max(MAX_MAGNITUDE, `must be between −10¹² and 10¹²: no plant value is that large`)
  // a value below a plant's resolution turns into a zero or an overflow when it is divided by or converted
  .refine((v) => v === 0 || Math.abs(v) >= MIN_MAGNITUDE, { message: 'must be 0 or at least 10⁻¹² in size: no plant value is that small' });
export const positive = finite.positive('must be greater than zero');
export const nonNegative = finite.nonnegative('must not be negative');
export const fraction = finite.min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
/**
 * The least flow a source may have, m³/h (a millilitre an hour). A tank's volume changes by a step's flow;
 * below about 10⁻¹³ of the volume that change is lost in the rounding of the volume, and the books with it.
 */
export const MIN_FLOW_m3_h = 1e-6;
/**
 * The bounds of a number an operator can also set while the plant runs. The model file and the running plant hold
 * it to the same bounds: a model that loads can be set back to its own values, and no file holds a value a panel
 * would refuse.
 */
export interface Range {
  readonly min: number;
  readonly max: number;
}
/** A model number held to the range its run-time setting is held to. */
export function inRange(r: Range) {
  const message = `must be between ${r.min} and ${r.max}`;
  return finite.min(r.min, message).max(r.max, message);
}
/** The largest flow a park's stream, pump or demand is set to, m³/h: a plating park treats a few thousand m³ a day. */
export const MAX_FLOW_m3_h = 1e5;
/** A flow an operator sets (a pump, a demand), m³/h. */
export const FLOW_SETTING: Range = { min: 0, max: MAX_FLOW_m3_h };
/** A pump's capacity, m³/h: positive, and no more than the largest flow of the park. */
export const pumpCapacity_m3_h = positive.max(MAX_FLOW_m3_h, `must be at most ${MAX_FLOW_m3_h} m³/h: a plating park treats a few thousand m³ a day`);
/** A dosing pump's capacity, L/h (the same bound). */
export const dosingPumpCapacity_L_h = positive.max(MAX_FLOW_m3_h * 1000, `must be at most ${MAX_FLOW_m3_h * 1000} L/h: a plating park treats a few thousand m³ a day`);
/** A share an operator sets (a capture, a level set-point, an underflow ratio). */
export const FRACTION_SETTING: Range = { min: 0, max: 1 };

/** A source's flow, m³/h: at least MIN_FLOW_m3_h (a source that carries nothing is disabled, not set to 0). */
export const sourceFlow = positive.max(MAX_FLOW_m3_h, `must be at most ${MAX_FLOW_m3_h} m³/h: a plating park treats a few thousand m³ a day`).refine((v) => v >= MIN_FLOW_m3_h, { message: 'at least 10⁻⁶ m³/h (a millilitre an hour): less is lost in the rounding of a tank\'s volume' });

/** A fraction that cannot be zero: a solution strength, an efficiency. */
export const positiveFraction = positive.max(1, 'must be greater than zero and at most 1');
/** A pH value. */
export const pHValue = finite.min(0, 'a pH is between 0 and 14').max(14, 'a pH is between 0 and 14');

/**
 * A treatment basin's size. A park's largest tank (an emergency tank) holds a few thousand m³; the
 * bounds keep a typing slip (a lake for a tank) from turning the mass books' rounding into their error.
 */
export const basinVolume = positive.max(1e6, 'a basin of more than 1,000,000 m³ is a reservoir, not a treatment tank');
export const basinDepth = positive.max(30, 'a treatment basin is not deeper than 30 m');
export const basinArea = positive.max(1e5, 'a treatment basin covers less than 100,000 m² (10 ha)');

/** A holding tank's size and its fill at the start of a run: the parameters every level tank shares. */
export const holdingTankGeometry = {
  volume_m3: param(basinVolume),
  depth_m: param(basinDepth),
  initial_fill_frac: param(fraction),
};

/** A run's step, s (RUN_BOUNDS). */
export const stepSeconds = finite
  .min(RUN_BOUNDS.minStep_s, 'at least 1 s: a plant does nothing faster, and a year of shorter steps would never end')
  .max(RUN_BOUNDS.maxStep_s, 'at most 3600 s: dosing loops need no coarser step');
/** A run's length, days (RUN_BOUNDS). */
export const durationDays = positive.max(RUN_BOUNDS.maxDuration_days, 'at most ten years');
const SEED_RANGE = `a whole number from 0 to ${RUN_BOUNDS.maxSeed}`;
/** A run's seed (RUN_BOUNDS). */
export const seed = z.number().int(SEED_RANGE).min(0, SEED_RANGE).max(RUN_BOUNDS.maxSeed, SEED_RANGE);

/** No water carries more than its own weight dissolved: the ceiling of every concentration, mg/L. */
export const MAX_CONC_mg_L = 1e6;
/** Why a concentration above MAX_CONC_mg_L is refused, for every message that refuses one. */
export const MAX_CONC_REASON = `${MAX_CONC_mg_L.toLocaleString('en')} mg/L: no water carries more than its own weight dissolved`;

/** Mass density of a dosing solution, kg/L: none is denser than 3 (98 % H₂SO₄ is 1.84). */
export const solutionDensity = positive.max(3, 'a dosing solution is not denser than 3 kg/L (98 % H₂SO₄ is 1.84)');

/** Concentrations by component id, mg/L; unknown components are refused by name. */
export const concentrations = z
  .record(z.string(), nonNegative.max(MAX_CONC_mg_L, `must not exceed ${MAX_CONC_REASON}`))
  .superRefine((rec, ctx) => {
    for (const key of Object.keys(rec)) {
      if (!isComponentId(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown component "${key}"; known: ${COMPONENTS.join(', ')}` });
      }
    }
  })
  .transform((rec) => rec as Partial<Record<ComponentId, number>>);

export function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return `the string ${JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input)}`;
  if (typeof input === 'number') return `the number ${input}`;
  if (typeof input === 'boolean') return `${input}`;
  return typeof input === 'object' ? 'an object' : typeof input;
}

export const bilingual = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });

/** where the 3D twin draws a unit: x and z in metres, rotation in degrees about the vertical */
export const layout = z.strictObject({ x: finite, z: finite, rotation: finite.optional() });
