/** Every unit type the engine knows, by the `type` a model file names. */
import { influent } from './influent.ts';
import { equalization, emergencyTank } from './tanks.ts';
import { discharge, mixer, splitter } from './simple.ts';
import type { AnyUnitType } from './unitType.ts';

export const UNIT_TYPES: ReadonlyMap<string, AnyUnitType> = new Map(
  [influent, equalization, emergencyTank, mixer, splitter, discharge].map((u) => [u.type, u]),
);
