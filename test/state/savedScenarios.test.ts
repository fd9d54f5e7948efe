/**
 * Scenarios kept in the browser: what the list holds and how kept design changes are named. Where
 * there is no IndexedDB (here, in Node) they are kept for the session and the store says so; the
 * browser test keeps them across reloads in Chromium's IndexedDB.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { designKeepFile, forgetScenario, keepScenario, savedFor, savedScenarioStore } from '../../src/state/savedScenarios.ts';

const PARK = 'models/default-park.json';
const scenario = (en: string) => ({ format: 'platingtwin/scenario@1', name: { en, zh: `${en}（中文）` }, overrides: { 'eq-ni.volume_m3': 200 } });

describe('scenarios kept in the browser', () => {
  beforeEach(() => savedScenarioStore.setState({ list: [], persistent: true }));

  it('keeps one entry per model and file, newest first; the same file kept again replaces its entry', async () => {
    await keepScenario(PARK, 'a.json', scenario('A'), new Date('2026-11-01T00:00:00Z'));
    await keepScenario(PARK, 'b.json', scenario('B'), new Date('2026-11-02T00:00:00Z'));
    await keepScenario('models/job-shop.json', 'a.json', scenario('A for the job shop'), new Date('2026-11-03T00:00:00Z'));
    expect(savedFor(savedScenarioStore.getState().list, PARK).map((s) => [s.file, s.name.en])).toEqual([['b.json', 'B'], ['a.json', 'A']]);
    await keepScenario(PARK, 'a.json', scenario('A, revised'), new Date('2026-11-04T00:00:00Z'));
    expect(savedFor(savedScenarioStore.getState().list, PARK).map((s) => [s.file, s.name.en, s.name.zh])).toEqual([['a.json', 'A, revised', 'A, revised（中文）'], ['b.json', 'B', 'B（中文）']]);
    expect(savedFor(savedScenarioStore.getState().list, 'models/job-shop.json')).toHaveLength(1);
  });

  it('names a scenario without a name after its file, and forgets by key', async () => {
    const e = await keepScenario(PARK, 'nameless.json', { format: 'platingtwin/scenario@1' });
    expect(e.name).toEqual({ en: 'nameless.json', zh: 'nameless.json' });
    await forgetScenario(e.key);
    expect(savedScenarioStore.getState().list).toEqual([]);
  });

  it('without IndexedDB keeps them for the session and says so', async () => {
    expect(typeof indexedDB).toBe('undefined');
    await keepScenario(PARK, 'a.json', scenario('A'));
    expect(savedScenarioStore.getState()).toMatchObject({ persistent: false, list: [{ file: 'a.json' }] });
  });

  it('gives kept design changes the first file name free for the model', async () => {
    expect(designKeepFile([], PARK, 'default-park')).toBe('default-park-design-changes-1.scenario.json');
    await keepScenario(PARK, 'default-park-design-changes-1.scenario.json', scenario('D1'));
    await keepScenario(PARK, 'default-park-design-changes-3.scenario.json', scenario('D3'));
    await keepScenario('models/job-shop.json', 'default-park-design-changes-2.scenario.json', scenario('elsewhere'));
    expect(designKeepFile(savedScenarioStore.getState().list, PARK, 'default-park')).toBe('default-park-design-changes-2.scenario.json');
  });
});
