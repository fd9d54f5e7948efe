import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS, scenariosFor } from '../../src/state/scenarios.ts';

describe('the scenarios shipped with the app', () => {
  it('offers each for the model it names, by the path the app knows the model by', () => {
    const forPark = scenariosFor('models/default-park.json');
    expect(forPark.map((s) => s.file)).toContain('models/scenarios/normal-operation.json');
    expect(forPark.every((s) => s.model === 'models/default-park.json')).toBe(true);
    expect(scenariosFor('models/job-shop.json').some((s) => s.file.endsWith('normal-operation.json'))).toBe(false);
    for (const s of SHIPPED_SCENARIOS) {
      expect(s.name.en.length).toBeGreaterThan(0);
      expect(s.name.zh.length).toBeGreaterThan(0);
    }
  });
});
