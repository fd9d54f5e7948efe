/**
 * Design changes made in the inspector: a unit's design parameter given a new value. They are kept
 * as scenario overrides ("unit-id.param" → value) on top of the scenario the user applied, so the
 * worker validates and compiles them like any scenario file, and they can be saved as one.
 */
import { createStore } from 'zustand/vanilla';
import { SCENARIO_FORMAT, inBothLanguages, type Bilingual } from '../engine/api.ts';

export interface DesignEdit {
  value: unknown;
  /** the value before the first change, for "was …" and revert */
  was: unknown;
}

export type DesignEdits = Readonly<Record<string, DesignEdit>>;

export interface DesignState {
  edits: DesignEdits;
}

export const designStore = createStore<DesignState>()(() => ({ edits: {} }));

/** The name a scenario of design changes alone goes by (and the file name the app gives it). */
export const DESIGN_FILE = 'design-changes.scenario.json';
const DESIGN_NAME = { en: 'Design changes', zh: '设计修改' };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `edits` with `path` set to `value`, or dropped when `value` is what it was before any change. */
export function withEdit(edits: DesignEdits, path: string, value: unknown, current: unknown): Record<string, DesignEdit> {
  const next = { ...edits };
  const was = edits[path]?.was ?? current;
  if (same(value, was)) delete next[path];
  else next[path] = { value, was };
  return next;
}

type ScenarioObject = Record<string, unknown> & { name?: { en?: string; zh?: string }; overrides?: Record<string, unknown>; description?: string | Bilingual };

/**
 * The scenario to load: `base` (the applied scenario's JSON, or null for the model as it is) with the
 * design changes as overrides on top; null when there is nothing to apply.
 */
export function designScenario(base: object | null, edits: DesignEdits): ScenarioObject | null {
  const paths = Object.keys(edits);
  if (paths.length === 0) return base === null ? null : { ...base };
  const b = (base ?? {}) as ScenarioObject;
  const overrides = { ...(b.overrides ?? {}), ...Object.fromEntries(paths.map((p) => [p, edits[p]!.value])) };
  const name = base === null ? DESIGN_NAME : { en: `${b.name?.en ?? ''} + ${DESIGN_NAME.en.toLowerCase()}`, zh: `${b.name?.zh ?? ''} + ${DESIGN_NAME.zh}` };
  const changes = paths.flatMap((p) => describeEdit(p, edits[p]!)).join('; ');
  const was = inBothLanguages(b.description ?? '');
  const description: Bilingual = {
    en: `${was.en ? `${was.en} ` : ''}Design changes: ${changes}.`,
    zh: `${was.zh ? `${was.zh} ` : ''}设计变更：${changes}。`,
  };
  return { format: SCENARIO_FORMAT, ...b, name, description, overrides };
}

/** A value's leaves by dotted path: a number, word or switch is its own leaf (path ""); objects are walked, arrays are leaves. */
export function leavesOf(v: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) for (const [p, leaf] of leavesOf(x, prefix ? `${prefix}.${k}` : k)) out.set(p, leaf);
  } else out.set(prefix, v);
  return out;
}

/** A copy of `v` with the leaf at dotted `path` set to `leaf` ("" sets the whole value). */
export function withLeaf(v: unknown, path: string, leaf: unknown): unknown {
  if (path === '') return leaf;
  const copy = JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
  const keys = path.split('.');
  let o = copy;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]!] = leaf;
  return copy;
}

/** The leaves that differ between two values, with what each was and is. */
export function changedLeaves(was: unknown, now: unknown): { path: string; was: unknown; now: unknown }[] {
  const a = leavesOf(was), b = leavesOf(now);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => !same(a.get(k), b.get(k))).map((k) => ({ path: k, was: a.get(k) ?? null, now: b.get(k) ?? null }));
}

/** "eq-cr.volume_m3: 150 → 1200"; of a table or a dosing set, only the entries that changed ("cr-red.reductant.reagent: \"NaHSO3\" → \"FeSO4\""). */
export function describeEdit(path: string, e: DesignEdit): string[] {
  return changedLeaves(e.was, e.value).map((c) => `${c.path ? `${path}.${c.path}` : path}: ${JSON.stringify(c.was)} → ${JSON.stringify(c.now)}`);
}
