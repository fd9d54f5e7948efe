/**
 * Jar tests: a water brought to a series of pH values with NaOH (or HCl), solids allowed to form — what an engineer
 * does at the bench to choose a precipitation pH. One definition for the CLI's `jar` (a water made up from its
 * metals and ions) and the app's jar test of a sample taken from the plant (a stream's composition).
 */
import { C, ELEMENT_GROUPS, NC } from '../components.ts';
import { mgL_to_molL, molL_to_mgL } from '../convert.ts';
import { M, METAL_COMPONENT, METAL_MOLAR_MASS_G_MOL, METAL_PARTICULATE, PHASES, TOT, TOT_MOLAR_MASS_G_MOL, type MetalId } from './constants.ts';
import { createEquilibriumWorkspace, loadTotalsFromStream, solveAtPH } from './equilibrium.ts';
import type { EquilibriumWorkspace } from './workspace.ts';
import { DAVIES_LIMIT_mol_L, type WaterJar } from './jarResult.ts';

/** One pH point of a jar test of named metals. */
export interface JarPoint {
  pH: number;
  dissolved_mg_L: Record<string, number>;
  solids_mg_L: Record<string, number>;
  phases: { name: string; metal: string; metal_mg_L: number }[];
  NaOH_mg_L: number;
  HCl_mg_L: number;
  ionic_strength_mol_L: number;
  /** only where the water is saltier than the activity model describes */
  warning?: string;
}

/** The point the workspace's last fixed-pH solve left, for the metals `shown`. */
export function jarPoint(ws: EquilibriumWorkspace, pH: number, shown: readonly MetalId[]): JarPoint {
  const dissolved_mg_L: Record<string, number> = {};
  const solids_mg_L: Record<string, number> = {};
  for (const m of shown) {
    dissolved_mg_L[m] = ws.dissolved_mg_L[M[m]]!;
    solids_mg_L[m] = ws.precipitated_mg_L[M[m]]!;
  }
  const phases = PHASES.flatMap((p, k) => {
    const mol = ws.phase_mol_L[k]!;
    return mol > 0 ? [{ name: p.name, metal: p.metal, metal_mg_L: molL_to_mgL(mol, METAL_MOLAR_MASS_G_MOL[M[p.metal]]!) }] : [];
  });
  const I = ws.ionicStrength_mol_L;
  const warning = I > DAVIES_LIMIT_mol_L
    ? `ionic strength ${I.toPrecision(3)} mol/L is beyond the ≈ ${DAVIES_LIMIT_mol_L} mol/L the activity model (Davies) describes: indicative only`
    : undefined;
  return { pH, dissolved_mg_L, solids_mg_L, phases, NaOH_mg_L: ws.NaOH_mg_L, HCl_mg_L: ws.HCl_mg_L, ionic_strength_mol_L: I, ...(warning === undefined ? {} : { warning }) };
}

/** Most points a jar test's sweep may take. */
export const MAX_JAR_POINTS = 1001;

/**
 * The pH values of a sweep from `from` to `to` by `step`, both ends included (rounded to 1e-9 so 6 + 0.1·k prints
 * as it reads); a RangeError saying what is wrong with a sweep that leaves 0–14, does not rise or is too long.
 */
export function pHSweep(from: number, to: number, step: number): number[] {
  if (![from, to, step].every(Number.isFinite)) throw new RangeError('start, stop and step must be numbers');
  if (from < 0 || to > 14) throw new RangeError(`range ${from}–${to} leaves pH 0–14`);
  if (!(step > 0)) throw new RangeError(`step ${step} must be positive`);
  if (!(to >= from)) throw new RangeError(`stop ${to} is below start ${from}`);
  const n = Math.floor((to - from) / step + 1e-9) + 1;
  if (n > MAX_JAR_POINTS) throw new RangeError(`${from}:${to}:${step} makes ${n} points, more than ${MAX_JAR_POINTS}`);
  return Array.from({ length: n }, (_, k) => Math.round((from + k * step) * 1e9) / 1e9);
}

/** The elements a plant water's jar test reports (as the standards count them), each with the metal that precipitates. */
const JAR_ELEMENTS: readonly (readonly [keyof typeof ELEMENT_GROUPS, MetalId])[] = [
  ['Cr', 'Cr3'], ['Ni', 'Ni'], ['Cu', 'Cu'], ['Zn', 'Zn'], ['Cd', 'Cd'], ['Pb', 'Pb'], ['Fe', 'Fe'],
];
/** A total below this (mg/L) is no metal to test for. */
const TRACE_mg_L = 1e-6;

/** The most Na₂S a jar test may add, mg/L as S: ten times a generous polishing dose. */
export const MAX_JAR_SULFIDE_mg_L = 1000;

/**
 * A jar test of a plant water (NC layout, mg/L): its metals, dissolved and particulate alike, brought to each of
 * `pHs` and allowed to precipitate, with `sulfideDose_mg_L` of Na₂S (as S) added first. Complexed metal is held out,
 * as in a reactor that does not break complexes.
 */
export function jarOfWater(conc_mg_L: Float64Array, pHs: readonly number[], opts: { temperature_C?: number; sulfideDose_mg_L?: number } = {}): WaterJar {
  if (conc_mg_L.length !== NC) throw new RangeError(`jar: a water has ${NC} components, got ${conc_mg_L.length}`);
  const dose = opts.sulfideDose_mg_L ?? 0;
  if (!(dose >= 0 && dose <= MAX_JAR_SULFIDE_mg_L)) throw new RangeError(`a sulfide dose must be 0–${MAX_JAR_SULFIDE_mg_L} mg/L as S, got ${dose}`);
  const ws = createEquilibriumWorkspace(opts.temperature_C === undefined ? {} : { temperature_C: opts.temperature_C });
  const doseS_mol_L = mgL_to_molL(dose, TOT_MOLAR_MASS_G_MOL[TOT.S2]!);
  const present = JAR_ELEMENTS.flatMap(([el, metal]) => {
    const total = ELEMENT_GROUPS[el].reduce((s, id) => s + Math.max(0, conc_mg_L[C[id]]!), 0);
    if (!(total > TRACE_mg_L)) return [];
    const i = M[metal];
    const available = Math.max(0, conc_mg_L[METAL_COMPONENT[i]!]!) + Math.max(0, conc_mg_L[METAL_PARTICULATE[i]!]!);
    return [{ el, i, total, held: Math.max(0, total - available) }];
  });
  const jar: WaterJar = { pH: [], elements: present.map((p) => ({ id: p.el, total_mg_L: p.total, held_mg_L: p.held, soluble_mg_L: [], min_mg_L: Infinity, min_pH: NaN })), NaOH_mg_L: [], HCl_mg_L: [], unsolved_pH: [], maxIonicStrength_mol_L: 0, sulfideDose_mg_L: dose, sulfideLeft_mg_L: [] };
  // ascending pH: each solve starts warm from its neighbour
  for (const pH of [...pHs].sort((a, b) => a - b)) {
    loadTotalsFromStream(conc_mg_L, ws, true);
    // Na₂S: two sodium per sulfide
    ws.tot_mol_L[TOT.S2]! += doseS_mol_L;
    ws.tot_mol_L[TOT.Na]! += 2 * doseS_mol_L;
    solveAtPH(ws, pH, true);
    if (!ws.converged || !Number.isFinite(ws.NaOH_mg_L) || !Number.isFinite(ws.HCl_mg_L)) {
      jar.unsolved_pH.push(pH);
      continue;
    }
    jar.pH.push(pH);
    jar.NaOH_mg_L.push(ws.NaOH_mg_L);
    jar.HCl_mg_L.push(ws.HCl_mg_L);
    jar.sulfideLeft_mg_L.push(molL_to_mgL(ws.sulfideDissolved_mol_L, TOT_MOLAR_MASS_G_MOL[TOT.S2]!));
    jar.maxIonicStrength_mol_L = Math.max(jar.maxIonicStrength_mol_L, ws.ionicStrength_mol_L);
    present.forEach((p, k) => {
      const e = jar.elements[k]!;
      const soluble = Math.max(0, p.total - ws.precipitated_mg_L[p.i]!);
      e.soluble_mg_L.push(soluble);
      if (soluble < e.min_mg_L) {
        e.min_mg_L = soluble;
        e.min_pH = pH;
      }
    });
  }
  return jar;
}
