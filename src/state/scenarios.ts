/**
 * The scenarios shipped in models/scenarios/, bundled with the app and offered for the model each
 * names. The worker validates a scenario when it is applied; here only its name and model are read.
 */
import type { Bilingual } from '../engine/api.ts';

const files = import.meta.glob<unknown>('../../models/scenarios/*.json', { eager: true, import: 'default' });

export interface ShippedScenario {
  /** path from the project root, e.g. models/scenarios/normal-operation.json */
  file: string;
  /** the model it changes, from the project root */
  model: string | undefined;
  name: { en: string; zh: string };
  json: unknown;
}

/** `dir` + a relative path, with `..` and `.` resolved (plain string work: no path module in the browser). */
export function resolvePath(dir: string, rel: string): string {
  const out = dir.split('/').filter(Boolean);
  for (const part of rel.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** A scenario's name from its JSON, in both languages, or `fallback` (its file name) where it gives none. */
export function scenarioName(json: object, fallback: string): Bilingual {
  const n = (json as { name?: { en?: unknown; zh?: unknown } }).name;
  return { en: typeof n?.en === 'string' ? n.en : fallback, zh: typeof n?.zh === 'string' ? n.zh : fallback };
}

export const SHIPPED_SCENARIOS: readonly ShippedScenario[] = Object.entries(files)
  .map(([path, json]) => {
    const file = path.replace(/^(\.\.\/)+/, '');
    const j = (typeof json === 'object' && json !== null ? json : {}) as { name?: { en?: unknown; zh?: unknown }; model?: unknown };
    const name = scenarioName(j, file.split('/').pop() ?? file);
    const dir = file.slice(0, file.lastIndexOf('/'));
    return { file, model: typeof j.model === 'string' ? resolvePath(dir, j.model) : undefined, name, json };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

/** The shipped scenarios written for `modelFile` (as the app names it, e.g. models/default-park.json). */
export function scenariosFor(modelFile: string): ShippedScenario[] {
  return SHIPPED_SCENARIOS.filter((s) => s.model === modelFile);
}
