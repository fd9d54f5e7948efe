/**
 * The selected unit's design parameters with their units and sources. Numbers, switches and words
 * can be changed, alone or as entries of a table (an influent's concentrations) or of a dosing set
 * (its reagent, controller and probe): a change rebuilds the plant
 * with it (src/state/designStore.ts, as scenario overrides the worker validates like a model) and the
 * run starts again at t = 0. A changed value shows what it was, with a revert.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { UnitInfo } from '../engine/api.ts';
import { changedLeaves, designStore, leavesOf, withLeaf, type DesignEdit } from '../state/designStore.ts';
import { modelStore } from '../state/modelStore.ts';
import { changeDesign, revertDesign } from '../state/simClient.ts';
import { formatInput, parseInput } from './format.ts';
import { useT, type Strings } from './i18n.ts';

type Param = UnitInfo['params'][string];

function paramValue(v: unknown, unit: string | undefined, t: Strings): string {
  if (typeof v === 'number') return `${formatInput(v)}${unit ? ` ${unit}` : ''}`;
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'number')) {
      const nums = v as number[];
      return `${t.values(nums.length)}: ${Math.min(...nums)}–${Math.max(...nums)}`;
    }
    return v.map((x) => paramValue(x, undefined, t)).join(', ');
  }
  if (v && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${x && typeof x === 'object' && !Array.isArray(x) ? `{${paramValue(x, undefined, t)}}` : paramValue(x, undefined, t)}`)
      .join(' · ');
  }
  return '—';
}

/** What a changed value was: of a table or a dosing set, only the entries that changed. */
function wasText(edit: DesignEdit, p: Param, t: Strings): string {
  return changedLeaves(edit.was, p.value)
    .map((c) => (c.path ? `${c.path} ${paramValue(c.was, undefined, t)}` : paramValue(c.was, p.unit, t)))
    .join(' · ');
}


/** One field: Enter (or ✓) sends, Escape forgets the draft; numbers are checked before they are sent. */
function Field({ kind, value, label, name, uom, changed, options, testId, onSend }: { kind: 'number' | 'text'; value: number | string; label?: string | undefined; name: string; uom?: string | undefined; changed?: boolean; options?: readonly string[] | undefined; testId: string; onSend: (v: number | string) => Promise<boolean> }) {
  const t = useT();
  const loading = useStore(modelStore, (s) => s.loading);
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    const v = kind === 'number' ? parseInput(draft) : draft.trim();
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        setInvalid(true);
        return;
      }
    }
    if (await onSend(v)) setDraft(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setDraft(null);
      setInvalid(false);
    }
  };
  const cls = invalid ? 'invalid' : draft !== null ? 'dirty' : changed ? 'changed' : undefined;
  return (
    <form className="design-field" onSubmit={(e) => void submit(e)}>
      {label !== undefined ? (
        <label className="design-key" title={label}>
          {label}
        </label>
      ) : null}
      <input
        type="text"
        inputMode={kind === 'number' ? 'decimal' : undefined}
        className={cls}
        value={draft ?? (typeof value === 'number' ? formatInput(value) : value)}
        onChange={(e) => {
          setDraft(e.target.value);
          setInvalid(false);
        }}
        onKeyDown={onKey}
        list={options ? `${testId}-options` : undefined}
        aria-label={name}
        aria-invalid={invalid || undefined}
        disabled={loading}
        data-testid={testId}
        data-value={value}
      />
      {options ? (
        <datalist id={`${testId}-options`}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      ) : null}
      <span className="uom">{uom}</span>
      {/* Enter applies; the button is there for the mouse once something is typed */}
      <button type="submit" className="btn btn-small" hidden={draft === null} disabled={loading} title={t.designApplyTitle} data-testid={`${testId}-apply`}>
        {t.apply}
      </button>
      {invalid ? <span className="set-error">{t.invalidNumber}</span> : null}
    </form>
  );
}

/**
 * Lines of a CSV that hold data (not blank, not a # comment), counted without splitting it: a replay can be a
 * year of samples, and the inspector re-renders often.
 */
function dataLines(csv: string): number {
  let count = 0;
  for (let start = 0; start < csv.length; ) {
    let end = csv.indexOf('\n', start);
    if (end < 0) end = csv.length;
    let k = start;
    while (k < end && (csv[k] === ' ' || csv[k] === '\t' || csv[k] === '\r')) k++;
    if (k < end && csv[k] !== '#') count++;
    start = end + 1;
  }
  return count;
}

function DesignParam({ u, name, p, edit }: { u: UnitInfo; name: string; p: Param; edit: DesignEdit | undefined }) {
  const t = useT();
  const loading = useStore(modelStore, (s) => s.loading);
  const [error, setError] = useState<string | null>(null);
  const path = `${u.id}.${name}`;
  const send = async (value: unknown): Promise<boolean> => {
    setError(null);
    const r = await changeDesign(path, value, p.value);
    if (!r.ok) setError(r.error.path ? `${r.error.path}: ${r.error.reason}` : r.error.reason);
    return r.ok;
  };
  const v = p.value;
  const testId = `design-${name}`;
  if (name === 'replay' && v !== null && typeof v === 'object') {
    // measured data: what is replayed, not a field per entry (its text can be a year of samples); change the file
    const r = v as { file?: string; csv?: string; after_end?: string };
    const samples = dataLines(r.csv ?? '') - 1;
    return (
      <div data-param={name}>
        <dt>
          {t.paramNames[name] ?? name} <code className="muted">{name}</code>
        </dt>
        <dd>
          <span className="design-value pv" data-testid={testId}>
            {t.replaySummary(r.file ?? t.replayInline, Math.max(0, samples), r.after_end === 'hold' ? 'hold' : 'repeat')}
          </span>
          <span className="ref">{p.reference === 'assumed' ? t.assumed : p.reference}</span>
        </dd>
      </div>
    );
  }
  const leaves = [...leavesOf(v)];
  const was = edit === undefined ? undefined : leavesOf(edit.was);
  // a plain value is one field; a table or a dosing set (reagent, controller, probe) a field per entry
  const field = (
    <div className={leaves.length > 1 || leaves[0]?.[0] ? 'design-table' : undefined}>
      {leaves.map(([path, x]) => {
        const id = path ? `${testId}-${path.replace(/\./g, '-')}` : testId;
        const label = path || undefined;
        const changed = was !== undefined && JSON.stringify(was.get(path)) !== JSON.stringify(x);
        const sendLeaf = (n: unknown) => send(withLeaf(v, path, n));
        const fieldName = `${t.paramNames[name] ?? name}${path ? ` · ${path}` : ''}`;
        if (typeof x === 'number') return <Field key={path} kind="number" value={x} label={label} name={fieldName} uom={path ? undefined : p.unit} changed={changed} testId={id} onSend={sendLeaf} />;
        if (typeof x === 'string') return <Field key={path} kind="text" value={x} label={label} name={fieldName} changed={changed} options={u.choices[path ? `${name}.${path}` : name]} testId={id} onSend={sendLeaf} />;
        if (typeof x === 'boolean') {
          return (
            <label key={path} className="design-field">
              <span className="design-key">{label}</span>
              <span className="design-value check">
                <input type="checkbox" checked={x} disabled={loading} onChange={(e) => void sendLeaf(e.target.checked)} aria-label={fieldName} data-testid={id} />
                {x ? t.on : t.off}
              </span>
            </label>
          );
        }
        // lists (hourly factors …) are shown, not edited here
        return (
          <span key={path} className="design-field">
            <span className="design-key">{label}</span>
            <span className="design-value pv">{paramValue(x, path ? undefined : p.unit, t)}</span>
          </span>
        );
      })}
    </div>
  );
  return (
    <div data-param={name} className={edit ? 'changed' : undefined}>
      <dt>
        {t.paramNames[name] ?? name} <code className="muted">{name}</code>
      </dt>
      <dd>
        {field}
        {edit ? (
          <span className="design-was">
            {t.designWas(wasText(edit, p, t))}{' '}
            <button type="button" className="linkish" disabled={loading} onClick={() => void revertDesign(path)} data-testid={`${testId}-revert`}>
              {t.revert}
            </button>
          </span>
        ) : null}
        {error ? (
          <span className="set-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </span>
        ) : null}
        <span className="ref">{edit ? t.designChangedRef : p.reference === 'assumed' ? t.assumed : p.reference}</span>
      </dd>
    </div>
  );
}

export function DesignParams({ u }: { u: UnitInfo }) {
  const t = useT();
  const edits = useStore(designStore, (s) => s.edits);
  const entries = Object.entries(u.params);
  if (entries.length === 0) return null;
  const changed = entries.filter(([k]) => edits[`${u.id}.${k}`] !== undefined).length;
  return (
    <section className="insp-section" aria-labelledby="par-h" data-testid="insp-design">
      <details open={entries.length <= 8 || changed > 0}>
        <summary>
          <h3 id="par-h">
            {t.params}
            {changed > 0 ? <span className="muted"> · {t.designChanged(changed)}</span> : null}
          </h3>
        </summary>
        <p className="note">{t.paramsNote}</p>
        <dl className="params" data-testid="insp-params">
          {entries.map(([k, p]) => (
            <DesignParam key={k} u={u} name={k} p={p} edit={edits[`${u.id}.${k}`]} />
          ))}
        </dl>
      </details>
    </section>
  );
}
