/**
 * The component list: one order everywhere. A stream is a flow and a Float64Array of
 * concentrations in mg/L (= g/m³) indexed by these constants, so the hot loop never keys by string.
 *
 * Bases: metals as the element (Cr6 as Cr, Ni_p as Ni, CuCN as Cu); CN as CN; CNO as CNO;
 * TIC as C; SO4 as SO4; HSO3 as HSO3; OCl as OCl; S2 as S; NH3N as N; TP as P; COD as O2;
 * NO3N as N; P_p as P; VSS as dry biomass (volatile suspended solids, 1.42 g COD per g); Ca_p (calcite) as Ca.
 *
 * Metal-cyanide complexes are kept per metal (CuCN, NiCN, ZnCN; metal mass, with the cyanide they
 * bind counted in `cnBound_g_per_g`), because they oxidise at very different rates.
 * Complexed metals carry no charge in the charge balance: their ligand's charge is not tracked.
 */

export const COMPONENTS = [
  // dissolved metals (free ion plus hydroxo, chloro, sulfato complexes)
  'Cr6', 'Cr3', 'Ni', 'Cu', 'Zn', 'Cd', 'Pb', 'Fe',
  // ferrous iron from a ferrous-sulfate reductant: it reduces Cr(VI) and is otherwise oxidised to Fe(III)
  'Fe2',
  // complexed metals that do not precipitate until the complex is broken
  'NiCx', 'CuCx', 'CuCN', 'NiCN', 'ZnCN',
  // particulate metal (hydroxide or sulfide solid), as the metal
  'Cr3_p', 'Ni_p', 'Cu_p', 'Zn_p', 'Cd_p', 'Pb_p', 'Fe_p',
  // sulfur bound in metal sulfide solids, as S: it keeps the solids' sulfide in the equilibrium's books
  'S_p',
  // cyanide
  'CN', 'CNO',
  // water chemistry
  'Na', 'Ca', 'Cl', 'SO4', 'TIC',
  // reagent residuals
  'HSO3', 'OCl', 'S2',
  // organics and nutrients
  'COD', 'NH3N', 'TP',
  // suspended solids that are not metal: inert solids and coagulant hydroxide (PAC as Al(OH)3), and flocculant polymer
  'SS_inert', 'PAM',
  // biological treatment (appended, so the indices above stay put): nitrate nitrogen, phosphorus bound
  // in solids (metal phosphate co-precipitate and biomass P), and biomass
  'NO3N', 'P_p', 'VSS',
  // magnesium, the other half of the water's hardness (appended likewise); calcium in calcite (CaCO3), as Ca
  'Mg', 'Ca_p',
] as const;

export type ComponentId = (typeof COMPONENTS)[number];
export const NC = COMPONENTS.length;

/** Index constants: `C.Ni` is where nickel sits in every concentration array. */
export const C = Object.freeze(
  Object.fromEntries(COMPONENTS.map((id, i) => [id, i])) as { readonly [K in ComponentId]: number },
);

const componentIndex = new Map<string, number>(COMPONENTS.map((id, i) => [id, i]));
export function componentIndexOf(id: string): number | undefined {
  return componentIndex.get(id);
}
export function isComponentId(id: string): id is ComponentId {
  return componentIndex.has(id);
}

/** Molar masses, g/mol, of each component on its stated basis. */
export const MOLAR_MASS_G_MOL: Readonly<Record<ComponentId, number>> = {
  Cr6: 51.996, Cr3: 51.996, Ni: 58.693, Cu: 63.546, Zn: 65.38, Cd: 112.414, Pb: 207.2, Fe: 55.845, Fe2: 55.845,
  NiCx: 58.693, CuCx: 63.546, CuCN: 63.546, NiCN: 58.693, ZnCN: 65.38,
  Cr3_p: 51.996, Ni_p: 58.693, Cu_p: 63.546, Zn_p: 65.38, Cd_p: 112.414, Pb_p: 207.2, Fe_p: 55.845, S_p: 32.06,
  CN: 26.017, CNO: 42.017,
  Na: 22.99, Ca: 40.078, Cl: 35.453, SO4: 96.06, TIC: 12.011,
  HSO3: 81.07, OCl: 51.452, S2: 32.06,
  COD: 31.998, NH3N: 14.007, TP: 30.974,
  SS_inert: 1, PAM: 1,
  NO3N: 14.007, P_p: 30.974, VSS: 1,
  Mg: 24.305, Ca_p: 40.078,
};

/**
 * Element groups that reactions must conserve: every form of a metal, whatever its state.
 * The mass books close per group as well as per component.
 */
export const ELEMENT_GROUPS = {
  Cr: ['Cr6', 'Cr3', 'Cr3_p'],
  Ni: ['Ni', 'NiCx', 'NiCN', 'Ni_p'],
  Cu: ['Cu', 'CuCx', 'CuCN', 'Cu_p'],
  Zn: ['Zn', 'ZnCN', 'Zn_p'],
  Cd: ['Cd', 'Cd_p'],
  Pb: ['Pb', 'Pb_p'],
  Fe: ['Fe', 'Fe2', 'Fe_p'],
} as const satisfies Record<string, readonly ComponentId[]>;
export type ElementId = keyof typeof ELEMENT_GROUPS;
export const ELEMENTS = Object.keys(ELEMENT_GROUPS) as ElementId[];

/** Particulate forms: what a clarifier or filter can catch. */
export const PARTICULATES = ['Cr3_p', 'Ni_p', 'Cu_p', 'Zn_p', 'Cd_p', 'Pb_p', 'Fe_p', 'S_p', 'SS_inert', 'PAM', 'P_p', 'VSS', 'Ca_p'] as const satisfies readonly ComponentId[];

/**
 * Dry-solids mass per gram of particulate component, taking the metal as its hydroxide
 * (Cr(OH)3, Ni(OH)2, Cu(OH)2, Zn(OH)2, Cd(OH)2, Pb(OH)2, Fe(OH)3; derived from molar masses,
 * chemistry.md "sludge (dry hydroxide)"). P_p is weighed as AlPO4 (121.95 / 30.974 = 3.94 g per g P), the
 * salt PAC makes; the aluminium it carries is taken out of the coagulant's Al(OH)3 floc (SS_inert) when it
 * forms, so no solids are counted twice. Biomass P is weighed the same way: a small overcount of
 * biological sludge (≈ 0.02 g P per g VSS → ≈ 6 %). VSS is biomass as itself; Ca_p is weighed as calcite (100.09 / 40.078 g per g Ca).
 */
export const SOLIDS_G_PER_G: Readonly<Partial<Record<ComponentId, number>>> = {
  Cr3_p: 1.98, Ni_p: 1.58, Cu_p: 1.54, Zn_p: 1.52, Cd_p: 1.30, Pb_p: 1.16, Fe_p: 1.91, S_p: 1, SS_inert: 1, PAM: 1,
  P_p: 121.95 / 30.974, VSS: 1, Ca_p: 100.09 / 40.078,
};

/** COD of biomass, g O2 per g VSS (C5H7O2N: 160 / 113). */
export const COD_PER_VSS = 1.42;

/** Grams of cyanide (as CN) bound per gram of metal in the cyanide complexes Cu(CN)3²⁻, Ni(CN)4²⁻, Zn(CN)4²⁻. */
export const CN_BOUND_G_PER_G: Readonly<Partial<Record<ComponentId, number>>> = {
  CuCN: (3 * 26.017) / 63.546,
  NiCN: (4 * 26.017) / 58.693,
  ZnCN: (4 * 26.017) / 65.38,
};

/** Human-readable labels (English, 中文) and the unit each concentration is shown in. */
export const COMPONENT_LABELS: Readonly<Record<ComponentId, { en: string; zh: string }>> = {
  Cr6: { en: 'Cr(VI)', zh: '六价铬' }, Cr3: { en: 'Cr(III) dissolved', zh: '三价铬(溶解)' },
  Ni: { en: 'Ni dissolved', zh: '镍(溶解)' }, Cu: { en: 'Cu dissolved', zh: '铜(溶解)' },
  Zn: { en: 'Zn dissolved', zh: '锌(溶解)' }, Cd: { en: 'Cd dissolved', zh: '镉(溶解)' },
  Pb: { en: 'Pb dissolved', zh: '铅(溶解)' }, Fe: { en: 'Fe(III) dissolved', zh: '三价铁(溶解)' },
  Fe2: { en: 'Fe(II) dissolved', zh: '亚铁' },
  NiCx: { en: 'Ni complexed', zh: '络合镍' }, CuCx: { en: 'Cu complexed', zh: '络合铜' },
  CuCN: { en: 'Cu cyanide complex', zh: '氰化铜络合物' }, NiCN: { en: 'Ni cyanide complex', zh: '氰化镍络合物' },
  ZnCN: { en: 'Zn cyanide complex', zh: '氰化锌络合物' },
  Cr3_p: { en: 'Cr particulate', zh: '颗粒态铬' }, Ni_p: { en: 'Ni particulate', zh: '颗粒态镍' },
  Cu_p: { en: 'Cu particulate', zh: '颗粒态铜' }, Zn_p: { en: 'Zn particulate', zh: '颗粒态锌' },
  Cd_p: { en: 'Cd particulate', zh: '颗粒态镉' }, Pb_p: { en: 'Pb particulate', zh: '颗粒态铅' },
  Fe_p: { en: 'Fe particulate', zh: '颗粒态铁' },
  S_p: { en: 'sulfide in solids (as S)', zh: '硫化物沉淀 (以S计)' },
  CN: { en: 'free cyanide', zh: '游离氰' }, CNO: { en: 'cyanate', zh: '氰酸盐' },
  Na: { en: 'sodium', zh: '钠' }, Ca: { en: 'calcium', zh: '钙' }, Cl: { en: 'chloride', zh: '氯离子' },
  SO4: { en: 'sulfate', zh: '硫酸根' }, TIC: { en: 'inorganic carbon', zh: '无机碳' },
  HSO3: { en: 'bisulfite residual', zh: '亚硫酸氢根余量' }, OCl: { en: 'hypochlorite residual', zh: '余氯(次氯酸根)' },
  S2: { en: 'sulfide residual', zh: '硫化物余量' },
  COD: { en: 'COD', zh: '化学需氧量' }, NH3N: { en: 'ammonia nitrogen', zh: '氨氮' }, TP: { en: 'total phosphorus', zh: '总磷' },
  SS_inert: { en: 'inert suspended solids', zh: '惰性悬浮物' },
  PAM: { en: 'flocculant (PAM)', zh: '絮凝剂 (PAM)' },
  NO3N: { en: 'nitrate nitrogen', zh: '硝酸盐氮' },
  P_p: { en: 'phosphorus in solids', zh: '颗粒态磷' },
  VSS: { en: 'biomass (VSS)', zh: '生物污泥 (VSS)' },
  Mg: { en: 'magnesium', zh: '镁' },
  Ca_p: { en: 'calcium in calcite (as Ca)', zh: '碳酸钙沉淀 (以Ca计)' },
};
