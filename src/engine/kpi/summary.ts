/**
 * Run-level figures read off the books: flow-weighted mean concentrations of what left through each
 * outlet, per measure. Compliance against a standard arrives with the KPI module.
 */
import { MEASURES } from '../measures.ts';
import type { Books } from './books.ts';

/** Flow-weighted mean of every measure over everything that left through `outlet` so far (mg/L). */
export function outletMeans(books: Books, outlet: string): Record<string, number> | undefined {
  const acc = books.accounts.find((a) => a.name === outlet);
  const volume = acc?.volume[0] ?? 0;
  // a cake's grams over the water it holds is no concentration of anything
  if (acc === undefined || volume <= 0 || acc.fate === 'cake') return undefined;
  const out: Record<string, number> = {};
  for (const m of MEASURES) {
    let g = 0;
    for (const [j, k] of m.terms) g += k * acc.g[j]!;
    out[m.id] = g / volume;
  }
  return out;
}
