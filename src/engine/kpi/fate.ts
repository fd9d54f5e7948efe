/**
 * Where a metal went over a run, from its mass books: the share that left by each kind of outlet (`cake` — what
 * a recycler can win back —, `recovered` — back to the plating baths —, `effluent`, `reuse`, `concentrate`, `hauled`) and the share still in the plant
 * (`inventory`). Shares of what the books account for (outflows plus inventory), so they add up to 100 % whatever
 * the plant held at the start.
 */
import type { ComponentBooks, MassBalance } from '../api.ts';
import { ELEMENTS, type ElementId } from '../components.ts';

export interface FateShare {
  /** the outlet kind (an account's name before its colon), or `inventory` */
  kind: string;
  kg: number;
  pct: number;
}

const ORDER = ['cake', 'recovered', 'effluent', 'reuse', 'concentrate', 'hauled', 'inventory'];

/** The shares of one book, the kinds in a fixed order (cake first), those that took nothing left out. */
export function fateOf(books: ComponentBooks): FateShare[] {
  const byKind = new Map<string, number>();
  for (const [account, kg] of Object.entries(books.out_kg)) {
    const colon = account.indexOf(':');
    const kind = colon > 0 ? account.slice(0, colon) : account;
    byKind.set(kind, (byKind.get(kind) ?? 0) + kg);
  }
  byKind.set('inventory', books.inventory_kg);
  const total = [...byKind.values()].reduce((a, b) => a + Math.max(0, b), 0);
  if (!(total > 0)) return [];
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return [...byKind]
    .filter(([, kg]) => kg > 0)
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([kind, kg]) => ({ kind, kg, pct: (100 * kg) / total }));
}

/** Every element that came in, with its shares. */
export function metalFates(balance: Partial<MassBalance>): { element: ElementId; in_kg: number; fate: FateShare[] }[] {
  return ELEMENTS.flatMap((element) => {
    const books = balance[`${element}_total`];
    const fate = books === undefined || !(books.in_kg > 0) ? [] : fateOf(books);
    return fate.length === 0 || books === undefined ? [] : [{ element, in_kg: books.in_kg, fate }];
  });
}
