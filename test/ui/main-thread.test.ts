/**
 * The screen's code (everything src/main.tsx loads, statically or lazily) never loads the engine's simulation: the
 * model compiler, the unit library and the equilibrium solver run in the worker. Pulled in by one stray constant,
 * they cost the first page 210 kB of script (the unit library with zod) and break the rule that the main thread
 * never computes physics.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Modules a file loads at run time: value imports and re-exports, `import()`; not `import type`, not workers. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'(\.[^']+)'/g;
  for (const m of text.matchAll(statement)) if (m[1] === undefined) out.push(m[2]!);
  for (const m of text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)) out.push(m[1]!);
  return out.map((spec) => resolve(dirname(file), spec));
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f) || !/\.(ts|tsx)$/.test(f)) continue;
    seen.add(f);
    todo.push(...runtimeImports(f));
  }
  return seen;
}

describe('the main thread', () => {
  const loaded = [...closure(resolve(ROOT, 'src/main.tsx'))].map((f) => f.slice(ROOT.length + 1));

  it('loads the screen, the state and the engine\'s plain data (the graph walk works)', () => {
    expect(loaded).toContain('src/ui/App.tsx');
    expect(loaded).toContain('src/state/simClient.ts');
    expect(loaded).toContain('src/engine/components.ts');
    expect(loaded.length).toBeGreaterThan(40);
  });

  it('never loads the model compiler, the unit library, the simulation or the equilibrium solver', () => {
    const physics = loaded.filter((f) =>
      f.startsWith('src/engine/units/') || f.startsWith('src/engine/control/') ||
      ['src/engine/compile.ts', 'src/engine/simulate.ts', 'src/engine/model/schema.ts', 'src/engine/chemistry/equilibrium.ts'].includes(f));
    expect(physics).toEqual([]);
  });
});
