import { describe, expect, it } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { compile } from '../../../src/engine/compile.ts';
import { Ledger } from '../../../src/engine/kpi/ledger.ts';
import { DEFAULT_PRICES, HAULED_RESIDUE, HAULED_SPENT_BATHS, operatingCost, reagentPriceKey, recoveredMetalPriceKey } from '../../../src/engine/kpi/costs.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { eqTank, model, param, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { loop, pid, PH_PROBE, precipitationReactor } from '../../fixtures/reactors.ts';
import { filterParams, reuseTankParams, roParams, sepUnit } from '../../fixtures/separations.ts';

describe('operating cost', () => {
  it('prices reagents, energy and cake per unit, from the model first and plant-data.md defaults second', () => {
    const ledger = new Ledger(new StateArena());
    ledger.line('reagent', 'NaOH', 'precip').total[0] = 1000; // kg
    ledger.line('reagent', 'NaOCl', 'cn-1').total[0] = 100;
    ledger.line('reagent', 'FeSO4·7H2O', 'cr-red').total[0] = 50;
    ledger.line('energy_kWh', 'RO high-pressure pump', 'ro').total[0] = 2000;
    ledger.line('cake_wet_kg', 'HW17', 'press').total[0] = 2000;
    ledger.line('cake_dry_kg', 'HW17', 'press').total[0] = 750;
    const prices = { NaOH_CNY_t: { value: 3200, reference: 'local quote' } };
    const cost = operatingCost(ledger, prices, { influent_m3: 5000, days: 2 });
    expect(cost.byUnit['precip']!.reagents_CNY).toBeCloseTo(3200, 9);
    // NaOCl: 700 CNY per t of 10 % available-chlorine solution ≈ 6,667 CNY per t of NaOCl
    expect(cost.byUnit['cn-1']!.reagents_CNY).toBeCloseTo(0.1 * (700 / 0.105), 9);
    expect(cost.byUnit['ro']!.energy_CNY).toBeCloseTo(2000 * 0.65, 9);
    expect(cost.byUnit['press']!.cake_CNY).toBeCloseTo(2 * 3000, 9);
    expect(cost.byUnit['cr-red']).toBeUndefined();
    expect(cost.notCosted).toEqual(['FeSO4·7H2O (no FeSO47H2O_CNY_t)']);
    const total = 3200 + 0.1 * (700 / 0.105) + 1300 + 6000;
    expect(cost.opex_CNY_m3).toBeCloseTo(total / 5000, 9);
    expect(cost.opex_CNY_d).toBeCloseTo(total / 2, 9);
    expect(cost.byUnit['ro']!.CNY_m3).toBeCloseTo(1300 / 5000, 12);
    expect(cost.prices['NaOH_CNY_t']!.source).toBe('model');
    expect(cost.prices['electricity_CNY_kWh']!.source).toBe('default');
    expect(cost.notes.join(' ')).toMatch(/plant-data\.md defaults used/);
    // every default key is a valid model price key
    for (const key of [...Object.keys(DEFAULT_PRICES), recoveredMetalPriceKey('Ni')]) expect(key).toMatch(/^[A-Za-z0-9]+(_[A-Za-z0-9]+)*_CNY_(t|kg|kWh|m3)$/);
    expect(reagentPriceKey('Ca(OH)2')).toBe('CaOH2_CNY_t');
    // no water price, no credit: the net cost is not made up from a default
    expect(cost.waterSaved_CNY_d).toBeNull();
    expect(cost.net_CNY_m3).toBeNull();
    expect(cost.notes.join(' ')).toMatch(/prices no water \(fresh_water_CNY_m3\): the water reused is not credited/);
  });

  it('credits the water reused at the model’s water price in the net cost', () => {
    const ledger = new Ledger(new StateArena());
    ledger.line('energy_kWh', 'RO high-pressure pump', 'ro').total[0] = 1000;
    const prices = { fresh_water_CNY_m3: { value: 3, reference: 'local tariff' } };
    // 10 days, 30,000 m³ in, 6,000 m³ reused: 650 CNY of power against 18,000 CNY of water
    const cost = operatingCost(ledger, prices, { influent_m3: 30000, days: 10, reuse_m3: 6000 });
    expect(cost.opex_CNY_d).toBeCloseTo(65, 9);
    expect(cost.waterSaved_CNY_d).toBeCloseTo(1800, 9);
    expect(cost.net_CNY_d).toBeCloseTo(65 - 1800, 9);
    expect(cost.net_CNY_m3).toBeCloseTo((650 - 18000) / 30000, 12);
    expect(cost.notes.join(' ')).toMatch(/credits each m³ reused/);
  });

  it('prices spent baths and an evaporator\'s residue as hazardous waste, each at its own price', () => {
    const ledger = new Ledger(new StateArena());
    ledger.line('hauled_kg', HAULED_SPENT_BATHS, 'spent').total[0] = 4000;
    ledger.line('hauled_kg', HAULED_RESIDUE, 'evap').total[0] = 10000;
    const prices = { residue_disposal_CNY_t: { value: 2500, reference: 'local quote' } };
    const cost = operatingCost(ledger, prices, { influent_m3: 10000, days: 5 });
    expect(cost.byUnit['spent']!.hauled_CNY).toBeCloseTo(4 * 3000, 9);
    expect(cost.byUnit['evap']!.hauled_CNY).toBeCloseTo(10 * 2500, 9);
    expect(cost.byCategory.hauled_CNY_d).toBeCloseTo((12000 + 25000) / 5, 9);
    expect(cost.prices['residue_disposal_CNY_t']!.source).toBe('model');
    expect(cost.prices['spent_bath_disposal_CNY_t']!.source).toBe('default');
    expect(cost.notCosted).toEqual([]);
  });

  it('credits the metal returned to the baths where the model prices it, and says which it does not', () => {
    const ledger = new Ledger(new StateArena());
    ledger.line('energy_kWh', 'evaporation', 'evap').total[0] = 10000;
    const prices = { recovered_Ni_CNY_kg: { value: 120, reference: 'assumed' } };
    // 4 days: 6,500 CNY of power, 80 kg of nickel back (9,600 CNY) and 2 kg of copper nobody priced
    const cost = operatingCost(ledger, prices, { influent_m3: 1000, days: 4, recovered_kg: { Ni: 80, Cu: 2 } });
    expect(cost.metalRecovered_CNY_d).toBeCloseTo(9600 / 4, 9);
    expect(cost.waterSaved_CNY_d).toBeNull();
    expect(cost.net_CNY_d).toBeCloseTo((6500 - 9600) / 4, 9);
    expect(cost.net_CNY_m3).toBeCloseTo((6500 - 9600) / 1000, 12);
    expect(cost.prices['recovered_Ni_CNY_kg']).toMatchObject({ value: 120, source: 'model' });
    expect(cost.notes.join(' ')).toMatch(/not credited where the model gives no price: recovered_Cu_CNY_kg/);
    // neither credit priced: no net cost
    const plain = operatingCost(ledger, undefined, { influent_m3: 1000, days: 4, recovered_kg: { Ni: 80 } });
    expect(plain.metalRecovered_CNY_d).toBeNull();
    expect(plain.net_CNY_m3).toBeNull();
  });
});

describe('KPI report of a run', () => {
  it('gives reuse rate, reagents per day, energy per m³ and OPEX from one simulation', () => {
    // 12 m³/h: pH adjustment → filter → RO (75 %) → reuse; concentrate and backwash to the discharge
    const m = model(
      [
        steadyInfluent('in', 12, { Ni: 30, Ni_p: 2, SS_inert: 3, Na: 100, SO4: 200 }, { pH: param(5) }),
        precipitationReactor('adj', 10, loop('NaOH', 0.3, 1.33, 20, pid(7, 20, 300, 'reverse'), PH_PROBE)),
        sepUnit('filter', 'sand_filter', filterParams({ area_m2: param(1.5) })),
        sepUnit('ro', 'ro', roParams()),
        sepUnit('reuse', 'reuse_tank', reuseTankParams({ demand_m3_h: param(9) })),
        unit('out', 'discharge'),
        eqTank('eq', 40, 0.5, 12),
      ],
      [
        stream('in.out', 'eq.in'), stream('eq.out', 'adj.in'), stream('eq.overflow', 'out.in'), stream('adj.out', 'filter.in'),
        stream('filter.out', 'ro.in'), stream('filter.backwash', 'out.in'), stream('ro.permeate', 'reuse.in'),
        stream('ro.concentrate', 'out.in'), stream('reuse.overflow', 'out.in'),
      ],
    );
    const withPrices = { ...m, prices: { electricity_CNY_kWh: param(0.8), fresh_water_CNY_m3: param(4) } };
    const sim = createSimulation(compile(withPrices, { file: 'kpi' }));
    sim.run(2 * 86400);
    const { kpis, ledger } = sim.summary();
    expect(kpis.days).toBeCloseTo(2, 12);
    expect(kpis.water.influent_m3_d).toBeCloseTo(288, 6);
    expect(kpis.water.reuse_rate).toBeGreaterThan(0.6);
    expect(kpis.water.reuse_rate).toBeLessThan(0.75);
    expect(kpis.water.freshWaterSaved_CNY_d!).toBeCloseTo(kpis.water.reuse_m3_d * 4, 9);
    // the net cost credits that water against the operating cost
    expect(kpis.cost.net_CNY_m3!).toBeCloseTo(kpis.cost.opex_CNY_m3 - (kpis.water.reuse_m3_d * 4) / 288, 9);
    expect(kpis.cost.net_CNY_d!).toBeCloseTo(kpis.cost.opex_CNY_d - kpis.water.reuse_m3_d * 4, 6);
    expect(kpis.cost.prices['fresh_water_CNY_m3']).toMatchObject({ value: 4, source: 'model' });
    expect(kpis.reagents.kg_d['NaOH']).toBeCloseTo(ledger.reagents_kg['NaOH']! / 2, 9);
    expect(kpis.reagents.byUnit_kg_d['adj']!['NaOH']).toBeGreaterThan(0);
    const kWh = Object.values(ledger.energy_kWh).reduce((a, b) => a + b, 0);
    expect(kpis.energy.kWh_m3).toBeCloseTo(kWh / 576, 9);
    expect(kpis.energy.byUnit_kWh_d['ro']!).toBeGreaterThan(kpis.energy.byUnit_kWh_d['filter']!);
    expect(kpis.cost.prices['electricity_CNY_kWh']).toMatchObject({ value: 0.8, source: 'model' });
    expect(kpis.cost.prices['NaOH_CNY_t']).toMatchObject({ value: 3000, source: 'default' });
    const byUnit = Object.values(kpis.cost.byUnit).reduce((s, u) => s + u.total_CNY, 0);
    expect(kpis.cost.opex_CNY_m3).toBeCloseTo(byUnit / 576, 9);
    expect(kpis.cost.opex_CNY_m3).toBeGreaterThan(0);
  });
});
