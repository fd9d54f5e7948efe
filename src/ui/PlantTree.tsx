import { memo } from 'react';
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { viewStore, type Layers } from '../state/viewStore.ts';
import { useLang, useT } from './i18n.ts';
import { useWarnings } from './warnings.ts';
import type { AlarmLevel } from '../state/runStore.ts';

const LAYERS: (keyof Layers)[] = ['labels', 'values', 'pipes', 'flow', 'grid'];

/** What the twin shows: the variable mapped onto the liquid, and which layers are drawn. */
function ViewControls() {
  const t = useT();
  const index = useStore(modelStore, (s) => s.index);
  const colorBy = useStore(viewStore, (s) => s.colorBy);
  const layers = useStore(viewStore, (s) => s.layers);
  const vars = index?.colorVars ?? [];
  return (
    <div className="view-controls">
      <label className="field">
        <span className="field-label">{t.colorBy}</span>
        <select value={colorBy} onChange={(e) => viewStore.getState().setColorBy(e.target.value)} data-testid="color-by">
          <option value="none">{t.vars.none}</option>
          {vars.map((v) => (
            <option key={v} value={v}>
              {t.vars[v] ?? v}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="layers">
        <legend className="field-label">{t.layers}</legend>
        {LAYERS.map((l) => (
          <label key={l} className="check">
            <input type="checkbox" checked={layers[l]} onChange={(e) => viewStore.getState().setLayer(l, e.target.checked)} data-testid={`layer-${l}`} />
            {t.layerNames[l] ?? l}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** One unit of the tree; memoised, so a flag or a selection redraws its own row, not the whole plant. */
const TreeUnit = memo(function TreeUnit(p: { id: string; name: string; type: string; selected: boolean; hovered: boolean; flag: AlarmLevel | undefined }) {
  const t = useT();
  const f = p.flag;
  const cls = ['tree-unit', p.selected ? 'selected' : '', p.hovered ? 'hovered' : '', f ? `flag-${f}` : ''].filter(Boolean).join(' ');
  return (
    <li title={p.id}>
      <button type="button" className={cls} aria-pressed={p.selected} onClick={() => viewStore.getState().select(p.selected ? null : p.id)} data-testid={`tree-unit-${p.id}`}>
        <span className="unit-name">
          {f ? <span className={`flag-mark ${f}`} aria-label={f === 'alarm' ? t.prioAlarm : t.prioWarning}>▲</span> : null}
          {p.name}
        </span>
        <span className="muted unit-type">{t.unitTypes[p.type] ?? p.type}</span>
      </button>
    </li>
  );
});

/** Lines and their units, in model order; a click selects the unit for the inspector and the twin. */
export function PlantTree() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  const selected = useStore(viewStore, (s) => s.selected);
  const hovered = useStore(viewStore, (s) => s.hovered);
  const warnings = useWarnings();
  if (!info) return <nav className="panel tree" data-testid="plant-tree" />;
  const flag = new Map(warnings.map((w) => [w.unit, w.level]));
  const lines = new Map<string, typeof info.units>();
  for (const u of info.units) {
    const list = lines.get(u.line);
    if (list) list.push(u);
    else lines.set(u.line, [u]);
  }
  return (
    <nav className="panel tree" aria-labelledby="tree-h" data-testid="plant-tree">
      <h2 id="view-h" className="visually-hidden">
        {t.view}
      </h2>
      <ViewControls />
      <h2 id="tree-h">
        {t.plant} <span className="muted">
          {info.units.length} {t.units}
        </span>
      </h2>
      <div className="tree-scroll">
        {[...lines].map(([line, units]) => (
          <div className="tree-line" key={line}>
            <h3>
              <button type="button" className="linkish" onClick={() => viewStore.getState().flyTo(`line:${line}`)} title={t.cameraPresets}>
                {t.lines[line] ?? line}
              </button>
            </h3>
            <ul>
              {units.map((u) => (
                <TreeUnit key={u.id} id={u.id} name={u.name[lang]} type={u.type} selected={u.id === selected} hovered={u.id === hovered} flag={flag.get(u.id)} />
              ))}
            </ul>
          </div>
        ))}
      </div>
      <p className="note shortcuts">{t.shortcuts}</p>
    </nav>
  );
}
