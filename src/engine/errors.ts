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
