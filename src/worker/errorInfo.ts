/** Errors as the worker reports them: always `{ file, path, reason, message }`, never a stack trace. */
import type { ErrorInfo } from './api.ts';

/** A thrown engine error (a ModelError names its file and path) or anything else, as an ErrorInfo. */
export function toErrorInfo(e: unknown, file: string): ErrorInfo {
  if (e instanceof Error && e.name === 'ModelError' && 'path' in e && 'reason' in e) {
    const me = e as Error & { file?: unknown; path: unknown; reason: unknown };
    const f = typeof me.file === 'string' ? me.file : file;
    return { file: f, path: String(me.path), reason: String(me.reason), message: e.message };
  }
  const reason = e instanceof Error ? e.message : String(e);
  return { file, path: '', reason, message: `${file}: ${reason}` };
}

/** The answer to a call that needs a model before one is loaded. */
export function noModel(): ErrorInfo {
  return { file: '', path: '', reason: 'no model loaded', message: 'no model loaded' };
}
