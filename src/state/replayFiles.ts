/**
 * The app's side of influent replays (engine/model/replayFiles.ts): before a model or a scenario goes to
 * the worker, every replay that names a CSV gets the file's text — one the user chose together with the
 * document (matched by file name), or one shipped in models/ (for the shipped scenarios). A missing file is
 * a load error with file, path and reason, like any other.
 */
import { ModelError } from '../engine/errors.ts';
import { readReplayFiles, replayFilesNamed } from '../engine/model/replayFiles.ts';
import { toErrorInfo } from '../worker/errorInfo.ts';
import type { ErrorInfo } from '../worker/api.ts';
import { resolvePath } from './scenarios.ts';

/** the CSVs shipped in models/, loaded when a document names one, by path from the project root */
const SHIPPED = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../models/**/*.csv', { query: '?raw', import: 'default' })).map(([path, load]) => [path.replace(/^(\.\.\/)+/, ''), load]),
);

const baseName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * `source` (a document's text or JSON) with its replay files read in: parsed and filled where it names
 * any, as it was otherwise (a text that is not JSON goes on as it is, for the worker to refuse).
 */
export async function withReplayFiles(source: string | object, file: string, chosen: ReadonlyMap<string, string>): Promise<{ ok: true; source: string | object } | { ok: false; error: ErrorInfo }> {
  if (typeof source === 'string' && !source.includes('"file"')) return { ok: true, source };
  let doc: unknown;
  try {
    doc = typeof source === 'string' ? JSON.parse(source) : source;
  } catch {
    return { ok: true, source };
  }
  const names = replayFilesNamed(doc);
  if (names.length === 0) return { ok: true, source };
  // filled in a copy: the document given (a shipped scenario's JSON) stays as it was
  if (doc === source) doc = structuredClone(source);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const shipped = new Map<string, string>();
  for (const name of names) {
    const path = resolvePath(dir, name);
    // shipped files come in a lazy chunk each, fetched before the (synchronous) reading
    if (!chosen.has(baseName(name)) && SHIPPED[path] !== undefined && !shipped.has(path)) shipped.set(path, await SHIPPED[path]());
  }
  try {
    readReplayFiles(doc, file, (name) => {
      const text = chosen.get(baseName(name)) ?? shipped.get(resolvePath(dir, name));
      return text !== undefined ? { text } : { error: `the replay file "${name}" was not loaded: choose it together with ${baseName(file)} (the file dialog takes several files)` };
    });
  } catch (e) {
    if (e instanceof ModelError) return { ok: false, error: toErrorInfo(e, file) };
    throw e;
  }
  return { ok: true, source: doc as object };
}
