/**
 * Which measure reads each regulated parameter of a standard, and a standard's limit on a measure: the
 * engine's compliance and the app's limit lines and colour scales read this one table. Free of zod, so
 * the app's main bundle can take it with models/standards.json.
 */
import { C } from '../components.ts';

/** The standard a plant is held to when no discharge or monitor names one. */
export const DEFAULT_STANDARD = 'GB21900-2008-T3';

/** Standards' parameter names → the measure (measures.ts) that reads them. */
export const PARAMETER_MEASURE: Readonly<Record<string, string>> = {
  Cr_total: 'Cr_total', Cr6: 'Cr6', Ni: 'Ni_total', Cu: 'Cu_total', Zn: 'Zn_total', Cd: 'Cd_total', Pb: 'Pb_total',
  Fe: 'Fe_total', CN_total: 'CN_total', SS: 'SS', COD: 'COD', NH3N: 'NH3N', TN: 'TN', TP: 'TP', TDS: 'TDS', sulfide: 'sulfide',
  hardness_as_CaCO3: 'hardness',
};

/** Parameters read from one component (the component's basis is the standard's). */
export const PARAMETER_COMPONENT: Readonly<Record<string, number>> = { Cl: C.Cl };

/** The limit (mg/L) a standard's table sets on what measure `measureId` reads, or undefined when it sets none. */
export function measureLimit(limits: Readonly<Record<string, number | undefined>>, measureId: string): number | undefined {
  for (const [parameter, measure] of Object.entries(PARAMETER_MEASURE)) {
    if (measure === measureId && limits[parameter] !== undefined) return limits[parameter];
  }
  return undefined;
}
