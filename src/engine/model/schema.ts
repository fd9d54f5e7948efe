/**
 * The model file format, `platingtwin/model@1`: a plant as units with typed parameters and streams
 * joining their ports. Unit parameters are checked by each unit type's own schema (units/registry.ts).
 */
import { z } from 'zod';
import { bilingual, durationDays, finite, inRange, layout, nonNegative, param, positive, seed, stepSeconds } from './params.ts';
import { TEMPERATURE_RANGE_C } from '../chemistry/thermo.ts';

const TEMPERATURE_REASON = `a plant's water is between ${TEMPERATURE_RANGE_C.min} and ${TEMPERATURE_RANGE_C.max} °C, where the equilibrium constants' temperature corrections hold`;

export const MODEL_FORMAT = 'platingtwin/model@1';

export const unitId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/i, 'ids are letters, digits, - and _ (at most 48)');
const portRef = z.string().regex(/^[a-z0-9][a-z0-9_-]*\.[a-z][a-z0-9_]*$/i, 'write a port as "unit.port", e.g. "eq-cr.out"');

export const unitSchema = z.strictObject({
  id: unitId,
  type: z.string().min(1),
  name: bilingual,
  /** the treatment line the unit belongs to (cyanide, chromium, nickel, complexed, pretreatment, comprehensive, common, sludge …) */
  line: z.string().min(1),
  description: z.string().optional(),
  params: z.record(z.string(), z.unknown()),
  layout: layout.optional(),
});
export type UnitJson = z.infer<typeof unitSchema>;

export const streamSchema = z.strictObject({
  id: z.string().min(1).optional(),
  from: portRef,
  to: portRef,
  /** breaks a recycle loop: the downstream unit sees the previous step's value */
  tear: z.boolean().optional(),
});
export type StreamJson = z.infer<typeof streamSchema>;

export const settingsSchema = z.strictObject({
  start_iso: z.string().min(1),
  step_s: param(stepSeconds),
  duration_days: param(durationDays),
  output_interval_s: param(positive).optional(),
  /** compliance is judged from this many hours after the start: a plant starts from an arbitrary fill, not from steady operation (default 24) */
  compliance_warmup_h: param(nonNegative).optional(),
  seed,
  /** the water's temperature, or its annual mean with a swing: the equilibrium constants move to it (chemistry/thermo.ts), and so do the rates */
  temperature_C: param(finite.min(TEMPERATURE_RANGE_C.min, TEMPERATURE_REASON).max(TEMPERATURE_RANGE_C.max, TEMPERATURE_REASON)),
  /** half the water's annual range, °C: it follows a cosine through the year around temperature_C (waterTemperature.ts) */
  temperature_swing_C: param(nonNegative).optional(),
  /** the day of the year the water is warmest (default 200, mid-July) */
  warmest_day_of_year: param(inRange({ min: 1, max: 366 })).optional(),
}).superRefine((st, ctx) => {
  const swing = st.temperature_swing_C?.value ?? 0, mean = st.temperature_C.value;
  if (mean - swing < TEMPERATURE_RANGE_C.min || mean + swing > TEMPERATURE_RANGE_C.max) {
    ctx.addIssue({ code: 'custom', path: ['temperature_swing_C', 'value'], message: `${mean} ± ${swing} °C leaves ${TEMPERATURE_RANGE_C.min}–${TEMPERATURE_RANGE_C.max} °C: ${TEMPERATURE_REASON}` });
  }
});

/**
 * A capital investment: what building or enlarging part of the plant costs (a quote, or an estimate with its basis), for
 * the cost of a design and an upgrade's payback against its baseline (kpi/costs.ts, kpi/compare.ts). The plant as built
 * lists none, its capital spent; an upgrade scenario lists what it buys (`addInvestments`).
 */
export const investmentSchema = z.strictObject({
  id: unitId,
  name: bilingual,
  CNY: param(nonNegative),
  /** the units it builds or enlarges: each must be in the plant */
  units: z.array(z.string().min(1)).max(100).optional(),
});
export type InvestmentJson = z.infer<typeof investmentSchema>;

/** The day of the year the water is warmest when a model does not say: mid-July, as in China's monsoon summer. */
export const DEFAULT_WARMEST_DAY = 200;

export const modelSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT, { error: `the first field must be "format": "${MODEL_FORMAT}"` }),
  name: bilingual,
  description: z.string().optional(),
  settings: settingsSchema,
  /** local prices, CNY per unit named in the key (NaOH_CNY_t, electricity_CNY_kWh, cake_disposal_CNY_t, recovered_Ni_CNY_kg …) */
  prices: z.record(z.string().regex(/^[A-Za-z0-9]+(_[A-Za-z0-9]+)*_CNY_(t|kg|kWh|m3)$/, 'price keys read like "NaOH_CNY_t", "recovered_Ni_CNY_kg" or "electricity_CNY_kWh"'), param(nonNegative)).optional(),
  /** what building the design (or an upgrade of it) costs */
  investments: z.array(investmentSchema).max(200, 'at most 200 investments').optional(),
  units: z.array(unitSchema).min(1, 'a plant needs at least one unit').max(500, 'at most 500 units: no park has more'),
  streams: z.array(streamSchema).max(2000, 'at most 2000 streams: no park has more'),
});
export type ModelJson = z.infer<typeof modelSchema>;
