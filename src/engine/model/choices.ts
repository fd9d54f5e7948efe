/**
 * The words a model's text fields may take, read off the schema that checks them: an evaporator's `residue`, a
 * dosing set's `reagent` and its controller's `action`, an influent's `acid_anion`. A screen offers them as
 * suggestions, so the list it shows is the list the file is held to.
 */
import { z } from 'zod';

/**
 * Per text field of `params` (a unit's parameters as the model gives them) whose schema is a choice of words, those
 * words: keyed by the parameter's name, then the path within its value (`residue`, `base.controller.action`).
 */
export function paramChoices(schema: z.ZodType, params: unknown): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  const top = unwrap(schema);
  if (!(top instanceof z.ZodObject) || !isObject(params)) return out;
  for (const [name, param] of Object.entries(top.shape as Record<string, z.ZodType>)) {
    const p = unwrap(param);
    const given = params[name];
    if (!(p instanceof z.ZodObject) || !isObject(given)) continue;
    const value = (p.shape as Record<string, z.ZodType | undefined>)['value'];
    if (value !== undefined) walk(value, given['value'], name, out);
  }
  return out;
}

function walk(schema: z.ZodType, value: unknown, path: string, out: Record<string, readonly string[]>): void {
  const s = unwrap(schema);
  if (s instanceof z.ZodEnum) {
    out[path] = s.options.map(String);
  } else if (s instanceof z.ZodObject) {
    if (!isObject(value)) return;
    for (const [key, sub] of Object.entries(s.shape as Record<string, z.ZodType>)) if (key in value) walk(sub, value[key], `${path}.${key}`, out);
  } else if (s instanceof z.ZodUnion) {
    // the choices of the member the value is (a PID, on-off or ratio controller)
    const member = (s.options as readonly z.ZodType[]).find((o) => o.safeParse(value).success);
    if (member !== undefined) walk(member, value, path, out);
  } else if (s instanceof z.ZodRecord) {
    if (!isObject(value)) return;
    for (const [key, sub] of Object.entries(value)) walk(s.valueType as z.ZodType, sub, `${path}.${key}`, out);
  }
}

/** The schema under optional, nullable, default and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
