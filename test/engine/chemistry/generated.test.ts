import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, generateSpeciesSource } from '../../../scripts/gen-species.ts';

describe('species.generated.ts', () => {
  it('is exactly what scripts/gen-species.ts generates from the species table (run `npx tsx scripts/gen-species.ts`)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateSpeciesSource());
  });
});
