/** A parsed JSON object, and the test for one (not an array, not null). */
export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The largest model (or replay) file read, bytes, and its deepest nesting: beyond them a file is refused unparsed. */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;
export const MAX_MODEL_DEPTH = 24;
