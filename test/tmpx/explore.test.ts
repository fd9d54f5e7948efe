import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shots, startHarness, stopHarness, waitForStatus, waitForTwin, watchPage, type Harness, type W } from '../e2e/harness.ts';
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await stopHarness(h); });
for (const model of ['job-shop.json', 'nickel-rinse-ro.json']) it(`explores ${model}`, async () => {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  const watch = watchPage(page);
  await page.goto(h.url);
  await waitForStatus(page, 'idle', 60_000);
  await page.getByTestId('model-file').setInputFiles({ name: model, mimeType: 'application/json', buffer: readFileSync(`models/${model}`) });
  await page.waitForFunction((m) => (window as unknown as W).__pt.modelStore.getState().info?.file === m, model);
  await waitForStatus(page, 'idle');
  await waitForTwin(page);
  await page.getByTestId('speed-max').click();
  await page.getByTestId('play').click();
  await waitForStatus(page, 'done', 120_000);
  for (const tab of ['alarms', 'profile', 'compliance', 'books']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${shots}/explore-${model}-${tab}.png` });
  }
  console.log(model, JSON.stringify(watch.errors));
  expect(watch.errors).toEqual([]);
  await page.close();
}, 200_000);
