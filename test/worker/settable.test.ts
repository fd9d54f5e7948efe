import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDirect } from '../../src/worker/direct.ts';
import type { SimClient } from '../../src/worker/client.ts';

const modelText = readFileSync(new URL('../../models/default-park.json', import.meta.url), 'utf8');

describe('settable(unit): one unit’s live operating values, cheap enough to poll during a run', () => {
  let sim: SimClient;
  afterEach(async () => {
    await sim.dispose();
  });

  it('matches units() for that unit, follows an operator action, and is null for an unknown unit', async () => {
    sim = connectDirect();
    const r = await sim.load(modelText, 'models/default-park.json');
    if (!r.ok) throw new Error(r.error.message);
    const all = await sim.units();
    const eq = all.find((u) => u.type === 'equalization');
    if (!eq) throw new Error('the default park has no equalization tank');
    expect(await sim.settable(eq.id)).toEqual(eq.settable);
    const act = await sim.act({ unit: eq.id, set: 'pump_flow_m3_h', value: 5 });
    expect(act.ok).toBe(true);
    expect((await sim.settable(eq.id))?.pump_flow_m3_h).toBe(5);
    expect(await sim.settable('no-such-unit')).toBeNull();
  });
});
