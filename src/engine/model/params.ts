/**
 * Building blocks of the model schema. Every number a user can change is a parameter
 * `{ value, unit?, reference }` — the reference says where the number came from (a source, or "assumed").
 */
import { z } from 'zod';
import { COMPONENTS, isComponentId, type ComponentId } from '../components.ts';

// Messages a model author understands: "required", "unknown field" — zod's defaults speak of types.
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type' && iss.input === undefined) return 'required';
    if (iss.code === 'invalid_type') return `expected ${iss.expected}, got ${describe(iss.input)}`;
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

export const finite = z.number({ error: (iss) => (iss.input === undefined ? 'required' : `expected a number, got ${describe(iss.input)}`) });
export const positive = finite.positive('must be greater than zero');
export const nonNegative = finite.nonnegative('must not be negative');
export const fraction = finite.min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

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
  return typeof input;
}

export const bilingual = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });

/** where the 3D twin draws a unit: x and z in metres, rotation in degrees about the vertical */
export const layout = z.strictObject({ x: finite, z: finite, rotation: finite.optional() });
