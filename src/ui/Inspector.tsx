/**
 * The selected unit (DESIGN §12, right): live values, what an operator may change (the engine's
 * settable names, range-checked by the engine), trends with min/max bands, and the design
 * parameters with their units and sources (DesignParams: a change rebuilds the plant).
 */
import { lazy, memo, Suspense, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { UnitInfo } from '../engine/api.ts';
import { liveStore } from '../state/liveStore.ts';
import { modelStore } from '../state/modelStore.ts';
import { mainPort, readSource, valueSource, type PlantIndex } from '../state/plantIndex.ts';
import { rows, runStore } from '../state/runStore.ts';
import { act, refreshUnits } from '../state/simClient.ts';
import { viewStore } from '../state/viewStore.ts';
import { formatInput, formatValue, parseInput, plantClock, varUom } from './format.ts';
import { DesignParams } from './DesignParams.tsx';
import { DumpForm } from './DumpForm.tsx';
import { UnitBooks } from './UnitBooks.tsx';
import { UnitDesignCheck } from './DesignCheck.tsx';
import { JarTest } from './JarTest.tsx';
import { ReferenceControls } from './ReferenceControls.tsx';
import { MeasuredControls } from './Measured.tsx';
import { useLang, useT, type Strings } from './i18n.ts';
import { sameArray, useLive } from './useLive.ts';
import { ExportButton } from './ExportButton.tsx';
import { downloadCsv } from './download.ts';

const Trends = lazy(() => import('./Trends.tsx'));

/** Settable names worth a first look; tuning and probe faults fold away under "more". */
const PRIMARY = new Set(['setpoint', 'ratio', 'auto', 'manual_output', 'pump.on', 'pump_on', 'pump_flow_m3_h', 'level_setpoint_frac', 'flow_m3_h', 'enabled', 'return_flow_m3_h', 'bleed_m3_h', 'haul_m3', 'solids_retention_d', 'recycle_ratio', 'al_to_p_molar', 'recovery_frac', 'clean', 'antiscalant', 'on']);

/**
 * Per unit type, what its operator watches beside level, pH and flow: measures of the water leaving by its main outlet
 * (what the stage is there to remove), and readings of the unit itself (unit channels by name).
 */
const WATCHED: Partial<Record<string, { measures?: readonly string[]; readings?: readonly string[] }>> = {
  cyanide_oxidation: { measures: ['CN_total'], readings: ['hcn_hazard'] },
  cr_reduction: { measures: ['Cr6'] },
  clarifier: { measures: ['SS'], readings: ['blanket_m', 'surface_load_m_h'] },
  sand_filter: { measures: ['SS'], readings: ['dp_kPa'] },
  ultrafiltration: { measures: ['SS'], readings: ['dp_kPa'] },
  ro: { measures: ['TDS'], readings: ['recovery_pct', 'feed_pressure_bar', 'feed_pH', 'calcite_SI'] },
  thickener: { readings: ['capture_pct'] },
  filter_press: { readings: ['chamber_fill_pct'] },
  biological: { measures: ['COD', 'NH3N'], readings: ['mlss_mg_L'] },
  evaporator: { readings: ['residue/flow_m3_h', 'residue/TDS'] },
  // where the water follows the seasons, the outfall logs its temperature
  discharge: { readings: ['temperature_C'] },
};
/** the varId of a 0/1 hazard flag among the "now" values */
const HAZARD = 'hazard';

interface NowItem {
  label: string;
  channel: number;
  uom: string;
  varId: string;
}

/** A measure's name that fits a "now" box: its full name, or its badge name when that runs long. */
function shortVar(t: Strings, m: string): string {
  const full = t.vars[m] ?? m;
  // a CJK character takes about two Latin letters' width
  const width = [...full].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return width > 14 ? (t.badgeNames[m] ?? full) : full;
}

function nowItems(index: PlantIndex, i: number, u: UnitInfo, t: Strings, colorBy: string): NowItem[] {
  const out: NowItem[] = [];
  const ch = (id: string) => index.channelIndex.get(id) ?? -1;
  const push = (label: string, channel: number, uom: string, varId = '') => {
    if (channel >= 0 && !out.some((o) => o.channel === channel)) out.push({ label, channel, uom, varId });
  };
  push(t.level, index.level[i] ?? -1, 'm');
  push(t.fill, index.fill[i] ?? -1, '%');
  push('pH', ch(`${u.id}.pH`), '', 'pH');
  push('ORP', ch(`${u.id}.ORP_mV`), 'mV', 'ORP');
  const port = mainPort(u);
  if (port) push(t.outflow, ch(`${u.id}.${port}/flow_m3_h`), 'm³/h');
  if (u.outputs.includes('overflow')) push(t.overflowFlow, ch(`${u.id}.overflow/flow_m3_h`), 'm³/h');
  // what the stage is there to remove, leaving it, and its own readings: shown whatever variable colours the map
  const watched = WATCHED[u.type];
  if (port) for (const m of watched?.measures ?? []) push(shortVar(t, m), ch(`${u.id}.${port}/${m}`), 'mg/L', m);
  for (const r of watched?.readings ?? []) {
    const c = ch(`${u.id}.${r}`);
    if (r === 'hcn_hazard') push(t.hcnHazard, c, '', HAZARD);
    else push(t.readings[r] ?? r, c, index.info.channels[c]?.uom ?? '');
  }
  if (colorBy !== 'none' && colorBy !== 'pH' && colorBy !== 'ORP') {
    const src = valueSource(index, i, colorBy);
    if (src.kind === 'channel') push(t.vars[colorBy] ?? colorBy, src.channel, 'mg/L', colorBy);
  }
  return out;
}

function NowValues({ index, i, u }: { index: PlantIndex; i: number; u: UnitInfo }) {
  const t = useT();
  const colorBy = useStore(viewStore, (s) => s.colorBy);
  const items = nowItems(index, i, u, t, colorBy);
  const values = useLive(() => items.map((it) => rows.latest(it.channel)), sameArray, 250, [index, i, colorBy, t]);
  // a discharge point has no channels of its own: show the mapped value of what flows in
  const mixed = useLive(() => (colorBy !== 'none' && items.every((it) => it.varId !== colorBy) ? readSource(valueSource(index, i, colorBy), rows) : NaN), Object.is, 250, [index, i, colorBy]);
  if (items.length === 0 && Number.isNaN(mixed)) return null;
  return (
    <section className="insp-section" aria-labelledby="now-h">
      <h3 id="now-h">{t.now}</h3>
      <dl className="now" data-testid="insp-now">
        {items.map((it, k) => (
          <div key={it.channel} data-channel={index.info.channels[it.channel]?.id}>
            <dt>{it.label}</dt>
            {it.varId === HAZARD ? (
              <dd data-value={String(values[k])} className={(values[k] ?? 0) > 0.5 ? 'hazard-on' : undefined}>
                {Number.isFinite(values[k]) ? ((values[k] ?? 0) > 0.5 ? t.hazardOn : t.hazardOff) : '—'}
              </dd>
            ) : (
              <dd data-value={String(values[k])}>
                {formatValue(values[k] ?? NaN, it.varId)} <span className="muted">{it.uom}</span>
              </dd>
            )}
          </div>
        ))}
        {Number.isNaN(mixed) ? null : (
          <div>
            <dt>{t.vars[colorBy] ?? colorBy}</dt>
            <dd data-value={String(mixed)}>
              {formatValue(mixed, colorBy)} <span className="muted">{varUom(colorBy)}</span>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** Unit of measure of a settable value, from its name and the dosing set it belongs to. */
function settableUom(u: UnitInfo, name: string): string {
  const dot = name.indexOf('.');
  const group = dot >= 0 ? name.slice(0, dot) : '';
  const leaf = dot >= 0 ? name.slice(dot + 1) : name;
  const spec = group ? (u.params[group]?.value as { probe?: { kind?: string }; controller?: { type?: string } } | undefined) : undefined;
  const probeUom = spec?.probe?.kind === 'ORP' ? 'mV' : spec?.probe?.kind === 'pH' ? 'pH' : '';
  if (leaf === 'setpoint' || leaf === 'probe.noise_sd' || leaf === 'probe.drift' || leaf === 'probe.bias') return probeUom;
  if (leaf === 'probe.drift_per_h') return probeUom ? `${probeUom}/h` : '/h';
  if (leaf === 'ratio' || leaf === 'bias') return 'mg/L';
  if (spec?.controller?.type === 'pid' && (leaf === 'manual_output' || leaf === 'out_min' || leaf === 'out_max')) return '%';
  if (leaf.endsWith('_m3_h')) return 'm³/h';
  if (leaf.endsWith('_m3')) return 'm³';
  if (leaf.endsWith('_d')) return 'd';
  if (leaf.endsWith('_molar')) return 'mol/mol';
  if (leaf === 'recycle_ratio') return '× Q';
  if (leaf.endsWith('_per_s')) return '1/s';
  if (leaf.endsWith('_L_mol_s')) return 'L/(mol·s)';
  if (leaf.endsWith('_s')) return 's';
  if (leaf.endsWith('_frac')) return '0–1';
  return '';
}

/**
 * The group a setting is shown under (a dosing loop `acid`, a pump `underflow_pump`; '' for the unit's own) and the key
 * its name is found by: its leaf within a group, a dosing pump's and a probe's own parts (`pump.on`) in full.
 */
export function settableParts(name: string): { group: string; key: string } {
  const dot = name.indexOf('.');
  return dot >= 0 && !name.startsWith('pump.') && !name.startsWith('probe.') ? { group: name.slice(0, dot), key: name.slice(dot + 1) } : { group: '', key: name };
}

function settableLabel(t: Strings, name: string): string {
  const { key } = settableParts(name);
  return t.settableNames[key] ?? key;
}

/** A row re-renders only when its own value changes, not whenever the unit's settable values are refreshed. */
const SettableRow = memo(function SettableRow({ u, name, value }: { u: UnitInfo; name: string; value: number | boolean }) {
  const t = useT();
  const info = useStore(modelStore, (s) => s.info);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `set-${u.id}-${name}`;
  const uom = settableUom(u, name);
  const range = u.ranges[name];
  const rangeText = range === undefined ? undefined : t.rangeHint(formatInput(range.min), formatInput(range.max), uom);

  const send = async (v: number | boolean) => {
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await act({ unit: u.id, set: name, value: v });
    setBusy(false);
    if (r.ok) {
      setDraft(null);
      setDone(info ? t.applied(plantClock(info.start_iso, r.logged.t_s)) : '');
    } else setError(r.error.reason);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    const v = parseInput(draft);
    if (!Number.isFinite(v)) {
      setError(t.invalidNumber);
      return;
    }
    void send(v);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  if (typeof value === 'boolean') {
    return (
      <div className="set-row" data-settable={name}>
        <label htmlFor={id}>{settableLabel(t, name)}</label>
        <span className="set-input">
          <input id={id} type="checkbox" checked={value} disabled={busy} onChange={(e) => void send(e.target.checked)} data-testid={`set-${name}`} />
          <span className="muted">{value ? t.on : t.off}</span>
        </span>
        {error ? <p className="set-error" role="alert" data-testid={`set-error-${name}`}>{error}</p> : null}
      </div>
    );
  }
  return (
    <form className="set-row" onSubmit={submit} data-settable={name}>
      <label htmlFor={id}>{settableLabel(t, name)}</label>
      <span className="set-input">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className={error ? 'invalid' : draft !== null ? 'dirty' : undefined}
          value={draft ?? formatInput(value)}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
            setDone(null);
          }}
          onKeyDown={onKey}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : draft !== null && rangeText ? `${id}-range` : undefined}
          title={rangeText}
          disabled={busy}
          data-testid={`set-${name}`}
          data-value={value}
        />
        <span className="uom">{uom}</span>
        <button type="submit" className="btn btn-small" disabled={draft === null || busy} data-testid={`apply-${name}`}>
          {t.apply}
        </button>
      </span>
      {error ? (
        <p className="set-error" id={`${id}-err`} role="alert" data-testid={`set-error-${name}`}>
          {error}
        </p>
      ) : draft !== null && rangeText ? (
        // what the engine takes, while a value is typed: the bounds it would otherwise state in a refusal
        <p className="set-done muted" id={`${id}-range`} data-testid={`set-range-${name}`}>
          {rangeText}
        </p>
      ) : done ? (
        <p className="set-done muted">{done}</p>
      ) : null}
    </form>
  );
});

function Operation({ u }: { u: UnitInfo }) {
  const t = useT();
  const values = useStore(liveStore, (s) => s.settable[u.id]);
  const status = useStore(runStore, (s) => s.status);
  // while a run goes, scenario events and controllers' modes can change what an operator sees
  useEffect(() => {
    if (status !== 'running') return;
    const timer = setInterval(() => void refreshUnits(u.id), 1000);
    return () => clearInterval(timer);
  }, [status, u.id]);
  const entries = Object.entries(values ?? u.settable);
  if (entries.length === 0)
    return (
      <section className="insp-section">
        <h3>{t.operation}</h3>
        <p className="note">{t.noSettable}</p>
      </section>
    );
  const groups = new Map<string, [string, number | boolean][]>();
  for (const e of entries) {
    const g = settableParts(e[0]).group;
    const list = groups.get(g);
    if (list) list.push(e);
    else groups.set(g, [e]);
  }
  return (
    <section className="insp-section" aria-labelledby="op-h" data-testid="insp-operation">
      <h3 id="op-h">{t.operation}</h3>
      <p className="note">{t.operationNote}</p>
      {[...groups].map(([g, list]) => {
        const leaf = (n: string) => (g ? n.slice(g.length + 1) : n);
        const primary = list.filter(([n]) => PRIMARY.has(leaf(n)));
        const more = list.filter(([n]) => !PRIMARY.has(leaf(n)));
        const reagent = g ? (u.params[g]?.value as { reagent?: string } | undefined)?.reagent : undefined;
        return (
          <div className="set-group" key={g}>
            {g || groups.size > 1 ? (
              <h4>
                {t.groups[g] ?? t.paramNames[g] ?? g}
                {reagent ? <span className="muted"> · {reagent}</span> : null}
              </h4>
            ) : null}
            {primary.map(([n, v]) => (
              <SettableRow key={n} u={u} name={n} value={v} />
            ))}
            {more.length > 0 ? (
              <details>
                <summary className="muted">+ {t.values(more.length)}</summary>
                {more.map(([n, v]) => (
                  <SettableRow key={n} u={u} name={n} value={v} />
                ))}
              </details>
            ) : null}
          </div>
        );
      })}
      {u.type === 'influent' ? <DumpForm u={u} /> : null}
    </section>
  );
}

export function Inspector() {
  const t = useT();
  const lang = useLang();
  const index = useStore(modelStore, (s) => s.index);
  const selected = useStore(viewStore, (s) => s.selected);
  const trendWindow = useStore(viewStore, (s) => s.trendWindow);
  const i = selected !== null && index ? (index.unitIndex.get(selected) ?? -1) : -1;
  const u = index?.units[i];
  // another unit's inspector opens at its top, not wherever the last one was scrolled to
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (body.current) body.current.scrollTop = 0;
  }, [u?.id]);
  if (!index || !u) {
    return (
      <aside className="panel inspector" aria-labelledby="insp-h" data-testid="inspector">
        <h2 id="insp-h">{t.inspector}</h2>
        <p className="empty">{t.noSelection}</p>
      </aside>
    );
  }
  return (
    <aside className="panel inspector" aria-labelledby="insp-h" data-testid="inspector" data-unit={u.id}>
      <header className="insp-head">
        <div>
          <h2 id="insp-h" data-testid="insp-name">
            {u.name[lang]}
          </h2>
          <p className="muted insp-sub">
            {t.unitTypes[u.type] ?? u.type} · {t.lines[u.line] ?? u.line} · <code>{u.id}</code>
          </p>
        </div>
        <button type="button" className="btn btn-quiet btn-close" onClick={() => viewStore.getState().select(null)} aria-label={t.deselect} title={`${t.deselect} (Esc)`} data-testid="insp-close">
          ×
        </button>
      </header>
      <div className="insp-body" ref={body}>
        <NowValues index={index} i={i} u={u} />
        {/* trends right under the values: a reader sees direction, not just a number */}
        <section className="insp-section" aria-labelledby="tr-h">
          <div className="section-head">
            <h3 id="tr-h">{t.trends}</h3>
            {/* zoomed, the trends show a window: the download takes what they show */}
            <ExportButton
              label={trendWindow === null ? t.exportUnitCsv : t.exportWindowCsv}
              title={trendWindow === null ? t.exportUnitTitle : t.exportWindowTitle}
              testId="export-unit-csv"
              action={() => downloadCsv(u.id, index.unitChannels[i] ?? [], trendWindow ?? undefined)}
            />
          </div>
          <MeasuredControls index={index} unit={i} />
          <Suspense fallback={<p className="note">…</p>}>
            <Trends key={u.id} unit={i} />
          </Suspense>
          <ReferenceControls />
        </section>
        <Operation key={u.id} u={u} />
        <JarTest key={`${u.id}:jar`} u={u} />
        <UnitBooks u={u} />
        <UnitDesignCheck u={u} />
        <DesignParams key={`${u.id}:design`} u={u} />
      </div>
    </aside>
  );
}
