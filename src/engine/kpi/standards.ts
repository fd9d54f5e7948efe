/**
 * Discharge and reuse standards (models/standards.json, bundled with the engine) and what the engine
 * can measure of them. A regulated parameter maps to a linear combination of components — a measure
 * from measures.ts, or one component — or to nothing: a parameter the engine does not model (Ag, Hg,
 * Al, petroleum, F …) is reported as "not modelled", never as compliant.
 */
import { z } from 'zod';
import standardsJson from '../../../models/standards.json';
import { MEASURE_BY_ID } from '../measures.ts';
import { PARAMETER_COMPONENT, PARAMETER_MEASURE } from './parameters.ts';

export { DEFAULT_STANDARD } from './parameters.ts';

const standardSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  name_zh: z.string().min(1).optional(),
  status: z.string(),
  limits: z.record(z.string(), z.number().nonnegative()),
  pH: z.tuple([z.number(), z.number()]).optional(),
  workshopOutlet: z.array(z.string()).optional(),
});
export type Standard = z.infer<typeof standardSchema>;
export const standardsFileSchema = z.object({ source: z.string().optional(), about: z.string().optional(), standards: z.array(standardSchema).min(1) });
export type StandardsFile = z.infer<typeof standardsFileSchema>;

/** The standards shipped in models/standards.json. */
export const BUILTIN_STANDARDS: StandardsFile = standardsFileSchema.parse(standardsJson);

export type Terms = readonly (readonly [number, number])[];

/** The terms that evaluate a regulated parameter, or undefined when the engine does not model it. */
export function parameterTerms(parameter: string): Terms | undefined {
  const m = PARAMETER_MEASURE[parameter];
  if (m !== undefined) return MEASURE_BY_ID.get(m)?.terms;
  const j = PARAMETER_COMPONENT[parameter];
  return j === undefined ? undefined : [[j, 1]];
}

export function findStandard(file: StandardsFile, id: string): Standard | undefined {
  return file.standards.find((s) => s.id === id);
}
