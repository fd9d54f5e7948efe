import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { UNIT_TYPES } from '../../src/engine/units/registry.ts';
import { en } from '../../src/ui/strings.en.ts';
import { zh } from '../../src/ui/strings.zh.ts';
import { shortLabel } from '../../src/ui/Trends.tsx';
import { settableParts } from '../../src/ui/Inspector.tsx';
import { loadPlant } from '../../src/cli/io.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import { termsEn } from '../../src/ui/terms.en.ts';
import { termsZh } from '../../src/ui/terms.zh.ts';

const MODELS = ['models/default-park.json', 'models/job-shop.json', 'models/nickel-rinse-ro.json'];
/** the scenarios that add unit types or parameters the models lack */
const UPGRADES = ['upgrade-nickel-recovery.json', 'upgrade-ro-reuse-evaporated.json', 'upgrade-dtc-capture.json', 'calcite-in-the-reactors.json'].map((f) => `models/scenarios/${f}`);

describe('names an engineer reads in the inspector', () => {
  const plants = [...MODELS.map((f) => loadPlant(f, undefined)), ...UPGRADES.map((f) => loadPlant(undefined, f))];

  it('give every design parameter of the shipped models and upgrades a name in both languages', () => {
    for (const { plant } of plants) {
      for (const u of plant.units) {
        for (const name of Object.keys(u.json.params ?? {})) {
          expect(termsEn.paramNames[name], `en ${u.type.type}.${name}`).toBeTruthy();
          expect(termsZh.paramNames[name], `zh ${u.type.type}.${name}`).toBeTruthy();
        }
      }
    }
  });

  it('give every setting an operator or a trainer can change a name in both languages', () => {
    for (const { plant, run } of plants) {
      const sim = createSimulation(plant, { ...run, duration_s: 3600 });
      for (const u of plant.units) {
        for (const name of Object.keys(sim.settable(u.id))) {
          const { group, key } = settableParts(name);
          expect(termsEn.settableNames[key], `en ${u.id}.${name}`).toBeTruthy();
          expect(termsZh.settableNames[key], `zh ${u.id}.${name}`).toBeTruthy();
          // and the heading it is shown under
          if (group !== '') for (const terms of [termsEn, termsZh]) expect(terms.groups[group] ?? terms.paramNames[group], `${u.id}: group ${group}`).toBeTruthy();
        }
      }
    }
  });
});

describe('port names on the trends', () => {
  it('name every outlet a unit type of the shipped models has, in both languages (a splitter\'s own port names aside)', () => {
    const ports = new Set<string>();
    for (const file of MODELS) {
      const plant = compile(JSON.parse(readFileSync(file, 'utf8')), { file });
      for (const u of plant.units) if (u.type.type !== 'splitter') for (const port of Object.keys(u.outputs)) ports.add(port);
    }
    // an evaporator records its residue and distillate like streams
    for (const port of [...ports, 'residue', 'distillate']) {
      expect(en.ports[port], `en ${port}`).toBeTruthy();
      expect(zh.ports[port], `zh ${port}`).toBeTruthy();
    }
    expect([...ports]).toEqual(expect.arrayContaining(['permeate', 'concentrate', 'underflow', 'backwash', 'supernatant', 'filtrate', 'waste']));
    expect(UNIT_TYPES.size).toBeGreaterThan(10);
  });

  it('says which outlet a trend is of, in the reader\'s language', () => {
    // the labels the engine gives a stream's flow and a unit's own reading
    expect(shortLabel('反渗透 → 流量', '反渗透', 'ro.permeate/flow_m3_h', zh.ports)).toBe('流量 · 产水');
    expect(shortLabel('Reverse osmosis → flow', 'Reverse osmosis', 'ro.concentrate/flow_m3_h', en.ports)).toBe('Flow · concentrate');
    expect(shortLabel('Chromium equalization tank level', 'Chromium equalization tank', 'eq-cr.level_m', en.ports)).toBe('Level');
  });
});
