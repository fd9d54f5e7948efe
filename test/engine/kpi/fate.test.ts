import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ComponentBooks } from '../../../src/engine/api.ts';
import { compileText } from '../../../src/engine/compile.ts';
import { fateOf, metalFates } from '../../../src/engine/kpi/fate.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';

const books = (out_kg: Record<string, number>, inventory_kg: number, in_kg = 100): ComponentBooks => ({ in_kg, out_kg, reacted_kg: 0, inventory_kg, closure_rel: 0 });

describe('where each metal went', () => {
  it('sums the accounts of each kind, cake first, and leaves out what took nothing', () => {
    const f = fateOf(books({ 'effluent:discharge': 1, 'cake:press': 60, 'cake:ni-press': 30, 'reuse:reuse': 0 }, 9));
    expect(f.map((x) => x.kind)).toEqual(['cake', 'effluent', 'inventory']);
    expect(f[0]).toEqual({ kind: 'cake', kg: 90, pct: 90 });
    expect(f.reduce((a, x) => a + x.pct, 0)).toBeCloseTo(100, 12);
    expect(fateOf(books({}, 0, 0))).toEqual([]);
  });

  it('on the default park over ten days: most of every metal in the cake, the rest largely still in the tanks, the books closing to 100 %', () => {
    const sim = createSimulation(compileText(readFileSync('models/default-park.json', 'utf8'), { file: 'models/default-park.json' }), { duration_s: 10 * 86_400 });
    sim.run(sim.duration_s);
    const fates = metalFates(sim.massBalance());
    expect(fates.map((m) => m.element)).toEqual(['Cr', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe']);
    for (const m of fates) {
      expect(m.fate.reduce((a, x) => a + x.pct, 0)).toBeCloseTo(100, 9);
      // what the books account for is what came in, to the closure (the plant starts with clean water)
      expect(m.fate.reduce((a, x) => a + x.kg, 0) / m.in_kg).toBeCloseTo(1, 9);
      const share = (kind: string) => m.fate.find((x) => x.kind === kind)?.pct ?? 0;
      expect(share('cake')).toBeGreaterThan(60);
      expect(share('effluent')).toBeLessThan(2);
    }
  });
});
