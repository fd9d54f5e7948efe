import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { useLang, useT } from './i18n.ts';

/** Lines and their units, in model order: the navigation a later issue wires to the 3D scene and inspector. */
export function PlantTree() {
  const t = useT();
  const lang = useLang();
  const info = useStore(modelStore, (s) => s.info);
  if (!info) return null;
  const lines = new Map<string, typeof info.units>();
  for (const u of info.units) {
    const list = lines.get(u.line);
    if (list) list.push(u);
    else lines.set(u.line, [u]);
  }
  return (
    <nav className="panel tree" aria-labelledby="tree-h" data-testid="plant-tree">
      <h2 id="tree-h">
        {t.plant} <span className="muted">
          {info.units.length} {t.units}
        </span>
      </h2>
      {[...lines].map(([line, units]) => (
        <div className="tree-line" key={line}>
          <h3>{t.lines[line] ?? line}</h3>
          <ul>
            {units.map((u) => (
              <li key={u.id} title={u.id}>
                <span className="unit-name">{u.name[lang]}</span>
                <span className="muted unit-type">{t.unitTypes[u.type] ?? u.type}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
