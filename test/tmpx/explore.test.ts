import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, stopHarness, waitForStatus, waitForTwin, type Harness, type W } from '../e2e/harness.ts';
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await stopHarness(h); });
it('why', async () => {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(h.url);
  await waitForStatus(page, 'idle', 60_000);
  await waitForTwin(page);
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(500);
    console.log(JSON.stringify(await page.evaluate(() => { const s = (window as unknown as W).__pt.scene!; return [s.frames(), (s.runtime() as unknown as { why: unknown }).why]; })));
  }
  expect(1).toBe(1);
}, 100_000);
