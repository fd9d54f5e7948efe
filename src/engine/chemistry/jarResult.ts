/**
 * What a jar test of a plant water gives (jar.ts makes it, in the worker or the CLI) and how the screen reads it: the
 * curve's shape, the activity model's limit, the pH ranges that meet a standard. Plain data and arithmetic, so the
 * main thread can read a jar without loading the equilibrium solver.
 */

/** Ionic strength up to which Davies activities hold, mol/L: beyond it a jar result is indicative only. */
export const DAVIES_LIMIT_mol_L = 0.5;

export interface JarElement {
  /** element group, as the standards count it: `Ni` is Ni + NiCx + NiCN + Ni_p */
  id: string;
  total_mg_L: number;
  /** what no pH precipitates: complexed and cyanide-complexed metal, Cr(VI), Fe(II) */
  held_mg_L: number;
  /** what stays in the water once the solids are separated, per pH of the curve: dissolved plus held */
  soluble_mg_L: number[];
  /** the lowest soluble value on the curve and the pH where it lies */
  min_mg_L: number;
  min_pH: number;
}

export interface WaterJar {
  pH: number[];
  /** every element the water carries, in the order Cr Ni Cu Zn Cd Pb Fe */
  elements: JarElement[];
  /** the base (or acid) that holds each pH, mg/L of the water */
  NaOH_mg_L: number[];
  HCl_mg_L: number[];
  /** pH values at which no equilibrium was found; left out of the arrays above */
  unsolved_pH: number[];
  /** the highest ionic strength on the curve; above DAVIES_LIMIT_mol_L the curve is indicative only */
  maxIonicStrength_mol_L: number;
  /** Na₂S added to the sample, mg/L as S */
  sulfideDose_mg_L: number;
  /** dissolved sulfide left in the water per pH, mg/L as S (H₂S, HS⁻ and its metal complexes); zeros without sulfide */
  sulfideLeft_mg_L: number[];
}

/**
 * The pH ranges of the curve over which every element that has a limit (mg/L, by element id) stays at or under
 * it, as [from, to] pairs of curve points; empty when no pH meets them all.
 */
export function jarCompliantRanges(jar: WaterJar, limits_mg_L: Readonly<Record<string, number | undefined>>): [number, number][] {
  const judged = jar.elements.filter((e) => limits_mg_L[e.id] !== undefined);
  const ranges: [number, number][] = [];
  let from: number | null = null;
  jar.pH.forEach((pH, k) => {
    const ok = judged.every((e) => e.soluble_mg_L[k]! <= limits_mg_L[e.id]!);
    if (ok && from === null) from = pH;
    if (from !== null && (!ok || k === jar.pH.length - 1)) {
      ranges.push([from, ok ? pH : jar.pH[k - 1]!]);
      from = null;
    }
  });
  return ranges;
}
