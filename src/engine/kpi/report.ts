/**
 * The run's KPIs (DESIGN §7) in one object: compliance per standard and parameter, water reuse,
 * reagents, energy, sludge and its metal content, operating cost, the capital the design lists and its
 * design check. Compliance and the flows the design check needs are sampled every step (kpi/compliance.ts,
 * kpi/design.ts); everything else is read off the ledger, the mass books and the model when the report
 * is asked for, so the hook into the simulation is one object with `sample(dt)` and `report(t)`.
 */
import type { StateArena } from '../arena.ts';
import type { Plant } from '../compile.ts';
import { C, ELEMENT_GROUPS, ELEMENTS, type ElementId } from '../components.ts';
import { S_PER_DAY, S_PER_H } from '../convert.ts';
import type { StreamTable } from '../flowsheet/streams.ts';
import { Books, type BookAccount } from './books.ts';
import { ComplianceTracker, monitoringPoints, type PHHook, type StandardCompliance } from './compliance.ts';
import { capitalCost, operatingCost, type CapitalReport, type CostReport } from './costs.ts';
import { createDesignTracker, type DesignCheck } from './design.ts';
import type { Ledger } from './ledger.ts';
import { BUILTIN_STANDARDS, type StandardsFile } from './standards.ts';
import type { WaterTemperature } from '../waterTemperature.ts';
import type { MembraneScaling } from '../units/unitType.ts';

export { chemistryPH, type PHHook, type PHProvider } from './compliance.ts';

export interface KpiSetup {
  plant: Plant;
  streams: StreamTable;
  /** per stream index, the slot its downstream unit reads (the delayed slot of a tear stream) */
  readSlot: readonly number[];
  books: Books;
  ledger: Ledger;
  arena: StateArena;
  water: WaterTemperature;
  /** the membranes that read their concentrate's scaling, by unit id */
  membranes: readonly { unit: string; scaling: () => MembraneScaling }[];
}

export interface KpiOptions {
  /** standards to judge against (ids in models/standards.json); default: those the plant's outlets name, else GB21900-2008-T3 */
  standards?: readonly string[];
  /** supplies pH at the monitoring points; without it pH is reported "not modelled" */
  pH?: PHHook;
  standardsFile?: StandardsFile;
}

export interface WaterKpi {
  influent_m3_d: number;
  effluent_m3_d: number;
  reuse_m3_d: number;
  /** concentrate and brine that left the plant for disposal (an evaporator's residue), m³/d */
  concentrate_m3_d: number;
  /** concentrate returned to the plating baths (an evaporator's residue, recovered), m³/d */
  toBaths_m3_d: number;
  /** spent baths hauled away as liquid hazardous waste */
  hauled_m3_d: number;
  /** reagent solution the dosing pumps delivered: water the plant takes in besides its influents */
  reagentSolutions_m3_d: number;
  /** reuse water ÷ total influent */
  reuse_rate: number;
  /** each m³ reused is a m³ of fresh water the shops need not draw */
  freshWaterSaved_m3_d: number;
  /** only when the model prices fresh water (`fresh_water_CNY_m3`) */
  freshWaterSaved_CNY_d: number | null;
  /** the water's temperature over the run, °C: its mean, coldest and warmest step */
  temperature_C: { mean: number; min: number; max: number };
}

export interface SludgeKpi {
  label: string;
  wet_t_d: number;
  dry_t_d: number;
  /** dry ÷ wet cake */
  dry_solids_frac: number | null;
  /** per metal in all cake that left: kg over the run, kg/d and % of the dry solids */
  metals: Record<ElementId, { kg: number; kg_d: number; pct_dry: number | null }>;
  /**
   * all the hazardous waste the plant sends to licensed processors, t/d: the wet cake, and what is hauled away as
   * liquid (spent baths, an evaporator's residue) — the tonnage a park declares
   */
  hazardousWaste_t_d: number;
}

/** Metal returned to the plating baths (an evaporator's residue `to_baths`): what recovery wins back. */
export interface RecoveryKpi {
  /** per element that came back, kg/d */
  metals_kg_d: Partial<Record<ElementId, number>>;
  /** per element that came back, % of what the influents brought */
  metals_pct: Partial<Record<ElementId, number>>;
}

/** An RO's concentrate over the run: how near its scales came to what holds them (ro.ts). */
export interface MembraneKpi {
  unit: string;
  /** the highest saturation indices read (0: saturated; what an antiscalant allows above it, the model states) */
  calcite_SI_max: number;
  gypsum_SI_max: number;
  /** hours either scale read past the antiscalant's limit (past saturation while none was dosed) */
  pastLimit_h: number;
}

export interface KpiReport {
  days: number;
  compliance: StandardCompliance[];
  water: WaterKpi;
  recovery: RecoveryKpi;
  reagents: { kg_d: Record<string, number>; byUnit_kg_d: Record<string, Record<string, number>> };
  energy: { kWh_d: number; kWh_m3: number; byUnit_kWh_d: Record<string, number>; byItem_kWh_d: Record<string, number> };
  sludge: SludgeKpi;
  membranes: MembraneKpi[];
  cost: CostReport;
  /** what building the design costs: the investments it lists */
  capital: CapitalReport;
  /** each unit's sizing against plant-data.md's design values, on the run's flows (kpi/design.ts) */
  design: DesignCheck[];
}

export interface KpiTracker {
  /** once per step, after the units have stepped and before tear streams advance */
  sample(dt_s: number): void;
  report(t_s: number): KpiReport;
}

export function createKpiTracker(setup: KpiSetup, options: KpiOptions = {}): KpiTracker {
  const { plant, streams, readSlot, books, ledger, arena, water, membranes } = setup;
  const compliance = new ComplianceTracker(arena, streams, monitoringPoints(plant, readSlot), options.standardsFile ?? BUILTIN_STANDARDS, {
    ...(options.standards === undefined ? {} : { standards: options.standards }),
    ...(options.pH === undefined ? {} : { pH: options.pH }),
  });
  const design = createDesignTracker(plant, streams, readSlot, arena);
  return {
    sample(dt_s) {
      compliance.sample(dt_s);
      design.sample(dt_s);
    },
    report(t_s) {
      const days = t_s / S_PER_DAY;
      const perDay = (x: number) => (days > 0 ? x / days : 0);
      const influent = books.volumeOf('influent');
      const reuse = books.volumeOf('reuse');

      const reagentsByUnit: Record<string, Record<string, number>> = {};
      const energyByUnit: Record<string, number> = {};
      for (const l of ledger.lines) {
        if (l.kind === 'reagent') {
          const unit = (reagentsByUnit[l.unit] ??= {});
          unit[l.item] = (unit[l.item] ?? 0) + perDay(l.total[0]!);
        }
        if (l.kind === 'energy_kWh') energyByUnit[l.unit] = (energyByUnit[l.unit] ?? 0) + perDay(l.total[0]!);
      }
      const energyTotal = Object.values(ledger.byItem('energy_kWh')).reduce((a, b) => a + b, 0);
      const wet = Object.values(ledger.byItem('cake_wet_kg')).reduce((a, b) => a + b, 0);
      const dry = Object.values(ledger.byItem('cake_dry_kg')).reduce((a, b) => a + b, 0);
      /** grams of an element (all its forms) in the accounts */
      const gramsOf = (accounts: readonly BookAccount[], el: ElementId) => {
        const group = ELEMENT_GROUPS[el].map((id) => C[id]);
        return accounts.reduce((sum, a) => sum + Books.grams(a, group), 0);
      };
      const cakes = books.accountsOf('cake');
      const metals = {} as SludgeKpi['metals'];
      for (const el of ELEMENTS) {
        const g = gramsOf(cakes, el);
        metals[el] = { kg: g / 1000, kg_d: perDay(g / 1000), pct_dry: dry > 0 ? (100 * g) / 1000 / dry : null };
      }
      const recovered = books.accountsOf('recovered');
      const recovered_kg: Partial<Record<ElementId, number>> = {};
      const recoveredPct: Partial<Record<ElementId, number>> = {};
      const entered = books.accountsOf('influent');
      for (const el of ELEMENTS) {
        const g = gramsOf(recovered, el);
        if (!(g > 0)) continue;
        const gIn = gramsOf(entered, el);
        recovered_kg[el] = g / 1000;
        recoveredPct[el] = gIn > 0 ? (100 * g) / gIn : 0;
      }
      const cost = operatingCost(ledger, plant.json.prices, { influent_m3: influent, days, reuse_m3: reuse, recovered_kg });
      return {
        days,
        compliance: compliance.report(),
        water: {
          influent_m3_d: perDay(influent),
          effluent_m3_d: perDay(books.volumeOf('effluent')),
          reuse_m3_d: perDay(reuse),
          concentrate_m3_d: perDay(books.volumeOf('concentrate')),
          toBaths_m3_d: perDay(books.volumeOf('recovered')),
          hauled_m3_d: perDay(books.volumeOf('hauled')),
          reagentSolutions_m3_d: perDay(books.volumeOf('reagent')),
          reuse_rate: influent > 0 ? reuse / influent : 0,
          freshWaterSaved_m3_d: perDay(reuse),
          freshWaterSaved_CNY_d: cost.waterSaved_CNY_d,
          temperature_C: ((w) => ({ mean: w.mean_C, min: w.min_C, max: w.max_C }))(water.stats()),
        },
        recovery: {
          metals_kg_d: Object.fromEntries(Object.entries(recovered_kg).map(([el, kg]) => [el, perDay(kg)])),
          metals_pct: recoveredPct,
        },
        reagents: { kg_d: Object.fromEntries(Object.entries(ledger.byItem('reagent')).map(([k, v]) => [k, perDay(v)])), byUnit_kg_d: reagentsByUnit },
        energy: {
          kWh_d: perDay(energyTotal),
          kWh_m3: influent > 0 ? energyTotal / influent : 0,
          byUnit_kWh_d: energyByUnit,
          byItem_kWh_d: Object.fromEntries(Object.entries(ledger.byItem('energy_kWh')).map(([k, v]) => [k, perDay(v)])),
        },
        sludge: {
          label: 'hazardous waste HW17 (336-064-17), 危险废物 HW17',
          wet_t_d: perDay(wet / 1000),
          dry_t_d: perDay(dry / 1000),
          dry_solids_frac: wet > 0 ? dry / wet : null,
          metals,
          hazardousWaste_t_d: perDay((wet + Object.values(ledger.byItem('hauled_kg')).reduce((a, b) => a + b, 0)) / 1000),
        },
        membranes: membranes.map(({ unit, scaling }) => {
          const m = scaling();
          return { unit, calcite_SI_max: m.calcite_SI_max, gypsum_SI_max: m.gypsum_SI_max, pastLimit_h: m.pastLimit_s / S_PER_H };
        }),
        cost,
        capital: capitalCost(plant.json.investments),
        design: design.report(),
      };
    },
  };
}
