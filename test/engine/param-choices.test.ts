import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { ModelError } from '../../src/engine/errors.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { readJsonFile } from '../../src/cli/io.ts';

type Json = Record<string, unknown>;

/** The model with the text at `path` (a parameter's name, then the path within its value) of unit `id` replaced. */
function withText(model: Json, id: string, path: string, text: string): Json {
  const copy = structuredClone(model);
  const unit = (copy['units'] as Json[]).find((u) => u['id'] === id)!;
  const [name, ...within] = path.split('.');
  let holder = (unit['params'] as Record<string, Json>)[name!]!;
  let key = 'value';
  for (const part of within) {
    holder = holder[key] as Json;
    key = part;
  }
  holder[key] = text;
  return copy;
}

describe('the words a text parameter may take', () => {
  it('are read off the schema: the evaporator\'s residue, a dosing set\'s reagent and controller action, an influent\'s acid', () => {
    const sim = createSimulation(compile(readJsonFile('models/nickel-rinse-ro.json'), { file: 'nickel' }));
    expect(sim.units.find((u) => u.id === 'evap')!.choices).toEqual({ condensate: ['reuse', 'port'], residue: ['hazardous_waste', 'to_baths'] });
    const park = createSimulation(compile(readJsonFile('models/default-park.json'), { file: 'park' }));
    const red = park.units.find((u) => u.id === 'cr-red')!.choices;
    expect(red['reductant.controller.action']).toEqual(['reverse', 'direct']);
    expect(red['reductant.probe.kind']).toEqual(['pH', 'ORP']);
    expect(red['reductant.reagent']).toContain('NaHSO3');
    expect(park.units.find((u) => u.id === 'inf-cn')!.choices).toEqual({ acid_anion: ['SO4', 'Cl'], dumps_to: ['rinse', 'spent'] });
    // a unit without words to choose has none
    expect(park.units.find((u) => u.id === 'eq-cr')!.choices).toEqual({});
  });

  it('are the words the model file is held to: anything else is refused at that very place, for every such field of the shipped plants', () => {
    let checked = 0;
    for (const file of ['models/default-park.json', 'models/nickel-rinse-ro.json', 'models/job-shop.json']) {
      const model = readJsonFile(file) as Json;
      const sim = createSimulation(compile(model, { file }));
      (model['units'] as Json[]).forEach((u, i) => {
        for (const [path, words] of Object.entries(sim.units.find((x) => x.id === u['id'])!.choices)) {
          const [name, ...within] = path.split('.');
          const where = `units[${i}].params.${name}.value${within.map((p) => `.${p}`).join('')}`;
          let refusal: unknown;
          try {
            compile(withText(model, String(u['id']), path, 'not-a-word'), { file });
          } catch (e) {
            refusal = e;
          }
          expect(refusal, `${file} ${u['id']}.${path}`).toBeInstanceOf(ModelError);
          expect((refusal as ModelError).message, `${file} ${u['id']}.${path}`).toContain(`${where}: expected one of ${words.map((w) => JSON.stringify(w)).join(', ')}`);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(40);
  });
});
