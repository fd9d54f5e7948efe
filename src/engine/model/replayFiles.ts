/**
 * An influent's replay names its CSV by `file`, relative to the document that names it (a model, or a
 * scenario that overrides `<unit>.replay`). The loaders read each such file into `csv` before the model is
 * compiled — the command line from beside the document, the app from the files chosen with it — so the
 * engine itself never touches a file system.
 */
import { ModelError } from '../errors.ts';
import { MAX_MODEL_DEPTH, isObj, type Json } from './json.ts';

/** Every replay in `doc` that names a `file` and carries no text yet, with the JSON path of its `file` field. */
function unreadReplays(doc: unknown): { replay: Json; file: string; path: string }[] {
  const found: { replay: Json; file: string; path: string }[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    // deeper than a model may be: compile refuses the document, with its path
    if (depth > MAX_MODEL_DEPTH) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isObj(node)) return;
    for (const [key, v] of Object.entries(node)) {
      const at = path === '' ? key : /^[A-Za-z_][\w]*$/.test(key) ? `${path}.${key}` : `${path}["${key}"]`;
      // a model's parameter holds the replay in `value`; a scenario's override `<unit>.replay` is the replay itself
      const replay = key === 'replay' && isObj(v) ? v['value'] : key.endsWith('.replay') ? v : undefined;
      if (isObj(replay) && typeof replay['file'] === 'string' && replay['csv'] === undefined) {
        found.push({ replay, file: replay['file'], path: `${at}${key === 'replay' ? '.value' : ''}.file` });
        continue;
      }
      visit(v, at, depth + 1);
    }
  };
  visit(doc, '', 0);
  return found;
}

/** The files the replays in `doc` name and still need read (a loader that fetches them first asks this). */
export function replayFilesNamed(doc: unknown): string[] {
  return unreadReplays(doc).map((r) => r.file);
}

/**
 * Fills `csv` of every replay in `doc` (in place) that names a `file` and carries no text yet. `read` gives
 * a file's text, or the reason it cannot; errors name `docFile` and the path of the `file` field.
 */
export function readReplayFiles(doc: unknown, docFile: string, read: (name: string) => { text: string } | { error: string }): void {
  for (const r of unreadReplays(doc)) {
    const got = read(r.file);
    if ('error' in got) throw new ModelError(docFile, r.path, got.error);
    r.replay['csv'] = got.text;
  }
}
