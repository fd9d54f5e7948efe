/**
 * `jar --metals Ni=50,Cu=40,Zn=30 --ph 9 | --ph 6:12:0.25 [--ions Na=230,Cl=355,SO4=500] [--salt chloride|sulfate|none]
 *      [--sulfide S=32] [--temperature C] [--json]`
 * An equilibrium jar test: the metals (mg/L of the element; Ni Cu Zn Cd Pb Cr3 Fe — Cr means Cr(III), Fe is Fe(III))
 * brought to a pH held with NaOH (or HCl), solids allowed to form. Prints dissolved and precipitated metal, the phases
 * formed and the NaOH dose the pH needs.
 *
 * Water: without --ions, a 0.01 mol/L NaCl background (Na 229.9, Cl 354.5 mg/L); --ions replaces it (ions not named
 * are zero; accepted Na, Ca, Cl, SO4, TIC as C, NH3N and NO3N as N). Metals come with their counter-ion — as chlorides by default, like
 * the PHREEQC reference points (shared reference phreeqc-checks.json); --salt sulfate adds SO4 instead, --salt none
 * nothing. --sulfide doses Na₂S (mg/L as S) for sulfide precipitation. --temperature sets the water's, °C (default 25; the constants move to it, chemistry/thermo.ts).
 *
 * With --model (or --scenario) and --unit the water is a grab sample from a simulated plant instead (jarSample.ts).
 */
import {
  CONSTANTS_TEMPERATURE_C, DAVIES_LIMIT_mol_L, M, TEMPERATURE_RANGE_C, METAL_CHARGE, METAL_MOLAR_MASS_G_MOL, TOT, TOT_MOLAR_MASS_G_MOL, createEquilibriumWorkspace, jarPoint, pHSweep, solveAtPH,
} from '../engine/chemistry/index.ts';
import type { JarPoint, MetalId } from '../engine/chemistry/index.ts';
import { mgL_to_molL } from '../engine/convert.ts';
import { UsageError, numberOption, parseArgs } from './args.ts';
import { MAX_CONC_REASON, MAX_CONC_mg_L } from '../engine/model/params.ts';
import { baseCell, columns, jarOfPlantSample } from './jarSample.ts';
import { figure } from './format.ts';

const METAL_ALIASES: Readonly<Record<string, MetalId>> = { Ni: 'Ni', Cu: 'Cu', Zn: 'Zn', Cd: 'Cd', Pb: 'Pb', Cr3: 'Cr3', Cr: 'Cr3', Fe: 'Fe' };
const ION_TOTALS = { Na: TOT.Na, Ca: TOT.Ca, Cl: TOT.Cl, SO4: TOT.SO4, TIC: TOT.TIC, NH3N: TOT.NH3N, NO3N: TOT.NO3N } as const;
type IonId = keyof typeof ION_TOTALS;
const SALTS = ['chloride', 'sulfate', 'none'] as const;
type Salt = (typeof SALTS)[number];

export async function jarCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['metals', 'ph', 'ions', 'sulfide', 'salt', 'temperature', 'model', 'scenario', 'unit', 'days', 'seed', 'from'], ['json']);
  if (args.positionals.length > 0) throw new UsageError(`jar takes no positional arguments, got '${args.positionals[0]}'`);
  if (args.options.has('model') || args.options.has('scenario')) {
    if (args.options.has('temperature')) throw new UsageError("--temperature: a plant's sample is at the plant's temperature (its settings.temperature_C)");
    jarOfPlantSample(args, parsePH(args), parseSulfide(args.options.get('sulfide')));
    return;
  }
  for (const plantOnly of ['unit', 'days', 'seed', 'from']) {
    if (args.options.has(plantOnly)) throw new UsageError(`--${plantOnly} samples a plant: give --model (or --scenario) with it`);
  }
  const metalsRaw = args.options.get('metals');
  if (metalsRaw === undefined) throw new UsageError('--metals is required, e.g. --metals Ni=50,Cu=40,Zn=30 (mg/L)');
  const metals = parseList('metals', metalsRaw, (name) => METAL_ALIASES[name], 'Ni, Cu, Zn, Cd, Pb, Cr3 (or Cr), Fe');
  const ionsRaw = args.options.get('ions');
  const ions = ionsRaw === undefined ? undefined : parseList('ions', ionsRaw, (name) => (name in ION_TOTALS ? (name as IonId) : undefined), Object.keys(ION_TOTALS).join(', '));
  const saltRaw = args.options.get('salt') ?? 'chloride';
  if (!(SALTS as readonly string[]).includes(saltRaw)) throw new UsageError(`--salt: '${saltRaw}' is not one of ${SALTS.join(', ')}`);
  const salt = saltRaw as Salt;
  const sulfide_mg_L = parseSulfide(args.options.get('sulfide'));
  const pHs = parsePH(args);
  const temperature_C = numberOption(args, 'temperature', TEMPERATURE_RANGE_C) ?? CONSTANTS_TEMPERATURE_C;

  const ws = createEquilibriumWorkspace({ temperature_C });
  const t = ws.tot_mol_L;
  t.fill(0);
  if (ions === undefined) {
    t[TOT.Na] = 0.01;
    t[TOT.Cl] = 0.01;
  } else {
    for (const [ion, mg] of ions) t[ION_TOTALS[ion]] = mgL_to_molL(mg, TOT_MOLAR_MASS_G_MOL[ION_TOTALS[ion]]!);
  }
  for (const [metal, mg] of metals) {
    const i = M[metal];
    const mol = mgL_to_molL(mg, METAL_MOLAR_MASS_G_MOL[i]!);
    t[i] = t[i]! + mol;
    const charge = METAL_CHARGE[i]! * mol;
    if (salt === 'chloride') t[TOT.Cl] = t[TOT.Cl]! + charge;
    else if (salt === 'sulfate') t[TOT.SO4] = t[TOT.SO4]! + charge / 2;
  }
  // dosed as Na₂S, two sodium per sulfide, as the jar test of a plant's sample doses it (jarOfWater)
  const sulfide_mol_L = mgL_to_molL(sulfide_mg_L, TOT_MOLAR_MASS_G_MOL[TOT.S2]!);
  t[TOT.S2] = sulfide_mol_L;
  t[TOT.Na] = t[TOT.Na]! + 2 * sulfide_mol_L;

  const shown = [...new Set(metals.map(([m]) => m))];
  const curve = pHs.map((pH) => {
    solveAtPH(ws, pH, true);
    // a water the activity model cannot describe (a brine of several mol/L) is an answer to give, not a crash
    if (!ws.converged) {
      throw new UsageError(`no equilibrium found at pH ${pH}: at an ionic strength of ${ws.ionicStrength_mol_L.toPrecision(3)} mol/L the water is beyond what the activity model (Davies, up to ≈ ${DAVIES_LIMIT_mol_L} mol/L) describes`);
    }
    return jarPoint(ws, pH, shown);
  });

  if (args.flags.has('json')) {
    const out = curve.length === 1 && !args.options.get('ph')!.includes(':') ? curve[0] : { curve };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(table(curve, shown, describe(metals, ions, salt, sulfide_mg_L, ws.temperature_C)));
}

/** `NAME=value,NAME=value`, each value a finite, non-negative number; names resolved by `resolve`. */
function parseList<K extends string>(option: string, raw: string, resolve: (name: string) => K | undefined, accepted: string): [K, number][] {
  const out: [K, number][] = [];
  const seen = new Set<string>();
  if (raw.trim() === '') throw new UsageError(`--${option}: empty list`);
  for (const item of raw.split(',')) {
    const m = /^\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(\S+)\s*$/.exec(item);
    if (m === null) throw new UsageError(`--${option}: '${item}' is not NAME=mg/L`);
    const name = m[1]!;
    const key = resolve(name);
    if (key === undefined) throw new UsageError(`--${option}: unknown '${name}' (accepted: ${accepted})`);
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new UsageError(`--${option}: ${name}='${m[2]}' is not a number`);
    if (v < 0) throw new UsageError(`--${option}: ${name}=${v} is negative`);
    if (v > MAX_CONC_mg_L) throw new UsageError(`--${option}: ${name}=${v} is more than ${MAX_CONC_REASON}`);
    if (seen.has(key)) throw new UsageError(`--${option}: ${name} is given twice`);
    seen.add(key);
    out.push([key, v]);
  }
  return out;
}

function parseSulfide(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const m = /^\s*(?:S\s*=\s*)?(\S+)\s*$/.exec(raw);
  const v = m === null ? NaN : Number(m[1]);
  if (m === null || !Number.isFinite(v)) throw new UsageError(`--sulfide: '${raw}' is not S=mg/L`);
  if (v < 0) throw new UsageError(`--sulfide: ${v} is negative`);
  if (v > MAX_CONC_mg_L) throw new UsageError(`--sulfide: ${v} is more than ${MAX_CONC_REASON}`);
  return v;
}

/** `--ph 9` or `--ph start:stop:step`, pH 0–14. */
function parsePH(args: ReturnType<typeof parseArgs>): number[] {
  const raw = args.options.get('ph');
  if (raw === undefined) throw new UsageError('--ph is required: a value (--ph 9) or a range (--ph 6:12:0.25)');
  if (!raw.includes(':')) return [numberOption(args, 'ph', { min: 0, max: 14 })!];
  const parts = raw.split(':');
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 3 || nums.some((v) => !Number.isFinite(v))) throw new UsageError(`--ph: '${raw}' is not start:stop:step`);
  const [start, stop, step] = nums as [number, number, number];
  try {
    return pHSweep(start, stop, step);
  } catch (e) {
    throw new UsageError(`--ph: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function describe(metals: [MetalId, number][], ions: [IonId, number][] | undefined, salt: Salt, sulfide_mg_L: number, temperature_C: number): string {
  const m = metals.map(([id, mg]) => `${id} ${mg}`).join(', ');
  const water = ions === undefined ? '0.01 mol/L NaCl background' : ions.map(([id, mg]) => `${id} ${mg}`).join(', ') + ' mg/L';
  const s = sulfide_mg_L > 0 ? `; Na₂S ${sulfide_mg_L} mg/L as S` : '';
  return `jar test at ${temperature_C} °C: ${m} mg/L${salt === 'none' ? '' : ` as ${salt}s`}; ${water}${s}; pH held with NaOH (or HCl)`;
}

function table(curve: JarPoint[], shown: MetalId[], header: string): string {
  const cols = ['pH', 'base mg/L', ...shown.map((m) => `${m} diss`), ...shown.map((m) => `${m} solid`), 'phases'];
  const rows = curve.map((p) => [
    p.pH.toFixed(2),
    baseCell(p.HCl_mg_L, p.NaOH_mg_L),
    ...shown.map((m) => figure(p.dissolved_mg_L[m]!)),
    ...shown.map((m) => figure(p.solids_mg_L[m]!)),
    p.phases.map((ph) => ph.name).join(' ') || '—',
  ]);
  const warnings = curve.flatMap((p) => (p.warning === undefined ? [] : [`note: at pH ${p.pH.toFixed(2)} the ${p.warning}`]));
  return [header, 'dissolved (diss) and precipitated (solid) metal in mg/L of the element; base: the dose that holds the pH', ...columns(cols, rows, true), ...warnings, ''].join('\n');
}
