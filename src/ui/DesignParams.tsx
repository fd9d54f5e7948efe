/**
 * The selected unit's design parameters with their units and sources. Numbers, switches, words and
 * per-component tables (an influent's concentrations) can be changed: a change rebuilds the plant
 * with it (src/state/designStore.ts, as scenario overrides the worker validates like a model) and the
 * run starts again at t = 0. A changed value shows what it was, with a revert.
 */
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { UnitInfo } from '../engine/api.ts';
import { designStore, type DesignEdit } from '../state/designStore.ts';
import { modelStore } from '../state/modelStore.ts';
import { changeDesign, revertDesign } from '../state/simClient.ts';
import { formatInput } from './format.ts';
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

/** What a changed value was: for a table, only its entries that changed. */
function wasText(edit: DesignEdit, p: Param, t: Strings): string {
  const was = edit.was, now = p.value;
  if (isNumberTable(was) && isNumberTable(now)) {
    return Object.keys(was)
      .filter((k) => was[k] !== now[k])
      .map((k) => `${k} ${paramValue(was[k], p.unit, t)}`)
      .join(' · ');
  }
  return paramValue(was, p.unit, t);
}

/** A table of numbers by name (an influent's `conc_mg_L`): each entry gets a field of its own. */
function isNumberTable(v: unknown): v is Record<string, number> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => typeof x === 'number');
}

/** One field: Enter (or ✓) sends, Escape forgets the draft; numbers are checked before they are sent. */
function Field({ kind, value, label, uom, changed, testId, onSend }: { kind: 'number' | 'text'; value: number | string; label?: string; uom?: string | undefined; changed?: boolean; testId: string; onSend: (v: number | string) => Promise<boolean> }) {
  const t = useT();
  const loading = useStore(modelStore, (s) => s.loading);
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    let v: number | string = draft.trim();
    if (kind === 'number') {
      v = v === '' ? NaN : Number(v.replace(',', '.'));
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
      {label !== undefined ? <label className="design-key">{label}</label> : null}
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
        aria-label={label}
        aria-invalid={invalid || undefined}
        disabled={loading}
        data-testid={testId}
        data-value={value}
      />
      {uom ? <span className="uom">{uom}</span> : null}
      <button type="submit" className="btn btn-small" disabled={draft === null || loading} title={t.designApplyTitle} data-testid={`${testId}-apply`}>
        {t.apply}
      </button>
      {invalid ? <span className="set-error">{t.invalidNumber}</span> : null}
    </form>
  );
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
  let field: ReactNode;
  if (typeof v === 'number') field = <Field kind="number" value={v} uom={p.unit} changed={edit !== undefined} testId={testId} onSend={send} />;
  else if (typeof v === 'string') field = <Field kind="text" value={v} changed={edit !== undefined} testId={testId} onSend={send} />;
  else if (typeof v === 'boolean') {
    field = (
      <label className="check">
        <input type="checkbox" checked={v} disabled={loading} onChange={(e) => void send(e.target.checked)} data-testid={testId} />
        {v ? t.on : t.off}
      </label>
    );
  } else if (isNumberTable(v)) {
    const was = isNumberTable(edit?.was) ? edit.was : undefined;
    field = (
      <div className="design-table">
        {Object.entries(v).map(([k, x]) => (
          <Field key={k} kind="number" label={k} value={x} uom={p.unit} changed={was !== undefined && was[k] !== x} testId={`${testId}-${k}`} onSend={(n) => send({ ...v, [k]: n })} />
        ))}
      </div>
    );
  } else field = <span className="pv">{paramValue(v, p.unit, t)}</span>;
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
