/** Every unit type the engine knows, by the `type` a model file names. */
import { influent } from './influent.ts';
import { equalization, emergencyTank, spentBathTank } from './tanks.ts';
import { discharge, mixer, splitter } from './simple.ts';
import { crReduction } from './crReduction.ts';
import { cyanideOxidation } from './cyanide.ts';
import { complexBreaking } from './complexBreaking.ts';
import { precipitation } from './precipitation.ts';
import { clarifier } from './clarifier.ts';
import { sandFilter, ultrafiltration } from './filter.ts';
import { reverseOsmosis } from './ro.ts';
import { thickener } from './thickener.ts';
import { filterPress } from './filterPress.ts';
import { reuseTank } from './reuseTank.ts';
import { evaporator } from './evaporator.ts';
import { monitor } from './monitor.ts';
import { biological } from './biological.ts';
import type { AnyUnitType } from './unitType.ts';

export const UNIT_TYPES: ReadonlyMap<string, AnyUnitType> = new Map(
  [influent, equalization, emergencyTank, spentBathTank, mixer, splitter, discharge, crReduction, cyanideOxidation, complexBreaking, precipitation, clarifier, sandFilter, ultrafiltration, reverseOsmosis, thickener, filterPress, reuseTank, evaporator, monitor, biological].map((u) => [u.type, u]),
);
