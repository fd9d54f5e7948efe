/**
 * The default park as it stood after each build stage, derived from the full model so the
 * benchmark can time each stage's target: `foundation` (influents, equalization, mixers,
 * splitters, emergency tank, discharge), `chemistry` (plus the pretreatment and precipitation
 * reactors) and `full`. A unit left out is bypassed: what fed it goes where its main outlet went;
 * its other outlets (underflows, backwash, concentrate) vanish with it.
 */

export const STAGES = ['foundation', 'chemistry', 'full'] as const;
export type Stage = (typeof STAGES)[number];

const FOUNDATION_TYPES = ['influent', 'equalization', 'emergency_tank', 'spent_bath_tank', 'mixer', 'splitter', 'discharge'];
const STAGE_TYPES: Record<Exclude<Stage, 'full'>, ReadonlySet<string>> = {
  foundation: new Set(FOUNDATION_TYPES),
  chemistry: new Set([...FOUNDATION_TYPES, 'cr_reduction', 'cyanide_oxidation', 'complex_breaking', 'precipitation']),
};

/** The outlet that carries the main flow on, per type that a stage can leave out. */
const MAIN_OUTLET: Readonly<Record<string, string>> = {
  cr_reduction: 'out', cyanide_oxidation: 'out', complex_breaking: 'out', precipitation: 'out',
  clarifier: 'out', sand_filter: 'out', ultrafiltration: 'out', monitor: 'out', ro: 'permeate',
  reuse_tank: 'overflow', thickener: 'supernatant', filter_press: 'filtrate', evaporator: 'condensate', biological: 'out',
};

interface UnitJson { id: string; type: string; [key: string]: unknown }
interface StreamJson { from: string; to: string; tear?: boolean; [key: string]: unknown }
interface ModelJson { units: UnitJson[]; streams: StreamJson[]; [key: string]: unknown }

export function stageModel(model: unknown, stage: Stage): unknown {
  if (stage === 'full') return model;
  const m = model as ModelJson;
  const keepTypes = STAGE_TYPES[stage];
  const typeOf = new Map(m.units.map((u) => [u.id, u.type]));
  const unitOf = (port: string) => port.slice(0, port.indexOf('.'));
  const outOf = new Map(m.streams.map((s) => [s.from, s]));

  // follow bypasses from a destination port to the first kept unit downstream
  const resolveTo = (to: string, tear: boolean, seen = new Set<string>()): { to: string; tear: boolean } | undefined => {
    const unit = unitOf(to);
    if (keepTypes.has(typeOf.get(unit) ?? '')) return { to, tear };
    if (seen.has(unit)) return undefined;
    seen.add(unit);
    const main = MAIN_OUTLET[typeOf.get(unit) ?? ''];
    const next = main === undefined ? undefined : outOf.get(`${unit}.${main}`);
    return next === undefined ? undefined : resolveTo(next.to, tear || next.tear === true, seen);
  };

  let streams: StreamJson[] = [];
  for (const s of m.streams) {
    if (!keepTypes.has(typeOf.get(unitOf(s.from)) ?? '')) continue;
    const dest = resolveTo(s.to, s.tear === true);
    if (dest === undefined) continue;
    const { tear: _tear, ...rest } = s;
    streams.push({ ...rest, to: dest.to, ...(dest.tear ? { tear: true } : {}) });
  }
  let units = m.units.filter((u) => keepTypes.has(u.type));
  // a mixer or discharge left with nothing to feed it goes too, and so does what only it fed
  for (;;) {
    const fed = new Set(streams.map((s) => unitOf(s.to)));
    const orphans = new Set(units.filter((u) => u.type !== 'influent' && !fed.has(u.id)).map((u) => u.id));
    if (orphans.size === 0) break;
    units = units.filter((u) => !orphans.has(u.id));
    streams = streams.filter((s) => !orphans.has(unitOf(s.from)));
  }
  return { ...m, units, streams };
}
