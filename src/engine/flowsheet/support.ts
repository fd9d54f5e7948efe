/**
 * Component support: which components can ever be non-zero in each unit. An influent brings its own
 * components, a reactor adds its products and reagents and, for whatever reaches it, what that turns
 * into (a metal its precipitate, a precipitate its metal), everything else passes on the union of its
 * inputs. Hot loops run over a unit's support only — a cyanide line never touches chromium — which
 * makes a step several times cheaper. The support is a superset of what actually flows, so the
 * books still close; found as a fixed point so recycles are covered.
 */
import type { CompiledUnit } from '../compile.ts';
import type { CompiledStream } from '../compile.ts';
import { componentIndexOf } from '../components.ts';

/** The sorted component indices each unit (by id) may hold or emit. */
export function componentSupport(units: readonly CompiledUnit[], streams: readonly CompiledStream[]): Map<string, Int32Array> {
  const sets = new Map<string, Set<number>>();
  for (const u of units) {
    const own = new Set<number>();
    for (const id of u.type.adds?.(u.params) ?? []) own.add(componentIndexOf(id)!);
    sets.set(u.id, own);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const u of units) {
      const own = sets.get(u.id)!;
      for (const [a, b] of u.type.converts ?? []) {
        if (own.has(a) !== own.has(b)) {
          own.add(a);
          own.add(b);
          changed = true;
        }
      }
    }
    for (const s of streams) {
      const from = sets.get(s.from.unit)!, to = sets.get(s.to.unit)!;
      for (const j of from) {
        if (!to.has(j)) {
          to.add(j);
          changed = true;
        }
      }
    }
  }
  return new Map([...sets].map(([id, set]) => [id, Int32Array.from([...set].sort((a, b) => a - b))]));
}
