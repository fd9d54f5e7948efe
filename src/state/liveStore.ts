/**
 * Units' runtime-settable values as the worker reports them now (`units()`): the model's values
 * overlaid with every operator and scenario action so far. Refreshed after each action and, while
 * a run goes, about once a second by whoever shows them.
 */
import { createStore } from 'zustand/vanilla';

export type SettableValues = Record<string, number | boolean>;

export interface LiveState {
  settable: Record<string, SettableValues>;
  /** simulated time of the last refresh */
  at_s: number;
}

export const liveStore = createStore<LiveState>()(() => ({ settable: {}, at_s: 0 }));
