import type { z } from 'zod';

/**
 * The one error for bad input: it names the file, the path inside it and the reason, and prints as
 * one line — `models/x.json: units[3].params.volume_m3.value: must be positive`.
 */
export class ModelError extends Error {
  readonly file: string;
  readonly path: string;
  readonly reason: string;

  constructor(file: string, path: string, reason: string) {
    super(`${file}: ${path === '' ? '(top level)' : path}: ${reason}`);
    this.name = 'ModelError';
    this.file = file;
    this.path = path;
    this.reason = reason;
  }
}

/** JSON path text for a zod/issue path: ['units', 3, 'params'] → `units[3].params`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** `value` as `schema` reads it, or a ModelError naming `file`, the path (after `prefix`) and zod's reason. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string, prefix: readonly PropertyKey[] = []): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  // a record's key that fails its own check ("price keys read like …") carries that check's message inside
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  throw new ModelError(file, formatPath([...prefix, ...issue.path]), message);
}
